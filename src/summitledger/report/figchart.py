"""The report's figures: one small inline SVG step chart per quantity of the event.

Time runs across, the value up. Each source (actor) has its own step line, held from
one report to its next, and its own mark shape (circle, square, triangle, diamond,
...), named in a legend, so no colour is needed to tell them apart; 'at least' and
'more than' values get a tick pointing up, 'up to' and 'fewer than' one pointing down.
Where sources disagree (a dispute) or one contradicts itself, the range between the two
values is hatched from the earlier of the two reports on, with the pair in its tooltip. Every chart
has a text alternative and the timeline as a table under it.
"""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape

from summitledger.reconcile.times import parse_when
from summitledger.report.figures import FigureLine, SeriesRow
from summitledger.series_reason import SeriesReason

W, H, LEFT, RIGHT, TOP, BOTTOM = 420, 150, 58, 12, 14, 30
HEADROOM = 1.12  # the value axis runs this far past the highest value, so no mark is cut
SHAPES = ("circle", "square", "triangle", "diamond", "down", "cross", "star")
INK = "#1d1d1f"
# one Okabe-Ito colour per source as well as the shape (never the only signal)
TINTS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DEFS = ('<defs><pattern id="hatch-dispute" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#D55E00" '
        'stroke-width="2"/></pattern><pattern id="hatch-contradiction" width="6" height="6" '
        'patternUnits="userSpaceOnUse"><path d="M0,0 L6,6 M6,0 L0,6" stroke="#7b1fa2" '
        'stroke-width="1.2"/></pattern></defs>')


def shape(kind: str, x: float, y: float, fill: str, tip: str) -> str:
    """One mark; ``kind`` one of :data:`SHAPES`."""
    title = f"<title>{escape(tip)}</title>"
    attrs = f'class="report" data-shape="{kind}" fill="{fill}" stroke="{INK}" stroke-width="0.8"'
    if kind == "circle":
        return f'<circle {attrs} cx="{x:.1f}" cy="{y:.1f}" r="4.5">{title}</circle>'
    if kind == "square":
        return f'<rect {attrs} x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8">{title}</rect>'
    points = {"triangle": [(0, -5.5), (5, 4), (-5, 4)], "down": [(0, 5.5), (5, -4), (-5, -4)],
              "diamond": [(0, -5.5), (5, 0), (0, 5.5), (-5, 0)],
              "cross": [(-2, -5), (2, -5), (2, -2), (5, -2), (5, 2), (2, 2), (2, 5), (-2, 5),
                        (-2, 2), (-5, 2), (-5, -2), (-2, -2)],
              "star": [(0, -6), (1.8, -2), (6, -2), (2.6, 1), (3.8, 5.5), (0, 3), (-3.8, 5.5),
                       (-2.6, 1), (-6, -2), (-1.8, -2)]}[kind]
    pts = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in points)
    return f'<polygon {attrs} points="{pts}">{title}</polygon>'


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or v == int(v) else f"{v:g}"


