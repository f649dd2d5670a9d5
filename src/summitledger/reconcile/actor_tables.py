"""The actor tables reconcile writes: every actor with each name it went by, why each
joined (``summitledger actors --why``), a name one actor's only.

Built from what an event's claims say, grouped (:class:`Spoken`: a name form, a speaker
phrase, the actor their claims went to, how many and the first), so a full reconcile
and one that adds articles (:mod:`incremental`) build the same tables. Pure: :mod:`run`
hands the rows to the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from summitledger.nlp.names import PLURAL, SINGULAR, role_key
from summitledger.reconcile.actors import Resolution
from summitledger.reconcile.ids import stable_ids
from summitledger.store.reconcile_io import ClaimRow, Ev

PRONOUNS = SINGULAR | PLURAL | {"i", "we", "you", "it"}


@dataclass(frozen=True)
class Spoken:
    """Claims of one name form, speaker phrase and actor: how many, the first by id, the
    first article file they are in."""

    form: str
    speaker: str
    actor: str
    claims: int
    first_claim: int
    first_file: str


def spoken_of(rows: list[ClaimRow], actor_of: dict[int, str], mapping: dict[str, str]
              ) -> list[Spoken]:
    """:class:`Spoken` of claim rows, each claim's actor as reconcile left it."""
    seen: dict[tuple[str, str, str], list] = {}
    for r in rows:
        key = (r.actor_key, r.speaker, actor_of.get(r.id, mapping.get(r.actor_key, r.actor_key)))
        if key not in seen:
            seen[key] = [0, r.id, r.file]
        s = seen[key]
        s[0] += 1
        s[1] = min(s[1], r.id)
        s[2] = min(s[2], r.file)
    return [Spoken(f, sp, a, n, c, fl) for (f, sp, a), (n, c, fl) in sorted(seen.items())]


@dataclass
class EventActors:
    """One event's actors: their names, kinds, claims, and the joins that made them."""

    names: dict[str, set[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    claims: Counter[str] = field(default_factory=Counter)
    keys: dict[str, str] = field(default_factory=dict)  # lower-cased name form -> actor
    joins: list[tuple[str, str, str, str]] = field(default_factory=list)  # actor, a, b, why


def event_actors(spoken: list[Spoken], res: Resolution,
                 aliases: list[tuple[str, str, str]]) -> EventActors:
    out = EventActors()
    mapping = res.mapping
    for s in spoken:
        out.keys[s.form.lower()] = s.actor
        out.names.setdefault(s.actor, set()).add(s.form)
        out.claims[s.actor] += s.claims
        if s.speaker.lower() not in PRONOUNS:
            out.names[s.actor].add(s.speaker)
        out.kinds.setdefault(s.actor, res.kinds.get(s.actor, "unknown"))
    for person, alias, _ in aliases:
        canon = mapping.get(person, person)
        if canon in out.names:
            out.names[canon].add(alias)
    _one_owner(out)
    out.joins = _joins(spoken, res, aliases, set(out.names))
    return out


def actor_rows(events: dict[Ev, EventActors], old: dict[tuple, int], top: int
               ) -> tuple[dict[tuple, int], list[dict], list[dict], list[dict]]:
    """Ids and rows of the actor tables: (event, canonical name) -> id, then the actors,
    their aliases and their joins. An actor keeps its id while its name does (``old``);
    a new one gets an id above ``top``, the highest ever given."""
    keys = sorted(((ev, a) for ev, e in events.items() for a in e.names),
                  key=lambda k: (k[0] or 0, k[1]))
    ids = stable_ids(keys, lambda canon: [old[canon]] if canon in old else [], top)
    actors = [{"id": i, "name": c, "kind": events[e].kinds.get(c, "unknown"), "event_id": e}
              for (e, c), i in ids.items()]
    aliases = [{"actor_id": i, "alias": a, "norm": role_key(a)}
               for (e, c), i in ids.items() for a in sorted(events[e].names[c] | {c})]
    joins = [{"actor_id": ids[(ev, canon)], "a": a, "b": b, "reason": why}
             for ev, e in events.items() for canon, a, b, why in e.joins if (ev, canon) in ids]
    return ids, actors, aliases, joins


def _joins(spoken: list[Spoken], res: Resolution, aliases: list[tuple[str, str, str]],
           actors: set[str]) -> list[tuple[str, str, str, str]]:
    """Why each name form of an event's actors joined it (``actors --why``): the
    resolution's rules, a statement that matched, and what one article made itself (a
    role it taught, "X, deputy head of Y"; a speaker it resolved, 'The governor' in that
    article is X)."""
    mapping = res.mapping
    joins = [(mapping[j.a], j.a, j.b, j.reason) for j in res.joins if mapping.get(j.a) in actors]
    first: dict[tuple[str, str], int] = {}  # (actor, form) -> its first claim that moved
    for s in spoken:
        if s.actor != mapping.get(s.form, s.form):
            first[(s.actor, s.form)] = min(s.first_claim, first.get((s.actor, s.form), s.first_claim))
    joins += [(canon, form, canon, f"its claim {cid} states what {canon} said (one statement)")
              for (canon, form), cid in sorted(first.items())]
    taught: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for person, alias, file in aliases:
        canon = mapping.get(person, person)
        if canon in actors and alias != person:
            taught.setdefault((alias, person), (canon, alias, person,
                                                f"{file} names {person} so ('{person}, {alias}')"))
    for s in sorted(spoken, key=lambda s: (s.first_file, s.first_claim)):
        if s.actor in actors and s.speaker != s.form and s.speaker.lower() not in PRONOUNS:
            taught.setdefault((s.speaker, s.form), (
                s.actor, s.speaker, s.form,
                f"the speaker '{s.speaker}' of {s.first_file} is {s.form} there"))
    return joins + [taught[k] for k in sorted(taught)]


def _one_owner(out: EventActors) -> None:
    """A name is one actor's of its event: the actor of the name form it is ('actors
    split A Mayor': "Mayor" is its own actor's), else the one with the most claims."""
    owners: dict[str, list[str]] = defaultdict(list)
    for canon, names in out.names.items():
        for a in names:
            owners[a.lower()].append(canon)
    for low, held in owners.items():
        if len(held) < 2:
            continue
        own = out.keys.get(low)
        keep = own if own in held else max(held, key=lambda c: (out.claims[c], c))
        for canon in held:
            if canon != keep:
                out.names[canon] = {a for a in out.names[canon] if a.lower() != low}
