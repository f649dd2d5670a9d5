"""summitledger claims"""

from __future__ import annotations

from typing import Annotated

import typer

from summitledger import report
from summitledger.cli.options import DbOption, FormatOption, open_reading, settings
from summitledger.models import CLAIM_TYPES, STATUSES
from summitledger.report.output import Format, emit
from summitledger.report.passed import stored_before

COLUMNS = ["id", "outlet", "actor", "cue", "type", "content", "status", "group", "date"]
PASSED_COLUMNS = ["article", "outlet", "cue", "sentence"]


def _check(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    if value is not None and value not in allowed:
        raise typer.BadParameter(f"{what} must be one of {', '.join(allowed)}")
    return value


def claims_cli(
    actor: Annotated[str | None, typer.Option(
        help="Only this actor, by any of its names, case-insensitive (Putin, 'Mr Kim').")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only claims this outlet reported.")] = None,
    status: Annotated[str | None, typer.Option(
        help="corroborated, single-source, contradicted or updated (one source's figure "
             "that moved over time).",
        callback=lambda v: _check(v, STATUSES, "--status"))] = None,
    type: Annotated[str | None, typer.Option(
        "--type", help="direct, mixed or indirect.",
        callback=lambda v: _check(v, CLAIM_TYPES, "--type"))] = None,
    search: Annotated[str | None, typer.Option(
        "--search", "-s", help="Only claims whose content, quotation or speaker hold every "
        "word of TEXT (full-text index).", metavar="TEXT")] = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", "-n", min=1, help="At most N claims (the first in article order).")] = None,
    passed_over: Annotated[bool, typer.Option(
        "--passed-over", help="List instead the sentences with a reporting verb (or "
        "'according to') that gave no claim, with their article, outlet and cue: what the "
        "ledger missed. Takes --outlet and --limit.")] = False,
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
    """
    if passed_over:
        given = [name for name, v in (("--actor", actor), ("--status", status),
                                      ("--type", type), ("--search", search)) if v]
        if given:
            raise typer.BadParameter(f"{', '.join(given)} cannot go with --passed-over "
                                     "(passed-over sentences have no claim)")
        _passed(db, outlet, limit, format)
        return
    engine = open_reading(settings(db).db)
    try:
        rows = report.claims(engine, actor=actor, outlet=outlet, status=status, type=type,
                             search=search, limit=limit)
    finally:
        engine.dispose()
    emit(rows, format, COLUMNS, title="claims")


def _passed(db: str | None, outlet: str | None, limit: int | None, format: Format) -> None:
    engine = open_reading(settings(db).db)
    try:
        rows = report.passed_over(engine, outlet=outlet, limit=limit)
        older = stored_before(engine)
    finally:
        engine.dispose()
    if older:
        typer.echo(f"Warning: {older} article{'s were' if older != 1 else ' was'} stored "
                   "before this ledger kept passed-over sentences; ingest "
                   f"{'them' if older != 1 else 'it'} again to list "
                   f"{'theirs' if older != 1 else 'its'}", err=True)
    emit(rows, format, PASSED_COLUMNS, title="passed over")
