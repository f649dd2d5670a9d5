"""What two claims share, as numbers a pair model weighs (see :mod:`model`).

A statement is a proposition: two claims state the same one when their words align
(each content word of one has a near word in the other: 'funerals' and 'burial',
'detained' and 'custody'), their quotations match, or they give a figure for the same
thing; a shared theme alone is weak. The features, computed for many pairs at once
from :class:`signals.ClaimArrays`, each a function of the two claims alone:

- ``align``: soft alignment of the contents' words by WordLlama word vectors, the mean
  over both sides of each word's best match, weighted by part of speech (names left
  out: one event's coverage names the same places and people everywhere);
- ``meaning``: the cosine of the whole contents' embeddings;
- ``words``: the weight of the words both contents hold, over the lighter side's (one
  shared word is weak evidence: halved);
- ``quote``: how far the quotations are the same words (rapidfuzz);
- ``figure``: both give a specific figure for the same quantity;
- ``verb``: the contents' main verbs agree (thesaurus-folded);
- ``theme``: the share of their theme nouns in common: 'satellites' and 'artillery
  shells' are two statements however alike the rest;
- ``maybe``: the actors are not known to be one (a title, 'the company', 'officials'
  beside a named actor), so the statement has to carry the join.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from summitledger.reconcile.signals import ClaimArrays

FEATURES = ("align", "meaning", "words", "quote", "figure", "verb", "theme", "maybe")
#: pairs scored at once (bounds the memory of the word-by-word similarity tensors)
BATCH = 4096
#: quotations shorter than this many words are compared as words, not as quotations
QUOTE_WORDS = 3
#: a pair sharing no word, figure or quotation is scored only when its meanings are at
#: least this close (no pair of the development sets stating one thing is below it)
MEANING_FLOOR = 0.1


def _shared(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(P, L) mask: which of each left row's ids (not padding) the right row holds."""
    return ((a[:, :, None] == b[:, None, :]) & (b[:, None, :] >= 0)).any(axis=2) & (a >= 0)


def _align(arr: ClaimArrays, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    wa, wb = arr.words[ia], arr.words[ib]
    xa, xb = arr.weights[ia], arr.weights[ib]
    if not len(arr.vectors):
        return np.zeros(len(ia), dtype=np.float32)
    va = arr.vectors[np.maximum(wa, 0)]  # (P, L, d)
    vb = arr.vectors[np.maximum(wb, 0)]
    sims = np.matmul(va, vb.transpose(0, 2, 1))  # (P, L, L)
    sims = np.where((wa[:, :, None] >= 0) & (wb[:, None, :] >= 0), sims, -1.0)
    left = (sims.max(axis=2) * xa).sum(axis=1) / np.maximum(xa.sum(axis=1), 1e-9)
    right = (sims.max(axis=1) * xb).sum(axis=1) / np.maximum(xb.sum(axis=1), 1e-9)
    empty = (xa.sum(axis=1) == 0) | (xb.sum(axis=1) == 0)
    return np.where(empty, 0.0, np.maximum((left + right) / 2, 0.0))


def _words(arr: ClaimArrays, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    shared = _shared(arr.words[ia], arr.words[ib])
    xa = arr.weights[ia]
    common = (shared * xa).sum(axis=1)
    lighter = np.minimum(xa.sum(axis=1), arr.weights[ib].sum(axis=1))
    score = np.where(lighter > 0, common / np.maximum(lighter, 1e-9), 0.0)
    return np.where(shared.sum(axis=1) < 2, score / 2, score)


def _jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    inter = _shared(a, b).sum(axis=1)
    union = (a >= 0).sum(axis=1) + (b >= 0).sum(axis=1) - inter
    return np.where(((a >= 0).any(axis=1)) & ((b >= 0).any(axis=1)),
                    inter / np.maximum(union, 1), 0.0)


def _figure(arr: ClaimArrays, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Both give a specific figure for one counted thing, or one gives a figure and the
    other's stands for whatever was counted."""
    fa, fb = arr.figures[ia], arr.figures[ib]
    has_a = (fa >= 0).any(axis=1) | arr.wild[ia]
    has_b = (fb >= 0).any(axis=1) | arr.wild[ib]
    wild = (arr.wild[ia] & has_b) | (arr.wild[ib] & has_a)
    return _shared(fa, fb).any(axis=1) | wild


def _quotes(arr: ClaimArrays, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    out = np.zeros(len(ia))
    both = np.flatnonzero((arr.quote_words[ia] >= QUOTE_WORDS)
                          & (arr.quote_words[ib] >= QUOTE_WORDS)).tolist()
    if both:
        left = [arr.quotes[ia[n]].lower() for n in both]
        right = [arr.quotes[ib[n]].lower() for n in both]
        out[both] = process.cpdist(left, right, scorer=fuzz.partial_ratio) / 100.0
    return out


def worth_scoring(arr: ClaimArrays, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Which pairs are worth the full features: those sharing a content word, a figure's
    quantity or a quotation's words, or whose meanings are not far apart (cheap to
    tell, and no pair of the development sets that states one thing fails it)."""
    keep = np.zeros(len(ia), dtype=bool)
    for lo in range(0, len(ia), BATCH):
        a, b = ia[lo : lo + BATCH], ib[lo : lo + BATCH]
        near = (arr.emb[a] * arr.emb[b]).sum(axis=1) >= MEANING_FLOOR
        far = np.flatnonzero(~near)  # only these need the other tests
        a, b = a[far], b[far]
        shared = _shared(arr.words[a], arr.words[b]).any(axis=1)
        quoted = arr.quoted[a] & arr.quoted[b]
        near[far] = shared | quoted | _figure(arr, a, b)
        keep[lo : lo + len(near)] = near
    return keep


def features(arr: ClaimArrays, ia: np.ndarray, ib: np.ndarray, maybe: np.ndarray) -> np.ndarray:
    """(P, len(FEATURES)) features of the pairs (ia[k], ib[k]) (rows of ``arr``)."""
    out = np.zeros((len(ia), len(FEATURES)), dtype=np.float32)
    for lo in range(0, len(ia), BATCH):
        a, b = ia[lo : lo + BATCH], ib[lo : lo + BATCH]
        out[lo : lo + len(a)] = np.column_stack([
            _align(arr, a, b),
            np.maximum((arr.emb[a] * arr.emb[b]).sum(axis=1), 0.0),
            _words(arr, a, b),
            _quotes(arr, a, b),
            _figure(arr, a, b),
            (arr.verbs[a] >= 0) & (arr.verbs[a] == arr.verbs[b]),
            _jaccard(arr.themes[a], arr.themes[b]),
            maybe[lo : lo + len(a)],
        ])
    return out
