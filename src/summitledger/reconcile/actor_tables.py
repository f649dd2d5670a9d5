"""The actor tables reconcile writes, from each event's plan: every actor with each name
it went by, why each joined (``summitledger actors --why``), a name one actor's only.

Pure: :mod:`run` hands the rows to the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from summitledger.nlp.names import PLURAL, SINGULAR, role_key
from summitledger.reconcile.ids import stable_ids
from summitledger.reconcile.plan import Plan
from summitledger.store.reconcile_io import Ev, EventInput

PRONOUNS = SINGULAR | PLURAL | {"i", "we", "you", "it"}


def actor_rows(plans: dict[Ev, tuple[EventInput, Plan]], old: dict[tuple, int], top: int
               ) -> tuple[dict[tuple, int], list[dict], list[dict], list[dict]]:
    """Ids and rows of the actor tables: (event, canonical name) -> id, then the actors,
    their aliases and their joins. An actor keeps its id while its name does (``old``);
    a new one gets an id above ``top``, the highest ever given."""
    names: dict[tuple, set[str]] = {}
    kinds: dict[tuple, str] = {}
    keys: dict[tuple, str] = {}  # (event, name form) -> its actor
    claims: Counter[tuple] = Counter()
    for ev, (e, done) in plans.items():
        mapping = done.resolution.mapping
        for r in e.rows:
            canon = (ev, done.actor_of.get(r.id, mapping.get(r.actor_key, r.actor_key)))
            keys[(ev, r.actor_key.lower())] = canon[1]
            names.setdefault(canon, set()).add(r.actor_key)
            claims[canon] += 1
            if r.speaker.lower() not in PRONOUNS:
                names[canon].add(r.speaker)
            kinds.setdefault(canon, done.resolution.kinds.get(canon[1], r.actor_kind))
        for person, alias, _ in e.aliases:
            canon = (ev, mapping.get(person, person))
            if canon in names:
                names[canon].add(alias)
    _one_owner(names, keys, claims)
    ids = stable_ids(sorted(names, key=lambda k: (k[0] or 0, k[1])),
                     lambda canon: [old[canon]] if canon in old else [], top)
    actors = [{"id": i, "name": c, "kind": kinds.get((e, c), "unknown"), "event_id": e}
              for (e, c), i in ids.items()]
    aliases = [{"actor_id": i, "alias": a, "norm": role_key(a)}
               for k, i in ids.items() for a in sorted(names[k] | {k[1]})]
    joins = [j for ev, (e, done) in plans.items() for j in _joins(ev, e, done, ids)]
    return ids, actors, aliases, joins


def _joins(ev: Ev, e: EventInput, done: Plan, ids: dict[tuple, int]) -> list[dict]:
    """Why each name form of an event's actors joined it (``actors --why``): the
    resolution's rules, a statement that matched, and what one article made itself (a
    role it taught, "X, deputy head of Y"; a speaker it resolved, 'The governor' in that
    article is X)."""
    mapping = done.resolution.mapping
    joins = [{"actor_id": ids[(ev, mapping[j.a])], "a": j.a, "b": j.b, "reason": j.reason}
             for j in done.resolution.joins if (ev, mapping.get(j.a)) in ids]
    moved = sorted({(done.actor_of[r.id], r.actor_key, done.infos[r.id].id)
                    for r in e.rows if done.actor_of.get(r.id) not in
                    (None, mapping.get(r.actor_key, r.actor_key))})
    joins += [{"actor_id": ids[(ev, canon)], "a": key, "b": canon,
               "reason": f"its claim {cid} states what {canon} said (one statement)"}
              for canon, key, cid in moved if (ev, canon) in ids]
    taught: dict[tuple[str, str], dict] = {}
    for person, alias, file in e.aliases:
        canon = (ev, mapping.get(person, person))
        if canon in ids and alias != person:
            taught.setdefault((alias, person), {
                "actor_id": ids[canon], "a": alias, "b": person,
                "reason": f"{file} names {person} so ('{person}, {alias}')"})
    for r in e.rows:
        canon = (ev, done.actor_of.get(r.id, mapping.get(r.actor_key, r.actor_key)))
        if canon in ids and r.speaker != r.actor_key and r.speaker.lower() not in PRONOUNS:
            taught.setdefault((r.speaker, r.actor_key), {
                "actor_id": ids[canon], "a": r.speaker, "b": r.actor_key,
                "reason": f"the speaker '{r.speaker}' of {r.file} is {r.actor_key} there"})
    return joins + [taught[k] for k in sorted(taught)]


def _one_owner(names: dict[tuple, set[str]], keys: dict[tuple, str],
               claims: Counter[tuple]) -> None:
    """A name is one actor's of its event: the actor of the name form it is ('actors
    split A Mayor': "Mayor" is its own actor's), else the one with the most claims."""
    owners: dict[tuple, list[tuple]] = defaultdict(list)
    for canon, aliases in names.items():
        for a in aliases:
            owners[(canon[0], a.lower())].append(canon)
    for (ev, low), held in owners.items():
        if len(held) < 2:
            continue
        own = (ev, keys[(ev, low)]) if (ev, low) in keys else None
        keep = own if own in held else max(held, key=lambda c: (claims[c], c[1]))
        for canon in held:
            if canon != keep:
                names[canon] = {a for a in names[canon] if a.lower() != low}


