"""Opening the ledger: an SQLite file (pragmas, read-only mode) or a PostgreSQL URL
(:mod:`postgres`); numbered migrations and schema checks for both."""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, InterfaceError, OperationalError
from sqlmodel import create_engine

from summitledger import models  # noqa: F401  (registers the tables)
from summitledger.errors import (
    LEDGER_BUSY,
    LEDGER_FULL,
    NEWER_SCHEMA,
    NO_LEDGER,
    OLDER_SCHEMA,
    UNREADABLE_LEDGER,
    LedgerFileError,
)
from summitledger.settings import is_url
from summitledger.store.backend import MIGRATE_LOCK, is_postgres, serialise, shown
from summitledger.store.migrations import MIGRATIONS, SCHEMA_VERSION, VIEWS  # noqa: F401
from summitledger.store.postgres import pg_engine, pg_failure

UNRECONCILED = "unreconciled"  # meta key: set with every article stored, cleared by reconcile


def mark_unreconciled(conn: Connection) -> None:
    """Inside an article's transaction: the ledger now needs a reconcile. The mark is a
    new token each time, so a reconcile running meanwhile (on PostgreSQL, where writers
    do not wait for it) clears only the mark it saw, never a later one."""
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


BUSY_TIMEOUT_S = 30.0
MMAP_BYTES = 256 * 1024 * 1024


def _set_wal(cur: sqlite3.Cursor) -> None:
    """Switch to write-ahead logging, waiting out other connections doing the same.

    SQLite answers ``PRAGMA journal_mode = WAL`` with "database is locked" at once,
    without calling the busy handler, when another process is switching a new file
    at the same moment (both hold a shared lock and one must give way). So wait and
    retry here, for as long as the busy timeout would have waited.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def _pragmas(readonly: bool) -> Callable[..., None]:
    def on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # transactions are begun by us (below), not implicitly by the driver
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if readonly:
            # pages are read through a memory map, not one read() call each: a reading
            # command's fresh connection touches thousands of scattered pages (6.5k
            # claims of one actor at 100k claims), and this halved SQLite's share of it
            cur.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        else:
            _set_wal(cur)
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    return on_connect


def _engine(path: Path, readonly: bool, immutable: bool = False) -> Engine:
    if readonly:
        # immutable: a ledger in a folder this user cannot write, where SQLite cannot
        # make the shared-memory file that reading a WAL ledger needs
        url = (f"sqlite:///file:{path.resolve()}?mode=ro&uri=true"
               + ("&immutable=1" if immutable else ""))
    else:
        url = f"sqlite:///{path}"
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _pragmas(readonly))

    def begin(conn: Connection) -> None:
        # A writer takes the write lock up front, so two writers queue on the busy
        # timeout instead of failing with "database is locked" when one upgrades.
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    event.listen(engine, "begin", begin)
    return engine


def _can_read(engine: Engine) -> bool:
    """Does a plain read-only connection work (not one that needs write access to the
    ledger's folder for its WAL files)?"""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master"))
        return True
    except OperationalError as exc:
        reason = str(exc.orig)
        return not ("unable to open" in reason or "readonly" in reason)


def ledger_failure(exc: Exception) -> LedgerFileError:
    """What a database error during a command means for the user: another writer held
    the ledger past the wait, or the file is damaged or unreadable."""
    origin = type(getattr(exc, "orig", None) or exc).__module__
    if origin.startswith("psycopg"):
        return pg_failure(exc)
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    if "locked" in reason or "busy" in reason:
        return LedgerFileError(
            f"the ledger is locked by another process writing to it (waited "
            f"{BUSY_TIMEOUT_S:.0f} s); run the command again when it is done",
            code=LEDGER_BUSY)
    if "full" in reason:
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


def _sqlite_engine(path: Path, readonly: bool) -> Engine:
    if readonly and not path.exists():
        raise LedgerFileError(
            f"{path}: no ledger here; run 'summitledger ingest' first or pass --db",
            code=NO_LEDGER,
        )
    if not readonly:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(path, readonly)
    if readonly and not _can_read(engine):
        engine.dispose()
        engine = _engine(path, readonly, immutable=True)
    return engine


def open_ledger(path: Path | str, *, readonly: bool = False) -> Engine:
    """Open (and for writers create or migrate) the ledger at ``path``: an SQLite file,
    or a PostgreSQL database given as ``postgresql+psycopg://user@host/dbname``.

    Raises :class:`LedgerFileError` for a missing ledger in read-only mode, a file or
    database that is not a ledger, a ledger written by a newer summitledger, or a server
    that cannot be reached or refuses (the URL shown with its password masked).
    """
    url = is_url(str(path))
    label = shown(str(path))
    engine = pg_engine(str(path)) if url else _sqlite_engine(Path(path), readonly)
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
                raise LedgerFileError(
                    f"ledger schema {max(done, default=0)} is older than "
                    f"{SCHEMA_VERSION}; open it once with a writing command "
                    "(such as 'summitledger reconcile') to migrate it",
                    code=OLDER_SCHEMA,
                )
            for number, name, step in pending:
                step(conn)
                conn.execute(
                    text("INSERT INTO _migrations (id, name, applied_at) VALUES (:i, :n, :t)"),
                    {"i": number, "n": name, "t": models.utcnow()},
                )
    except (DatabaseError, OperationalError, InterfaceError) as exc:
        engine.dispose()
        failure = ledger_failure(exc)
        failure.args = (f"{label}: {failure.args[0]}",)
        raise failure from None
    except LedgerFileError as exc:
        engine.dispose()
        if not str(exc.args[0]).startswith(label):
            exc.args = (f"{label}: {exc.args[0]}",)
        raise
    return engine
