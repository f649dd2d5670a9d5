"""summitledger export"""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .. import export
from .options import DbOption, open_reading, settings


class ExportFormat(StrEnum):
    jsonld = "jsonld"
    jsonl = "jsonl"
    csv = "csv"


def export_cli(
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="jsonld (schema.org Claims), jsonl or csv (claims, stable columns).",
        case_sensitive=False)] = ExportFormat.jsonld,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False)] = None,
    db: DbOption = None,
) -> None:
    """Export the ledger for other tools.

    jsonld: one schema.org Claim per statement, its author the actor, its appearances
    the articles (outlet, date, sentence), with an inline context, so JSON-LD tools
    read it offline. jsonl and csv: every claim, columns in the order the README lists.

    Examples:
      summitledger export -f jsonld -o claims.jsonld
      summitledger export -f csv > claims.csv
    """
    engine = open_reading(settings(db).db)
    try:
        data = export.jsonld(engine) if format is ExportFormat.jsonld else export.flat(engine)
    finally:
        engine.dispose()
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if format is ExportFormat.jsonld:
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif format is ExportFormat.jsonl:
            for row in data:  # type: ignore[union-attr]
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(out, fieldnames=export.COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(data)  # type: ignore[arg-type]
    finally:
        if output:
            out.close()
    if output:
        typer.echo(f"wrote {output}", err=True)
