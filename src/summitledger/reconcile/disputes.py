"""Disputes: two different actors asserting opposite things on one statement.

"No deal was struck" (one government) against "the deal was signed" (another); a
company denying what a union reports. Neither side is contradicted by that: the
dispute is recorded beside both groups' statuses. Groups whose statements share a
content word are compared, and the pair model decides whether they are one statement.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

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
    things on one frame (groups whose statements share a content word are compared),
    when the pair model takes their statements for one proposition (its ``threshold``)."""
    head = {gi: infos[g.members[0]] for gi, g in enumerate(groups)}
    arrays = signals.arrays
    postings: dict[int, list[int]] = defaultdict(list)
    for gi, c in head.items():
        for w in arrays.words[arrays.row[c.id]].tolist():
            if w >= 0:
                postings[w].append(gi)
    seen: set[tuple[int, int]] = set()
    for ids in postings.values():
        if len(ids) > COMMON_THEME:
            continue
        for a, b in combinations(ids, 2):
            ca, cb = head[a], head[b]
            if (a, b) in seen or ca.frame.polarity == cb.frame.polarity:
                continue
            if ca.actor.lower() == cb.actor.lower() or not _opposed(ca.frame, cb.frame):
                continue
            seen.add((a, b))
    pairs = sorted(seen)
    if not pairs:
        return []
    values = signals.pairs([head[a].id for a, _ in pairs], [head[b].id for _, b in pairs],
                           [False] * len(pairs))
    probs = model.probabilities(values)
    return [(a, b, round(float(s), 3)) for (a, b), s in zip(pairs, probs, strict=True)
            if s >= model.threshold]
