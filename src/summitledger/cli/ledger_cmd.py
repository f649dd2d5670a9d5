"""summitledger ledger copy"""

from __future__ import annotations

from typing import Annotated

import typer

from summitledger.cli.options import FormatOption
from summitledger.report.output import Format, emit, write_json
from summitledger.safe import line_safe

ledger_app = typer.Typer(rich_markup_mode=None, no_args_is_help=True,
                         help="The ledger as a whole: copy it between SQLite and PostgreSQL.")


@ledger_app.command("copy")
def copy_cli(
    source: Annotated[str, typer.Argument(help="The ledger to copy: a file or a URL.")],
    target: Annotated[str, typer.Argument(help="A new or empty ledger: a file or a URL.")],
    format: FormatOption = Format.table,
) -> None:
    """Copy a whole ledger, in either direction between an SQLite file and a PostgreSQL
    database (articles, claims, actors, groups, overrides, lexicons). The target is
    created if need be and must hold no articles; the copy is one transaction, so a
    failure leaves it empty. Passwords in URLs are never shown.

    \b
    Examples:
      summitledger ledger copy data/claims.db postgresql+psycopg://me@db.newsroom/summit
      summitledger ledger copy postgresql+psycopg://me@db.newsroom/summit snapshot.db
    """
    from summitledger.store.copy import copy_ledger

    summary = copy_ledger(source, target)
    if format is Format.json:
        write_json(summary.model_dump())
        return
    emit([{"table": t, "rows": n} for t, n in summary.rows.items()], format, ["table", "rows"])
    total = sum(summary.rows.values())
    typer.echo(line_safe(f"copied {total} rows from {summary.source} to {summary.target}"),
               err=True)
