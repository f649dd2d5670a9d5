"""Sources: which articles copy one another, and how many independent sources a group has.

Articles sharing most of their text (a wire story and its re-publications) are one
source: compared by word shingles, candidates found through an index of shingles so
unrelated articles are never compared. Outlets carrying copies of one text count once.
Hand-written on purpose: near-copy detection by shingles is a few lines at this scale.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

import numpy as np

from summitledger.reconcile.matching import ClaimInfo
from summitledger.unionfind import UnionFind

SHINGLE = 8  # words per shingle when comparing article texts
COPY_CONTAINMENT = 0.5  # share of the shorter text's shingles found in the longer one
#: a shingle in more articles than this is boilerplate (a standard sign-off), not copying
COMMON_SHINGLE = 50
_WORD = re.compile(r"[\w']+")


_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of a polynomial hash over word ids


def _shingles(text: str, ids: dict[str, int]) -> set[int]:
    """Hashes of the text's runs of SHINGLE words (words numbered through ``ids``, one
    table for all texts of a run), computed as one polynomial hash per window."""
    words = np.array([ids.setdefault(w, len(ids) + 1) for w in _WORD.findall(text.lower())],
                     dtype=np.uint64)
    if len(words) < SHINGLE:
        return {int(np.bitwise_xor.reduce(words * _MIX)) if len(words) else 0}
    powers = _MIX ** np.arange(SHINGLE, dtype=np.uint64)
    windows = np.lib.stride_tricks.sliding_window_view(words, SHINGLE)
    with np.errstate(over="ignore"):
        return set((windows * powers).sum(axis=1).tolist())


def article_sources(texts: dict[int, str]) -> dict[int, int]:
    """Article id -> id of its source: articles sharing most of their text are one source.

    Candidate pairs come from an index of shingles, so unrelated articles are never
    compared.
    """
    ids: dict[str, int] = {}
    sh = {aid: _shingles(t, ids) for aid, t in sorted(texts.items())}
    index: dict[int, list[int]] = defaultdict(list)
    for aid, s in sh.items():
        for h in s:
            index[h].append(aid)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ids in index.values():
        if len(ids) > COMMON_SHINGLE:
            continue
        for a, b in combinations(sorted(ids), 2):
            shared[(a, b)] += 1
    uf: UnionFind[int] = UnionFind.of(texts)
    for (a, b), n in sorted(shared.items()):
        if n / max(1, min(len(sh[a]), len(sh[b]))) >= COPY_CONTAINMENT:
            uf.union(a, b, "copies")
    return {aid: uf.find(aid) for aid in texts}


def independent(members: list[ClaimInfo], source_of: dict[int, int]) -> tuple[int, list[list[int]]]:
    """Independent sources among members: outlets joined when their articles are copies."""
    by_source: dict[int, set[str]] = defaultdict(set)
    articles: dict[int, set[int]] = defaultdict(set)
    for m in members:
        src = source_of.get(m.article_id, m.article_id)
        by_source[src].add(m.outlet)
        articles[src].add(m.article_id)
    outlets: UnionFind[str] = UnionFind.of(sorted({m.outlet for m in members}))
    copies = []
    for src, names in sorted(by_source.items()):
        ordered = sorted(names)
        for o in ordered[1:]:
            outlets.union(ordered[0], o, "carry one text")
        if len(articles[src]) > 1:
            copies.append(sorted(articles[src]))
    return len(outlets.sets()), copies
