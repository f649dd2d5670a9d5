"""Regrouping one block around new claims: only the strong components they join.

Clusters never cross the components that strong pairs (a probability at the pair
model's threshold) join inside a block (:func:`clustering.average_link`), and whether
two units are candidates, and their pair's score, depend on the two alone and on the
block's size class (:mod:`candidates`). So when claims are added to a block, the units
holding them are scored against their candidates, the strong neighbours found are
scored against theirs, and so on until no new unit is reached: that closure is every
component a new claim joins, and clustering it again (with every candidate pair among
its units, :func:`grouping.block_groups`) gives the groups a rebuild of the block would
give there; the block's other groups stand. :func:`around` says no (None) where that
does not hold: the block changing size class (every candidate pair changes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from summitledger.reconcile.candidates import ALL_PAIRS, TABLES, bits_for, hash_keys
from summitledger.reconcile.features import FEATURES, worth_scoring
from summitledger.reconcile.grouping import Block, Signals, block_groups
from summitledger.reconcile.matching import ClaimInfo, Group
from summitledger.reconcile.model import DEFAULT, PairModel


@dataclass(frozen=True)
class Brief:
    """What units and candidates read of a claim (no frame: cheap for a whole block)."""

    id: int
    actor: str
    content: str
    quote: str
    article_id: int
    key: tuple


def units_of(claims: list[Brief]) -> list[list[Brief]]:
    """Claims of one actor stating the same words, as :func:`grouping.prepare` makes
    them: in the claims' stable order, each unit headed by its first claim."""
    by_words: dict[tuple, list[Brief]] = {}
    for c in sorted(claims, key=lambda x: x.key):
        by_words.setdefault((c.actor, " ".join(c.content.lower().split()), c.quote),
                            []).append(c)
    return list(by_words.values())


def size_class(n: int) -> int:
    """A block's size class: every pair compared, or the bits of its hashing."""
    return 0 if n <= ALL_PAIRS else bits_for(n)


class _Neighbours:
    """Each unit's candidates in the block: every other unit, or those sharing one of
    its hash buckets (each table's keys sorted once; a unit's bucket-mates found by
    binary search)."""

    def __init__(self, heads_emb: np.ndarray) -> None:
        n = len(heads_emb)
        self.n = n
        self.keys = None if n <= ALL_PAIRS else hash_keys(heads_emb, bits_for(n))
        if self.keys is not None:
            self.order = np.argsort(self.keys, axis=1, kind="stable")
            self.sorted = np.take_along_axis(self.keys, self.order, axis=1)

    def of(self, u: int) -> set[int]:
        if self.keys is None:
            return set(range(self.n)) - {u}
        found: set[int] = set()
        for t in range(TABLES):
            key = self.keys[t, u]
            lo = np.searchsorted(self.sorted[t], key, side="left")
            hi = np.searchsorted(self.sorted[t], key, side="right")
            found.update(self.order[t, lo:hi].tolist())
        return found - {u}


def around(block: list[Brief], new: set[int], emb: dict[int, np.ndarray],
           infos_of: Callable[[list[int]], dict[int, ClaimInfo]],
           compatible: Callable[[str, str], bool], specific: Callable[[str], bool],
           group_of: dict[int, int], model: PairModel = DEFAULT
           ) -> tuple[dict[int, ClaimInfo], list[Group]] | None:
    """The claims whose groups change when claims ``new`` join ``block`` (all its
    claims, the new ones among them), read, and their groups; None when the block must
    be regrouped whole. ``emb``: each claim's embedding; ``infos_of`` reads claims;
    ``group_of``: each earlier claim's group. What is reached holds every earlier group
    it touches whole (a new first claim can weaken its unit's pairs, so a group it was
    in may no longer be reached through it): their other units are followed out too."""
    units = units_of(block)
    before = sum(1 for u in units if any(c.id not in new for c in u))  # units without them
    if size_class(before) != size_class(len(units)):
        return None
    heads = [u[0] for u in units]
    neighbours = _Neighbours(np.stack([emb[h.id] for h in heads]))
    names = sorted({h.actor for h in heads})
    who = {h.id: names.index(h.actor) for h in heads}
    fits = {(x, y) for x in range(len(names)) for y in range(len(names))
            if x == y or compatible(names[x], names[y])}
    infos: dict[int, ClaimInfo] = {}
    scored: dict[tuple[int, int], tuple[float, np.ndarray | None]] = {}
    reached = {n for n, u in enumerate(units) if any(c.id in new for c in u)}
    frontier = set(reached)
    while frontier:
        pairs = sorted({(min(u, v), max(u, v)) for u in frontier for v in neighbours.of(u)
                        if heads[u].article_id != heads[v].article_id
                        and (who[heads[u].id], who[heads[v].id]) in fits})
        pairs = [p for p in pairs if p not in scored]
        wanted = sorted({heads[x].id for p in pairs for x in p} - set(infos))
        infos.update(infos_of(wanted))
        found = _score(pairs, heads, infos, emb, who, model)
        scored.update(found)
        frontier = {x for p, (s, _) in found.items() if s >= model.threshold
                    for x in p} - reached
        if not frontier:  # closed under strong pairs: now under earlier groups too
            gone = {group_of[c.id] for n in reached for c in units[n] if c.id in group_of}
            frontier = {n for n, u in enumerate(units) if n not in reached
                        and any(group_of.get(c.id) in gone for c in u)}
        reached |= frontier
    inside = sorted(p for p, (_, v) in scored.items()
                    if v is not None and p[0] in reached and p[1] in reached)
    members = [c.id for n in sorted(reached) for c in units[n]]
    infos.update(infos_of(sorted(set(members) - set(infos))))
    unit_infos = [[infos[c.id] for c in units[n]] for n in sorted(reached)]
    values = np.array([scored[p][1] for p in inside], dtype=np.float32).reshape(
        len(inside), len(FEATURES))
    part = Block([c for u in unit_infos for c in u], unit_infos,
                 [heads[i].id for i, _ in inside], [heads[j].id for _, j in inside], values)
    key = {c.id: c.key for c in block}
    return {m: infos[m] for m in members}, block_groups(part, specific, key, model)


def _score(pairs: list[tuple[int, int]], heads: list[Brief], infos: dict[int, ClaimInfo],
           emb: dict[int, np.ndarray], who: dict[int, int], model: PairModel
           ) -> dict[tuple[int, int], tuple[float, np.ndarray | None]]:
    """Probability and features of each candidate pair worth scoring; a pair not worth
    it is left out of clustering (no features), as :func:`grouping.prepare` leaves it."""
    if not pairs:
        return {}
    ids = sorted({heads[x].id for p in pairs for x in p})
    signals = Signals([infos[i] for i in ids], np.stack([emb[i] for i in ids]))
    a = [heads[i].id for i, _ in pairs]
    b = [heads[j].id for _, j in pairs]
    keep = worth_scoring(signals.arrays, signals.rows(a), signals.rows(b))
    out: dict[tuple[int, int], tuple[float, np.ndarray | None]] = {}
    kept = np.flatnonzero(keep).tolist()
    if kept:
        values = signals.pairs([a[k] for k in kept], [b[k] for k in kept],
                               [who[a[k]] != who[b[k]] for k in kept])
        probs = model.probabilities(values)
        out = {pairs[k]: (float(probs[n]), values[n]) for n, k in enumerate(kept)}
    return out | {p: (0.0, None) for n, p in enumerate(pairs) if not keep[n]}
