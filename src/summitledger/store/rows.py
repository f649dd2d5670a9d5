"""Query rows read as records by column name: each selected expression is labelled with
the record field it fills, so reordering a select can never put one text field's value
in another.

A reading command returns thousands of records, and pydantic validates a dataclass
from a row's values in order (``ArgsKwargs``) in half the time it takes from a dict
per row; so the names are checked once per query, against the record's fields, and
the values are then handed over in that checked order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import TypeAdapter
from pydantic_core import ArgsKwargs
from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.engine import Result

R = TypeVar("R")


def fields_of(record: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record))


def select_as(record: type, columns: Mapping[str, ColumnElement[Any] | Any]) -> Select:
    """A select of ``columns`` (record field -> SQL expression), each labelled with its
    field, in the record's own field order. Every field must have an expression and
    every expression a field (ValueError naming the odd ones otherwise)."""
    names = fields_of(record)
    if set(columns) != set(names):
        odd = sorted(set(columns) ^ set(names))
        raise ValueError(f"{record.__name__}: no column for, or no field for: {odd}")
    return select(*(columns[n].label(n) for n in names))


def records(adapter: TypeAdapter[list[R]], record: type, result: Result) -> list[R]:
    """The rows of ``result`` (a :func:`select_as` query) as records, validated in one
    call. The result's column names must be the record's fields, in order: ValueError
    otherwise, never a record with values in the wrong fields."""
    names = tuple(result.keys())
    if names != fields_of(record):
        raise ValueError(f"{record.__name__}: the query's columns {list(names)} are not "
                         f"the record's fields {list(fields_of(record))}")
    return adapter.validate_python([ArgsKwargs(tuple(r)) for r in result])
