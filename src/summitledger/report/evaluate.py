"""Scoring a ledger against hand-made gold, by the rules of the project's eval README.

Gold is a folder of ``<article-stem>.jsonl`` files (one claim a line) and an optional
``groups.json``. A predicted claim matches a gold claim of the same article when their
``content`` token F1 is at least 0.5; matching is one-to-one, best overlap first.
Optional gold claims are left out of both sides.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import combinations
from pathlib import Path

from pydantic import BaseModel

from summitledger.errors import BAD_GOLD, InputError, QueryError, plain
from summitledger.files import read_regular
from summitledger.models import ClaimRecord
from summitledger.report.evaluate_figures import FigureCounts, load_figures, score_figures

MATCH_F1 = 0.5
_WORD = re.compile(r"\w+(?:'\w+)*")
_SAME = {"us": "us", "u.s": "us", "america": "us", "american": "us", "americans": "us"}
_STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "s", "mr", "mrs", "ms"}


class GoldClaim(BaseModel):
    speaker: str = ""
    actor: str = ""
    cue: str = ""
    type: str = ""
    content: str
    sentence: str = ""
    optional: bool = False


class Scores(BaseModel):
    article: str
    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    actor_accuracy: float | None
    group_precision: float | None = None
    group_recall: float | None = None
    group_f1: float | None = None
    status_accuracy: float | None = None
    figures_f1: float | None = None  # figure series (sets with figures.json): pair F1,
    figures_status_accuracy: float | None = None  # status accuracy over matched members,
    figures_coverage: float | None = None  # gold members in some predicted series


class EvalReport(BaseModel):
    articles: list[Scores]
    overall: Scores
    matches: list[dict]
    pairs: tuple[int, int, int] = (0, 0, 0)  # grouping: true, false, missed pairs
    hits: tuple[int, int] = (0, 0)  # matched claims with the right actor, the right status
    figures: FigureCounts | None = None  # None: the set has no figures.json


class SetScores(BaseModel):
    """One gold set's scores, named for the folder it came from."""

    name: str
    articles: list[Scores]
    overall: Scores


def total(name: str, reports: list[EvalReport]) -> Scores:
    """Scores pooled over several gold sets: counts and grouping pairs are summed."""
    gold = sum(r.overall.gold for r in reports)
    pred = sum(r.overall.predicted for r in reports)
    matched = sum(r.overall.matched for r in reports)
    actors = sum(r.hits[0] for r in reports)
    statuses = sum(r.hits[1] for r in reports)
    tp, fp, fn = (sum(r.pairs[i] for r in reports) for i in range(3))
    out = _overall(name, gold, pred, matched, actors, statuses, tp, fp, fn)
    figures = [r.figures for r in reports if r.figures is not None]
    if figures:
        out = out.model_copy(update=sum(figures, FigureCounts()).scores())
    return out


def _overall(name: str, gold: int, pred: int, matched: int, actors: int, statuses: int,
             tp: int, fp: int, fn: int) -> Scores:
    gp, gr = (_ratio(tp, tp + fp) if tp + fp else 1.0), (_ratio(tp, tp + fn) if tp + fn else 1.0)
    p, r = _ratio(matched, pred), _ratio(matched, gold)
    return Scores(
        article=name, gold=gold, predicted=pred, matched=matched, precision=p, recall=r,
        f1=_f1(p, r), actor_accuracy=_ratio(actors, matched) if matched else None,
        group_precision=gp, group_recall=gr, group_f1=_f1(gp, gr),
        status_accuracy=_ratio(statuses, matched) if matched else None)


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'").replace("‘", "'"))


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    common = sum((Counter(ta) & Counter(tb)).values())
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def name_words(name: str) -> set[str]:
    words = {_SAME.get(w, w) for w in tokens(name.replace(".", ""))}
    return words - _STOP


GOLD_MAX_BYTES = 50_000_000  # gold claims of one article: far less than this


