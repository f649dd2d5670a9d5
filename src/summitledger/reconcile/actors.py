"""Actors across the ledger: the names articles used for one actor, joined."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from summitledger.nlp.names import (
    body_name,
    country_of,
    expands,
    is_acronym,
    name_key,
    proper_name,
    role_key,
)


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def cluster_actors(
    keys: Iterable[tuple[str, str]],
    aliases: Iterable[tuple[str, str]] = (),
    overrides: Iterable[tuple[str, str, str]] = (),
) -> dict[str, str]:
    """Map each actor key to the canonical name of its actor, over the whole ledger.

    ``keys`` are (name, kind) pairs as articles resolved them; ``aliases`` are
    (person, role text) pairs articles taught; ``overrides`` are (action, a, b) user
    decisions: ``merge`` joins a and b, ``split`` keeps name b out of a's actor.
    """
    counts: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for name, kind in keys:
        counts[name] += 1
        kinds.setdefault(name, kind)
    for person, _ in aliases:
        counts[person] += 0
        kinds.setdefault(person, "person")
    parent = {k: k for k in counts}
    lower: dict[str, str] = {}
    for k in sorted(counts):
        if name_key(k) in lower:
            parent[_find(parent, k)] = _find(parent, lower[name_key(k)])
        else:
            lower[name_key(k)] = k

    def union(a: str, b: str) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    fulls = sorted(k for k in counts if len(k.split()) > 1 and kinds.get(k) == "person")
    mass: Counter[str] = Counter()  # claims of each name cluster before bare names join
    for k, n in counts.items():
        mass[_find(parent, k)] += n
    for k in sorted(counts):
        if len(k.split()) == 1:
            word = k.lower()
            hits = {_find(parent, f) for f in fulls
                    if word in (f.split()[0].lower(), f.split()[-1].lower())}
            if len(hits) == 1:
                union(k, hits.pop())
            elif hits:  # 'Kim' is Kim Jong Un when he has 3x the claims of every other Kim
                weight = {h: mass[h] for h in hits}
                top = max(sorted(weight), key=lambda h: weight[h])
                if weight[top] >= 3 * (sum(weight.values()) - weight[top]):
                    union(k, top)
    by_country: dict[str, str] = {}
    for k in sorted(counts):
        country = country_of(k)
        if country:  # 'US', 'US officials', 'Washington' speak for one government
            if country in by_country:
                union(k, by_country[country])
            else:
                by_country[country] = k
    for k in sorted(counts):
        if is_acronym(k):  # 'NTSB' in one article, 'National Transport Safety Board' in another
            full = {_find(parent, f) for f in counts if f != k and expands(k, f)}
            if len(full) == 1:
                union(k, full.pop())
    _join_bodies(counts, kinds, parent, union)
    roles = {role_key(alias): person for person, alias in aliases}
    for k in sorted(counts):
        person = roles.get(role_key(k))
        if person and person in parent:
            union(k, person)
    splits = []
    for action, a, b in overrides:
        a = lower.get(name_key(a), a)
        b = lower.get(name_key(b), b)
        for x in (a, b):
            if x not in parent:
                parent[x] = x
                counts[x] += 0
        if action == "merge":
            union(a, b)
        else:
            splits.append(b)
    clusters: dict[str, list[str]] = {}
    for k in parent:
        clusters.setdefault(_find(parent, k), []).append(k)
    for b in splits:
        root = _find(parent, b)
        if len(clusters.get(root, [])) > 1:
            clusters[root].remove(b)
            clusters["\0split:" + b] = [b]
    result: dict[str, str] = {}
    for members in clusters.values():
        people = [m for m in members if kinds.get(m) == "person" and proper_name(m)]
        people = people or [m for m in members if kinds.get(m) == "person"]
        if people:
            canon = max(people, key=lambda m: (len(m.split()), counts[m], m))
        else:
            # a full name reads better than its acronym
            canon = max(members, key=lambda m: (m[:1].isupper(), not is_acronym(m), counts[m],
                                                len(m.split()), m))
        for m in members:
            result[m] = canon
    return result


def _join_bodies(counts: Counter[str], kinds: dict[str, str], parent: dict[str, str],
                 union) -> None:  # type: ignore[no-untyped-def]
    """A body's short name joins its full name when only one full name fits: 'Kestrel'
    is Kestrel Civil Engineering, 'the city's fire and rescue service' is Vessmouth
    Fire and Rescue Service."""
    names = sorted(k for k in counts if kinds.get(k) != "person" and body_name(k))
    for k in sorted(counts):
        if kinds.get(k) == "person" or is_acronym(k):
            continue
        words = k.split()
        if len(words) == 1 and k[:1].isupper():
            fits = {_find(parent, n) for n in names if n.split()[0] == k}
        elif len(words) > 2 and not body_name(k):
            tail = " ".join(words[1:]).lower().replace("’", "'")
            fits = {_find(parent, n) for n in names
                    if n.lower().replace("’", "'").endswith(" " + tail) and n != k}
        else:
            continue
        if len(fits) == 1:
            union(k, fits.pop())
