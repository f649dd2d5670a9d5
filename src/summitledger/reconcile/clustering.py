"""Average-link clustering of one block's claims over scored pairs, independent of order.

Two clusters merge while the mean score over all their cross-article pairs reaches the
threshold, best mean first. A pair that was never scored (not a candidate) counts as 0
in the mean, and pairs inside one article are left out of it (one article states a
thing once); the mean stops chains (A like B, B like C, A unlike C). Only clusters
joined by a pair reaching the threshold can merge, so the work follows the strong
pairs. Ties are broken by the claims' stable order, so the result depends on the
claims, not on the order they were ingested in.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence

from summitledger.unionfind import UnionFind


def average_link(
    units: Sequence[Sequence[Hashable]],
    article: dict[Hashable, int],
    scores: dict[tuple[Hashable, Hashable], float],
    threshold: float,
    owner: dict[Hashable, str] | None = None,
) -> list[list[Hashable]]:
    """Clusters of claims, from ``units`` (claims stating the same words, which start as
    one cluster; given in a stable order). ``scores`` holds each scored pair of units
    once, keyed by the units' first claims; every claim pair across two units has
    their score. ``owner`` names the specific actor of a claim (absent for one that may
    be several): two clusters of different specific actors never merge.

    Two clusters whose pairs all score below the threshold cannot reach it on average,
    so the units are first split into the components their strong pairs join, and each
    component is clustered alone: the work follows the strong pairs, not all pairs."""
    pos = {unit[0]: n for n, unit in enumerate(units)}
    strong: UnionFind[int] = UnionFind.of(range(len(units)))
    for (a, b), s in scores.items():
        if s >= threshold:
            strong.union(pos[a], pos[b])
    found: list[list[Hashable]] = []
    for part in strong.sets().values():
        if len(part) == 1:
            found.append(list(units[part[0]]))
            continue
        inside = {units[n][0] for n in part}
        found += _cluster([units[n] for n in part], article,
                          {k: s for k, s in scores.items() if k[0] in inside and k[1] in inside},
                          threshold, owner)
    rank = {x: k for k, x in enumerate(x for unit in units for x in unit)}
    return sorted(found, key=lambda ms: rank[ms[0]])


def _cluster(
    units: Sequence[Sequence[Hashable]],
    article: dict[Hashable, int],
    scores: dict[tuple[Hashable, Hashable], float],
    threshold: float,
    owner: dict[Hashable, str] | None = None,
) -> list[list[Hashable]]:
    """Average-link clusters of one component's units (see :func:`average_link`)."""
    pos = {unit[0]: n for n, unit in enumerate(units)}
    members: dict[int, list[Hashable]] = {n: list(unit) for n, unit in enumerate(units)}
    owners: dict[int, set[str]] = {n: {owner[x] for x in unit if x in owner}
                                   for n, unit in enumerate(units)} if owner else {}
    total: dict[int, dict[int, float]] = {n: {} for n in members}  # sum of pair scores
    best: dict[int, dict[int, float]] = {n: {} for n in members}  # strongest pair across
    same: dict[int, dict[int, int]] = {n: {} for n in members}  # pairs inside one article
    by_article: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for n, unit in enumerate(units):
        for x in unit:
            by_article[article[x]][n] += 1
    for counts in by_article.values():
        ns = sorted(counts)
        for x, i in enumerate(ns):
            for j in ns[x + 1 :]:
                same[i][j] = same[j][i] = same[i].get(j, 0) + counts[i] * counts[j]
    for (a, b), s in scores.items():
        i, j = pos[a], pos[b]
        cross = len(members[i]) * len(members[j]) - same[i].get(j, 0)
        if s <= 0 or cross <= 0:
            continue
        total[i][j] = total[j][i] = total[i].get(j, 0.0) + s * cross
        best[i][j] = best[j][i] = max(best[i].get(j, 0.0), s)

    def average(i: int, j: int) -> float:
        cross = len(members[i]) * len(members[j]) - same[i].get(j, 0)
        return total[i].get(j, 0.0) / cross if cross > 0 else 0.0

    # only clusters joined by a strong link can merge: the heap holds those pairs alone
    heap = [(-average(i, j), i, j) for i in best for j, s in best[i].items()
            if i < j and s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in members or j not in members:
            continue
        m = average(i, j)
        if abs(m + neg) > 1e-12:  # stale: a cluster changed since this entry was pushed
            continue
        if m < threshold:
            break
        if owners and len(owners[i] | owners[j]) > 1:
            continue  # two different speakers never state one statement
        keep, gone = min(i, j), max(i, j)
        members[keep] += members.pop(gone)
        if owners:
            owners[keep] |= owners.pop(gone)
        _fold(total, keep, gone, lambda x, y: x + y)
        _fold(same, keep, gone, lambda x, y: x + y)
        _fold(best, keep, gone, max)
        for k, s in best[keep].items():
            if s >= threshold:
                heapq.heappush(heap, (-average(keep, k), min(keep, k), max(keep, k)))
    rank = {x: k for k, x in enumerate(x for unit in units for x in unit)}
    return [sorted(ms, key=rank.__getitem__) for _, ms in sorted(members.items())]


def _fold(table: dict[int, dict], keep: int, gone: int, combine: Callable) -> None:
    """Cluster ``gone`` merged into ``keep``: its row and column fold into keep's."""
    for k, v in table.pop(gone).items():
        del table[k][gone]
        if k != keep:
            table[keep][k] = table[k][keep] = combine(table[keep][k], v) \
                if k in table[keep] else v
    table[keep].pop(gone, None)
