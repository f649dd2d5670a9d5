"""User decisions about actors, recorded in the ledger and applied by reconcile.

A merge or split names actors as the user typed them; each name is resolved once, when
the decision is made, to the one actor it names (a name two actors go by is refused,
never guessed), and the decision records that actor's own name, so a later reconcile
applies it to the same actor whatever other actors have come to be called since."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from summitledger.errors import AMBIGUOUS_ACTOR, NOTHING_TO_DO, UNKNOWN_ACTOR, QueryError
from summitledger.models import Actor, ActorAlias, ActorOverride, Claim
from summitledger.reconcile.run import ReconcileSummary, reconcile
from summitledger.store.engine import open_ledger


class Chosen(BaseModel):
    """An actor an override named: its name, and its ids and claims (one actor an event
    in a ledger of several events: a decision is applied in every event that has both
    names)."""

    ids: list[int]
    name: str
    claims: int

    def __str__(self) -> str:
        which = f"actor{'s' * (len(self.ids) > 1)} {', '.join(map(str, self.ids))}"
        return f"'{self.name}' ({which}, {self.claims} claim{'s' * (self.claims != 1)})"


class OverrideResult(BaseModel):
    action: str
    a: Chosen
    b: Chosen | str  # split: the name kept apart
    summary: ReconcileSummary


def resolve(session: Session, name: str) -> Chosen:
    """The one actor ``name`` names: the actor of that name, else the one actor with that
    alias (case-insensitive), else ``#ID``. A name that several differently named actors
    go by is refused with their names, never guessed."""
    actors = {a.id: a for a in session.exec(select(Actor)).all()}
    claims = dict(session.exec(select(Claim.actor_id, func.count()).group_by(Claim.actor_id)).all())

    def chosen(named: str) -> Chosen:
        ids = sorted(i for i, a in actors.items() if a.name == named)
        return Chosen(ids=ids, name=named, claims=sum(claims.get(i, 0) for i in ids))

    want = name.strip().lower()
    if want.startswith("#") and want[1:].isdigit() and int(want[1:]) in actors:
        return chosen(actors[int(want[1:])].name)
    hits = sorted({a.name for a in actors.values() if a.name.lower() == want})
    if not hits:
        hits = sorted({actors[x.actor_id].name for x in session.exec(select(ActorAlias)).all()
                       if x.alias.lower() == want and x.actor_id in actors})
    if len(hits) == 1:
        return chosen(hits[0])
    if not hits:
        raise QueryError(f"no actor or alias '{name}' in the ledger (see 'summitledger "
                         "actors')", code=UNKNOWN_ACTOR)
    raise QueryError(f"'{name}' names {len(hits)} actors: "
                     + ", ".join(f"{chosen(n)}" for n in hits)
                     + "; give the actor's full name, or #ID", code=AMBIGUOUS_ACTOR)


def _key(session: Session, actor: Chosen, name: str) -> str | None:
    """The name ``actor``'s claims were filed under that ``name`` is (case-insensitive)."""
    keys = session.exec(select(Claim.actor_key).where(col(Claim.actor_id).in_(actor.ids))).all()
    return min((k for k in set(keys) if k.lower() == name.strip().lower()), default=None)


def _split_key(session: Session, actor: Chosen, name: str) -> str:
    """The name of ``actor`` to keep apart, ``name``: one its claims were filed under."""
    key = _key(session, actor, name)
    if key is not None:
        return key
    aliases = {x.alias.lower() for x in session.exec(select(ActorAlias).where(
        col(ActorAlias.actor_id).in_(actor.ids))).all()}
    if name.strip().lower() not in aliases:
        raise QueryError(f"'{name}' is not joined to {actor}: they are different actors "
                         "already, nothing to split", code=NOTHING_TO_DO)
    raise QueryError(f"'{name}' is only how articles name {actor}'s own claims (no claim "
                     "is filed under it apart), so there is nothing to split",
                     code=NOTHING_TO_DO)


def record_override(db: Path | str, action: str, a: str, b: str) -> OverrideResult:
    """Store a merge or split of two actors, named unambiguously, and reconcile: ``merge``
    joins actor B to actor A (keeping A's name); ``split`` keeps name B apart from actor A.
    Each name is resolved once, now, to the actor it names (see :func:`resolve`); the
    override records that actor's name."""
    engine = open_ledger(db)
    try:
        with Session(engine) as session, session.begin():
            first = resolve(session, a)
            if action == "merge":
                second: Chosen | str = resolve(session, b)
                if second.name == first.name:  # type: ignore[union-attr]
                    raise QueryError(f"'{a}' and '{b}' are one actor already, {first}; "
                                     "nothing to merge", code=NOTHING_TO_DO)
                kept = second.name  # type: ignore[union-attr]
                named = first.name
            else:  # A as typed when the actor's claims go by it ('split Putin Kremlin')
                named = _key(session, first, a) or first.name
                second = kept = _split_key(session, first, b)
                if kept.lower() == named.lower():
                    raise QueryError(f"'{a}' and '{b}' are the same name of {first}; "
                                     "nothing to split", code=NOTHING_TO_DO)
            session.add(ActorOverride(action=action, a=named, b=kept))
        return OverrideResult(action=action, a=first, b=second, summary=reconcile(engine, full=True))
    finally:
        engine.dispose()


def list_overrides(engine: Engine) -> list[ActorOverride]:
    """The user's merges and splits, oldest first."""
    with Session(engine) as session:
        return list(session.exec(select(ActorOverride).order_by(ActorOverride.id)).all())


def reset_overrides(db: Path | str, ids: list[int] | None) -> ReconcileSummary:
    """Undo the overrides ``ids`` (all of them when None) and reconcile."""
    engine = open_ledger(db)
    try:
        with Session(engine) as session, session.begin():
            rows = session.exec(select(ActorOverride)).all()
            known = {r.id for r in rows}
            missing = sorted(set(ids or []) - known)
            if missing:
                raise QueryError(f"no override {', '.join(map(str, missing))} (see "
                                 "'summitledger actors overrides')", code=NOTHING_TO_DO)
            for r in rows:
                if ids is None or r.id in ids:
                    session.delete(r)
        return reconcile(engine, full=True)
    finally:
        engine.dispose()
