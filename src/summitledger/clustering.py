"""Average-link clustering of one actor's claims over scored pairs, independent of order.

Two clusters merge when one pair across them scores at least ``link`` and the mean
score over all their cross-article pairs reaches ``mean``, best mean first. A pair that
was never scored (not a candidate) counts as 0 in the mean, and pairs inside one
article are left out of it (one article states a thing once). The strong link stops
weak evidence from piling up; the mean stops chains (A like B, B like C, A unlike C).
Ties are broken by the claims' stable order, so the result depends on the claims, not
on the order they were ingested in.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Sequence


def average_link(
    items: Sequence[Hashable],
    article: dict[Hashable, int],
    scores: dict[tuple[Hashable, Hashable], float],
    link: float,
    mean: float,
) -> list[list[Hashable]]:
    """Clusters of ``items`` (given in a stable order); ``scores`` holds each scored pair
    once, keyed in either order."""
    pos = {x: n for n, x in enumerate(items)}
    members: dict[int, list[Hashable]] = {n: [x] for n, x in enumerate(items)}
    arts: dict[int, Counter[int]] = {n: Counter([article[x]]) for n, x in enumerate(items)}
    total: dict[int, dict[int, float]] = {n: {} for n in members}
    best: dict[int, dict[int, float]] = {n: {} for n in members}  # strongest pair across
    for (a, b), s in scores.items():
        if s <= 0 or article[a] == article[b]:
            continue
        i, j = pos[a], pos[b]
        total[i][j] = total[i].get(j, 0.0) + s
        total[j][i] = total[j].get(i, 0.0) + s
        best[i][j] = best[j][i] = max(best[i].get(j, 0.0), s)

    def average(i: int, j: int) -> float:
        cross = len(members[i]) * len(members[j]) - sum(
            k * arts[j][art] for art, k in arts[i].items())
        return total[i].get(j, 0.0) / cross if cross > 0 else 0.0

    def key(i: int, j: int) -> float:  # the merge order: best mean among strong links
        return average(i, j) if best[i].get(j, 0.0) >= link else -1.0

    heap = [(-key(i, j), i, j) for i in total for j in total[i] if i < j]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in members or j not in members:
            continue
        m = key(i, j)
        if abs(m + neg) > 1e-12:  # stale: a cluster changed since this entry was pushed
            continue
        if m < mean:
            break
        keep, gone = min(i, j), max(i, j)
        members[keep] += members.pop(gone)
        arts[keep] += arts.pop(gone)
        for k, s in total.pop(gone).items():
            del total[k][gone]
            if k != keep:
                total[keep][k] = total[keep].get(k, 0.0) + s
                total[k][keep] = total[keep][k]
        for k, s in best.pop(gone).items():
            del best[k][gone]
            if k != keep:
                best[keep][k] = best[k][keep] = max(best[keep].get(k, 0.0), s)
        total[keep].pop(gone, None)
        best[keep].pop(gone, None)
        for k in total[keep]:
            heapq.heappush(heap, (-key(keep, k), min(keep, k), max(keep, k)))
    return [sorted(ms, key=pos.__getitem__) for _, ms in sorted(members.items())]
