"""An SQLite ledger file: its engine (pragmas, write-ahead logging, writers taking the
lock up front), read-only opening (in place, immutable, or from a private copy), and
the locations refused (``:memory:``, a folder)."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import stat
import tempfile
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import create_engine

from summitledger.errors import (
    NO_LEDGER,
    NOT_A_LEDGER_PATH,
    UNREADABLE_LEDGER,
    LedgerFileError,
)
from summitledger.store.backend import shown

BUSY_TIMEOUT_S = 30.0
MMAP_BYTES = 256 * 1024 * 1024
#: A process switching a new ledger to WAL while another does waits a random pause in
#: this range (seconds) before trying again, so the two do not retry in step.
WAL_RETRY_PAUSE_S = (0.005, 0.05)
#: SQLite's primary result codes (an extended code keeps its primary in the low byte)
#: for another connection holding the file, and for a file this one may not write or
#: cannot open.
BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
NOT_WRITABLE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN}


def result_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of ``exc`` (a ``sqlite3`` error, or SQLAlchemy's
    wrapping one), or None for any other error."""
    code = getattr(getattr(exc, "orig", None) or exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


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
            if result_code(exc) not in BUSY:
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(*WAL_RETRY_PAUSE_S))


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
        target = (f"file:{quote(os.fsencode(path.resolve()))}?mode=ro"
                  + ("&immutable=1" if immutable else ""))
    else:
        target = str(path)

    def connect() -> sqlite3.Connection:  # the path as it is: never parsed as a URL
        return sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, uri=readonly,
                               check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect)
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
        return result_code(exc) not in NOT_WRITABLE




def _check_path(path: Path) -> None:
    """Refuse a ledger location where nothing would be kept, or that would hang: SQLite's
    ``:memory:`` (gone when the command ends), a folder, a FIFO or a device (the ledger
    or the files SQLite keeps beside it)."""
    if str(path).strip() in ("", ":memory:") or str(path).startswith("file::memory:"):
        raise LedgerFileError(
            f"{shown(str(path)) or 'an empty path'}: not a place to keep a ledger (an "
            "in-memory database is gone when the command ends); give a file path",
            code=NOT_A_LEDGER_PATH)
    if path.is_dir():
        raise LedgerFileError(f"{shown(str(path))}: a folder, not a ledger file; give a file "
                              "path such as data/claims.db", code=NOT_A_LEDGER_PATH)
    for part in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            mode = os.stat(part).st_mode
        except OSError:
            continue
        if not stat.S_ISREG(mode):  # a FIFO would block for ever, a device keep nothing
            raise LedgerFileError(f"{shown(str(part))}: not a regular file, so not a ledger "
                                  "(or its journal); give a file path", code=NOT_A_LEDGER_PATH)


def writable(path: Path) -> bool:
    """Can this process write the ledger file (or make it) and the files SQLite keeps
    beside it (its write-ahead log)?"""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


SNAPSHOT = "summitledger-snapshot-"  # a private copy's folder: this, the process id, random


def _clear_snapshots() -> None:
    """Remove the private copies of processes that are gone (``serve`` killed by a
    signal never removes its own)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SNAPSHOT}*"):
        pid = folder.name[len(SNAPSHOT):].split("-", 1)[0]
        try:
            os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (ValueError, OSError):
            continue


def _snapshot(path: Path) -> Path | None:
    """A private copy of a ledger whose folder this process cannot write and whose
    write-ahead log holds changes (None when it holds none). Opened in place, such a
    ledger can only be read immutable, which ignores the log: articles committed to it
    would be missing without a word. The copy, in a temporary folder, reads whole."""
    wal = Path(f"{path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return None
    _clear_snapshots()
    folder = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT}{os.getpid()}-"))
    try:
        shutil.copyfile(path, folder / path.name)
        shutil.copyfile(wal, folder / wal.name)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise LedgerFileError(
            f"{shown(str(path))}: cannot read the whole ledger: its folder cannot be "
            f"written, so SQLite cannot read the {wal.stat().st_size}-byte write-ahead log "
            f"that holds its latest articles, and a copy to read failed ({exc.strerror or exc}); "
            "copy the ledger and its -wal file somewhere writable", code=UNREADABLE_LEDGER
        ) from None
    return folder / path.name


def readable(path: Path) -> tuple[Path, bool]:
    """Where to read the SQLite ledger at ``path`` from, and whether immutable: in
    place; or, where its folder cannot be written (SQLite cannot make the shared-memory
    file a WAL ledger needs), a private copy when its write-ahead log holds changes
    (:func:`_snapshot`), else in place, immutable."""
    engine = _engine(path, True)
    try:
        if _can_read(engine):
            return path, False
    finally:
        engine.dispose()
    copy = _snapshot(path)
    return (copy, False) if copy is not None else (path, True)


def sqlite_engine(path: Path, readonly: bool) -> Engine:
    _check_path(path)
    if readonly and not path.exists():
        raise LedgerFileError(
            f"{shown(str(path))}: no ledger here; run 'summitledger ingest' first or pass --db",
            code=NO_LEDGER,
        )
    if not readonly:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _engine(path, readonly)
    where, immutable = readable(path)
    engine = _engine(where, readonly, immutable)
    if where != path:  # the private copy goes when the engine does
        weakref.finalize(engine, shutil.rmtree, where.parent, True)
    return engine


