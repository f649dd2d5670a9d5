"""Rendering rows for people and machines, defined once for every command.

``table`` is a rich table on a terminal and tab-separated plain lines when piped;
``json`` is one document, ``jsonl`` one object a line, ``csv`` a header and rows.
Data goes to stdout with plain writes; nothing here prints messages.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass
from enum import StrEnum
from functools import cache
from typing import Any, TextIO

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table
from rich.text import Text

from summitledger.report.destinations import output_file  # noqa: F401  (commands' import)
from summitledger.safe import csv_cell, csv_value, line_safe, printable

#: A statement's column in a terminal table is at most this wide (it folds onto more
#: lines), so the other columns keep room on an ordinary terminal.
TEXT_WIDTH = 70
STATUS_STYLE = {"corroborated": "green", "single-source": "yellow", "contradicted": "red",
                "updated": "blue", "disputed": "magenta"}


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def as_dict(row: Any) -> dict[str, Any]:
    """A row as a plain dict: a pydantic model, a (pydantic) dataclass or a mapping."""
    if isinstance(row, BaseModel):
        return row.model_dump()
    if is_dataclass(row):
        return {name: getattr(row, name) for name in field_names(type(row))}
    return dict(row)


@cache
def field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names, in order."""
    return tuple(f.name for f in fields(cls))


def _cell(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, (list, tuple, dict)) for v in value):  # never Python's repr
            return json.dumps(value, ensure_ascii=False)
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else str(value)


def is_terminal(stream: TextIO) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()


def write_json(value: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def emit(
    rows: Sequence[Any],
    fmt: Format,
    columns: Sequence[str],
    *,
    title: str | None = None,
    out: TextIO | None = None,
) -> None:
    """Write ``rows``; ``columns`` are those a table shows (machines get every field)."""
    out = out or sys.stdout
    data = [as_dict(r) for r in rows]
    if fmt is Format.json:
        write_json(data, out)
    elif fmt is Format.jsonl:
        for d in data:
            out.write(json.dumps(d, ensure_ascii=False, default=str) + "\n")
    elif fmt is Format.csv:
        fields = list(data[0]) if data else list(columns)
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for d in data:
            # numbers stay numbers (-1 is no formula); text gets the formula guard
            writer.writerow({k: csv_value(v) if isinstance(v, int | float | None)
                             else csv_cell(_cell(v)) for k, v in d.items()})
    else:
        table(data, columns, title=title, out=out)


def table(data: Iterable[dict[str, Any]], columns: Sequence[str], *, title: str | None = None,
          out: TextIO | None = None) -> None:
    out = out or sys.stdout
    data = list(data)
    if not is_terminal(out):
        if title:
            out.write(f"# {line_safe(title)}\n")
        out.write("\t".join(line_safe(c) for c in columns) + "\n")
        for d in data:
            out.write("\t".join(printable(_cell(d.get(c))).replace("\t", " ").replace("\n", " ")
                                for c in columns) + "\n")
        return
    t = Table(title=Text(line_safe(title)) if title else None, show_lines=False,
              header_style="bold", expand=False)
    for c in columns:
        t.add_column(Text(line_safe(c)), overflow="fold",
                     max_width=TEXT_WIDTH if c in ("content", "statement") else None)
    for d in data:
        cells = []
        for c in columns:  # Text, not markup: '[link=...]' in an outlet name stays text
            text = printable(_cell(d.get(c)))
            cells.append(Text(text, style=STATUS_STYLE.get(text, "") if c == "status" else ""))
        t.add_row(*cells)
    Console(file=out).print(t)
