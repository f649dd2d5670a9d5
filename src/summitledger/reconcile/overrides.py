"""User decisions about actors, recorded in the ledger and applied by reconcile."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from summitledger.errors import UNKNOWN_ACTOR, QueryError
from summitledger.models import ActorAlias, ActorOverride, Claim
from summitledger.reconcile.run import ReconcileSummary, reconcile
from summitledger.store.engine import open_ledger


def record_override(db: Path, action: str, a: str, b: str) -> ReconcileSummary:
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
            session.add(ActorOverride(action=action, a=a, b=b))
        return reconcile(engine)
    finally:
        engine.dispose()
