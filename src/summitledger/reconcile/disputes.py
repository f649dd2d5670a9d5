"""Disputes: two different actors asserting opposite things on one statement.

"No deal was struck" (one government) against "the deal was signed" (another); a
company denying what a union reports. Neither side is contradicted by that: the
dispute is recorded beside both groups' statuses. Groups are compared by their heads
(:class:`Head`, what a group's first claim says: kept in the ledger, so that adding an
article compares its groups with the event's others without reading their claims);
those sharing a content word and a frame slot, one side negated, are scored by the pair
model, which decides whether they are one statement.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from summitledger.nlp.nouns import thesaurus
from summitledger.reconcile.grouping import Signals
from summitledger.reconcile.matching import ClaimInfo, Group
from summitledger.reconcile.model import DEFAULT, PairModel
from summitledger.reconcile.signals import THEMES, ClaimArrays, content_words

#: a content word shared by more groups than this says nothing about which two disagree
COMMON_THEME = 200


@dataclass(frozen=True)
class Head:
    """What disputes read of a group's first claim."""

    claim: int
    actor: str  # lower-cased
    polarity: int
    deny: bool  # the cue denies its content ('denied that ...')
    negates: str  # the word the negation applies to, or ""
    slots: tuple[str, ...]  # theme words and the main verb (thesaurus-folded)
    words: tuple[str, ...]  # content words (:func:`signals.content_words`)


def head_of(c: ClaimInfo) -> Head:
    table = thesaurus()
    frame = c.frame
    themes = sorted({table.get(t, t) for t in frame.theme if t})[:THEMES]
    verb = [table.get(frame.verb, frame.verb)] if frame.verb else []
    return Head(claim=c.id, actor=c.actor.lower(), polarity=frame.polarity,
                deny=frame.family == "deny",
                negates=table.get(frame.negates, frame.negates) if frame.negates else "",
                slots=tuple(sorted(set(themes + verb))),
                words=tuple(w for w, _ in content_words(c, table)))


def _pad(rows: list[list[int]]) -> np.ndarray:
    out = np.full((len(rows), max([1, *map(len, rows)])), -1, dtype=np.int32)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


@dataclass(frozen=True)
class HeadTable:
    """Heads as arrays of word ids (-1 pads a row): what :func:`candidates` compares."""

    words: np.ndarray  # (n, k) content words
    slots: np.ndarray  # (n, m) theme words and the main verb
    negates: np.ndarray  # (n,) the word the negation applies to, or -1
    polarity: np.ndarray  # (n,)
    deny: np.ndarray  # (n,) bool
    actor: np.ndarray  # (n,) actor number (lower-cased names)
    usable: np.ndarray  # (V,) bool: held by few enough heads to say which two disagree


def _actor_numbers(actors: list[str]) -> np.ndarray:
    names = {a: n for n, a in enumerate(sorted(set(actors)))}
    return np.array([names[a] for a in actors], dtype=np.int64)


def _few(words: np.ndarray, size: int) -> np.ndarray:
    """Whether each of ``size`` words is held by at most :data:`COMMON_THEME` rows."""
    return np.bincount(words[words >= 0], minlength=max(1, size)) <= COMMON_THEME


def head_table(heads: list[Head], usable: dict[str, bool] | None = None) -> HeadTable:
    """``heads`` as arrays. ``usable``: whether each word is held by few enough of the
    event's heads, when ``heads`` are only some of them (else counted over ``heads``)."""
    vocab: dict[str, int] = {}
    words = _pad([[vocab.setdefault(w, len(vocab)) for w in h.words] for h in heads])
    slots = _pad([[vocab.setdefault(w, len(vocab)) for w in h.slots] for h in heads])
    negates = np.array([vocab.setdefault(h.negates, len(vocab)) if h.negates else -1
                        for h in heads], dtype=np.int32)
    ok = _few(words, len(vocab)) if usable is None else \
        np.array([usable.get(w, True) for w in vocab], dtype=bool)
    return HeadTable(words=words, slots=slots, negates=negates,
                     polarity=np.array([h.polarity for h in heads]),
                     deny=np.array([h.deny for h in heads], dtype=bool),
                     actor=_actor_numbers([h.actor for h in heads]), usable=ok)


def arrays_table(groups: list[Group], infos: dict[int, ClaimInfo], arrays: ClaimArrays
                 ) -> HeadTable:
    """The groups' heads as arrays, taken from the arrays built for scoring (the same
    words, slots and negation :func:`heads_from` reads, with no vocabulary built again)."""
    first = [infos[g.members[0]] for g in groups]
    rows = np.array([arrays.row[c.id] for c in first], dtype=np.int64)
    words = arrays.words[rows]
    return HeadTable(words=words,
                     slots=np.column_stack([arrays.themes[rows], arrays.verbs[rows]]),
                     negates=arrays.negates[rows],
                     polarity=np.array([c.frame.polarity for c in first]),
                     deny=arrays.deny[rows], actor=_actor_numbers([c.actor.lower() for c in first]),
                     usable=_few(words, len(arrays.names)))


