"""Copying a whole ledger between SQLite and PostgreSQL, in either direction.

A team seeds its shared PostgreSQL ledger from a laptop's file, or takes a snapshot
home. The target is created (or migrated) first and must hold no articles; every table
is copied in foreign-key order, in one transaction on the target, so a failed copy
leaves it empty; PostgreSQL's id counters then continue after the copied ids, and an
SQLite target's full-text index is rebuilt.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import StatementError
from sqlmodel import SQLModel

from summitledger.errors import NOT_EMPTY, LedgerFileError
from summitledger.models import Article
from summitledger.store.backend import is_postgres, rebuild_search, shown
from summitledger.store.engine import ledger_failure, open_ledger

CHUNK = 5000  # rows read and written at a time


class CopySummary(BaseModel):
    source: str
    target: str
    rows: dict[str, int]  # table -> rows copied


def copy_ledger(source: Path | str, target: Path | str) -> CopySummary:
    """Copy the ledger at ``source`` into a new or empty ledger at ``target``."""
    if str(source) == str(target):
        raise LedgerFileError(f"{shown(source)}: source and target are the same ledger",
                              code=NOT_EMPTY)
    src = open_ledger(source, readonly=True)
    dst = open_ledger(target)
    counts: dict[str, int] = {}
    try:
        with src.connect() as read, dst.begin() as write:
            if write.execute(select(func.count()).select_from(Article)).scalar_one():
                raise LedgerFileError(
                    f"{shown(target)}: already holds articles; copy into a new or empty "
                    "ledger", code=NOT_EMPTY)
            tables = [t for t in SQLModel.metadata.sorted_tables if t.name != "_migrations"]
            for table in reversed(tables):  # the migrations' own rows (meta) go first
                write.execute(table.delete())
            for table in tables:
                n = 0
                result = read.execution_options(yield_per=CHUNK).execute(select(table))
                for rows in result.partitions(CHUNK):
                    write.execute(insert(table), [r._asdict() for r in rows])
                    n += len(rows)
                counts[table.name] = n
            if is_postgres(write):  # the next id a table gives follows the copied ones
                for table in tables:
                    if "id" in table.c and table.c.id.primary_key:
                        write.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"))
            rebuild_search(write)
    except StatementError as exc:  # a database error: one coded line
        raise ledger_failure(exc) from None
    finally:
        src.dispose()
        dst.dispose()
    return CopySummary(source=shown(source), target=shown(target), rows=counts)
