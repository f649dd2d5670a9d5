"""Disputes: two different actors asserting opposite things on one statement.

"No deal was struck" (one government) against "the deal was signed" (another); a
company denying what a union reports. Neither side is contradicted by that: the
dispute is recorded beside both groups' statuses. Groups whose statements share a
content word are compared, and the pair model decides whether they are one statement.
"""

from __future__ import annotations

import numpy as np

from summitledger.reconcile.grouping import Signals
from summitledger.reconcile.matching import ClaimInfo, Group
from summitledger.reconcile.model import DEFAULT, PairModel

#: a content word shared by more groups than this says nothing about which two disagree
COMMON_THEME = 200


def _sharing(words: np.ndarray, negative: np.ndarray, usable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(negative row, other row) for every pair sharing a usable word, through one
    inverted index of the rows' words."""
    g, k = np.nonzero(words >= 0)
    w = words[g, k]
    ok = usable[w]
    g, w = g[ok], w[ok]
    order = np.argsort(w, kind="stable")
    g, w = g[order], w[order]
    starts = np.searchsorted(w, np.arange(len(usable)), side="left")
    ends = np.searchsorted(w, np.arange(len(usable)), side="right")
    left, right = [], []
    for n in negative.tolist():
        for word in set(words[n][words[n] >= 0].tolist()):
            if usable[word]:
                others = g[starts[word] : ends[word]]
                left.append(np.full(len(others), n))
                right.append(others)
    if not left:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(left), np.concatenate(right)


def disputes(groups: list[Group], infos: dict[int, ClaimInfo], signals: Signals,
             model: PairModel = DEFAULT) -> list[tuple[int, int, float]]:
    """(group index, group index, probability): different actors asserting opposite
    things on one frame, when the pair model takes their statements for one proposition
    (its ``threshold``). Each negated statement (a denial, 'no deal was struck') is
    compared with the affirmed ones sharing a content word and a theme word or main
    verb with it; a word more than :data:`COMMON_THEME` statements hold says nothing
    about which two disagree."""
    arrays = signals.arrays
    heads = [infos[g.members[0]] for g in groups]
    if not heads:
        return []
    rows = np.array([arrays.row[c.id] for c in heads], dtype=np.int64)
    words = arrays.words[rows]
    polarity = np.array([c.frame.polarity for c in heads])
    actors = {a: n for n, a in enumerate(sorted({c.actor.lower() for c in heads}))}
    actor = np.array([actors[c.actor.lower()] for c in heads])
    counts = np.bincount(words[words >= 0], minlength=max(1, len(arrays.vectors)))
    n, p = _sharing(words, np.flatnonzero(polarity < 0), counts <= COMMON_THEME)
    keep = (polarity[p] > 0) & (actor[n] != actor[p])
    n, p = n[keep], p[keep]
    # the frames must be opposed: a theme word or the verb in common, and the negated
    # side a denial ('denied that X') or negating a word the other asserts ('no deal was
    # struck' against 'the deal was signed')
    slots = np.column_stack([arrays.themes[rows], arrays.verbs[rows]])  # theme nouns, verb
    shared = ((slots[n][:, :, None] == slots[p][:, None, :]) & (slots[n][:, :, None] >= 0))
    negated = arrays.negates[rows][n]
    denies = arrays.deny[rows][n] | ((slots[p] == negated[:, None]) & (negated[:, None] >= 0)).any(axis=1)
    keep = shared.any(axis=(1, 2)) & denies
    pairs = sorted({(min(a, b), max(a, b)) for a, b in zip(n[keep].tolist(), p[keep].tolist(), strict=True)})
    if not pairs:
        return []
    values = signals.pairs([heads[a].id for a, _ in pairs], [heads[b].id for _, b in pairs],
                           [False] * len(pairs))
    probs = model.probabilities(values)
    return [(a, b, round(float(s), 3)) for (a, b), s in zip(pairs, probs, strict=True)
            if s >= model.threshold]
