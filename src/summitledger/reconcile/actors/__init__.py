"""Actor resolution, a stage of its own: one actor per real-world speaker in an event.

Articles resolve their speakers as far as one article can (:mod:`summitledger.extract.actors`);
here the name forms of a whole event are joined: the same name written differently,
one person's name spelled two ways, a bare surname, a country's government under its
names, acronyms, a body's short name, a government's collective voice ('officials',
'the provincial administration'), roles and titles taught anywhere in the event, and
the user's merges and splits (:mod:`rules`). Every join keeps its reason
(``summitledger actors --why``). What stays unresolved is marked *vague* (a title no
one holds uniquely, 'the company', 'officials' of several governments): its claims may
still group with a fitting actor's when the statement matches strongly
(:mod:`summitledger.reconcile.grouping`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from summitledger.nlp.names import country_of, is_acronym, name_key, proper_name
from summitledger.nlp.roles import BUSINESS, KINDS_OF_BODY, body_kinds, role_head
from summitledger.reconcile.actors import rules
from summitledger.reconcile.actors.rules import Names, collective_place
from summitledger.unionfind import Join, UnionFind

__all__ = ["Resolution", "cluster_actors", "resolve_actors"]

RULES = (rules.same_names, rules.spellings, rules.bare_names, rules.countries,
         rules.acronyms, rules.short_bodies, rules.collectives, rules.roles)


@dataclass
class Resolution:
    """Name form -> canonical actor name; the joins that made each actor; each
    actor's kind; and the vague actors, by why they are vague ('title', 'business',
    'collective')."""

    mapping: dict[str, str]
    joins: list[Join[str]] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    vague: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)  # actor -> role heads

    def why(self, actor: str) -> list[Join[str]]:
        """The joins that made ``actor`` (its canonical name)."""
        return [j for j in self.joins if self.mapping.get(j.a) == actor]

    def specific(self, actor: str) -> bool:
        """Does the actor's name single out one speaker?"""
        return actor not in self.vague

    def compatible(self, a: str, b: str) -> bool:
        """May two actors be one? Only when one is vague and the other fits it: a
        title and a person who held that role, 'the company' and a business, a kind of
        body and a body of that kind, 'officials' and a government."""
        if a == b:
            return True
        for v, o in ((a, b), (b, a)):
            why = self.vague.get(v)
            if why and _fits(why, v, o, self):
                return True
        return False


def resolve_actors(
    keys: Iterable[tuple],
    aliases: Iterable[tuple] = (),
    overrides: Iterable[tuple[str, str, str]] = (),
) -> Resolution:
    """Resolve an event's name forms to actors.

    ``keys`` are (name, kind), (name, kind, article) or (name, kind, article, claims) as
    articles resolved them, one per claim (or per article with its number of claims);
    ``aliases`` are (person, role text) or (person, role text, article file) pairs
    articles taught; ``overrides`` are (action, a, b) user decisions: ``merge`` joins a
    and b, ``split`` keeps name b out of a's actor.
    """
    counts: Counter[str] = Counter()
    kind_votes: dict[str, Counter[str]] = {}
    articles: dict[str, set[int]] = {}
    for key in keys:
        name, kind = key[0], key[1]
        n = key[3] if len(key) > 3 else 1
        counts[name] += n
        votes = kind_votes.get(name)
        if votes is None:
            votes = kind_votes[name] = Counter()
        votes[kind] += n
        if len(key) > 2:
            if name in articles:
                articles[name].add(key[2])
            else:
                articles[name] = {key[2]}
    taught = [(a[0], a[1], a[2] if len(a) > 2 else "") for a in aliases]
    for person, _, _ in taught:
        counts[person] += 0
        kind_votes.setdefault(person, Counter())["person"] += 0
    kinds = {k: _kind(v) for k, v in kind_votes.items()}
    names = Names(counts=counts, kinds=kinds, articles=articles, roles=taught)
    uf: UnionFind[str] = UnionFind.of(counts)
    for rule in RULES:
        rule(names, uf)
    mapping: dict[str, str] = {}
    actor_kinds: dict[str, str] = {}
    for members, named in _apply_overrides(overrides, names, uf):
        canon = named or _canonical(members, kinds, counts)
        for m in members:
            mapping[m] = canon
        actor_kinds[canon] = kinds.get(canon, "unknown")
    joins = [j for j in uf.joins if mapping.get(j.a) == mapping.get(j.b)]
    role_heads: dict[str, set[str]] = {}
    for person, alias, _ in taught:
        role_heads.setdefault(mapping.get(person, person), set()).add(role_head(alias))
    vague = {a: why for a in set(mapping.values()) if (why := vagueness(a, kinds.get(a, "")))}
    return Resolution(mapping=mapping, joins=joins, kinds=actor_kinds, vague=vague,
                      roles=role_heads)


