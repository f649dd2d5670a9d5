"""Which pairs of one block's statements are worth scoring.

A block of up to :data:`ALL_PAIRS` statements has every pair scored. A larger one (an
actor quoted thousands of times over weeks of coverage) compares only statements whose
embeddings hash alike: random-hyperplane hashing in :data:`TABLES` tables, each with as
many bits as keep a bucket near :data:`BUCKET` statements, so the work grows with
``n log n``, not with the square of one actor's claims. The hyperplanes come from a
fixed seed, and whether two statements are compared depends on the two alone (and on
the block's size class), never on the order they arrived in.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

ALL_PAIRS = 300  # a block with up to this many statements has every pair scored
TABLES = 12  # hash tables: more find more similar pairs, at more work
BUCKET = 32  # statements a bucket holds on average
SEED = 20231213  # the hyperplanes' seed: the same buckets on every run


def bits_for(n: int) -> int:
    """Bits per table for a block of ``n`` statements (its size class)."""
    return max(1, math.ceil(math.log2(max(n, 1) / BUCKET)))


def block_pairs(emb: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i < j) of the block's rows worth scoring, in a stable order."""
    n = len(emb)
    if n <= ALL_PAIRS:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    bits = bits_for(n)
    planes = np.random.default_rng(SEED).standard_normal((TABLES, emb.shape[1], bits))
    powers = 1 << np.arange(bits)
    pairs: set[tuple[int, int]] = set()
    for t in range(TABLES):
        keys = ((emb @ planes[t]) > 0).astype(np.int64) @ powers
        buckets: dict[int, list[int]] = defaultdict(list)
        for i, k in enumerate(keys.tolist()):
            buckets[k].append(i)
        for members in buckets.values():
            pairs.update((x, y) for n_, x in enumerate(members) for y in members[n_ + 1 :])
    return sorted(pairs)
