"""Choosing the pair model by leave-one-event-out (report/tuning.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from summitledger.reconcile.model import THRESHOLDS, PairModel
from summitledger.report.evaluate import Scores
from summitledger.report.tuning import TIE, choose

from .conftest import EVAL


class _Set:
    """A development set whose scores depend on the threshold alone."""

    def __init__(self, by_threshold: dict[float, float]) -> None:
        self.by_threshold = by_threshold
        rng = np.random.default_rng(7)
        self.x = rng.random((40, 8))
        self.y = (self.x[:, 0] > 0.5).astype(float)

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x, self.y

    def scores(self, model: PairModel) -> Scores:
        v = self.by_threshold[model.threshold]
        return Scores(article="", gold=1, predicted=1, matched=1, precision=1, recall=1, f1=1,
                      actor_accuracy=1, group_f1=v, status_accuracy=v)


@pytest.mark.parametrize("gain,chosen", [
    (TIE / 10, 0.5),  # a hair better at 0.6: a tie, the model's own boundary stays
    (TIE * 4, 0.6),  # clearly better at 0.6: moved
])
def test_a_near_tie_keeps_the_lowest_threshold(gain: float, chosen: float) -> None:
    values = {t: 0.5 for t in THRESHOLDS} | {0.5: 0.8, 0.6: 0.8 + gain}
    model = choose([_Set(values), _Set(values)])  # type: ignore[list-item]
    assert model.threshold == chosen


@pytest.mark.slow
def test_leave_one_out_scores_each_set_with_a_model_not_fitted_on_it(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("eval", EVAL, "--leave-one-out", "--fit", "-f", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)["leave_one_out"]
    held = [row["held_out"] for row in rows]
    assert sorted(held[:-1]) == sorted(["seeds", "harbour-bridge-collapse", "teachers-strike",
                                        "lake-ferry-capsizing"])
    everything = rows[-1]["model"]
    assert all(row["model"] != everything for row in rows[:-1])  # each fitted without its set
    for row in rows[:-1]:
        assert 0 <= row["group_f1"] <= 1 and 0 <= row["status_accuracy"] <= 1
