"""Grouping one actor's claims: candidate pairs, three signals, average-link clusters.

Pairs are scored only within one actor: every pair of a small actor, and for a large
one each claim's nearest neighbours by embedding plus the claims sharing an uncommon
word, so the work stays near n log n. A pair's score mixes words and frames
(:mod:`matching`) with meaning (:mod:`embedding`); :mod:`clustering` turns the scores
into groups. Pure functions; no database.
"""

from __future__ import annotations

from collections import defaultdict

from summitledger.models import ClaimFrame
from summitledger.reconcile.matching import (
    QUOTE_THRESHOLD,
    ClaimInfo,
    Group,
    Link,
    Vectors,
    cue_family,
    fits,
    frame_agreement,
    quote_similarity,
)

W_WORDS, W_MEANING, W_FRAME = 0.3, 0.6, 0.2  # chosen on every development set together
NUMBER_FLOOR = 0.35  # the score of two claims giving one specific figure for one thing
ESTIMATES = ("figure", "number", "total", "toll", "crowd")  # 'put the figure at 110,000'
THRESHOLD = 0.30  # two clusters of one actor's claims merge on a pair scoring this
MEAN_THRESHOLD = 0.10  # ... when the mean over all their pairs reaches this
ALL_PAIRS = 48  # an actor with up to this many claims has every pair scored
NEIGHBOURS = 8  # else each claim's nearest neighbours by embedding are scored


def meaning_text(c: ClaimInfo) -> str:
    """What is embedded for a claim: its content without the names in it (one event's
    coverage names the same places and people everywhere; meaning is in the other
    words), and for a reply what the question was about ("That's why we came")."""
    names = {w for item in c.lemmas.split() if item.startswith("e:")
             for w in item[2:].split("_")}
    words = [w for w in c.content.split() if w.strip(".,;:!?\"“”'’()").lower() not in names
             and w.strip(".,;:!?\"“”'’()").lower().removesuffix("'s").removesuffix("’s")
             not in names]
    topic = [w.partition(":")[2] for w in c.topic.split() if not w.startswith("e:")]
    return " ".join(words + topic)


class Signals:
    """What pair scoring reads: the word vectors and the contents' embeddings."""

    def __init__(self, claims: list[ClaimInfo], embeddings: object | None = None) -> None:
        import numpy as np

        from summitledger.reconcile.embedding import embed

        self.vectors = Vectors(claims)
        self.row = {c.id: n for n, c in enumerate(claims)}
        self.emb = embeddings if embeddings is not None else embed(
            [meaning_text(c) for c in claims])
        self.np = np

    def meaning(self, a: int, b: int) -> float:
        return float(max(0.0, self.emb[self.row[a]] @ self.emb[self.row[b]]))  # type: ignore[index]


def score(a: ClaimInfo, b: ClaimInfo, sig: Signals) -> tuple[float, str]:
    """Similarity of two claims of one actor in [0, 1] and what drove it."""
    cos, share, _noun, content = sig.vectors.compare(a.id, b.id)
    words = (cos + share) / 2
    family = a.frame.family or cue_family(a.lemmas)
    if content < 2 and not (family and family != "say" and
                            family == (b.frame.family or cue_family(b.lemmas))):
        # one shared word is weak evidence, except between reports of one kind of act
        # (warned ~ cautioned)
        words /= 2
    q = quote_similarity(a.quote, b.quote)
    meaning = sig.meaning(a.id, b.id)
    frame = frame_agreement(a.frame, b.frame)
    mixed = W_WORDS * words + W_MEANING * meaning + W_FRAME * frame
    why = f"words {words:.2f}, meaning {meaning:.2f}, frame {frame:.2f}"
    if q >= QUOTE_THRESHOLD:
        return max(mixed, q / 100), f"same quotation (rapidfuzz {q:.0f}); {why}"
    if mixed < NUMBER_FLOOR and same_figure(a.frame, b.frame):
        return NUMBER_FLOOR, f"the same figure; {why}"
    return mixed, why


def same_figure(a: ClaimFrame, b: ClaimFrame) -> bool:
    """Do two claims of one actor give one specific figure (at least 10) for one
    thing? ('the figure at 110,000' and 'more than 100,000 people')."""
    return any(min(x.value, y.value) >= 10 and fits(x, y)
               and (x.counts == y.counts or not x.counts or not y.counts
                    or x.counts in ESTIMATES or y.counts in ESTIMATES)
               for x in a.numbers for y in b.numbers)


