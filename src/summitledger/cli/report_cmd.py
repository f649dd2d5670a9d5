"""summitledger report"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summitledger.cli.options import DbOption, EventOption, open_event, settings
from summitledger.report import html as htmlreport
from summitledger.report.output import output_file
from summitledger.safe import line_safe, shown_path
from summitledger.store.backend import shown


def report_cli(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="HTML file to write ('-' for stdout).", dir_okay=False)] = Path("report.html"),
    title: Annotated[str, typer.Option(help="Heading of the report (the event).")] = "",
    open_: Annotated[bool, typer.Option(
        "--open", help="Open the report in the web browser once written (the system's "
        "default, or the BROWSER environment variable's).")] = False,
    event: EventOption = None,
    db: DbOption = None,
) -> None:
    """Write one self-contained HTML report: counts by status, an actor-by-outlet matrix,
    and every statement with each outlet's sentence side by side, filterable by actor,
    outlet and status in the browser (no server, no network).

    Example: summitledger report -o report.html --title "Kim meets Putin, 13 Sep 2023" --open
    """
    if open_ and str(output) == "-":
        raise typer.BadParameter("--open needs a file to open, not standard output",
                                 param_hint="--open")
    path = settings(db).db
    engine, scope = open_event(path, event)
    try:
        html = htmlreport.build(engine, title=title, ledger=shown(path), event=scope)
    finally:
        engine.dispose()
    with output_file(output) as out:
        out.write(html)
    if str(output) != "-":
        typer.echo(line_safe(f"wrote {shown_path(output)} ({len(html) // 1024} KiB)"), err=True)
    if open_:
        import webbrowser

        if not webbrowser.open(output.resolve().as_uri()):
            typer.echo(line_safe(f"Warning: no web browser could be opened; the report is at "
                                 f"{output.resolve()}"), err=True)
