"""Choosing the pair model by leave-one-event-out, and scoring what it chooses.

For each development set in turn, the pair model's weights are fitted, and its
threshold picked, on the other sets alone; the set left out is then grouped
with that model and scored. The table says how the ledger does on an event it was not
tuned on, which is what a user's own event is. ``fit_all`` fits on every set: the
model that ships (:data:`summitledger.reconcile.model.DEFAULT`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from pydantic import BaseModel
from sqlalchemy.engine import Engine

from summitledger.models import ClaimRecord
from summitledger.reconcile.model import THRESHOLDS, PairModel, fit
from summitledger.reconcile.plan import Inputs, finish
from summitledger.reconcile.run import load_inputs
from summitledger.report import queries
from summitledger.report.evaluate import Scores, load_gold, match, score


@dataclass
class DevSet:
    """One development set, read once: its reconcile inputs, the ledger's claims and
    each matched claim's gold group."""

    name: str
    gold_dir: Path
    inputs: Inputs
    records: list[ClaimRecord]
    gold_group: dict[int, int]  # claim id -> index of its gold group

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Features and labels (one gold group) of the candidate pairs whose claims
        both match gold claims."""
        rows, labels = [], []
        for block in self.inputs.prepared.blocks:
            for a, b, values in zip(block.a, block.b, block.values, strict=True):
                if a in self.gold_group and b in self.gold_group:
                    rows.append(values)
                    labels.append(float(self.gold_group[a] == self.gold_group[b]))
        width = self.inputs.prepared.blocks[0].values.shape[1] if self.inputs.prepared.blocks else 0
        return (np.array(rows) if rows else np.zeros((0, width))), np.array(labels)

    def scores(self, model: PairModel) -> Scores:
        """The set's scores when grouped with ``model``."""
        done = finish(self.inputs, model)
        group_of = {m: n for n, g in enumerate(done.groups) for m in g.members}
        status = {m: done.verdicts[n].status for m, n in group_of.items()}
        records = [replace(r, group=group_of.get(r.id), status=status.get(r.id, r.status))
                   for r in self.records]
        return score(self.gold_dir, records).overall


def load_set(name: str, gold_dir: Path, engine: Engine) -> DevSet:
    gold, groups = load_gold(gold_dir)
    records = queries.claims(engine)
    group_of = {(stem, idx): n for n, g in enumerate(groups) for stem, idx in g["members"]}
    by_stem: dict[str, list[ClaimRecord]] = {}
    for r in records:
        by_stem.setdefault(Path(r.article).stem, []).append(r)
    gold_group = {}
    for stem, claims in gold.items():
        preds = by_stem.get(stem, [])
        for gi, pi, _ in match(claims, preds):
            if (stem, gi) in group_of:
                gold_group[preds[pi].id] = group_of[(stem, gi)]
    return DevSet(name, gold_dir, load_inputs(engine), records, gold_group)


#: objective values closer than this are a tie: one claim's status in a set of about 40
#: moves one set's status accuracy by 0.025 and so the objective (a mean of halves over
#: the training sets) by about 0.004
TIE = 0.005


def _objective(scores: list[Scores]) -> float:
    """What thresholds are chosen for: grouping F1 and status accuracy, each set counted
    once whatever its size."""
    return float(np.mean([((s.group_f1 or 0) + (s.status_accuracy or 0)) / 2 for s in scores]))


def choose(train: list[DevSet]) -> PairModel:
    """The model fitted and thresholded on ``train`` alone."""
    xs, ys, ws = [], [], []
    for d in train:
        x, y = d.pairs()
        if len(y):
            xs.append(x)
            ys.append(y)
            ws.append(np.full(len(y), 1.0 / len(y)))  # each set weighs the same
    # each set weighs the same, and the weights average 1 (so the penalty means the same
    # whatever the number of sets)
    total = sum(len(y) for y in ys)
    weights, bias = fit(np.vstack(xs), np.concatenate(ys),
                        sample=np.concatenate(ws) * total / len(xs))
    tried = [(_objective([d.scores(m) for d in train]), m)
             for m in (PairModel(weights, bias, t) for t in THRESHOLDS)]
    top = max(value for value, _ in tried)
    # thresholds within one claim's worth of the best are a tie: the one nearest the
    # model's own boundary (the lowest tried) wins, since moving off it needs evidence
    return next(m for value, m in tried if value >= top - TIE)


class Fold(BaseModel):
    """One row of the leave-one-out table: the set left out, scored by a model chosen
    on the others."""

    held_out: str
    group_precision: float | None
    group_recall: float | None
    group_f1: float | None
    status_accuracy: float | None
    model: str


def leave_one_out(sets: list[DevSet]) -> list[Fold]:
    folds = []
    for held in sets:
        model = choose([d for d in sets if d is not held])
        s = held.scores(model)
        folds.append(Fold(held_out=held.name, group_precision=s.group_precision,
                          group_recall=s.group_recall, group_f1=s.group_f1,
                          status_accuracy=s.status_accuracy, model=model.describe()))
    return folds
