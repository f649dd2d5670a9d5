"""The report's coverage view, inline SVG: statements by outlets, and a bar per outlet.

Each row is a statement, each column an outlet; a mark where the outlet carries the
statement, its status told by shape as well as colour (circle corroborated, square
single-source, triangle contradicted; Okabe-Ito colours that colour-blind readers tell
apart). Under it, per outlet, how many of its statements others corroborate, only it
carries, or are contradicted, with the counts written out.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from summitledger.report.queries import UNNAMED

PALETTE = {"corroborated": "#009E73", "single-source": "#E69F00", "contradicted": "#D55E00"}
ROW, COL, LEFT, TOP = 16, 28, 56, 130
MAX_ROWS = 300  # a ledger with more statements shows the first (most important) ones


def _mark(x: float, y: float, status: str, title: str) -> str:
    colour = PALETTE.get(status, "#777")
    tip = f"<title>{escape(title)}</title>"
    if status == "corroborated":
        return f'<circle class="mark" data-status="{status}" cx="{x}" cy="{y}" r="5" fill="{colour}">{tip}</circle>'
    if status == "contradicted":
        pts = f"{x},{y - 6} {x + 6},{y + 5} {x - 6},{y + 5}"
        return f'<polygon class="mark" data-status="{status}" points="{pts}" fill="{colour}">{tip}</polygon>'
    return (f'<rect class="mark" data-status="{status}" x="{x - 5}" y="{y - 5}" width="10" '
            f'height="10" fill="{colour}">{tip}</rect>')


def coverage_svg(groups: list[dict], outlets: list[str],
                 labels: dict[str, str] | None = None) -> Markup:
    """``groups``: the report's rows (in display order) with ``group``, ``status``,
    ``statement`` and ``outlets``; ``labels``: what each outlet is shown as."""

    def label(outlet: str) -> str:
        return (labels or {}).get(outlet, outlet)

    rows = groups[:MAX_ROWS]
    width = LEFT + COL * max(1, len(outlets)) + 20
    grid_h = TOP + ROW * len(rows)
    bar_top = grid_h + 30
    height = bar_top + 22 * len(outlets) + 20
    most = max([sum(1 for g in groups if o in g["outlets"]) for o in outlets] or [0])
    # the bars start after the longest outlet name (up to 48 characters; longer ones cut)
    bar_x = min(max(160, 7 * max([len(label(o)) for o in outlets] or [0])), 340)
    width = max(width, bar_x + 4 * most + 300)  # room for the longest bar and its counts
    parts = [f'<svg id="coverage" role="img" '
             f'width="{width}" height="{height}" aria-label="Coverage: statements by outlet">']
    for j, outlet in enumerate(outlets):
        x = LEFT + COL * j + COL / 2
        name = label(outlet)
        short = _short(name, 22)  # the slanted head has room for 22 characters
        parts.append(f'<text class="outlet" x="{x}" y="{TOP - 8}" transform="rotate(-45 {x} {TOP - 8})" '
                     f'font-size="11"><title>{escape(name)}</title>{escape(short)}</text>')
    for i, g in enumerate(rows):
        y = TOP + ROW * i + ROW / 2
        parts.append(f'<text x="4" y="{y + 4}" font-size="10">#{g["group"]}<title>'
                     f'{escape(g["statement"])}</title></text>')
        for j, outlet in enumerate(outlets):
            if outlet in g["outlets"]:
                parts.append(_mark(LEFT + COL * j + COL / 2, y, g["status"],
                                   f'#{g["group"]} {g["status"]}, {label(outlet)}: {g["statement"]}'))
    counts = {o: {"corroborated": 0, "single-source": 0, "contradicted": 0} for o in outlets}
    for g in groups:
        for o in g["outlets"]:
            if o in counts and g["status"] in counts[o]:
                counts[o][g["status"]] += 1
    scale = 4
    for j, outlet in enumerate(outlets):
        y, x = bar_top + 22 * j, bar_x
        name = label(outlet)
        short = _short(name, 48)  # the full name on hover
        parts.append(f'<text x="4" y="{y + 12}" font-size="11"><title>{escape(name)}</title>'
                     f'{escape(short)}</text>')
        for status, word in (("corroborated", "corroborated"), ("single-source", "only here"),
                             ("contradicted", "contradicted")):
            n = counts[outlet][status]
            if n:
                parts.append(f'<rect class="bar" data-outlet="{escape(outlet)}" data-status="{status}" '
                             f'x="{x}" y="{y}" width="{n * scale}" height="14" fill="{PALETTE[status]}">'
                             f'<title>{n} {word}</title></rect>')
                x += n * scale
        text = ", ".join(f"{counts[outlet][s]} {lab}" for s, lab in (
            ("corroborated", "corroborated"), ("single-source", "only here"),
            ("contradicted", "contradicted")))
        parts.append(f'<text class="bar-count" x="{x + 6}" y="{y + 12}" font-size="11">{text}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(name: str, room: int) -> str:
    """``name`` in ``room`` characters; an unnamed outlet keeps its mark, its stem cut."""
    if len(name) <= room:
        return name
    if name.endswith(UNNAMED):
        mark = " (not named)"
        return name[: max(4, room - len(mark) - 1)] + "…" + mark
    return name[: room - 1] + "…"
