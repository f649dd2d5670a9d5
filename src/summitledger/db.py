"""Opening the SQLite ledger: pragmas, numbered migrations, schema checks, read-only mode."""

from __future__ import annotations

import random
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import create_engine

from . import (
    models,  # noqa: F401  (registers the tables)
    schema1,
)
from .errors import (
    LEDGER_BUSY,
    LEDGER_FULL,
    NEWER_SCHEMA,
    NO_LEDGER,
    OLDER_SCHEMA,
    UNREADABLE_LEDGER,
    UNSUPPORTED_URL,
    LedgerFileError,
)


def _m001_initial(conn: Connection) -> None:
    """The tables as the first release made them (frozen DDL, never the models of the
    day: see schema1.py)."""
    for statement in schema1.statements():
        conn.exec_driver_sql(statement)


def _columns(conn: Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(text(f"PRAGMA table_info({table})"))}


def _m002_sources(conn: Connection) -> None:
    """Articles record the source they belong to (copies of one text share one)."""
    if "source_id" not in _columns(conn, "article"):
        conn.execute(text("ALTER TABLE article ADD COLUMN source_id INTEGER"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_claim_article_idx ON claim (article_id, idx)"))


# a claim's sentence cut out of its article's text (schema 3 and older kept no copy)
SLICED_SENTENCE = ("substr(article.text, claim.sentence_start + 1, "
                   "claim.sentence_end - claim.sentence_start)")


def _claims_view(sentence: str) -> str:
    """The ``claims_view`` definition, its sentence column given by ``sentence``."""
    return f"""CREATE VIEW IF NOT EXISTS claims_view AS
    SELECT claim.id AS id, article.file AS article, article.outlet AS outlet,
           article.date AS date, article.title AS title, article.url AS url,
           claim.speaker AS speaker, COALESCE(actor.name, claim.actor_key) AS actor,
           claim.cue AS cue, claim.type AS type, claim.content AS content,
           claim.quote AS quote, {sentence} AS sentence,
           claim_group.status AS status, claim.group_id AS "group",
           claim_group.disputed AS disputed, claim.rule AS rule,
           claim.pipeline AS pipeline, article.content_hash AS article_hash
    FROM claim JOIN article ON claim.article_id = article.id
    LEFT JOIN actor ON claim.actor_id = actor.id
    LEFT JOIN claim_group ON claim.group_id = claim_group.id"""


VIEWS = [
    _claims_view(SLICED_SENTENCE),
    """CREATE VIEW IF NOT EXISTS groups_view AS
    SELECT g.id AS "group", actor.name AS actor, g.status AS status,
           g.statement AS statement, g.n_claims AS claims, g.n_articles AS articles,
           g.n_outlets AS outlets, g.n_sources AS independent_sources,
           g.disputed AS disputed, json_extract(g.reason, '$.rule') AS rule,
           json_extract(g.reason, '$.summary') AS summary,
           (SELECT group_concat(outlet, ', ') FROM (SELECT DISTINCT a.outlet AS outlet
              FROM claim c JOIN article a ON a.id = c.article_id
              WHERE c.group_id = g.id ORDER BY a.outlet)) AS outlet_names
    FROM claim_group g LEFT JOIN actor ON actor.id = g.actor_id""",
]


def _m003_views_and_search(conn: Connection) -> None:
    """Readable views for Datasette and sqlite-utils; full-text search on claims."""
    for view in VIEWS:
        conn.execute(text(view))
    conn.execute(text(
        "CREATE VIRTUAL TABLE IF NOT EXISTS claim_fts USING fts5("
        "content, quote, speaker, content='claim', content_rowid='id')"))
    conn.execute(text("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')"))


def _m004_claim_sentences(conn: Connection) -> None:
    """Claims keep their sentence's text: listing them no longer slices article texts."""
    if "sentence" not in _columns(conn, "claim"):
        conn.execute(text("ALTER TABLE claim ADD COLUMN sentence VARCHAR NOT NULL DEFAULT ''"))
    conn.execute(text(
        f"UPDATE claim SET sentence = (SELECT {SLICED_SENTENCE} FROM article "
        "WHERE article.id = claim.article_id) WHERE sentence = ''"))
    conn.execute(text("DROP VIEW IF EXISTS claims_view"))
    conn.execute(text(_claims_view("claim.sentence")))


def _m005_claim_channel(conn: Connection) -> None:
    """Claims record who passed them on ("A said X, according to B": B)."""
    if "channel" not in _columns(conn, "claim"):
        conn.execute(text("ALTER TABLE claim ADD COLUMN channel VARCHAR NOT NULL DEFAULT ''"))


def _m006_claim_frames(conn: Connection) -> None:
    """Claims keep their frame (what they assert, slot by slot) as versioned JSON."""
    if "frame" not in _columns(conn, "claim"):
        conn.execute(text("ALTER TABLE claim ADD COLUMN frame VARCHAR NOT NULL DEFAULT ''"))


def _m007_provenance(conn: Connection) -> None:
    """Articles record the extractor version and the cue lexicon behind their claims;
    the lexicons themselves are kept by digest."""
    have = _columns(conn, "article")
    for column in ("extractor", "lexicon"):
        if column not in have:
            conn.execute(text(f"ALTER TABLE article ADD COLUMN {column} VARCHAR NOT NULL "
                              "DEFAULT ''"))
    conn.execute(text("CREATE TABLE IF NOT EXISTS lexicon (digest VARCHAR NOT NULL "
                      "PRIMARY KEY, body VARCHAR NOT NULL)"))


def _m008_drop_claim_context(conn: Connection) -> None:
    """Claims no longer keep the words of their sentence: nothing read them."""
    if "context" in _columns(conn, "claim"):
        conn.execute(text("ALTER TABLE claim DROP COLUMN context"))


#: Numbered migrations. Append; never edit or reorder a released one. Migration 1 is
#: frozen DDL (schema1.py); later ones bring it, and older files, to models.py's tables.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial tables", _m001_initial),
    (2, "article sources", _m002_sources),
    (3, "views and full-text search", _m003_views_and_search),
    (4, "claim sentences", _m004_claim_sentences),
    (5, "claim channel", _m005_claim_channel),
    (6, "claim frames", _m006_claim_frames),
    (7, "article provenance", _m007_provenance),
    (8, "drop claim context", _m008_drop_claim_context),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:/")  # 'postgresql+psycopg://...' (not 'C:/')
UNRECONCILED = "unreconciled"  # meta key: set with every article stored, cleared by reconcile


def mark_unreconciled(conn: Connection) -> None:
    """Inside an article's transaction: the ledger now needs a reconcile."""
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, '1') "
                      "ON CONFLICT(key) DO UPDATE SET value = '1'"), {"k": UNRECONCILED})


