"""Sentences the extraction rules passed over: a cue word outside quotations, no claim.

``summitledger claims --passed-over`` lists them with their article, so a user sees
what the ledger missed (and can widen the cue lexicon, or report a rule's gap).
"""

from __future__ import annotations

from pydantic import TypeAdapter
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from summitledger.models import Article, Migration, PassedOver
from summitledger.records import PassedOverRecord
from summitledger.report.names import event_id, in_event, outlet_names
from summitledger.store.rows import records, select_as

#: the migration that made the ledger keep passed-over sentences
KEPT_SINCE = 9

_LIST = TypeAdapter(list[PassedOverRecord])


def passed_over(engine: Engine, outlet: str | None = None, limit: int | None = None,
                event: str | None = None) -> list[PassedOverRecord]:
    """Passed-over sentences in article then text order; ``outlet`` and ``event`` as
    ``claims`` takes them (an unknown one raises QueryError), ``limit`` the first N."""
    with Session(engine) as session:
        eid = event_id(session, event)
        q = (select_as(PassedOverRecord, {
                "article": Article.file, "article_hash": Article.content_hash,
                "outlet": Article.outlet, "date": Article.date, "url": Article.url,
                "cue": PassedOver.cue, "sentence": PassedOver.sentence,
                "start": PassedOver.sentence_start, "end": PassedOver.sentence_end,
                "pipeline": Article.pipeline, "extractor": Article.extractor,
                "lexicon": Article.lexicon})
             .join(Article, PassedOver.article_id == Article.id)
             .where(in_event(Article.event_id, eid))
             .order_by(Article.file, PassedOver.sentence_start, PassedOver.id))
        if outlet:
            q = q.where(col(Article.outlet).in_(outlet_names(session, outlet, eid)))
        if limit is not None:
            q = q.limit(limit)
        return records(_LIST, PassedOverRecord, session.connection().execute(q))


def stored_before(engine: Engine) -> int:
    """How many articles were stored before the ledger kept passed-over sentences (a
    ledger migrated from an older summitledger): none of theirs are listed until they
    are ingested again."""
    with Session(engine) as session:
        since = session.exec(select(Migration.applied_at)
                             .where(Migration.id == KEPT_SINCE)).first()
        if since is None:
            return 0
        return session.exec(select(func.count()).select_from(Article)
                            .where(Article.ingested_at < since)).one()
