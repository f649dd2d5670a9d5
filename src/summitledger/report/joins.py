"""Why an actor is one actor: each name it went by and the reason it joined.

``summitledger actors --why NAME`` reads the joins reconcile kept (the rules of
:mod:`summitledger.reconcile.actors`, a statement that matched, or the user's merge).
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from summitledger.models import Actor, ActorAlias, ActorJoin
from summitledger.report.names import actor_ids, event_id


class JoinRow(BaseModel):
    """One join of a name into an actor."""

    actor: str
    name: str
    joined: str
    reason: str


def joins(engine: Engine, name: str, event: str | None = None) -> list[JoinRow]:
    """The joins of every actor ``name`` names (any of its names, whole words): one row
    a join, and one row per name that needed none (the actor's own name, or written
    alike), in ``event`` (None: every event); an unknown name is QueryError SL402 with
    the closest names."""
    with Session(engine) as session:
        ids = actor_ids(session, name, event_id(session, event))
        names = dict(session.exec(select(Actor.id, Actor.name).where(Actor.id.in_(ids))).all())  # type: ignore[attr-defined]
        rows = [JoinRow(actor=names[j.actor_id], name=j.a, joined=j.b, reason=j.reason)
                for j in session.exec(select(ActorJoin).where(ActorJoin.actor_id.in_(ids))  # type: ignore[attr-defined]
                                      .order_by(ActorJoin.actor_id, ActorJoin.id)).all()]
        seen = {(r.actor, r.name) for r in rows} | {(r.actor, r.joined) for r in rows}
        for a in session.exec(select(ActorAlias).where(ActorAlias.actor_id.in_(ids))  # type: ignore[attr-defined]
                              .order_by(ActorAlias.actor_id, ActorAlias.alias)).all():
            actor = names[a.actor_id]
            if (actor, a.alias) not in seen:
                why = ("the actor's name" if a.alias == actor else
                       "the name an article gave the speaker, resolved in that article")
                rows.append(JoinRow(actor=actor, name=a.alias, joined=actor, reason=why))
                seen.add((actor, a.alias))
    return sorted(rows, key=lambda r: (r.actor, r.reason != "the actor's name"))
