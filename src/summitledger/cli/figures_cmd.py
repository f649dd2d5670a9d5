"""summitledger figures [QUANTITY]"""

from __future__ import annotations

from typing import Annotated

import typer

from summitledger.cli.options import DbOption, EventOption, FormatOption, open_event, settings
from summitledger.report.figures import series, timeline
from summitledger.report.output import Format, emit

SERIES_COLUMNS = ["series", "latest", "actor", "outlet", "time", "status", "reports"]
LINE_COLUMNS = ["time", "value", "actor", "outlet", "claim", "status"]


def figures_cli(
    quantity: Annotated[str | None, typer.Argument(
        help="A series by its quantity ('people killed'), or words of it ('killed').",
        show_default=False)] = None,
    event: EventOption = None,
    db: DbOption = None,
    format: FormatOption = Format.table,
) -> None:
    """Figures of the event: each quantity (people killed, injured, a crowd, a sum) as a
    series across every actor and outlet, with its latest value, who gave it and its
    status: corroborated, updated (later values supersede earlier ones), disputed
    (sources disagree at one time), contradicted (one source disagrees with itself,
    no update explaining it) or single-source.

    With a QUANTITY, that series' timeline: each report's time, value as written, actor,
    outlet and claim id. json, jsonl and csv give one line per series and claim, with
    'series' and 'status' on every line (the form 'eval' scores).

    \b
    Examples:
      summitledger figures
      summitledger figures "people killed"
      summitledger figures --format jsonl
    """
    engine, scope = open_event(settings(db).db, event)
    try:
        if quantity is None and format is Format.table:
            emit(series(engine, scope), format, SERIES_COLUMNS, title="figures")
            return
        lines = timeline(engine, quantity, scope)
    finally:
        engine.dispose()
    title = f"figures: {lines[0].series} ({lines[0].status})" if quantity and lines else "figures"
    emit(lines, format, LINE_COLUMNS if quantity else ["series", *LINE_COLUMNS], title=title)
