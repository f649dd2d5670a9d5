"""summitledger show GROUP"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from summitledger import report
from summitledger.cli.options import DbOption, EventOption, FormatOption, open_reading, settings
from summitledger.report.output import STATUS_STYLE, Format, emit, is_terminal, write_json
from summitledger.safe import line_safe, printable

STYLE = {"quote": "bold yellow", "speaker": "cyan", "cue": "italic magenta"}
PLAIN = {"quote": ("«", "»"), "speaker": ("", ""), "cue": ("", "")}


def _plain(sentence: str, marks: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for a, b, kind in marks:
        if a < pos or kind != "quote":
            continue
        left, right = PLAIN[kind]
        out += [sentence[pos:a], left, sentence[a:b], right]
        pos = b
    return "".join(out + [sentence[pos:]])


def show_cli(
    group: Annotated[int, typer.Argument(help="Group id (the 'group' column of 'claims').")],
    event: EventOption = None,
    db: DbOption = None,
    format: FormatOption = Format.table,
) -> None:
    """Show one group: the statement, its actor, each outlet's sentence with the quoted
    words marked, the status and the exact reason (scores, rule, copies, variants).

    A group id is the ledger's own, so no --event is needed; given one, the group must
    be of that event.

    Example: summitledger show 9
    """
    engine = open_reading(settings(db).db)
    try:
        d = report.show(engine, group, None if event is None or event.lower() == "all"
                        else event)
    finally:
        engine.dispose()
    if format is Format.json:
        write_json(d.model_dump())
        return
    if format is not Format.table:
        emit(d.members, format, [])
        return
    out = sys.stdout
    head = [f"group {d.group}: {d.actor}", f"statement: {d.statement}",
            f"status: {d.status}" + (" (disputed by another actor)" if d.disputed else ""),
            f"why: {d.rule}; {d.summary}", f"matcher: {d.matcher}"]
    for link in d.reason.links:
        head.append(f"link: claims {link.a} and {link.b} score {link.score} ({link.why})")
    for s in d.reason.sides:
        head.append(f"side: claim {s.claim} ({s.outlet}): {s.words}")
    for u in d.reason.updates:
        moved = " -> ".join(f"claim {x.claim} ({x.outlet}): {x.words}" for x in u.sides)
        head.append(f"updated: {moved}")
    for v in d.reason.variants:
        head.append(f"variant: «{v.quote}» ({', '.join(v.outlets)})")
    for c in d.reason.copies:
        head.append(f"copies of one text: articles {', '.join(map(str, c))}")
    for x in d.reason.disputed_by:
        head.append(f"disputed by group {x.group} ({x.actor}): {x.statement}")
    head = [line_safe(line) for line in head]  # each on its line, whatever a name holds
    if not is_terminal(out):
        out.write("\n".join(head) + "\n")
        out.write("claim\toutlet\tcue\ttype\tsentence\n")
        for m in d.members:
            out.write("\t".join(line_safe(str(x)) for x in (
                m.claim, m.outlet, m.cue, m.type, _plain(m.sentence, m.marks))) + "\n")
        return
    console = Console(file=out)
    style = STATUS_STYLE.get(d.status, "")
    for line in head:
        console.print(Text(line, style=style if line.startswith("status") else ""))
    table = Table(show_lines=True)
    for col in ("claim", "outlet", "cue", "type", "sentence"):
        table.add_column(col, overflow="fold")
    for m in d.members:
        text = Text(m.sentence)
        for a, b, kind in m.marks:
            text.stylize(STYLE[kind], a, b)
        # control characters go; the marks' offsets are kept by blanking, not removing
        text.plain = "".join(c if printable(c) else " " for c in text.plain)
        table.add_row(str(m.claim), Text(printable(m.outlet)), Text(printable(m.cue)),
                      m.type, text)
    console.print(table)
