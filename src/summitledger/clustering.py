"""Average-link clustering of one actor's claims over scored pairs, independent of order.

Two clusters merge while the mean score over all their cross-article pairs reaches
the threshold; a pair that was never scored (not a candidate) counts as 0, and pairs
inside one article are left out of the mean (one article states a thing once). Ties
are broken by the claims' stable keys, so the result depends on the claims, not on
the order they were ingested in.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Sequence


def average_link(
    items: Sequence[Hashable],
    article: dict[Hashable, int],
    scores: dict[tuple[Hashable, Hashable], float],
    threshold: float,
) -> list[list[Hashable]]:
    """Clusters of ``items`` (given in a stable order); ``scores`` holds each scored pair
    once, keyed in either order."""
    pos = {x: n for n, x in enumerate(items)}
    members: dict[int, list[Hashable]] = {n: [x] for n, x in enumerate(items)}
    arts: dict[int, Counter[int]] = {n: Counter([article[x]]) for n, x in enumerate(items)}
    total: dict[int, dict[int, float]] = {n: {} for n in members}
    for (a, b), s in scores.items():
        if s <= 0 or article[a] == article[b]:
            continue
        i, j = pos[a], pos[b]
        total[i][j] = total[i].get(j, 0.0) + s
        total[j][i] = total[j].get(i, 0.0) + s

    def mean(i: int, j: int) -> float:
        cross = len(members[i]) * len(members[j]) - sum(
            k * arts[j][art] for art, k in arts[i].items())
        return total[i].get(j, 0.0) / cross if cross > 0 else 0.0

    heap = [(-mean(i, j), i, j) for i in total for j in total[i] if i < j]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in members or j not in members:
            continue
        m = mean(i, j)
        if abs(m + neg) > 1e-12:  # stale: a cluster changed since this entry was pushed
            continue
        if m < threshold:
            break
        keep, gone = min(i, j), max(i, j)
        members[keep] += members.pop(gone)
        arts[keep] += arts.pop(gone)
        for k, s in total.pop(gone).items():
            del total[k][gone]
            if k != keep:
                total[keep][k] = total[keep].get(k, 0.0) + s
                total[k][keep] = total[keep][k]
        total[keep].pop(gone, None)
        for k in total[keep]:
            heapq.heappush(heap, (-mean(keep, k), min(keep, k), max(keep, k)))
    return [sorted(ms, key=pos.__getitem__) for _, ms in sorted(members.items())]
