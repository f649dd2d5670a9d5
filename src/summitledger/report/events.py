"""The events of a ledger (``summitledger events``): each with its articles, outlets,
claims, actors and groups, the publication dates it spans and when it was last fed."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from summitledger.models import Actor, Article, Claim, ClaimGroup, Event


class EventRow(BaseModel):
    event: str
    articles: int
    outlets: int
    claims: int
    actors: int
    groups: int
    first: str  # the earliest publication day of its articles ('' if none is dated)
    last: str  # the latest
    ingested: str  # when an article was last stored in it


def events(engine: Engine) -> list[EventRow]:
    """Every event, by name."""
    with Session(engine) as session:
        def count(column, key) -> dict[int, int]:  # type: ignore[no-untyped-def]
            return dict(session.exec(select(key, func.count(column)).group_by(key)).all())

        claims = dict(session.exec(
            select(Article.event_id, func.count(Claim.id))
            .join(Claim, Claim.article_id == Article.id).group_by(Article.event_id)).all())
        actors = count(Actor.id, Actor.event_id)
        groups = count(ClaimGroup.id, ClaimGroup.event_id)
        outlets: dict[int, set[str]] = defaultdict(set)
        days: dict[int, list[str]] = defaultdict(list)
        articles: dict[int, int] = defaultdict(int)
        ingested: dict[int, str] = {}
        for eid, outlet, published, stored in session.exec(
                select(Article.event_id, Article.outlet, Article.date, Article.ingested_at)):
            articles[eid] += 1
            outlets[eid].add(outlet)
            if published[:10].strip():
                days[eid].append(published[:10])
            ingested[eid] = max(ingested.get(eid, ""), stored)
        return [EventRow(event=e.name, articles=articles[e.id], outlets=len(outlets[e.id]),  # type: ignore[index]
                         claims=claims.get(e.id, 0), actors=actors.get(e.id, 0),
                         groups=groups.get(e.id, 0), first=min(days[e.id], default=""),  # type: ignore[index]
                         last=max(days[e.id], default=""), ingested=ingested.get(e.id, ""))  # type: ignore[arg-type]
                for e in session.exec(select(Event).order_by(Event.name)).all()]