def load_gold(folder: Path) -> tuple[dict[str, list[GoldClaim]], list[dict]]:
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise QueryError(f"{folder}: no gold files (<article-stem>.jsonl)", code=BAD_GOLD)
    gold: dict[str, list[GoldClaim]] = {}
    for f in files:
        try:  # a regular file only (a FIFO among them would block for ever)
            lines = read_regular(f, GOLD_MAX_BYTES).decode("utf-8").splitlines()
            gold[f.stem] = [GoldClaim.model_validate_json(line) for line in lines if line.strip()]
        except InputError as exc:
            raise QueryError(str(exc.args[0]), code=BAD_GOLD) from None
        except ValueError as exc:
            raise QueryError(f"{f}: not gold claims ({plain(exc)})",
                             code=BAD_GOLD) from None
    groups: list[dict] = []
    gpath = folder / "groups.json"
    if gpath.is_file():
        try:
            groups = json.loads(gpath.read_text("utf-8")).get("groups", [])
        except ValueError as exc:
            raise QueryError(f"{gpath}: not JSON ({exc})", code=BAD_GOLD) from None
    return gold, groups


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def match(gold: list[GoldClaim], pred: list[ClaimRecord]) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, prediction index, F1), best overlap first."""
    pairs = sorted(
        ((token_f1(p.content, g.content), gi, pi)
         for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
        key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for f, gi, pi in pairs:
        if f < MATCH_F1:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, f))
    return out


def score(gold_dir: Path, records: list[ClaimRecord],
          figure_lines: list[dict] | None = None) -> EvalReport:
    """Scores of ``records`` against the gold in ``gold_dir``; with ``figure_lines``
    (``figures --format jsonl`` rows) and a ``figures.json`` there, figure scores too."""
    gold, groups = load_gold(gold_dir)
    by_stem: dict[str, list[ClaimRecord]] = {}
    for r in records:
        by_stem.setdefault(Path(r.article).stem, []).append(r)
    gold_group: dict[tuple[str, int], int] = {}
    gold_status: dict[tuple[str, int], str] = {}
    for n, g in enumerate(groups):
        for stem, idx in g.get("members", []):
            gold_group[(stem, idx)] = n
            gold_status[(stem, idx)] = g.get("status", "single-source")
    per: list[Scores] = []
    matched_all: list[tuple[str, int, ClaimRecord]] = []
    details: list[dict] = []
    totals = Counter()
    for stem in sorted(gold):
        gclaims, preds = gold[stem], by_stem.get(stem, [])
        pairs = match(gclaims, preds)
        on_optional = {pi for gi, pi, _ in pairs if gclaims[gi].optional}
        real = [(gi, pi, f) for gi, pi, f in pairs if not gclaims[gi].optional]
        n_gold = sum(1 for g in gclaims if not g.optional)
        n_pred = len(preds) - len(on_optional)
        actors_ok = sum(1 for gi, pi, _ in real
                        if name_words(gclaims[gi].actor) & name_words(preds[pi].actor))
        statuses_ok = sum(1 for gi, pi, _ in real
                          if preds[pi].status == gold_status.get((stem, gi), "single-source"))
        p, r = _ratio(len(real), n_pred), _ratio(len(real), n_gold)
        per.append(Scores(article=stem, gold=n_gold, predicted=n_pred, matched=len(real),
                          precision=p, recall=r, f1=_f1(p, r),
                          actor_accuracy=_ratio(actors_ok, len(real)) if real else None,
                          status_accuracy=_ratio(statuses_ok, len(real)) if real else None))
        totals.update(gold=n_gold, pred=n_pred, matched=len(real), actors=actors_ok,
                      statuses=statuses_ok)
        for gi, pi, _f in real:
            matched_all.append((stem, gi, preds[pi]))
        for gi, g in enumerate(gclaims):
            hit = next(((pi, f) for g2, pi, f in pairs if g2 == gi), None)
            details.append({"article": stem, "gold": gi, "content": g.content,
                            "optional": g.optional,
                            "predicted": preds[hit[0]].id if hit else None,
                            "f1": round(hit[1], 3) if hit else 0.0})
        for pi, pr in enumerate(preds):
            if pi not in {p2 for _, p2, _ in pairs}:
                details.append({"article": stem, "gold": None, "content": pr.content,
                                "predicted": pr.id, "f1": 0.0})
    tp = fp = fn = 0
    for (s1, g1, p1), (s2, g2, p2) in combinations(matched_all, 2):
        if s1 == s2:
            continue
        same_gold = (s1, g1) in gold_group and gold_group.get((s1, g1)) == gold_group.get((s2, g2))
        same_pred = p1.group is not None and p1.group == p2.group
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    overall = _overall("overall", totals["gold"], totals["pred"], totals["matched"],
                       totals["actors"], totals["statuses"], tp, fp, fn)
    figures = load_figures(gold_dir)
    counts = None
    if figures is not None and figure_lines is not None:
        counts = score_figures(figures, {(s, g): p.id for s, g, p in matched_all}, figure_lines)
        overall = overall.model_copy(update=counts.scores())
    return EvalReport(articles=per, overall=overall, matches=details, pairs=(tp, fp, fn),
                      hits=(totals["actors"], totals["statuses"]), figures=counts)
