"""``summitledger report``: one self-contained HTML file that shows the coverage.

Built with Jinja2 from ``templates/report.html.j2``; styles and the filter script are
inline, so the file makes no network request and can be mailed or printed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from sqlalchemy.engine import Engine

from summitledger.models import STATUSES
from summitledger.report import queries
from summitledger.report.coverage import PALETTE, coverage_svg
from summitledger.report.figchart import chart
from summitledger.report.figures import series, timeline
from summitledger.report.groups import GroupDetail, details
from summitledger.version import __version__

COLOURS = PALETTE  # Okabe-Ito: colour-blind readers tell them apart
SYMBOLS = {"corroborated": "●", "single-source": "■", "contradicted": "▲",  # never colour alone
           "updated": "◆"}
CLASSES = {"quote": ('<mark class="quote">', "</mark>"), "speaker": ('<span class="speaker">', "</span>"),
           "cue": ('<span class="cue">', "</span>"), "contra": ('<mark class="contra">', "</mark>")}


def marked(sentence: str, marks: list[tuple[int, int, str]]) -> Markup:
    """The sentence, escaped, with non-overlapping marks as HTML."""
    out, pos = [], 0
    for a, b, kind in sorted(marks):
        if a < pos or kind not in CLASSES:
            continue
        left, right = CLASSES[kind]
        out += [escape(sentence[pos:a]), Markup(left), escape(sentence[a:b]), Markup(right)]
        pos = b
    out.append(escape(sentence[pos:]))
    return Markup("").join(out)


def _cell(outlet: str, statuses: Counter[str]) -> dict:
    total = sum(statuses.values())
    if not total:
        return {"outlet": outlet, "total": 0}
    stops, at = [], 0.0
    for status in STATUSES:
        share = 100 * statuses[status] / total
        if share:
            colour = COLOURS[status] + "55"
            stops.append(f"{colour} {at:.0f}% {at + share:.0f}%")
            at += share
    title = ", ".join(f"{statuses[s]} {s}" for s in STATUSES if statuses[s])
    label = " ".join(f"{statuses[s]}{SYMBOLS[s]}" for s in STATUSES if statuses[s])
    # the status filter shows one status's count: the page reads them from here
    counts = " ".join(f"{s}:{statuses[s]}" for s in STATUSES if statuses[s])
    return {"outlet": outlet, "total": total, "title": title, "label": label, "counts": counts,
            "background": f"linear-gradient(90deg, {', '.join(stops)})"}


def _contra_marks(text: str, words: str) -> list[tuple[int, int, str]]:
    """A contradiction side's words, marked as whole words of ``text`` (with the rest of a
    hyphened compound: 'hour' marks 'two-hour')."""
    marks = []
    for w in words.split():
        if len(w) > 1:
            hit = re.search(rf"(?<![\w-])(?:\w+-)*{re.escape(w)}(?:-\w+)*(?![\w-])", text)
            if hit:
                marks.append((hit.start(), hit.end(), "contra"))
    return marks


def _headline_sides(g: GroupDetail, labels: dict[str, str]) -> list[dict]:
    """A contradicted statement's two sides for its headline: each outlet, its cue
    (which carries a denial) and its content with the contradicting words marked."""
    by_claim = {m.claim: m for m in g.members}
    out = []
    for side in g.reason.sides:
        m = by_claim.get(side.claim)
        if m is not None:
            out.append({"outlet": labels.get(m.outlet, m.outlet), "cue": m.cue,
                        "html": marked(m.content, _contra_marks(m.content, side.words))})
    return out if len(out) >= 2 else []


def _notes(g: GroupDetail, labels: dict[str, str]) -> list[str]:
    notes = []
    for side in g.reason.sides:
        notes.append(f"{labels.get(side.outlet, side.outlet)} (claim {side.claim}): {side.words}")
    for v in g.reason.variants:
        notes.append(f"variant wording in {', '.join(labels.get(o, o) for o in v.outlets)}: “{v.quote}”")
    if g.reason.copies:
        notes.append("some articles are copies of one text and count as one source")
    for d in g.reason.disputed_by:
        notes.append(f"disputed by {d.actor}: {d.statement}")
    return notes


def build(engine: Engine, title: str = "", ledger: str = "", event: str | None = None) -> str:
    """The report (of ``event``; None: of every event) as an HTML string."""
    groups = details(engine, event=event)
    outlets = queries.outlets(engine, event)
    labels = queries.outlet_labels(engine, event)
    claims = queries.claims(engine, event=event)
    per_cell: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    has: dict[str, set[str]] = defaultdict(set)  # an actor's statuses
    for c in claims:
        per_cell[(c.actor, c.outlet)][c.status] += 1
        has[c.actor].add(c.status)
    actors = sorted({c.actor for c in claims})
    matrix = [{"actor": actor, "cells": [_cell(o, per_cell[(actor, o)]) for o in outlets],
               "statuses": " ".join(sorted(has[actor]))}  # the status filter hides the rest
              for actor in actors]
    rows = []
    # what a reader asks first: contradictions, then what most independent sources
    # carry, then what one outlet alone reports (the reader may re-sort in the page)
    rank = {"contradicted": 0, "updated": 1, "corroborated": 2, "single-source": 3}
    groups = sorted(groups, key=lambda g: (rank.get(g.status, 4), -g.reason.sources,
                                           -len(g.members), g.group))
    for g in groups:
        sides = {side.claim: side.words for side in g.reason.sides}
        members = []
        for m in g.members:
            # a side's contradicting words, marked as whole words in its own sentence only
            marks = [*m.marks, *_contra_marks(m.sentence, sides.get(m.claim, ""))]
            members.append({**m.model_dump(), "html": marked(m.sentence, marks)})
        # each fact once: "2 independent sources report it" already says the sources
        line = g.summary if g.rule.endswith("report it") or g.rule.startswith("one source") \
            else f"{g.rule}; {g.summary}"
        rows.append({**g.model_dump(exclude={"members"}), "members": members, "reason_line": line,
                     "outlets": sorted({m.outlet for m in g.members}), "notes": _notes(g, labels),
                     "sources": g.reason.sources,
                     "sides": _headline_sides(g, labels)})
    status_counts = Counter(g.status for g in groups)
    lines = defaultdict(list)
    for line in timeline(engine, event=event):
        lines[line.series].append(line)
    # the most reported figures first (a death toll before a lone count)
    ranked = sorted(series(engine, event), key=lambda s: (-s.reports, s.series))
    figures = [{"row": s, "lines": lines[s.series], "chart": chart(s, lines[s.series], s.reason, n)}
               for n, s in enumerate(ranked, 1) if lines[s.series]]
    coverage = coverage_svg(rows, outlets, labels)
    env = Environment(loader=PackageLoader("summitledger", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                      lstrip_blocks=True)
    return env.get_template("report.html.j2").render(
        title=title or f"Claims ledger{f' of {event}' if event else ''}: "
                       f"{len({c.article for c in claims})} articles",
        labels=labels, version=__version__, articles=len({c.article for c in claims}), outlets=outlets,
        claims=len(claims), groups=rows, statuses=STATUSES, counts=status_counts,
        disputed=sum(1 for g in groups if g.disputed), matrix=matrix,
        actors=actors, ledger=Path(ledger).name if ledger else "the ledger", coverage=coverage,
        figures=figures, matchers=sorted({g.matcher for g in groups}) or ["none"],
        symbols=SYMBOLS, shades={k: v + "55" for k, v in COLOURS.items()})
