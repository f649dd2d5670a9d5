"""Figure series: every value of one quantity of the event (people killed, a crowd, a
sum of money), whoever gave it, in time order, with a status by the eval README's rules.

A pure function over the claims of one event (:func:`figure_series`). Each report is
as of a time: its article's publication (a copy's is its original's) or the text's
own ('by Sunday afternoon'). Two values *fit* when one quantity can be both ('2,012' and
'more than 2,000'). Going through the reports in time order, two that do not fit are:

- an **update** when the later one supersedes the earlier: the text says the figure
  moved ('rose to', 'now', 'revised'), or the quantity is a count that only grows
  (killed, injured, missing, arrested) and the later value is higher;
- an **out-of-date repeat** when the later one repeats a value its own source had
  already superseded (an outlet running an old toll): no conflict;
- else a **contradiction** when one actor gives both, a **dispute** when two actors do.
  An earlier value its actor superseded before the later one was given is not compared
  with it (two sources disagree only about one time).

Status: ``contradicted`` if any contradiction, else ``disputed`` if any dispute, else
``updated`` if any update, else ``corroborated`` when two or more independent sources
(source article and actor) give it, else ``single-source``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from summitledger.models import ClaimFrame, FigureReport, FigureSeries, FrameNumber
from summitledger.nlp.quantities import grows
from summitledger.reconcile.matching import fits
from summitledger.reconcile.times import When, parse_when, report_time
from summitledger.series_reason import SeriesEnd, SeriesPair, SeriesReason


class Claimlike(Protocol):
    id: int
    article_id: int
    actor: str
    outlet: str
    key: tuple[str, int]
    frame: ClaimFrame


@dataclass
class _Report:
    report: FigureReport
    number: FrameNumber
    when: When | None
    source: int  # the source article (copies of one text share it)
    order: tuple  # a stable order within one time


def _fit(a: _Report, b: _Report) -> bool:
    return a.number.unit == b.number.unit and fits(a.number, b.number)


def _later(a: _Report, b: _Report) -> bool:
    """Is ``b`` reported strictly later than ``a``?"""
    return a.when is not None and b.when is not None and a.when.before(b.when)


def _higher(a: FrameNumber, b: FrameNumber) -> bool:
    """Is ``b`` beyond ``a`` upwards ('24' after 'at least 21'; not '20' after 'fewer than 30')?"""
    return b.value > a.value or b.value == a.value and b.op == ">" and a.op != ">"


def supersedes(quantity: str, earlier: FrameNumber, later: FrameNumber) -> bool:
    """Does a later report of ``quantity`` supersede an earlier one it does not fit? When
    it says the figure moved, or when the quantity only grows and it is higher."""
    return later.update or grows(quantity) and _higher(earlier, later)


def _superseded(a: _Report, by: _Report, reports: list[_Report]) -> bool:
    """Had ``a``'s actor given another value after ``a`` and no later than ``by``?"""
    return any(r is not a and r is not by and r.report.actor == a.report.actor and _later(a, r)
               and not _later(by, r) and not _fit(a, r) for r in reports)


def _stale(b: _Report, reports: list[_Report]) -> bool:
    """Does ``b`` repeat a value whose own source had superseded it before ``b``?"""
    return any(c is not b and _later(c, b) and _fit(c, b) and _superseded(c, b, reports)
               for c in reports)


def _pair(a: _Report, b: _Report) -> SeriesPair:
    return SeriesPair(
        earlier=SeriesEnd(claim=a.report.claim, actor=a.report.actor, value=a.report.text),
        later=SeriesEnd(claim=b.report.claim, actor=b.report.actor, value=b.report.text))