def _candidates(block: list[ClaimInfo], sig: Signals) -> set[tuple[int, int]]:
    """Pairs of one actor's claims worth scoring (claim positions in ``block``)."""
    n = len(block)
    if n <= ALL_PAIRS:
        return {(i, j) for i in range(n) for j in range(i + 1, n)}
    np = sig.np
    rows = np.array([sig.row[c.id] for c in block])
    emb = sig.emb[rows]  # type: ignore[index]
    pairs: set[tuple[int, int]] = set()
    k = min(NEIGHBOURS, n - 1)
    for lo in range(0, n, 2048):
        sims = emb[lo : lo + 2048] @ emb.T
        rows_here = np.arange(sims.shape[0])
        sims[rows_here, lo + rows_here] = -2.0
        near = np.argpartition(sims, n - k, axis=1)[:, n - k :]
        for r, cols in enumerate(near):
            i = lo + r
            pairs.update((min(i, int(j)), max(i, int(j))) for j in cols)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(block):
        for w in sig.vectors.sets[c.id]:
            if w[0] != "e":
                postings[w].append(i)
    for ids in postings.values():
        if 1 < len(ids) <= 8:  # an uncommon word: the claims sharing it are compared
            pairs.update((a, b) for x, a in enumerate(ids) for b in ids[x + 1 :])
    return pairs


def _meanings(block: list[ClaimInfo], pairs: list[tuple[int, int]], sig: Signals) -> list[float]:
    """The meaning signal of many pairs at once (one vectorised product)."""
    np = sig.np
    if not pairs:
        return []
    rows = np.array([sig.row[c.id] for c in block])
    left = sig.emb[rows[[i for i, _ in pairs]]]  # type: ignore[index]
    right = sig.emb[rows[[j for _, j in pairs]]]  # type: ignore[index]
    return np.maximum(np.einsum("ij,ij->i", left, right), 0.0).tolist()


def _score_block(block: list[ClaimInfo], sig: Signals) -> dict[tuple[int, int], tuple[float, str]]:
    """Scores of the candidate pairs of one actor's claims from different articles."""
    scored: dict[tuple[int, int], tuple[float, str]] = {}
    pairs = [(i, j) for i, j in sorted(_candidates(block, sig))
             if block[i].article_id != block[j].article_id]
    sets = sig.vectors.sets
    for (i, j), m in zip(pairs, _meanings(block, pairs, sig), strict=True):
        a, b = block[i], block[j]
        if sets[a.id].isdisjoint(sets[b.id]) and not (a.quote and b.quote) and not (
                a.frame.numbers and b.frame.numbers):
            # nothing in common but meaning: the other signals are 0 (a fast path)
            scored[(a.id, b.id)] = (W_MEANING * m, "")
        else:
            scored[(a.id, b.id)] = score(a, b, sig)
    return scored


def group_claims(claims: list[ClaimInfo], threshold: float = THRESHOLD,
                 signals: Signals | None = None,
                 mean_threshold: float = MEAN_THRESHOLD) -> list[Group]:
    """Groups of claims by one actor that say the same thing, across articles.

    Every candidate pair within an actor is scored, then average-link clustering joins
    two clusters when a pair across them reaches ``threshold`` and the mean over all
    their pairs reaches ``mean_threshold``. Claims are taken in their
    stable order (article file, position), so the groups do not depend on ingest order.
    """
    from summitledger.reconcile.clustering import average_link

    sig = signals or Signals(claims)
    blocks: dict[str, list[ClaimInfo]] = defaultdict(list)
    for c in sorted(claims, key=lambda x: x.key):
        blocks[c.actor.lower()].append(c)
    groups: list[Group] = []
    for actor in sorted(blocks):
        # claims stating the same words in different articles are one unit, scored once
        units: dict[tuple, list[ClaimInfo]] = {}
        for c in blocks[actor]:
            units.setdefault((" ".join(c.content.lower().split()), c.quote), []).append(c)
        block = [u[0] for u in units.values()]
        scored = _score_block(block, sig)
        article = {c.id: c.article_id for u in units.values() for c in u}
        clusters = average_link([[c.id for c in u] for u in units.values()], article,
                                {p: s for p, (s, _) in scored.items()}, threshold,
                                mean_threshold)
        cluster_of = {m: n for n, ids in enumerate(clusters) for m in ids}
        links: dict[int, list[Link]] = defaultdict(list)
        for (a, b), (s, why) in scored.items():
            if s >= threshold and cluster_of[a] == cluster_of[b]:
                why = why or f"words 0.00, meaning {s / W_MEANING:.2f}, frame 0.00"
                links[cluster_of[a]].append(Link(a, b, round(s, 3), why))
        for u in units.values():
            links[cluster_of[u[0].id]] += [Link(u[0].id, c.id, 1.0, "same words")
                                           for c in u[1:] if c.article_id != u[0].article_id]
        key = {c.id: c.key for u in units.values() for c in u}
        for n, ids in enumerate(clusters):
            groups.append(Group(sorted(ids, key=key.__getitem__),
                                sorted(links[n], key=lambda k: (k.a, k.b))))
    key = {c.id: c.key for c in claims}
    return sorted(groups, key=lambda g: min(key[m] for m in g.members))
