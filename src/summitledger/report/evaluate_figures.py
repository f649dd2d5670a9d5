"""Scoring figure series against a gold set's ``figures.json``, by the eval README.

Gold: ``{"figures": [{"quantity", "status", "members": [[stem, line], ...], ...}]}``.
The prediction is ``summitledger figures --format jsonl``: one line per (series, claim).
Gold claims are matched to predicted claims as for claim scoring (content token F1, one
to one); then, over pairs of matched gold claims (within an article too):

- **pair F1**: precision and recall of "in the same series" (a claim may be in two);
- **status accuracy**: over the matched members of gold series, the share whose
  predicted series has the gold status. Gold and predicted series are paired one to
  one, most shared claims first and then the closer name; a member its pair does not
  hold takes the predicted series holding it that shares most with its gold series;
  a member in no predicted series counts as wrong;
- **coverage**: the share of all gold members (matched or not) that are in some
  predicted series.
"""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from pydantic import BaseModel

from summitledger.errors import BAD_GOLD, QueryError


class FigureCounts(BaseModel):
    """What figure scores are made of, so that sets can be pooled."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    status_ok: int = 0
    members: int = 0  # matched gold members (the status accuracy's denominator)
    covered: int = 0
    gold_members: int = 0

    def __add__(self, other: FigureCounts) -> FigureCounts:
        return FigureCounts(**{k: getattr(self, k) + getattr(other, k)
                               for k in FigureCounts.model_fields})

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return {"figures_precision": round(p, 4), "figures_recall": round(r, 4),
                "figures_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "figures_status_accuracy": round(self.status_ok / self.members, 4)
                if self.members else 0.0,
                "figures_coverage": round(self.covered / self.gold_members, 4)
                if self.gold_members else 0.0}


def load_figures(folder: Path) -> list[dict] | None:
    """The gold set's series, or None when it has no ``figures.json``."""
    path = folder / "figures.json"
    if not path.is_file():
        return None
    try:
        figures = json.loads(path.read_text("utf-8")).get("figures", [])
        for f in figures:
            f["members"] = [(str(s), int(i)) for s, i in f["members"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise QueryError(f"{path}: not a figures file ({exc})", code=BAD_GOLD) from None
    return figures


def score_figures(gold: list[dict], matched: dict[tuple[str, int], int],
                  lines: list[dict]) -> FigureCounts:
    """Counts for one set: ``matched`` maps a gold claim (stem, line) to the predicted
    claim id; ``lines`` are the prediction's (series, claim) lines (``claim``,
    ``series``, ``status``)."""
    pred_series: dict[int, set[str]] = defaultdict(set)
    members: dict[str, set[int]] = defaultdict(set)
    status: dict[str, str] = {}
    for line in lines:
        pred_series[int(line["claim"])].add(line["series"])
        members[line["series"]].add(int(line["claim"]))
        status[line["series"]] = line["status"]
    gold_series: dict[tuple[str, int], set[int]] = defaultdict(set)
    for n, f in enumerate(gold):
        for m in f["members"]:
            gold_series[m].add(n)
    counts = FigureCounts()
    keys = sorted(k for k in matched)
    for a, b in combinations(keys, 2):
        same_gold = bool(gold_series.get(a, set()) & gold_series.get(b, set()))
        same_pred = bool(pred_series.get(matched[a], set()) & pred_series.get(matched[b], set()))
        counts.tp += same_gold and same_pred
        counts.fp += same_pred and not same_gold
        counts.fn += same_gold and not same_pred
    claims = [{matched[m] for m in f["members"] if m in matched} for f in gold]
    paired = _pair_series(gold, claims, members)
    for n, f in enumerate(gold):
        for m in f["members"]:
            counts.gold_members += 1
            if m not in matched:
                continue
            counts.members += 1
            held = pred_series.get(matched[m], set())
            counts.covered += bool(held)
            if not held:
                continue
            best = paired.get(n) if paired.get(n) in held else max(
                sorted(held), key=lambda s: (len(members[s] & claims[n]),
                                             _name_overlap(f["quantity"], s)))
            counts.status_ok += status[best] == f.get("status", "single-source")
    return counts


def _name_overlap(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def _pair_series(gold: list[dict], claims: list[set[int]],
                 members: dict[str, set[int]]) -> dict[int, str]:
    """Each gold series' predicted counterpart, one to one: most shared claims first,
    then the closer name ('people seriously injured' is not 'people injured' when a
    claim is in both)."""
    options = sorted(((len(claims[n] & held), _name_overlap(f["quantity"], name), n, name)
                      for n, f in enumerate(gold) for name, held in members.items()
                      if claims[n] & held), key=lambda x: (-x[0], -x[1], x[2], x[3]))
    out: dict[int, str] = {}
    for _shared, _names, n, name in options:
        if n not in out and name not in out.values():
            out[n] = name
    return out
