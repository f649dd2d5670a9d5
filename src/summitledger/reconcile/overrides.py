"""User decisions about actors, recorded in the ledger and applied by reconcile."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from summitledger.errors import NOTHING_TO_DO, UNKNOWN_ACTOR, QueryError
from summitledger.models import ActorAlias, ActorOverride, Claim
from summitledger.reconcile.run import ReconcileSummary, reconcile
from summitledger.store.engine import open_ledger


def record_override(db: Path | str, action: str, a: str, b: str) -> ReconcileSummary:
    """Store a merge or split of two actor names and reconcile the ledger."""
    engine = open_ledger(db)
    try:
        with Session(engine) as session, session.begin():
            names = {x.lower() for x in session.exec(select(ActorAlias.alias)).all()}
            names |= {x.lower() for x in session.exec(select(Claim.actor_key)).all()}
            for name in (a, b):
                if name.lower() not in names:
                    raise QueryError(f"no actor or alias '{name}' in the ledger "
                                     "(see 'summitledger actors')", code=UNKNOWN_ACTOR)
            actor_of: dict[str, set[int]] = {}
            for alias in session.exec(select(ActorAlias)).all():
                actor_of.setdefault(alias.alias.lower(), set()).add(alias.actor_id)
            same = bool(actor_of.get(a.lower(), set()) & actor_of.get(b.lower(), set()))
            if action == "split" and not same:
                raise QueryError(f"'{b}' is not joined to '{a}': they are different actors "
                                 "already, nothing to split", code=NOTHING_TO_DO)
            if action == "merge" and same:
                raise QueryError(f"'{a}' and '{b}' are one actor already, nothing to merge",
                                 code=NOTHING_TO_DO)
            session.add(ActorOverride(action=action, a=a, b=b))
        return reconcile(engine)
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
        return reconcile(engine)
    finally:
        engine.dispose()
