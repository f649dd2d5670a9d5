"""Migration 19, on its own: claims' word bags kept as JSON of the typed
:class:`~summitledger.wordbag.WordBag` instead of the tagged string of schema 16 and
older. Appended to :data:`MIGRATIONS <summitledger.store.migrations.MIGRATIONS>`; never
edited once released."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from summitledger.wordbag import WordBag

#: claims read and rewritten at a time, so a ledger of millions converts in flat memory
BATCH = 10_000


def _as_json(stored: str) -> str:
    """A stored bag as JSON: a tagged string converted, an empty or converted one kept
    (a tagged string never starts with '{': each of its items starts with a tag)."""
    if not stored or stored.startswith("{"):
        return stored
    return WordBag.from_tagged(stored).to_json()


def m019_word_bags_as_json(conn: Connection) -> None:
    """Each claim's ``lemmas`` and ``topic``, tagged strings until now
    (``n:satellite v:help #:5/hour``), become the JSON of the word bag they hold."""
    last = 0
    while True:
        rows = conn.execute(text("SELECT id, lemmas, topic FROM claim WHERE id > :last "
                                 "ORDER BY id LIMIT :n"), {"last": last, "n": BATCH}).all()
        if not rows:
            return
        last = rows[-1][0]
        changed = [{"i": i, "l": _as_json(lemmas), "t": _as_json(topic)}
                   for i, lemmas, topic in rows]
        changed = [c for c, (_, lemmas, topic) in zip(changed, rows, strict=True)
                   if (c["l"], c["t"]) != (lemmas, topic)]
        if changed:
            conn.execute(text("UPDATE claim SET lemmas = :l, topic = :t WHERE id = :i"),
                         changed)
