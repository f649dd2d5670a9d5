"""Disputes: two different actors asserting opposite things on one statement.

"No deal was struck" (one government) against "the deal was signed" (another); a
company denying what a union reports. Neither side is contradicted by that: the
dispute is recorded beside both groups' statuses. Groups whose statements share a
content word are compared, and the pair model decides whether they are one statement.
"""

from __future__ import annotations

import numpy as np

from summitledger.models import ClaimFrame
from summitledger.reconcile.grouping import Signals
from summitledger.reconcile.matching import ClaimInfo, Group, folded
from summitledger.reconcile.model import DEFAULT, PairModel

#: a content word shared by more groups than this says nothing about which two disagree
COMMON_THEME = 200


def _opposed(a: ClaimFrame, b: ClaimFrame) -> bool:
    """Do two frames of opposite polarity assert and deny one thing? A denial ('denied
    that X') of something the other states, or a negation of a word the other
    asserts ('no deal was struck' against 'the deal was signed')."""
    wa, wb = folded(a.theme + [a.verb]), folded(b.theme + [b.verb])
    if not wa & wb:
        return False
    for neg, other in ((a, wb), (b, wa)):
        if neg.polarity < 0 and (neg.family == "deny" or folded([neg.negates]) & other):
            return True
    return False


def disputes(groups: list[Group], infos: dict[int, ClaimInfo], signals: Signals,
             model: PairModel = DEFAULT) -> list[tuple[int, int, float]]:
    """(group index, group index, probability): different actors asserting opposite
    things on one frame, when the pair model takes their statements for one proposition
    (its ``threshold``). Each negated statement (a denial, 'no deal was struck') is
    compared with the affirmed ones sharing a content word with it; a word more than
    :data:`COMMON_THEME` statements hold says nothing about which two disagree."""
    arrays = signals.arrays
    heads = [infos[g.members[0]] for g in groups]
    rows = np.array([arrays.row[c.id] for c in heads], dtype=np.int64)
    if not len(rows):
        return []
    words = arrays.words[rows]  # (G, WORDS)
    polarity = np.array([c.frame.polarity for c in heads])
    counts = np.bincount(words[words >= 0], minlength=len(arrays.vectors) or 1)
    seen: set[tuple[int, int]] = set()
    for n in np.flatnonzero(polarity < 0).tolist():
        mine = [w for w in words[n].tolist() if w >= 0 and counts[w] <= COMMON_THEME]
        if not mine:
            continue
        near = np.flatnonzero(np.isin(words, mine).any(axis=1) & (polarity > 0))
        for p in near.tolist():
            a, b = min(n, p), max(n, p)
            ca, cb = heads[a], heads[b]
            if ca.actor.lower() != cb.actor.lower() and _opposed(ca.frame, cb.frame):
                seen.add((a, b))
    pairs = sorted(seen)
    if not pairs:
        return []
    values = signals.pairs([heads[a].id for a, _ in pairs], [heads[b].id for _, b in pairs],
                           [False] * len(pairs))
    probs = model.probabilities(values)
    return [(a, b, round(float(s), 3)) for (a, b), s in zip(pairs, probs, strict=True)
            if s >= model.threshold]
