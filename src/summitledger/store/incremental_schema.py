"""The tables that let a reconcile add articles to an event instead of rebuilding it
(migrations 17 and 18): what changed since the last reconcile, the articles' MinHash bands and
the groups' heads (and their words, indexed) for disputes."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from summitledger.bookkeeping import ArticleBand, GroupHead, HeadWord, Pending


def m017_incremental_reconcile(conn: Connection) -> None:
    """Reconcile can add to an event: a queue of what changed and the state it needs; an
    older ledger's next reconcile rebuilds once and fills them."""
    for model in (Pending, ArticleBand, GroupHead):
        model.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]


def m018_head_words(conn: Connection) -> None:
    """The words of the groups' heads, indexed by word, so that adding an article finds
    the groups its groups may dispute without reading every head; the next reconcile
    rebuilds once and fills them (its state version says so)."""
    HeadWord.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