def chart(s: SeriesRow, lines: list[FigureLine], reason: SeriesReason, n: int) -> Markup:
    """The step chart of one series; ``n`` numbers the chart in the page."""
    stamps = [(w.key[0] if (w := parse_when(r.time)) else 0.0) for r in lines]
    t0, t1 = min(stamps), max(stamps)
    values = [r.number for r in lines]
    v0, v1 = min(0.0, min(values)), max(values) * HEADROOM or 1.0
    span_t = (t1 - t0) or 1.0

    def x(t: float) -> float:
        return LEFT + (W - LEFT - RIGHT) * ((t - t0) / span_t if t1 > t0 else 0.5)

    def y(v: float) -> float:
        return TOP + (H - TOP - BOTTOM) * (1 - (v - v0) / ((v1 - v0) or 1.0))

    actors = list(dict.fromkeys(r.actor for r in lines))
    kinds = {a: SHAPES[i % len(SHAPES)] for i, a in enumerate(actors)}
    tints = {a: TINTS[i % len(TINTS)] for i, a in enumerate(actors)}
    label = (f"{s.series}: {s.status}, latest {s.latest} ({s.actor}, {s.outlet}); "
             f"{len(lines)} report{'s' * (len(lines) != 1)} from {len(actors)} source"
             f"{'s' * (len(actors) != 1)}")
    parts = [f'<svg class="figure-chart" id="figure-{n}" role="img" width="{W}" height="{H}" '
             f'viewBox="0 0 {W} {H}" data-status="{escape(s.status)}" '
             f'aria-label="{escape(label)}">{DEFS}']
    claim_at = {r.claim: (x(t), r.number) for r, t in zip(lines, stamps, strict=True)}
    for kind, pairs in (("dispute", reason.disputes), ("contradiction", reason.contradictions)):
        for pair in pairs:
            a, b = claim_at.get(pair.earlier.claim), claim_at.get(pair.later.claim)
            if a is None or b is None:
                continue
            top, low = y(max(a[1], b[1])), y(min(a[1], b[1]))
            start = min(a[0], b[0], W - RIGHT - 8)  # from when both values stand
            tip = (f"{kind}: {pair.earlier.actor} {pair.earlier.value} against "
                   f"{pair.later.actor} {pair.later.value}")
            parts.append(f'<rect class="range {kind}" x="{start:.1f}" y="{top:.1f}" '
                         f'width="{max(8.0, W - RIGHT - start):.1f}" height="{max(2.0, low - top):.1f}" '
                         f'fill="url(#hatch-{kind})" opacity="0.55"><title>{escape(tip)}</title></rect>')
    parts.append(f'<line x1="{LEFT}" y1="{H - BOTTOM}" x2="{W - RIGHT}" y2="{H - BOTTOM}" '
                 f'stroke="{INK}"/><line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{H - BOTTOM}" '
                 f'stroke="{INK}"/>')
    for v in (v0, max(values)):
        parts.append(f'<text x="{LEFT - 4}" y="{y(v) + 4:.1f}" font-size="10" '
                     f'text-anchor="end">{escape(_fmt(v))}</text>')
    first, last = lines[0].time[:16].replace("T", " "), lines[-1].time[:16].replace("T", " ")
    parts.append(f'<text x="{LEFT}" y="{H - 8}" font-size="10">{escape(first)}</text>')
    if last != first:
        parts.append(f'<text x="{W - RIGHT}" y="{H - 8}" font-size="10" '
                     f'text-anchor="end">{escape(last)}</text>')
    by_actor: dict[str, list[tuple[float, FigureLine]]] = defaultdict(list)
    for r, t in zip(lines, stamps, strict=True):
        by_actor[r.actor].append((x(t), r))
    for actor, pts in by_actor.items():  # a step line per source, held until its next report
        path, prev = [], None
        for px, r in pts:
            py = y(r.number)
            path.append(f"M{px:.1f},{py:.1f}" if prev is None else f"H{px:.1f}V{py:.1f}")
            prev = py
        path.append(f"H{W - RIGHT}")
        parts.append(f'<path class="step" d="{"".join(path)}" fill="none" stroke="{tints[actor]}" '
                     f'stroke-width="1.5" stroke-dasharray="{"" if actors.index(actor) == 0 else "4 2"}"/>')
    for actor, pts in by_actor.items():
        for px, r in pts:
            py = y(r.number)
            if r.op in "<>":  # a bound: a tick from the mark the way the value may go
                dy = -9 if r.op == ">" else 9
                parts.append(f'<line class="bound" x1="{px:.1f}" y1="{py:.1f}" x2="{px:.1f}" '
                             f'y2="{py + dy:.1f}" stroke="{INK}" stroke-width="1.2"/>')
            parts.append(shape(kinds[actor], px, py, tints[actor],
                               f"{r.time}: {r.value} ({r.actor}, {r.outlet}; claim {r.claim})"))
    parts.append("</svg>")
    legend = "".join(
        f'<span class="who"><svg width="14" height="14" aria-hidden="true">'
        f'{shape(kinds[a], 7, 7, tints[a], a)}</svg> {escape(a)}</span>' for a in actors)
    return Markup("".join(parts) + f'<p class="figure-legend">{legend}</p>')
