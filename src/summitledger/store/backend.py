"""What differs between the two ledger backends, SQLite (a file) and PostgreSQL (a URL).

Everything else is written once, in SQLAlchemy Core: this module holds only the bits
each database spells its own way: full-text search (SQLite's FTS5 table, PostgreSQL's
``tsvector`` with a GIN index), the serialising lock a reconcile takes, the errors by
which PostgreSQL makes one writer give way to another, and how a ledger's location is
shown (a URL with its password masked).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import ColumnElement, func, literal_column, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

from summitledger.safe import escaped, shown_path
from summitledger.settings import is_url

#: The claim columns full-text search looks in.
SEARCH_COLUMNS = ("content", "quote", "speaker")
#: On PostgreSQL a search word shorter than this (but a digit) is left out: as a prefix
#: ('a:*') it would match nearly every claim.
MIN_TERM_CHARS = 2
#: Keys of the advisory locks that serialise reconciles and migrations on PostgreSQL,
#: and what a process waiting for each is told.
RECONCILE_LOCK = 0x5EDC0DE
MIGRATE_LOCK = 0x5EDC0DF
STORE_LOCK = 0x5EDC0E0  # one article write at a time: files may share an article's text
_HOLDING = {RECONCILE_LOCK: "reconciling", MIGRATE_LOCK: "migrating",
            STORE_LOCK: "storing an article in"}


def pg_search_doc(table: str = "") -> str:
    """The ``tsvector`` PostgreSQL indexes for search (the index and the query must
    spell the same expression; ``table`` qualifies the columns in a query)."""
    cols = " || ' ' || ".join(f"{table + '.' if table else ''}{c}" for c in SEARCH_COLUMNS)
    return f"to_tsvector('english', {cols})"


def shown(target: str | Path) -> str:
    """``target`` as output may show it: a URL's password is masked."""
    if not is_url(str(target)):
        return shown_path(target)
    try:
        return escaped(make_url(str(target)).render_as_string(hide_password=True))
    except (ArgumentError, ValueError):  # a port that is not a number
        return escaped(re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", str(target)))


def is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def gave_way(exc: Exception) -> bool:
    """Did PostgreSQL stop this transaction for another writer's sake (a unique key the
    other stored first, a deadlock broken, a serialisation failure), so that the same
    write tried again sees the other's work? Never on SQLite, whose writers queue."""
    from psycopg import errors  # only ever asked after a database error

    return isinstance(getattr(exc, "orig", None), (
        errors.UniqueViolation, errors.DeadlockDetected, errors.SerializationFailure))


def search_clause(conn: Connection, claim_id: ColumnElement, words: str) -> ColumnElement:
    """A condition true for claims whose content, quotation or speaker hold every word
    of ``words`` in any form and as a prefix ('warn' finds 'warned' and 'warning',
    'evacu' finds 'evacuation'): FTS5 with the porter stemmer on SQLite, a prefix
    ``tsquery`` on PostgreSQL's stemmed ``tsvector``. Words are read as words, never as
    either engine's query syntax."""
    if is_postgres(conn):
        terms = [w for w in re.findall(r"\w+", words.lower()) if len(w) >= MIN_TERM_CHARS or w.isdigit()]
        return literal_column(pg_search_doc("claim")).op("@@")(
            func.to_tsquery("english", " & ".join(f"{t}:*" for t in terms) or "''"))
    terms = " ".join('"' + w.replace('"', '""') + '"*' for w in words.split())
    return claim_id.in_(text("SELECT rowid FROM claim_fts WHERE claim_fts MATCH :fts")
                        .bindparams(fts=terms or '""'))


def rebuild_search(conn: Connection) -> None:
    """Bring the full-text index up to date (PostgreSQL's index keeps itself)."""
    if not is_postgres(conn):
        conn.execute(text("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')"))


def share(conn: Connection, key: int) -> None:
    """Inside a transaction: hold lock ``key`` shared with other such transactions, so
    that one holding it alone (:func:`serialise`) waits for them and they for it. On
    SQLite a writing transaction already holds the whole file."""
    if is_postgres(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": key})


def serialise(conn: Connection, key: int, on_wait: Callable[[str], None] | None = None) -> None:
    """Inside a transaction: wait until no other transaction holds lock ``key``, saying
    so through ``on_wait`` if it has to wait. On SQLite a writing transaction already
    holds the whole file, so there is nothing to do."""
    if not is_postgres(conn):
        return
    got = conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key}).scalar()
    if not got:
        if on_wait:
            on_wait(f"another summitledger process is {_HOLDING.get(key, 'writing')} this "
                    "ledger; waiting for it")
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
