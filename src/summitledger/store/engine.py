"""Opening the ledger: an SQLite file (:mod:`sqlite`) or a PostgreSQL URL
(:mod:`postgres`); numbered migrations and schema checks for both; what a database
error means for the user."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from sqlite3 import SQLITE_FULL, SQLITE_READONLY

from sqlalchemy import insert, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, InterfaceError, OperationalError

from summitledger.bookkeeping import Pending
from summitledger.errors import (
    LEDGER_BUSY,
    LEDGER_FULL,
    NEWER_SCHEMA,
    NO_LEDGER,
    OLDER_SCHEMA,
    READ_ONLY_LEDGER,
    UNREADABLE_LEDGER,
    LedgerFileError,
)
from summitledger.models import utcnow  # (importing models registers the tables)
from summitledger.settings import is_url
from summitledger.store import sqlite
from summitledger.store.backend import MIGRATE_LOCK, is_postgres, serialise, shown
from summitledger.store.migrations import MIGRATIONS, SCHEMA_VERSION, VIEWS  # noqa: F401
from summitledger.store.postgres import pg_engine, pg_failure

UNRECONCILED = "unreconciled"  # meta key: set with every article stored, cleared by reconcile


def mark_unreconciled(conn: Connection, added: int | None = None) -> None:
    """Inside an article's transaction: the ledger now needs a reconcile. The mark is a
    new token each time, so a reconcile running meanwhile (on PostgreSQL, where writers
    do not wait for it) clears only the mark it saw, never a later one. ``added``: the
    change is only that article, new (reconcile may add it to its event's groups);
    anything else makes the next reconcile rebuild."""
    conn.execute(insert(Pending).values(article_id=added))
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) "
                      "ON CONFLICT(key) DO UPDATE SET value = :v"),
                 {"k": UNRECONCILED, "v": uuid.uuid4().hex})


def unreconciled_mark(conn: Connection) -> str | None:
    """The current mark (None when the ledger is reconciled)."""
    return conn.execute(text("SELECT value FROM meta WHERE key = :k"),
                        {"k": UNRECONCILED}).scalar()


def mark_reconciled(conn: Connection, seen: str | None) -> None:
    """Inside reconcile's transaction: groups and statuses are up to date as of the mark
    ``seen`` when it began."""
    if seen is not None:
        conn.execute(text("DELETE FROM meta WHERE key = :k AND value = :v"),
                     {"k": UNRECONCILED, "v": seen})


def unreconciled(engine: Engine) -> bool:
    """Was an article stored after the last reconcile (say, one killed before it ended)?"""
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM meta WHERE key = :k"),
                            {"k": UNRECONCILED}).first() is not None


def read_only_failure(path: Path) -> LedgerFileError:
    what = "the ledger file" if path.exists() and not os.access(path, os.W_OK) else "its folder"
    return LedgerFileError(f"cannot write the ledger: {what} is read-only (reading "
                           "commands still work)", code=READ_ONLY_LEDGER)


def ledger_failure(exc: Exception) -> LedgerFileError:
    """What a database error during a command means for the user: another writer held
    the ledger past the wait, or the file is damaged or unreadable."""
    origin = type(getattr(exc, "orig", None) or exc).__module__
    if origin.startswith("psycopg"):
        return pg_failure(exc)
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    code = sqlite.result_code(exc)
    if code in sqlite.BUSY:
        return LedgerFileError(
            f"the ledger is locked by another process writing to it (waited "
            f"{sqlite.BUSY_TIMEOUT_S:.0f} s); run the command again when it is done",
            code=LEDGER_BUSY)
    if code == SQLITE_READONLY:
        return LedgerFileError(f"cannot write the ledger ({reason}); reading commands still "
                               "work", code=READ_ONLY_LEDGER)
    if code == SQLITE_FULL:
        return LedgerFileError(
            f"cannot write the ledger ({reason}); every article stored before this one "
            "is kept, this one is not", code=LEDGER_FULL)
    return LedgerFileError(f"cannot read the ledger ({reason})", code=UNREADABLE_LEDGER)


def _applied(conn: Connection) -> list[int]:
    tables = set(inspect(conn).get_table_names())
    if "_migrations" not in tables:
        if {t for t in tables if not t.startswith("sqlite_")}:
            kind = "a PostgreSQL database" if is_postgres(conn) else "an SQLite file"
            raise LedgerFileError(
                f"is {kind} but not a summitledger ledger (no _migrations table)",
                code=UNREADABLE_LEDGER,
            )
        return []
    return [r[0] for r in conn.execute(text("SELECT id FROM _migrations ORDER BY id"))]


def open_ledger(path: Path | str, *, readonly: bool = False) -> Engine:
    """Open (and for writers create or migrate) the ledger at ``path``: an SQLite file,
    or a PostgreSQL database given as ``postgresql+psycopg://user@host/dbname``.

    Raises :class:`LedgerFileError` for a missing ledger in read-only mode, a file or
    database that is not a ledger, a ledger written by a newer summitledger, or a server
    that cannot be reached or refuses (the URL shown with its password masked).
    """
    url = is_url(str(path))
    label = shown(str(path))
    engine = pg_engine(str(path)) if url else sqlite.sqlite_engine(Path(path), readonly)
    try:
        with engine.begin() as conn:
            serialise(conn, MIGRATE_LOCK)  # PostgreSQL: one process migrates at a time
            done = _applied(conn)
            if url and readonly and not done:
                raise LedgerFileError(
                    "no ledger here; run 'summitledger ingest' first or pass --db",
                    code=NO_LEDGER)
            known = {n for n, _, _ in MIGRATIONS}
            if any(n not in known for n in done):
                raise LedgerFileError(
                    f"written by a newer summitledger (schema {max(done)}, "
                    f"this one knows {SCHEMA_VERSION}); upgrade summitledger",
                    code=NEWER_SCHEMA,
                )
            pending = [m for m in MIGRATIONS if m[0] not in done]
            if pending and readonly:
                top = max(done, default=0)
                gap = [f"{n} ({name})" for n, name, _ in pending if n < top]
                raise LedgerFileError(
                    (f"ledger schema {top} is older than {SCHEMA_VERSION}" if not gap else
                     f"the ledger lacks migration{'s' * (len(gap) > 1)} {', '.join(gap)}")
                    + "; open it once with a writing command (such as 'summitledger "
                    "reconcile') to migrate it", code=OLDER_SCHEMA)
            for number, name, step in pending:
                step(conn)
                conn.execute(
                    text("INSERT INTO _migrations (id, name, applied_at) VALUES (:i, :n, :t)"),
                    {"i": number, "n": name, "t": utcnow()},
                )
    except (DatabaseError, OperationalError, InterfaceError) as exc:
        engine.dispose()
        failure = ledger_failure(exc)
        if not url and not readonly and not sqlite.writable(Path(path)):
            failure = read_only_failure(Path(path))
        failure.args = (f"{label}: {failure.args[0]}",)
        raise failure from None
    except LedgerFileError as exc:
        engine.dispose()
        if not str(exc.args[0]).startswith(label):
            exc.args = (f"{label}: {exc.args[0]}",)
        raise
    return engine
