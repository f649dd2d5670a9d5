"""The pair model: how likely two claims state one proposition, and when to group.

A logistic model over :data:`features.FEATURES`, and the threshold of average-link
clustering (:mod:`clustering`): two clusters merge while the mean probability over all
the pairs across them reaches ``threshold``. Every number here is chosen by
leave-one-event-out on the development sets: ``summitledger eval eval/
--leave-one-out`` fits the weights and picks the threshold on all sets but one, scores
the one left out, and prints the table the README shows; the shipped model is the one
that command fits on all sets (``--leave-one-out --fit`` prints it).

The fitter is hand-written (iteratively reweighted least squares, a dozen lines of
NumPy): scikit-learn would add a large dependency for one small regression.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from summitledger.reconcile.features import FEATURES

#: L2 penalty of the fit: the development sets hold a few hundred pairs, so weights
#: are kept small rather than fitted to the last pair
L2 = 1.0
#: the sign each feature's weight may take: evidence for one statement, or against it
SIGNS = {name: (-1 if name == "maybe" else 1) for name in FEATURES}
#: candidate thresholds tried when choosing on the training sets; a join needs pairs
#: the model takes for one statement more likely than not (0.5 and up)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class PairModel:
    weights: tuple[float, ...]  # in FEATURES order
    bias: float
    threshold: float  # two clusters merge while their pairs' mean probability reaches this

    def probabilities(self, values: np.ndarray) -> np.ndarray:
        if not len(values):
            return np.zeros(0)
        z = values @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def probability(self, values: tuple[float, ...]) -> float:
        z = sum(w * v for w, v in zip(self.weights, values, strict=True)) + self.bias
        return 1.0 / (1.0 + math.exp(-z))

    def describe(self) -> str:
        terms = " ".join(f"{w:+.2f}*{n}" for n, w in zip(FEATURES, self.weights, strict=True))
        return f"logit = {self.bias:+.2f} {terms}; threshold {self.threshold}"


def _irls(x: np.ndarray, labels: np.ndarray, sample: np.ndarray, l2: float) -> np.ndarray:
    """Logistic regression weights (the last one the bias) by iteratively reweighted
    least squares."""
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        hessian = x.T @ (x * (sample * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, x.T @ (sample * (p - labels)) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit(values: np.ndarray, labels: np.ndarray, l2: float = L2,
        sample: np.ndarray | None = None) -> tuple[tuple[float, ...], float]:
    """Logistic regression: (weights, bias). ``sample`` weighs each row (so that each
    development set counts the same). Each feature's weight keeps its sign
    (:data:`SIGNS`): a feature that is evidence for one statement never counts
    against it, and actors that may not be one never count for it; where the fit
    gives a weight the wrong sign (two features saying the same thing, or too few
    pairs), that feature is left out and the rest fitted again."""
    sample = np.ones(len(values)) if sample is None else sample
    keep = list(range(values.shape[1]))
    while True:
        x = np.hstack([values[:, keep], np.ones((len(values), 1))])
        w = _irls(x, labels, sample, l2)
        bad = [k for n, k in enumerate(keep) if w[n] * SIGNS[FEATURES[k]] < 0]
        if not bad:
            break
        keep = [k for k in keep if k not in bad]
    weights = [0.0] * values.shape[1]
    for n, k in enumerate(keep):
        weights[k] = round(float(w[n]), 3)
    return tuple(weights), round(float(w[-1]), 3)


#: fitted on every development set (seeds, harbour-bridge-collapse, teachers-strike,
#: lake-ferry-capsizing) by ``summitledger eval eval/ --leave-one-out --fit``
DEFAULT = PairModel(weights=(2.145, 1.697, 1.664, 0.0, 2.074, 0.335, 1.245, 0.0), bias=-1.506,
                    threshold=0.6)