def cluster_actors(keys: Iterable[tuple], aliases: Iterable[tuple] = (),
                   overrides: Iterable[tuple[str, str, str]] = ()) -> dict[str, str]:
    """Name form -> canonical actor name (see :func:`resolve_actors`)."""
    return resolve_actors(keys, aliases, overrides).mapping


def vagueness(actor: str, kind: str) -> str:
    """Why an actor's name does not single out one speaker: 'title' (a role noun with
    no name: 'Provincial governor'), 'business' ('Company', 'Operator'), 'collective'
    ('officials' with no government named), 'body' (a kind of body, not its name:
    'Main union for lake and river crews'); '' when it names someone."""
    if is_acronym(actor) or (proper_name(actor) and len(actor.split()) > 1):
        return ""
    is_collective, place = collective_place(actor)
    if is_collective:
        return "" if place else "collective"
    head = role_head(actor)
    if head in BUSINESS:
        return "business"
    if head in KINDS_OF_BODY:
        return "body"
    if kind in ("person", "unknown") and not proper_name(actor):
        return "title"
    return ""


def _fits(why: str, vague: str, other: str, res: Resolution) -> bool:
    """Can the vague actor ``vague`` (vague for ``why``) be ``other``?"""
    head = role_head(vague)
    kind = res.kinds.get(other, "unknown")
    if res.vague.get(other) == why:
        return role_head(other) == head
    if why == "title":
        return kind == "person" and head in res.roles.get(other, set())
    if why == "business":
        return kind == "organisation" and not body_kinds(other) and not collective_place(other)[0]
    if why == "body":
        return kind != "person" and head in body_kinds(other)
    if why == "collective":
        return collective_place(other)[0] or bool(country_of(other))
    return False


def _kind(votes: Counter[str]) -> str:
    """A name's kind by the articles' votes; a person wins a tie with 'unknown'."""
    known = {k: n for k, n in votes.items() if k != "unknown"}
    if not known:
        return "unknown"
    return max(sorted(known), key=lambda k: (known[k], k == "person"))


def _apply_overrides(overrides: Iterable[tuple[str, str, str]], names: Names,
                     uf: UnionFind[str]) -> list[tuple[list[str], str | None]]:
    """The actors the rules found, then the user's merges and splits one after the
    other as they were made, each on the actors the ones before left: ``merge A B``
    joins B's actor to A's, which keeps A's name; ``split A B`` takes name B out of A's
    actor into one of its own. Each actor's names, and the name a merge gave it (None:
    the usual choice)."""
    by_key = {name_key(k): k for k in sorted(names.counts, reverse=True)}
    members = dict(enumerate(set(ms) for _, ms in sorted(uf.sets().items())))
    of = {m: n for n, ms in members.items() for m in ms}
    named: dict[int, str] = {}

    def alone(x: str) -> None:
        of[x] = len(members)
        members[of[x]] = {x}

    for n, (action, a, b) in enumerate(overrides, 1):
        a = by_key.get(name_key(a), a)
        b = by_key.get(name_key(b), b)
        for x in (a, b):
            if x not in of:  # a name no claim goes by: an actor of its own
                names.counts[x] += 0
                alone(x)
        ca, cb = of[a], of[b]
        if action == "merge":
            if ca != cb:
                for m in members.pop(cb):
                    of[m] = ca
                    members[ca].add(m)
                named.pop(cb, None)
                uf.joins.append(Join(a, b, f"merged by the user (override {n})"))
            named[ca] = a
        elif ca == cb and a != b:
            members[ca].discard(b)
            alone(b)
            if named.get(ca) == b:
                named[ca] = a
    return [(sorted(ms), named.get(c)) for c, ms in sorted(members.items()) if ms]


def _canonical(members: list[str], kinds: dict[str, str], counts: Counter[str]) -> str:
    """The name an actor goes by: a person's fullest proper name; a government's voice
    by the fullest name that says whose it is; a body's full name over its acronym."""
    people = [m for m in members if kinds.get(m) == "person" and proper_name(m)]
    people = people or [m for m in members if kinds.get(m) == "person"]
    if people:
        return max(people, key=lambda m: (len(m.split()), counts[m], m))
    if all(collective_place(m)[0] for m in members):
        placed = [m for m in members if collective_place(m)[1]]
        if placed:
            return max(placed, key=lambda m: (len(m.split()), counts[m], m))
    return max(members, key=lambda m: (m[:1].isupper(), not is_acronym(m), counts[m],
                                       len(m.split()), m))
