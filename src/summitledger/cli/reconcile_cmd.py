"""summitledger reconcile"""

from __future__ import annotations

import typer

from summitledger.cli.options import DbOption, FormatOption, say_waiting, settings
from summitledger.reconcile.run import reconcile
from summitledger.report.output import Format, write_json
from summitledger.store.engine import open_ledger


def reconcile_cli(db: DbOption = None, format: FormatOption = Format.table) -> None:
    """Rebuild actors, claim groups and figure series over the whole ledger (ingest brings
    them up to date itself, adding new articles to what they touch)."""
    engine = open_ledger(settings(db).db)
    try:
        summary = reconcile(engine, say_waiting, full=True)
    finally:
        engine.dispose()
    if format is Format.json:
        write_json(summary.model_dump())
    statuses = ", ".join(f"{n} {s}" for s, n in summary.by_status.items()) or "none"
    typer.echo(f"ledger: {summary.articles} articles, {summary.claims} claims, "
               f"{summary.actors} actors, {summary.groups} groups ({statuses})", err=True)