def mark_reconciled(conn: Connection) -> None:
    """Inside reconcile's transaction: groups and statuses are up to date."""
    conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": UNRECONCILED})


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
    tables = {
        r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
    }
    if "_migrations" not in tables:
        if {t for t in tables if not t.startswith("sqlite_")}:
            raise LedgerFileError(
                "is an SQLite file but not a summitledger ledger (no _migrations table)",
                code=UNREADABLE_LEDGER,
            )
        return []
    return [r[0] for r in conn.execute(text("SELECT id FROM _migrations ORDER BY id"))]


def open_ledger(path: Path | str, *, readonly: bool = False) -> Engine:
    """Open (and for writers create or migrate) the ledger at ``path``.

    Raises :class:`LedgerFileError` for a missing ledger in read-only mode, a file that
    is not a ledger, or a ledger written by a newer summitledger.
    """
    if _URL.match(str(path)):
        raise LedgerFileError(
            f"{path}: a database URL, which this summitledger does not open; a ledger is "
            "an SQLite file: give its path", code=UNSUPPORTED_URL)
    path = Path(path)
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
    try:
        with engine.begin() as conn:
            done = _applied(conn)
            known = {n for n, _, _ in MIGRATIONS}
            if any(n not in known for n in done):
                raise LedgerFileError(
                    f"{path}: written by a newer summitledger (schema {max(done)}, "
                    f"this one knows {SCHEMA_VERSION}); upgrade summitledger",
                    code=NEWER_SCHEMA,
                )
            pending = [m for m in MIGRATIONS if m[0] not in done]
            if pending and readonly:
                raise LedgerFileError(
                    f"{path}: ledger schema {max(done, default=0)} is older than "
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
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        failure = ledger_failure(exc)
        failure.args = (f"{path}: {failure.args[0]}",)
        raise failure from None
    except LedgerFileError as exc:
        engine.dispose()
        if not str(exc.args[0]).startswith(str(path)):
            exc.args = (f"{path}: {exc.args[0]}",)
        raise
    return engine
