"""Which pairs of one block's statements are worth scoring.

A block of up to :data:`ALL_PAIRS` statements has every pair scored. A larger one (an
actor quoted thousands of times over weeks of coverage) compares only statements whose
embeddings hash alike: random-hyperplane hashing in :data:`TABLES` tables, each with as
many bits as keep a bucket near :data:`BUCKET` statements, so the work grows with
``n log n``, not with the square of one actor's claims. The hyperplanes come from a
fixed seed, and whether two statements are compared depends on the two alone (and on
the block's size class, :func:`bits_for`), never on the order they arrived in.
"""

from __future__ import annotations

import math

import numpy as np

ALL_PAIRS = 300  # a block with up to this many statements has every pair scored
TABLES = 4  # hash tables: more find more similar pairs, at more work
BUCKET = 8  # statements a bucket holds on average
SEED = 20231213  # the hyperplanes' seed: the same buckets on every run


def bits_for(n: int) -> int:
    """Bits per table for a block of ``n`` statements (its size class)."""
    return max(1, math.ceil(math.log2(max(n, 1) / BUCKET)))


def hash_keys(emb: np.ndarray, bits: int) -> np.ndarray:
    """(TABLES, n) bucket keys of the rows of ``emb`` for ``bits`` bits a table."""
    planes = np.random.default_rng(SEED).standard_normal((TABLES, emb.shape[1], bits))
    powers = (1 << np.arange(bits)).astype(np.int64)
    return np.stack([((emb @ planes[t]) > 0).astype(np.int64) @ powers for t in range(TABLES)])


def _bucket_pairs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) of rows sharing a key."""
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    left, right = [], []
    for size in np.unique(sizes[sizes > 1]).tolist():
        a, b = np.triu_indices(size, 1)
        firsts = starts[sizes == size]
        rows = order[firsts[:, None] + np.arange(size)[None, :]]  # (buckets, size)
        left.append(rows[:, a].ravel())
        right.append(rows[:, b].ravel())
    if not left:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    i, j = np.concatenate(left), np.concatenate(right)
    return np.minimum(i, j), np.maximum(i, j)


def block_pairs(emb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of the block's rows worth scoring, sorted, as two index arrays."""
    n = len(emb)
    if n <= ALL_PAIRS:
        i, j = np.triu_indices(n, 1)
        return i.astype(np.int64), j.astype(np.int64)
    keys = hash_keys(emb, bits_for(n))
    found = [_bucket_pairs(keys[t]) for t in range(TABLES)]
    flat = sorted_unique(np.concatenate([i * n + j for i, j in found]))
    return flat // n, flat % n


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique(x)`` by one sort (np.unique hashes first: several times slower)."""
    x = np.sort(x)
    return x[np.r_[True, x[1:] != x[:-1]]] if len(x) else x
