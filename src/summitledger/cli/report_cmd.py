"""summitledger report"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summitledger.cli.options import DbOption, open_reading, settings
from summitledger.report import html as htmlreport
from summitledger.report.output import output_file
from summitledger.safe import printable
from summitledger.store.backend import shown


def report_cli(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="HTML file to write ('-' for stdout).", dir_okay=False)] = Path("report.html"),
    title: Annotated[str, typer.Option(help="Heading of the report (the event).")] = "",
    db: DbOption = None,
) -> None:
    """Write one self-contained HTML report: counts by status, an actor-by-outlet matrix,
    and every statement with each outlet's sentence side by side, filterable by actor,
    outlet and status in the browser (no server, no network).

    Example: summitledger report -o report.html --title "Kim meets Putin, 13 Sep 2023"
    """
    path = settings(db).db
    engine = open_reading(path)
    try:
        html = htmlreport.build(engine, title=title, ledger=shown(path))
    finally:
        engine.dispose()
    with output_file(output) as out:
        out.write(html)
    if str(output) != "-":
        typer.echo(printable(f"wrote {output} ({len(html) // 1024} KiB)"), err=True)
