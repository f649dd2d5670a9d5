"""A Datasette plugin: plain ``datasette data/claims.db`` shows a ledger with its metadata.

Registered through the ``datasette`` entry point, so any Datasette in the same
environment finds it. It gives titles, facets, hidden internal tables and canned
queries (:mod:`summitledger.report.datasette`) to every served database that is a
summitledger ledger, and nothing to any other database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from datasette import hookimpl

from summitledger.report.datasette import database_metadata

_LEDGER_TABLES = {"_migrations", "claim", "claims_view", "groups_view"}
_seen: dict[tuple[str, float], bool] = {}


def is_ledger(path: str | None) -> bool:
    """Whether the SQLite file at ``path`` holds a summitledger ledger (read-only look)."""
    if not path:
        return False
    try:
        key = (path, Path(path).stat().st_mtime)
    except OSError:
        return False
    if key not in _seen:
        try:
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
            try:
                names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            finally:
                conn.close()
        except sqlite3.Error:
            names = set()
        _seen[key] = _LEDGER_TABLES <= names
    return _seen[key]


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None,
                 table: str | None) -> dict[str, Any]:
    ledgers = {name: db for name, db in datasette.databases.items()
               if is_ledger(getattr(db, "path", None))}
    return {"databases": {name: database_metadata(Path(db.path))
                          for name, db in ledgers.items()}}
