"""The rules that join name forms of one actor across an event, each with its reason.

Every rule reads the names in sorted order and joins through one :class:`UnionFind`,
so the result does not depend on the order articles came in. The reason of each join
is kept for ``summitledger actors --why``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from summitledger.nlp.names import (
    POSSESSIVE,
    body_name,
    country_of,
    expands,
    is_acronym,
    name_key,
    normalise_places,
    proper_name,
    role_key,
)
from summitledger.nlp.nouns import noun_kind
from summitledger.nlp.roles import BUSINESS, COLLECTIVE, LEVELS, body_kinds, fits_role
from summitledger.reconcile.actors.spelling import same_person_name
from summitledger.unionfind import UnionFind

#: a bare name ('Kim') joins the one full name it starts or ends when that name has
#: this many times the claims of every other full name it could be
BARE_NAME_DOMINANCE = 3


@dataclass
class Names:
    """The name forms of one event: how often each was used, what kind each is, the
    articles each appears in, and the roles articles taught for people."""

    counts: Counter[str]
    kinds: dict[str, str]
    articles: dict[str, set[int]]
    roles: list[tuple[str, str, str]]  # (person, role text, article file) taught

    def persons(self) -> list[str]:
        return sorted(k for k in self.counts if self.kinds.get(k) == "person")


def same_names(names: Names, uf: UnionFind[str]) -> None:
    """'Kim Jong-un' and 'Kim Jong Un'; 'the ministry' and 'The Ministry'."""
    first: dict[str, str] = {}
    for k in sorted(names.counts):
        key = name_key(k)
        if key in first:
            uf.union(first[key], k, "the same name written differently")
        else:
            first[key] = k


def spellings(names: Names, uf: UnionFind[str]) -> None:
    """One person's full name spelled two ways by two outlets ('Yevhen Hrabarenko',
    'Yevgeny Grabarenko'); never two names one article gives side by side."""
    people = [k for k in sorted(names.counts) if len(k.split()) > 1 and proper_name(k)
              and names.kinds.get(k) != "group" and not body_name_kind(k)]
    seen_in: dict[str, set[int]] = {k: set(names.articles.get(k, ())) for k in people}
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            ra, rb = uf.find(a), uf.find(b)
            if ra == rb or not same_person_name(a, b):
                continue
            side_by_side = _articles_of(uf, ra, seen_in) & _articles_of(uf, rb, seen_in)
            if not side_by_side:
                uf.union(a, b, f"the same name spelled differently ('{a}', '{b}')")


def _articles_of(uf: UnionFind[str], root: str, seen_in: dict[str, set[int]]) -> set[int]:
    return {art for k, arts in seen_in.items() if uf.find(k) == root for art in arts}


def body_name_kind(name: str) -> bool:
    """A name that says it is a body ('State Rescue Service'), not a person."""
    return bool(body_kinds(name))


def bare_names(names: Names, uf: UnionFind[str]) -> None:
    """A surname or given name alone joins the one full name it ends or starts."""
    fulls = [k for k in names.persons() if len(k.split()) > 1]
    mass: Counter[str] = Counter()
    for k, n in names.counts.items():
        mass[uf.find(k)] += n
    for k in sorted(names.counts):
        if len(k.split()) != 1:
            continue
        word = k.lower()
        hits = {uf.find(f) for f in fulls if word in (f.split()[0].lower(), f.split()[-1].lower())}
        if len(hits) == 1:
            uf.union(k, hits.pop(), f"'{k}' is the only full name it is part of")
        elif hits:  # 'Kim' is Kim Jong Un when he has 3x the claims of every other Kim
            weight = {h: mass[h] for h in hits}
            top = max(sorted(weight), key=lambda h: weight[h])
            if weight[top] >= BARE_NAME_DOMINANCE * (sum(weight.values()) - weight[top]):
                uf.union(k, top, f"'{k}' mostly names {top}")


def countries(names: Names, uf: UnionFind[str]) -> None:
    """'US', 'US officials', 'Washington' and 'the White House' speak for one government."""
    by_country: dict[str, str] = {}
    for k in sorted(names.counts):
        country = country_of(k)
        if country:
            if country in by_country:
                uf.union(by_country[country], k, f"both speak for the government of {country}")
            else:
                by_country[country] = k


def acronyms(names: Names, uf: UnionFind[str]) -> None:
    """'NTSB' in one article, 'National Transport Safety Board' in another."""
    for k in sorted(names.counts):
        if is_acronym(k):
            full = {uf.find(f) for f in names.counts if f != k and expands(k, f)}
            if len(full) == 1:
                uf.union(k, full.pop(), f"'{k}' is its acronym")


def short_bodies(names: Names, uf: UnionFind[str]) -> None:
    """A body's short name joins its full name when only one full name fits: 'Kestrel'
    is Kestrel Civil Engineering, 'the city's fire and rescue service' is Vessmouth
    Fire and Rescue Service."""
    kinds = names.kinds
    full = sorted(k for k in names.counts if kinds.get(k) != "person" and body_name(k))
    for k in sorted(names.counts):
        if kinds.get(k) == "person" or is_acronym(k):
            continue
        words = k.split()
        if len(words) == 1 and k[:1].isupper():
            fits = {uf.find(n) for n in full if n.split()[0] == k}
        elif len(words) > 1 and not body_name(k) and body_kinds(k):
            # 'the rescue service' (its whole name) or "the city's fire and rescue
            # service" (all but a possessive) ends the one full name
            tails = {" ".join(words[n:]).lower().replace("’", "'") for n in (0, 1)
                     if len(words) - n > 1}
            fits = {uf.find(n) for n in full for tail in tails
                    if n.lower().replace("’", "'").endswith(" " + tail) and n != k}
        else:
            continue
        if len(fits) == 1:
            uf.union(k, fits.pop(), f"'{k}' is a short form of its name")


def collective_place(name: str) -> tuple[bool, str]:
    """(is it a government's collective voice, the place it names or ''): 'Local
    officials' (True, ''), 'the provincial government of Oskova' (True, 'Oskova'),
    'US officials' (True, 'US'), 'hospital officials' (False, '')."""
    country = country_of(name)
    named: list[str] = []
    collective = False
    for n, raw in enumerate(normalise_places(name).replace(",", " ").split()):
        w = POSSESSIVE.sub("", raw)
        low = w.lower()
        if low in ("the", "of", "a", "an", "in", "for"):
            continue
        if low in COLLECTIVE:
            collective = True
        elif low in LEVELS:
            continue
        elif w[:1].isupper() and not (n == 0 and (noun_kind(low) or low in BUSINESS)):
            named.append(w)  # a place or a body's name, not a common noun
        else:
            return False, ""  # 'hospital officials' speak for the hospital
    if not collective:
        return False, ""
    return True, country or " ".join(named)


def collectives(names: Names, uf: UnionFind[str]) -> None:
    """'officials', 'authorities', 'the provincial administration' and 'the provincial
    government of Oskova' are one government's voice: one actor per place named, and
    those naming no place join it when the event's collectives name one place only."""
    by_place: dict[str, list[str]] = defaultdict(list)
    for k in sorted(names.counts):
        is_collective, place = collective_place(k)
        if is_collective and names.kinds.get(k) != "person":
            by_place[place].append(k)
    placed = sorted(p for p in by_place if p)
    for place, keys in sorted(by_place.items()):
        for k in keys[1:]:
            uf.union(keys[0], k, f"one government's voice{' in ' + place if place else ''}")
    if len(placed) == 1 and by_place.get(""):
        uf.union(by_place[placed[0]][0], by_place[""][0],
                 f"the only government named in the event ({placed[0]})")
    # a country's government ('Russia', 'the Kremlin') takes its collectives too
    for place in placed:
        gov = next((k for k in sorted(names.counts) if country_of(k) == place), None)
        if gov is not None:
            uf.union(gov, by_place[place][0], f"both speak for the government of {place}")


def roles(names: Names, uf: UnionFind[str]) -> None:
    """A role an article taught ('deputy head of the State Rescue Service' is Stepan
    Kolodey) names that person wherever it is used, and so does a title alone that fits
    only one person's roles in the event ('the provincial governor')."""
    exact = {role_key(alias): person for person, alias, _ in sorted(names.roles)}
    for k in sorted(names.counts):
        person = exact.get(role_key(k))
        if person and person in uf.parent:
            uf.union(k, person, f"'{k}' is a role of {person}")
    taught: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for person, alias, where in sorted(names.roles):
        if person in uf.parent:
            taught[person].append((alias, where))
    for k in sorted(names.counts):
        if proper_name(k) or names.kinds.get(k) not in ("person", "unknown") or \
                collective_place(k)[0] or \
                uf.find(k) != k and any(uf.find(k) == uf.find(p) for p in taught):
            continue
        fits = {uf.find(p): (alias, where) for p, forms in sorted(taught.items())
                for alias, where in forms if fits_role(k, alias)}
        if len(fits) == 1:
            (root, (alias, where)), = fits.items()
            uf.union(k, root, f"the title '{k}' fits only the role '{alias}' ({where})")
