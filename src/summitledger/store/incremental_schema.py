"""The tables that let a reconcile add articles to an event instead of rebuilding it
(migration 17): what changed since the last reconcile, the articles' MinHash bands and
the groups' heads for disputes."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from summitledger.bookkeeping import ArticleBand, GroupHead, Pending


def m017_incremental_reconcile(conn: Connection) -> None:
    """Reconcile can add to an event: a queue of what changed and the state it needs; an
    older ledger's next reconcile rebuilds once and fills them."""
    for model in (Pending, ArticleBand, GroupHead):
        model.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
