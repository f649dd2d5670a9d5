"""summitledger export"""

from __future__ import annotations

import csv
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summitledger.cli.options import DbOption, EventOption, open_event, settings
from summitledger.report import export
from summitledger.report.output import output_file
from summitledger.safe import csv_value, line_safe, shown_path


class ExportFormat(StrEnum):
    jsonld = "jsonld"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def export_cli(
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="jsonld (schema.org Claims), json, jsonl or csv (claims, stable "
        "columns).",
        case_sensitive=False)] = ExportFormat.jsonld,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False)] = None,
    bom: Annotated[bool, typer.Option(
        "--bom", help="csv: start with a byte-order mark, so spreadsheets read UTF-8.")] = False,
    event: EventOption = None,
    db: DbOption = None,
) -> None:
    """Export the ledger for other tools.

    jsonld: one schema.org Claim per statement, its author the actor, its appearances
    the articles (outlet, date, sentence), with an inline context, so JSON-LD tools
    read it offline. json, jsonl and csv: every claim, columns in the order the README
    lists (--bom for spreadsheets).

    \b
    Examples:
      summitledger export -f jsonld -o claims.jsonld
      summitledger export -f csv > claims.csv
    """
    engine, scope = open_event(settings(db).db, event)
    try:
        with output_file(output) as out:
            if format is ExportFormat.jsonld:
                export.write_jsonld(engine, out, event=scope)
            elif format is ExportFormat.json:
                out.write(json.dumps(export.flat(engine, scope), ensure_ascii=False, indent=2)
                          + "\n")
            elif format is ExportFormat.jsonl:
                for row in export.flat(engine, scope):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                if bom:
                    out.write("\ufeff")
                writer = csv.DictWriter(out, fieldnames=export.COLUMNS, lineterminator="\n")
                writer.writeheader()
                for row in export.flat(engine, scope):
                    writer.writerow({k: csv_value(v) for k, v in row.items()})
    finally:
        engine.dispose()
    if output:
        typer.echo(line_safe(f"wrote {shown_path(output)}"), err=True)
