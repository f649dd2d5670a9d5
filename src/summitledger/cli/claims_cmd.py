"""summitledger claims"""

from __future__ import annotations

from typing import Annotated

import typer

from summitledger import report
from summitledger.cli.options import DbOption, EventOption, FormatOption, open_event, settings
from summitledger.models import CLAIM_TYPES, STATUSES
from summitledger.report.names import several_events
from summitledger.report.output import Format, emit
from summitledger.report.passed import stored_before
from summitledger.report.queries import when

COLUMNS = ["id", "outlet", "actor", "cue", "type", "content", "status", "group", "date"]
PASSED_COLUMNS = ["article", "outlet", "cue", "sentence"]


def _check(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    """``value`` as the ledger spells it ('Contradicted' is contradicted), or exit 2."""
    if value is not None and value.lower() not in allowed:
        raise typer.BadParameter(f"{what} must be one of {', '.join(allowed)}")
    return value.lower() if value is not None else None


def _time(value: str | None) -> str | None:
    if value is not None:
        try:
            when(value)
        except ValueError:
            raise typer.BadParameter(f"'{value}' is not a day (2025-09-22) or a time "
                                     "(2025-09-22T10:00, 2025-09-22T10:00+03:00)") from None
    return value


def claims_cli(
    actor: Annotated[str | None, typer.Option(
        help="Only this actor, by any of its names, aliases or roles, in any case "
        "(Putin, 'Mr Kim', 'the mayor').")] = None,
    outlet: Annotated[str | None, typer.Option(
        help="Only claims this outlet reported (any case, whole words: 'economist').")] = None,
    status: Annotated[str | None, typer.Option(
        help="corroborated, single-source, contradicted or updated (one source's figure "
             "that moved over time); any case.",
        callback=lambda v: _check(v, STATUSES, "--status"))] = None,
    type: Annotated[str | None, typer.Option(
        "--type", help="direct, mixed or indirect.",
        callback=lambda v: _check(v, CLAIM_TYPES, "--type"))] = None,
    search: Annotated[str | None, typer.Option(
        "--search", "-s", help="Only claims whose content, quotation or speaker hold every "
        "word of TEXT, in any form ('warn' finds 'warned'), or a word it starts "
        "('evacu' finds 'evacuation'); full-text index.", metavar="TEXT")] = None,
    group: Annotated[int | None, typer.Option(
        "--group", help="Only the claims of this group (the 'group' column).", min=1)] = None,
    since: Annotated[str | None, typer.Option(
        help="Only claims of articles published on or after this day or time "
        "(2025-09-22, 2025-09-22T10:00+03:00).", callback=_time, metavar="WHEN")] = None,
    until: Annotated[str | None, typer.Option(
        help="Only claims of articles published on or before this day or time.",
        callback=_time, metavar="WHEN")] = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", "-n", min=1, help="At most N claims (the first in article order).")] = None,
    passed_over: Annotated[bool, typer.Option(
        "--passed-over", help="List instead the sentences with a reporting verb (or "
        "'according to') that gave no claim, with their article, outlet and cue: what the "
        "ledger missed. Takes --outlet, --event and --limit.")] = False,
    event: EventOption = None,
    db: DbOption = None,
    format: FormatOption = Format.table,
) -> None:
    """List attributed claims: who said what, where, and whether others agree.

    \b
    Examples:
      summitledger claims --actor Putin
      summitledger claims --status corroborated --format jsonl
      summitledger claims --search "arms deal" --limit 5
      summitledger claims --passed-over --outlet Economist
      summitledger claims --event harbour-bridge-collapse --since 2025-03-12
    """
    if passed_over:
        given = [name for name, v in (("--actor", actor), ("--status", status),
                                      ("--type", type), ("--search", search),
                                      ("--group", group), ("--since", since),
                                      ("--until", until)) if v]
        if given:
            raise typer.BadParameter(f"{', '.join(given)} cannot go with --passed-over "
                                     "(passed-over sentences have no claim)")
        _passed(db, outlet, limit, format, event)
        return
    engine, scope = open_event(settings(db).db, event)
    try:
        rows = report.claims(engine, actor=actor, outlet=outlet, status=status, type=type,
                             search=search, limit=limit, event=scope, group=group,
                             since=since, until=until)
        several = scope is None and several_events(engine)
    finally:
        engine.dispose()
    emit(rows, format, ["event", *COLUMNS] if several else COLUMNS, title="claims")


def _passed(db: str | None, outlet: str | None, limit: int | None, format: Format,
            event: str | None) -> None:
    engine, scope = open_event(settings(db).db, event)
    try:
        rows = report.passed_over(engine, outlet=outlet, limit=limit, event=scope)
        older = stored_before(engine)
    finally:
        engine.dispose()
    if older:
        typer.echo(f"Warning: {older} article{'s were' if older != 1 else ' was'} stored "
                   "before this ledger kept passed-over sentences; ingest "
                   f"{'them' if older != 1 else 'it'} again to list "
                   f"{'theirs' if older != 1 else 'its'}", err=True)
    emit(rows, format, PASSED_COLUMNS, title="passed over")
