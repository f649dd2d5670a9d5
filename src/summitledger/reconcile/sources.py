"""Sources: which articles copy one another, and how many independent sources a group has.

Articles sharing most of their text (a wire story and its re-publications) are one
source: at least :data:`COPY_CONTAINMENT` of the shorter text's word shingles are in the
longer one. Candidates are the articles whose MinHash signatures over their shingles
share a band (:func:`bands`, kept in the ledger so that a new article is compared only
with its candidates), so unrelated articles are never compared, and whether two are
copies depends on the two texts alone. Outlets carrying copies of one text count once.
Hand-written on purpose: shingles and MinHash are a few lines of NumPy at this scale.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from itertools import combinations

import numpy as np

from summitledger.reconcile.candidates import sorted_unique
from summitledger.reconcile.matching import ClaimInfo
from summitledger.unionfind import UnionFind

SHINGLE = 8  # words per shingle when comparing article texts
COPY_CONTAINMENT = 0.5  # share of the shorter text's shingles found in the longer one
#: MinHash bands and rows per band: two texts sharing a fifth of their shingles share a
#: band three times in four; unrelated coverage of one event (a hundredth) 3 in 1,000
BANDS, ROWS = 32, 2
_SEED = 20231213
_WORD = re.compile(r"[\w']+")
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier of a polynomial hash


def shingles(text: str) -> np.ndarray:
    """Hashes of the text's runs of SHINGLE words, sorted and unique (the same on every
    run and machine: words hashed by CRC-32, windows by a polynomial)."""
    words = np.array([zlib.crc32(w.encode()) for w in _WORD.findall(text.lower())],
                     dtype=np.uint64)
    with np.errstate(over="ignore"):
        if len(words) < SHINGLE:
            return np.unique(np.array([np.bitwise_xor.reduce(words * _MIX) if len(words)
                                       else 0], dtype=np.uint64))
        powers = _MIX ** np.arange(SHINGLE, dtype=np.uint64)
        windows = np.lib.stride_tricks.sliding_window_view(words, SHINGLE)
        return sorted_unique((windows * powers).sum(axis=1))


def bands(sh: np.ndarray) -> list[int]:
    """The MinHash signature of a text's shingles cut into BANDS band keys (signed 64-bit
    integers, each band's number mixed in, as the ledger stores them)."""
    rng = np.random.default_rng(_SEED)
    mult = rng.integers(1, 2**63, BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
    add = rng.integers(0, 2**63, BANDS * ROWS, dtype=np.uint64)
    with np.errstate(over="ignore"):
        sig = (sh[None, :] * mult[:, None] + add[:, None]).min(axis=1).reshape(BANDS, ROWS)
        keys = (sig * (_MIX ** np.arange(1, ROWS + 1, dtype=np.uint64))).sum(axis=1)
        keys = keys ^ (np.arange(BANDS, dtype=np.uint64) * _MIX)
    return keys.view(np.int64).tolist()


def copies(a: np.ndarray, b: np.ndarray) -> bool:
    """Is one text a copy of the other: the shorter's shingles mostly in the longer?"""
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common >= COPY_CONTAINMENT * max(1, min(len(a), len(b)))


def article_sources(texts: dict[int, str], keys: dict[int, list[int]] | None = None
                    ) -> dict[int, int]:
    """Article id -> id of its source: articles that copy one another are one source.
    ``keys``, when given, receives each article's band keys (what the ledger keeps for
    adding articles later), so that no text is shingled twice."""
    sh = {aid: shingles(t) for aid, t in sorted(texts.items())}
    index: dict[int, list[int]] = defaultdict(list)
    for aid, s in sh.items():
        band_keys = bands(s)
        if keys is not None:
            keys[aid] = band_keys
        for key in band_keys:
            index[key].append(aid)
    pairs = {(a, b) for ids in index.values() for a, b in combinations(sorted(set(ids)), 2)}
    uf: UnionFind[int] = UnionFind.of(texts)
    for a, b in sorted(pairs):
        if uf.find(a) != uf.find(b) and copies(sh[a], sh[b]):
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
