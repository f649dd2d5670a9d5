"""The report's coverage view, inline SVG: statements by outlets, and a bar per outlet.

Each row is a statement, each column an outlet; a mark where the outlet carries the
statement, its status told by shape as well as colour (circle corroborated, square
single-source, triangle contradicted, diamond updated; Okabe-Ito colours that
colour-blind readers tell apart); each row is labelled with its statement (shortened; in full on hover). Under it,
per outlet, how many of its statements others corroborate, only it carries, are
contradicted or were updated (one source's figure that moved), with the counts written out. The report's filters (actor, outlet,
status) hide rows and recount the bars in the page.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from summitledger.report.queries import UNNAMED

PALETTE = {"corroborated": "#009E73", "single-source": "#E69F00", "contradicted": "#D55E00",
           "updated": "#0072B2"}
ROW, COL, LEFT, TOP = 16, 28, 330, 130
LABEL_CHARS = 56  # of a row's '#5 Actor: statement' in LEFT pixels at 10px; the rest on hover
BAR_H, BAR_GAP, SCALE = 22, 30, 4  # a bar's line height, the space above the bars, px a statement
MAX_ROWS = 300  # a ledger with more statements shows the first (most important) ones
HEAD_CHARS = 22  # of an outlet's name in the slanted column head; the full name on hover
BAR_LABEL_CHARS = 48  # of an outlet's name beside its bar; the full name on hover
BAR_WORDS = (("corroborated", "corroborated"), ("single-source", "only here"),
             ("contradicted", "contradicted"), ("updated", "updated"))
OPTIONAL = {"updated"}  # written out only when an outlet has some (most ledgers have none)


def _mark(x: float, y: float, status: str, title: str) -> str:
    colour = PALETTE.get(status, "#777")
    tip = f"<title>{escape(title)}</title>"
    if status == "corroborated":
        return f'<circle class="mark" data-status="{status}" cx="{x}" cy="{y}" r="5" fill="{colour}">{tip}</circle>'
    if status in ("contradicted", "updated"):  # a triangle; a diamond for updated
        pts = (f"{x},{y - 6} {x + 6},{y + 5} {x - 6},{y + 5}" if status == "contradicted"
               else f"{x},{y - 6} {x + 6},{y} {x},{y + 6} {x - 6},{y}")
        return f'<polygon class="mark" data-status="{status}" points="{pts}" fill="{colour}">{tip}</polygon>'
    return (f'<rect class="mark" data-status="{status}" x="{x - 5}" y="{y - 5}" width="10" '
            f'height="10" fill="{colour}">{tip}</rect>')


def _row(i: int, g: dict, outlets: list[str], label) -> str:  # type: ignore[no-untyped-def]
    """One statement's row, placed by a translation the page's filters change: its
    label (shortened; in full on hover) and a mark per outlet carrying it. Beyond
    MAX_ROWS a row holds only its data, so the bars still count it."""
    keys = (f'class="row" data-group="{g["group"]}" data-status="{escape(g["status"])}" '
            f'data-actor="{escape(g["actor"])}" data-outlet="{escape("|".join(g["outlets"]))}"')
    if i >= MAX_ROWS:
        return f'<g {keys} data-extra="1"></g>'
    y = TOP + ROW / 2
    full = f'#{g["group"]} {g["actor"]}: {g["statement"]}' if g["actor"] else \
        f'#{g["group"]} {g["statement"]}'
    parts = [f'<g {keys} transform="translate(0,{ROW * i})">',
             f'<text class="row-label" x="4" y="{y + 4}" font-size="10"><title>{escape(full)}'
             f'</title>{escape(_short(full, LABEL_CHARS))}</text>']
    for j, outlet in enumerate(outlets):
        if outlet in g["outlets"]:
            parts.append(_mark(LEFT + COL * j + COL / 2, y, g["status"],
                               f'#{g["group"]} {g["status"]}, {label(outlet)}: {g["statement"]}'))
    parts.append("</g>")
    return "".join(parts)


def coverage_svg(groups: list[dict], outlets: list[str],
                 labels: dict[str, str] | None = None) -> Markup:
    """``groups``: the report's rows (in display order) with ``group``, ``status``,
    ``actor``, ``statement`` and ``outlets``; ``labels``: what each outlet is shown as.
    The page's filters hide rows and close the gaps, and recount the bars from the
    rows they keep (the script in the template); without a script all is shown."""

    def label(outlet: str) -> str:
        return (labels or {}).get(outlet, outlet)

    shown = min(len(groups), MAX_ROWS)
    grid_h = TOP + ROW * shown
    most = max([sum(1 for g in groups if o in g["outlets"]) for o in outlets] or [0])
    # the bars start after the longest outlet name (up to 48 characters; longer ones cut)
    bar_x = min(max(160, 7 * max([len(label(o)) for o in outlets] or [0])), 340)
    width = max(LEFT + COL * max(1, len(outlets)) + 20, bar_x + SCALE * most + 300)
    height = grid_h + BAR_GAP + BAR_H * len(outlets) + 20
    parts = [f'<svg id="coverage" role="img" width="{width}" height="{height}" '
             f'data-row="{ROW}" data-top="{TOP}" data-gap="{BAR_GAP}" data-bar="{BAR_H}" '
             f'data-scale="{SCALE}" data-bar-x="{bar_x}" '
             f'aria-label="Coverage: statements by outlet">']
    for j, outlet in enumerate(outlets):
        x = LEFT + COL * j + COL / 2
        name = label(outlet)
        short = _short(name, HEAD_CHARS)
        parts.append(f'<text class="outlet" x="{x}" y="{TOP - 8}" transform="rotate(-45 {x} {TOP - 8})" '
                     f'font-size="11"><title>{escape(name)}</title>{escape(short)}</text>')
    parts += [_row(i, g, outlets, label) for i, g in enumerate(groups)]
    counts = {o: dict.fromkeys(PALETTE, 0) for o in outlets}
    for g in groups:
        for o in g["outlets"]:
            if o in counts and g["status"] in counts[o]:
                counts[o][g["status"]] += 1
    parts.append(f'<g id="bars" transform="translate(0,{grid_h + BAR_GAP})">')
    for j, outlet in enumerate(outlets):
        y, x = BAR_H * j, bar_x
        name = label(outlet)
        parts.append(f'<g class="outlet-bar" data-outlet="{escape(outlet)}">'
                     f'<text x="4" y="{y + 12}" font-size="11"><title>{escape(name)}</title>'
                     f'{escape(_short(name, BAR_LABEL_CHARS))}</text>')
        for status, word in BAR_WORDS:
            n = counts[outlet][status]
            optional = ' data-optional="1"' if status in OPTIONAL else ""
            parts.append(f'<rect class="bar" data-status="{status}" data-word="{word}"{optional} '
                         f'x="{x}" y="{y}" width="{n * SCALE}" height="14" fill="{PALETTE[status]}">'
                         f'<title>{n} {word}</title></rect>')
            x += n * SCALE
        text = ", ".join(f"{counts[outlet][s]} {word}" for s, word in BAR_WORDS
                         if counts[outlet][s] or s not in OPTIONAL)
        parts.append(f'<text class="bar-count" x="{x + 6}" y="{y + 12}" font-size="11">{text}</text></g>')
    parts.append("</g></svg>")
    return Markup("".join(parts))


def _short(name: str, room: int) -> str:
    """``name`` in ``room`` characters; an unnamed outlet keeps its mark, its stem cut."""
    if len(name) <= room:
        return name
    if name.endswith(UNNAMED):
        mark = " (not named)"
        return name[: max(4, room - len(mark) - 1)] + "…" + mark
    return name[: room - 1] + "…"
