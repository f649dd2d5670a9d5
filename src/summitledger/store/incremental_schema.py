"""The tables that let a reconcile add articles to an event instead of rebuilding it
(migrations 17 and 18): what changed since the last reconcile, the articles' MinHash bands and
the groups' heads and their words' counts for disputes."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from summitledger.bookkeeping import ArticleBand, GroupHead, Pending, WordCount


def m017_incremental_reconcile(conn: Connection) -> None:
    """Reconcile can add to an event: a queue of what changed and the state it needs; an
    older ledger's next reconcile rebuilds once and fills them."""
    for model in (Pending, ArticleBand, GroupHead):
        model.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]


def m018_head_words(conn: Connection) -> None:
    """How many of an event's group heads hold each word, so that adding an article
    knows which words are common without reading every head; the next reconcile
    rebuilds once and fills it (its state version says so)."""
    WordCount.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
