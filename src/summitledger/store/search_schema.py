"""Claims kept ready for reconcile as they are written: the full-text index, embeddings.

SQLite's FTS5 index over claims (an external-content table on ``claim``) is updated by
triggers on every insert, delete and change of an indexed column, in the transaction
that stores or replaces an article; nothing has to rebuild it afterwards, so adding one
article to a large ledger costs its own claims. PostgreSQL's index is a GIN index over a
generated column, which keeps itself. A claim's embedding is stored with it, made once.
"""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from summitledger.store.backend import is_postgres

_COLUMNS = "content, quote, speaker"
TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS claim_fts_insert AFTER INSERT ON claim BEGIN
  INSERT INTO claim_fts(rowid, {_COLUMNS}) VALUES (new.id, new.content, new.quote, new.speaker);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS claim_fts_delete AFTER DELETE ON claim BEGIN
  INSERT INTO claim_fts(claim_fts, rowid, {_COLUMNS})
  VALUES ('delete', old.id, old.content, old.quote, old.speaker);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS claim_fts_update AFTER UPDATE OF {_COLUMNS} ON claim BEGIN
  INSERT INTO claim_fts(claim_fts, rowid, {_COLUMNS})
  VALUES ('delete', old.id, old.content, old.quote, old.speaker);
  INSERT INTO claim_fts(rowid, {_COLUMNS}) VALUES (new.id, new.content, new.quote, new.speaker);
END""",
)


def m015_search_triggers(conn: Connection) -> None:
    """Claims keep the full-text index up to date as they are written (triggers), so
    reconcile no longer rebuilds it."""
    if is_postgres(conn):
        return
    for ddl in TRIGGERS:
        conn.execute(text(ddl))
    conn.execute(text("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')"))


def m016_claim_embeddings(conn: Connection) -> None:
    """Claims keep their content's embedding (made once, at ingest), so reconcile reads
    it instead of embedding every claim again; older claims get theirs at the next
    reconcile."""
    columns = {c["name"] for c in inspect(conn).get_columns("claim")}
    if "embedding" not in columns:
        kind = "BYTEA" if is_postgres(conn) else "BLOB"
        conn.execute(text(f"ALTER TABLE claim ADD COLUMN embedding {kind}"))
