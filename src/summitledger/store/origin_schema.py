"""Migration 14, on its own: articles known by the file they came from (the identity
rules are in :mod:`summitledger.store.origins`). Appended to :data:`MIGRATIONS
<summitledger.store.migrations.MIGRATIONS>`; never edited once released."""

from __future__ import annotations

import json

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

LEGACY = "legacy:"  # origin key of an article stored before articles were known by file


def m014_article_origins(conn: Connection) -> None:
    """Articles are known by the file they came from, not by its name: every file (or
    JSON lines record) ingested is recorded with the text it held, copies of another's
    text too. Articles stored before are known as ``legacy:ID`` until a file takes them
    over (see :func:`summitledger.store.writes.store`)."""
    if "origin" not in {c["name"] for c in inspect(conn).get_columns("article")}:
        conn.execute(text("ALTER TABLE article ADD COLUMN origin VARCHAR NOT NULL DEFAULT ''"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_article_origin ON article (origin)"))
    conn.execute(text("CREATE TABLE IF NOT EXISTS articleorigin (key VARCHAR NOT NULL, "
                      "content_hash VARCHAR NOT NULL, fields VARCHAR NOT NULL, "
                      "PRIMARY KEY (key))"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_articleorigin_content_hash "
                      "ON articleorigin (content_hash)"))
    rows = [{"i": r.id, "k": f"{LEGACY}{r.id}", "h": r.content_hash,
             "j": json.dumps({"file": r.file, "path": r.path, "stem": r.stem, "outlet": r.outlet,
                              "title": r.title, "date": r.date, "url": r.url},
                             ensure_ascii=False, sort_keys=True)}
            for r in conn.execute(text("SELECT id, file, path, stem, outlet, title, date, url, "
                                       "content_hash FROM article WHERE origin = ''"))]
    if rows:  # one executemany each, not two statements an article
        conn.execute(text("UPDATE article SET origin = :k WHERE id = :i"), rows)
        conn.execute(text("INSERT INTO articleorigin (key, content_hash, fields) "
                          "VALUES (:k, :h, :j)"), rows)
