"""A Datasette plugin: plain ``datasette data/claims.db`` shows a ledger with its metadata.

Registered through the ``datasette`` entry point, so any Datasette in the same
environment finds it. It gives titles, facets, hidden internal tables and canned
queries (:mod:`summitledger.report.datasette`) to every served database that is a
summitledger ledger, and nothing to any other database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasette import hookimpl

from summitledger.report.datasette import database_metadata
from summitledger.store.datasette import is_ledger_file

_seen: dict[tuple[str, float], bool] = {}


def is_ledger(path: str | None) -> bool:
    """Whether the SQLite file at ``path`` holds a summitledger ledger, asked once per
    file and modification time."""
    if not path:
        return False
    try:
        key = (path, Path(path).stat().st_mtime)
    except OSError:
        return False
    if key not in _seen:
        _seen[key] = is_ledger_file(Path(path))
    return _seen[key]


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None,
                 table: str | None) -> dict[str, Any]:
    ledgers = {name: db for name, db in datasette.databases.items()
               if is_ledger(getattr(db, "path", None))}
    return {"databases": {name: database_metadata(Path(db.path))
                          for name, db in ledgers.items()}}