def judge(quantity: str, reports: list[_Report]) -> tuple[str, SeriesReason, int]:
    """The series' status, the reason (rule and the pairs behind it) and its
    independent sources."""
    found: dict[str, list[SeriesPair]] = defaultdict(list)
    for i, a in enumerate(reports):
        for b in reports[i + 1:]:
            if a.report.claim == b.report.claim or _fit(a, b):
                continue
            if _later(a, b) and supersedes(quantity, a.number, b.number):
                found["updates"].append(_pair(a, b))
            elif _superseded(a, b, reports) or _stale(b, reports):
                continue
            elif a.report.actor == b.report.actor:
                found["contradictions"].append(_pair(a, b))
            else:
                found["disputes"].append(_pair(a, b))
    sources = len({(r.source, r.report.actor) for r in reports})
    if found["contradictions"]:
        status, rule = "contradicted", "one source gives values that do not fit and no update explains"
    elif found["disputes"]:
        status, rule = "disputed", "different sources give values that do not fit at one time"
    elif found["updates"]:
        status, rule = "updated", "later values supersede earlier ones"
    elif sources >= 2:
        status, rule = "corroborated", f"{sources} independent sources give values that fit"
    else:
        status, rule = "single-source", "one source gives it"
    return status, SeriesReason(rule=rule, updates=tuple(found["updates"]),
                                disputes=tuple(found["disputes"]),
                                contradictions=tuple(found["contradictions"])), sources


def article_times(claims: Iterable[Claimlike], source_of: dict[int, int],
                  published: dict[int, str]) -> dict[int, When | None]:
    """Publication time of each article's source: a copy reports at its original's time
    (the earliest of the copies)."""
    by_source: dict[int, list[When]] = defaultdict(list)
    for aid, value in published.items():
        when = parse_when(value)
        if when is not None:
            by_source[source_of.get(aid, aid)].append(when)
    first = {src: min(ws, key=lambda w: w.key) for src, ws in by_source.items()}
    return {c.article_id: first.get(source_of.get(c.article_id, c.article_id)) for c in claims}


def figure_series(claims: list[Claimlike], source_of: dict[int, int],
                  published: dict[int, str]) -> list[FigureSeries]:
    """Every quantity the claims give a value for, as a series in time order, by quantity."""
    times = article_times(claims, source_of, published)
    by_quantity: dict[str, list[_Report]] = defaultdict(list)
    for c in claims:
        seen: set[str] = set()
        for n in c.frame.numbers:
            if not n.quantity or n.quantity in seen:
                continue  # a claim is one report of a quantity (its first value)
            seen.add(n.quantity)
            when = report_time(times.get(c.article_id), n.when)
            by_quantity[n.quantity].append(_Report(
                FigureReport(claim=c.id, article=c.article_id, actor=c.actor, outlet=c.outlet,
                             value=n.value, op=n.op, text=n.text, unit=n.unit,
                             time=when.iso() if when else "", update=n.update),
                n, when, source_of.get(c.article_id, c.article_id), c.key))
    out = []
    for quantity in sorted(by_quantity):
        reports = sorted(by_quantity[quantity],
                         key=lambda r: (r.when.key if r.when else (float("inf"), 0), r.order))
        status, reason, sources = judge(quantity, reports)
        out.append(FigureSeries(quantity=quantity, status=status, sources=sources,
                                reports=[r.report for r in reports], reason=reason))
    return out


Moved = Callable[[Claimlike, FrameNumber, Claimlike, FrameNumber], bool]


def update_rule(times: dict[int, When | None]) -> Moved:
    """For statement groups (:func:`verdicts.verdict`): does claim b's figure y update
    claim a's figure x of the same quantity? b is reported strictly later and
    :func:`supersedes` x."""
    def moved(a: Claimlike, x: FrameNumber, b: Claimlike, y: FrameNumber) -> bool:
        if not x.quantity or x.quantity != y.quantity:
            return False
        first = report_time(times.get(a.article_id), x.when)
        second = report_time(times.get(b.article_id), y.when)
        return first is not None and second is not None and first.before(second) and \
            supersedes(x.quantity, x, y)

    return moved
