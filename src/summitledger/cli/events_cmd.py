"""summitledger events"""

from __future__ import annotations

from summitledger import report
from summitledger.cli.options import DbOption, FormatOption, open_reading, settings
from summitledger.report.output import Format, emit

COLUMNS = ["event", "articles", "outlets", "claims", "actors", "groups", "first", "last"]


def events_cli(db: DbOption = None, format: FormatOption = Format.table) -> None:
    """List the ledger's events: articles, outlets, claims, actors and groups of each,
    and the first and last day its articles were published. Actors and groups never
    cross events; a reading command takes --event NAME (or --event all) when the
    ledger holds several.

    \b
    Examples:
      summitledger events
      summitledger claims --event teachers-strike --actor "the minister"
    """
    engine = open_reading(settings(db).db)
    try:
        rows = report.events(engine)
    finally:
        engine.dispose()
    emit(rows, format, COLUMNS, title="events")
