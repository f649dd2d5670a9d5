"""Finding what a user names: events, actors (by any name, alias or role) and outlets,
case-insensitively; an unknown name is a coded error that suggests the closest ones.
"""

from __future__ import annotations

from sqlalchemy import func, true
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from summitledger.errors import (
    UNKNOWN_ACTOR,
    UNKNOWN_EVENT,
    UNKNOWN_OUTLET,
    WHICH_EVENT,
    QueryError,
)
from summitledger.events import ALL_EVENTS
from summitledger.models import Actor, ActorAlias, Article, Event
from summitledger.nlp.names import role_key

#: How close a name must come to be suggested (rapidfuzz's 0-100 scale): below this a
#: suggestion is noise: misspelt names of the development sets ('Puttin', 'Kestral',
#: 'the mayr', 'the minster') score 84 and more, 'the inspector' against 'an inspection
#: report ...' 76.
SUGGEST_SCORE = 80
#: A match with some words of a longer name counts a little less than with all of it.
PART_WEIGHT = 0.9
#: At most this many names are suggested: the closest, and a line a reader takes in.
SUGGESTIONS = 3


def _closeness(needle: str, key: str) -> float:
    """How close ``needle`` comes to a name (both role keys): to the whole name, or a
    little less to as many of its first or last words ('minster' to 'education
    minister', 'kestral' to 'kestrel civil engineering'), never a word in its middle."""
    from rapidfuzz import fuzz

    words, n = key.split(), len(needle.split())
    ends = [" ".join(words[:n]), " ".join(words[-n:])] if n < len(words) else []
    return max([fuzz.ratio(needle, key), *(PART_WEIGHT * fuzz.ratio(needle, e) for e in ends)])


def did_you_mean(name: str, choices: list[str], owner: dict[str, str] | None = None) -> str:
    """'; did you mean X or Y?' for the closest names, or ''. Names are compared without
    articles and possessives ('the mayr' meets 'Mayor'); with ``owner`` (name -> whose
    it is) one name per owner is offered, with the owner beside it when it differs."""
    needle = role_key(name) or name.lower()
    best: dict[str, tuple[float, str]] = {}
    for c in sorted(set(choices), key=lambda c: (len(c), c)):
        score = _closeness(needle, role_key(c) or c.lower())
        who = (owner or {}).get(c, c)
        if score >= SUGGEST_SCORE and score > best.get(who, (0.0, ""))[0]:
            best[who] = (score, c)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], len(kv[1][1]), kv[1][1]))[:SUGGESTIONS]
    shown = [repr(c) + (f" ({who})" if who != c else "") for who, (_, c) in ranked]
    return f"; did you mean {' or '.join(shown)}?" if shown else ""


def event_names(session: Session) -> list[str]:
    return sorted(session.exec(select(Event.name)).all())


def several_events(engine: Engine) -> bool:
    """Does the ledger hold more than one event (so rows need their event beside them)?"""
    with Session(engine) as session:
        return session.exec(select(func.count(Event.id))).one() > 1


def event_id(session: Session, name: str | None) -> int | None:
    """The id of the event ``name`` names, case-insensitively (None for None or 'all'),
    or QueryError SL407 with the closest names."""
    if name is None or name.lower() == ALL_EVENTS:
        return None
    found = session.exec(select(Event.id).where(func.lower(Event.name) == name.lower())).first()
    if found is None:
        known = event_names(session)
        raise QueryError(f"no event '{name}' in the ledger{did_you_mean(name, known)} "
                         f"(events: {', '.join(known) or 'none'}; see 'summitledger events')",
                         code=UNKNOWN_EVENT)
    return found


def choose_event(engine: Engine, given: str | None) -> str | None:
    """The event a reading command shows: the one given (checked), 'all' for every event
    (None), the ledger's only event when none is given; a ledger of several events with
    none given is QueryError SL408 naming them."""
    with Session(engine) as session:
        known = event_names(session)
        if given is not None:
            eid = event_id(session, given)
            return None if eid is None else session.get(Event, eid).name  # type: ignore[union-attr]
    if len(known) > 1:
        raise QueryError(f"the ledger holds {len(known)} events ({', '.join(known)}); name "
                         "one with --event NAME, or --event all for every event",
                         code=WHICH_EVENT)
    return known[0] if known else None


def _matches(needle: str, alias: ActorAlias) -> bool:
    words = f" {' '.join(needle.lower().split())} "
    role = f" {role_key(needle)} "
    return (words in f" {alias.alias.lower()} " or words in f" {alias.norm} "
            or (role.strip() != "" and role in f" {alias.norm} "))


def _aliases(session: Session, event: int | None) -> list[ActorAlias]:
    q = select(ActorAlias)
    if event is not None:
        q = q.join(Actor, ActorAlias.actor_id == Actor.id).where(Actor.event_id == event)
    return list(session.exec(q.order_by(ActorAlias.alias)).all())


def actor_ids(session: Session, name: str, event: int | None = None) -> set[int]:
    """The actors ``name`` names: whole words of any name, alias or role they go by
    ('Putin', 'Mr Kim', 'the mayor'), case-insensitively, in ``event`` (None: any);
    else QueryError SL402 with the closest names."""
    aliases = _aliases(session, event)
    ids = {a.actor_id for a in aliases if _matches(name, a)}
    if not ids:
        names = dict(session.exec(select(Actor.id, Actor.name)).all())
        owner = {a.alias: names.get(a.actor_id, a.alias) for a in aliases}
        raise QueryError(f"no actor '{name}' in the ledger"
                         f"{did_you_mean(name, [a.alias for a in aliases], owner)} "
                         "(see 'summitledger actors')", code=UNKNOWN_ACTOR)
    return ids


def outlets_of(session: Session, event: int | None = None) -> list[str]:
    q = select(Article.outlet).distinct()
    if event is not None:
        q = q.where(Article.event_id == event)
    return sorted(session.exec(q).all())


def outlet_names(session: Session, name: str, event: int | None = None) -> list[str]:
    """The outlets ``name`` names, case-insensitively: exactly, else by whole words
    ('economist' is The Economist); else QueryError SL401 with the closest names."""
    known = outlets_of(session, event)
    exact = [o for o in known if o.lower() == name.lower()]
    if exact:
        return exact
    needle = f" {' '.join(name.lower().split())} "
    found = [o for o in known if needle in f" {' '.join(o.lower().split())} "]
    if not found:
        raise QueryError(f"no outlet '{name}' in the ledger{did_you_mean(name, known)} "
                         f"(outlets: {', '.join(known) or 'none'})", code=UNKNOWN_OUTLET)
    return found


def in_event(column: object, event: int | None):  # type: ignore[no-untyped-def]
    """A condition keeping rows of ``event`` (always true for None: every event)."""
    return col(column) == event if event is not None else true()  # type: ignore[arg-type]