#: candidate pairs of heads tested at once: bounds the memory of the slot tests (a
#: word held by up to COMMON_THEME heads makes a million-claim event's pairs number in
#: the tens of millions)
PAIRS_AT_ONCE = 1 << 20


def candidates(table: HeadTable) -> list[tuple[int, int]]:
    """(i, j), i < j, of heads worth scoring: different actors, one side negated and the
    other affirmed, sharing a usable content word (one at most :data:`COMMON_THEME`
    heads hold) and a slot, the negated side a denial or negating a slot of the other
    ('no deal was struck' against 'the deal was signed')."""
    t = table
    found: set[tuple[int, int]] = set()
    # only a negated head that denies or negates something, against an affirmed one,
    # can be a candidate: the others are never paired
    negative = np.flatnonzero((t.polarity < 0) & (t.deny | (t.negates >= 0)))
    for n, p in _sharing(t.words, negative, t.usable, t.polarity > 0):
        keep = t.actor[n] != t.actor[p]
        n, p = n[keep], p[keep]
        negated = t.negates[n]
        denies = t.deny[n] | ((t.slots[p] == negated[:, None]) & (negated[:, None] >= 0)).any(axis=1)
        n, p = n[denies], p[denies]
        shared = (t.slots[n][:, :, None] == t.slots[p][:, None, :]) & (t.slots[n][:, :, None] >= 0)
        keep = shared.any(axis=(1, 2))
        found.update(zip(np.minimum(n, p)[keep].tolist(), np.maximum(n, p)[keep].tolist(),
                         strict=True))
    return sorted(found)


def _sharing(words: np.ndarray, negative: np.ndarray, usable: np.ndarray,
             other: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(negative row, other row) for every pair sharing a usable word, the other row
    one that ``other`` marks, through one inverted index of the rows' words, in parts
    of about :data:`PAIRS_AT_ONCE` pairs (a large event's pairs would not fit in memory
    at once)."""
    g, k = np.nonzero(words >= 0)
    w = words[g, k]
    ok = usable[w] & other[g]
    g, w = g[ok], w[ok]
    order = np.argsort(w, kind="stable")
    g, w = g[order], w[order]
    starts = np.searchsorted(w, np.arange(len(usable)), side="left")
    ends = np.searchsorted(w, np.arange(len(usable)), side="right")
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    held = 0
    for n in negative.tolist():
        for word in set(words[n][words[n] >= 0].tolist()):
            if usable[word]:
                others = g[starts[word] : ends[word]]
                left.append(np.full(len(others), n))
                right.append(others)
                held += len(others)
        if held >= PAIRS_AT_ONCE:
            yield np.concatenate(left), np.concatenate(right)
            left, right, held = [], [], 0
    if left:
        yield np.concatenate(left), np.concatenate(right)


def scored(claims: list[int], pairs: list[tuple[int, int]],
           features: Callable[[list[int], list[int]], np.ndarray],
           model: PairModel = DEFAULT) -> list[tuple[int, int, float]]:
    """The candidate pairs the pair model takes for one proposition (its ``threshold``);
    ``claims``: each head's claim id, ``features`` gives the features of pairs of them."""
    if not pairs:
        return []
    probs = model.probabilities(features([claims[a] for a, _ in pairs],
                                         [claims[b] for _, b in pairs]))
    return [(a, b, round(float(s), 3)) for (a, b), s in zip(pairs, probs, strict=True)
            if s >= model.threshold]


def heads_from(groups: list[Group], infos: dict[int, ClaimInfo], arrays: ClaimArrays
               ) -> list[Head]:
    """:func:`head_of` each group's first claim, read from the arrays built for scoring
    (the same words, slots and negation, with no second reading of the claims)."""
    names = arrays.names
    first = [infos[g.members[0]] for g in groups]
    rows = [arrays.row[c.id] for c in first]
    words, themes = arrays.words[rows].tolist(), arrays.themes[rows].tolist()
    verbs, negates = arrays.verbs[rows].tolist(), arrays.negates[rows].tolist()
    deny = arrays.deny[rows].tolist()
    out = []
    for n, c in enumerate(first):
        slots = {names[i] for i in themes[n] if i >= 0}
        if verbs[n] >= 0:
            slots.add(names[verbs[n]])
        out.append(Head(claim=c.id, actor=c.actor.lower(), polarity=c.frame.polarity,
                        deny=deny[n], negates=names[negates[n]] if negates[n] >= 0 else "",
                        slots=tuple(sorted(slots)),
                        words=tuple(names[i] for i in words[n] if i >= 0)))
    return out


def disputes(groups: list[Group], infos: dict[int, ClaimInfo], signals: Signals,
             model: PairModel = DEFAULT) -> list[tuple[int, int, float]]:
    """(group index, group index, probability): different actors asserting opposite
    things on one frame, when the pair model takes their statements for one proposition."""
    first = [g.members[0] for g in groups]
    return scored(first, candidates(arrays_table(groups, infos, signals.arrays)),
                  lambda a, b: signals.pairs(a, b, [False] * len(a)), model)
