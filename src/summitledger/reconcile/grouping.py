"""Grouping claims into statements: candidate pairs, the pair model, average-link clusters.

Claims are blocked by actor, and an actor that does not single out a speaker (a title,
'the company', 'officials') shares a block with the actors it may be
(:func:`compatible`): actor agreement is evidence, not a gate, but two clearly
different actors never share a statement. Within a block every pair is scored when the
block is small; a large block compares each claim with its nearest neighbours by
embedding and with the claims sharing an uncommon word, so the work stays near n log n.
The pair model (:mod:`model`) turns features (:mod:`features`) into a probability;
:mod:`clustering` turns those into groups. Pure functions; no database.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from summitledger.reconcile.clustering import average_link
from summitledger.reconcile.features import (
    FEATURES,
    Pair,
    WordVectors,
    align,
    content_words,
    pair_features,
)
from summitledger.reconcile.matching import ClaimInfo, Group, Link, Vectors
from summitledger.reconcile.model import DEFAULT, PairModel

ALL_PAIRS = 48  # a block with up to this many statements has every pair scored
NEIGHBOURS = 8  # else each statement's nearest neighbours by embedding are scored
UNCOMMON = 8  # ... and the statements sharing a word no more than this many hold
SCAN = 2048  # rows of the similarity matrix computed at once (bounds memory)


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
    """What pair scoring reads: the word vectors, the contents' embeddings and the
    embeddings of their words."""

    def __init__(self, claims: list[ClaimInfo], embeddings: object | None = None) -> None:
        from summitledger.reconcile.embedding import embed

        self.vectors = Vectors(claims)
        self.row = {c.id: n for n, c in enumerate(claims)}
        self.emb = embeddings if embeddings is not None else embed(
            [meaning_text(c) for c in claims])
        self.words = {c.id: content_words(c) for c in claims}
        self.word_vectors = WordVectors(sorted({w for ws in self.words.values() for w in ws}),
                                        embed)
        df: Counter[str] = Counter(w for ws in self.words.values() for w in ws)
        n = max(1, len(claims))
        self.idf = {w: math.log((1 + n) / (1 + k)) + 1 for w, k in df.items()}
        self._rows: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def meaning(self, a: int, b: int) -> float:
        return float(max(0.0, self.emb[self.row[a]] @ self.emb[self.row[b]]))  # type: ignore[index]

    def word_rows(self, cid: int) -> tuple[np.ndarray, np.ndarray]:
        """A claim's word vectors and their weights (inverse document frequency)."""
        rows = self._rows.get(cid)
        if rows is None:
            words = [w for w in self.words[cid] if w in self.word_vectors.index]
            rows = self._rows[cid] = (self.word_vectors.rows(words),
                                      np.array([self.idf[w] for w in words]))
        return rows

    def pair(self, a: ClaimInfo, b: ClaimInfo, maybe: bool) -> Pair:
        (va, wa), (vb, wb) = self.word_rows(a.id), self.word_rows(b.id)
        return pair_features(a, b, align_score=align(va, vb, wa, wb),
                             meaning=self.meaning(a.id, b.id), vectors=self.vectors, maybe=maybe)


def _candidates(block: list[ClaimInfo], sig: Signals) -> set[tuple[int, int]]:
    """Pairs of one block's statements worth scoring (positions in ``block``)."""
    n = len(block)
    if n <= ALL_PAIRS:
        return {(i, j) for i in range(n) for j in range(i + 1, n)}
    rows = np.array([sig.row[c.id] for c in block])
    emb = sig.emb[rows]  # type: ignore[index]
    pairs: set[tuple[int, int]] = set()
    k = min(NEIGHBOURS, n - 1)
    for lo in range(0, n, SCAN):
        sims = emb[lo : lo + SCAN] @ emb.T
        here = np.arange(sims.shape[0])
        sims[here, lo + here] = -2.0
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
        if 1 < len(ids) <= UNCOMMON:  # an uncommon word: the statements sharing it are compared
            pairs.update((a, b) for x, a in enumerate(ids) for b in ids[x + 1 :])
    return pairs


def _blocks(claims: list[ClaimInfo], compatible: Callable[[str, str], bool]) -> list[list[ClaimInfo]]:
    """Claims by actor, an actor that may be another in that one's block (connected
    actors share one block), in a stable order."""
    by_actor: dict[str, list[ClaimInfo]] = defaultdict(list)
    for c in sorted(claims, key=lambda x: x.key):
        by_actor[c.actor].append(c)
    actors = sorted(by_actor)
    parent = {a: a for a in actors}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, a in enumerate(actors):
        for b in actors[i + 1 :]:
            if compatible(a, b) and find(a) != find(b):
                parent[max(find(a), find(b))] = min(find(a), find(b))
    out: dict[str, list[ClaimInfo]] = defaultdict(list)
    for a in actors:
        out[find(a)].extend(by_actor[a])
    return [sorted(out[k], key=lambda x: x.key) for k in sorted(out)]


@dataclass
class Block:
    """One block's statements (claims of one actor stating the same words are one unit,
    scored once) and the features of its candidate pairs."""

    claims: list[ClaimInfo]
    units: list[list[ClaimInfo]]
    pairs: list[Pair]
    values: np.ndarray  # one row of features per pair


@dataclass
class Prepared:
    """Everything grouping needs that does not depend on the pair model."""

    blocks: list[Block]
    specific: Callable[[str], bool]
    order: dict[int, tuple[str, int]]  # claim id -> stable key


def prepare(claims: list[ClaimInfo], signals: Signals | None = None,
            compatible: Callable[[str, str], bool] = lambda a, b: False,
            specific: Callable[[str], bool] = lambda a: True) -> Prepared:
    """Blocks, units and the features of every candidate pair: claims of different
    articles whose actors may be one."""
    sig = signals or Signals(claims)
    blocks = []
    for block in _blocks(claims, compatible):
        by_words: dict[tuple, list[ClaimInfo]] = {}
        for c in block:
            by_words.setdefault((c.actor, " ".join(c.content.lower().split()), c.quote),
                                []).append(c)
        units = list(by_words.values())
        heads = [u[0] for u in units]
        pairs = []
        for i, j in sorted(_candidates(heads, sig)):
            a, b = heads[i], heads[j]
            if a.article_id == b.article_id:
                continue
            if a.actor != b.actor and not compatible(a.actor, b.actor):
                continue
            pairs.append(sig.pair(a, b, a.actor != b.actor))
        values = np.array([p.values for p in pairs]) if pairs else np.zeros((0, len(FEATURES)))
        blocks.append(Block(block, units, pairs, values))
    return Prepared(blocks, specific, {c.id: c.key for c in claims})


def cluster(prepared: Prepared, model: PairModel = DEFAULT) -> list[Group]:
    """Groups of claims that state one proposition, across articles.

    Average-link clustering joins two clusters when a pair across them reaches the
    model's ``link`` and the mean over all their pairs reaches its ``mean``, and never
    when they would hold two actors that are specific and different. Claims are taken
    in their stable order (article file, position), so the groups do not depend on
    ingest order.
    """
    groups: list[Group] = []
    for block in prepared.blocks:
        probs = model.probabilities(block.values)
        scored = {(p.a, p.b): (float(s), p) for p, s in zip(block.pairs, probs, strict=True)}
        article = {c.id: c.article_id for c in block.claims}
        owner = {c.id: c.actor for c in block.claims if prepared.specific(c.actor)}
        clusters = average_link([[c.id for c in u] for u in block.units], article,
                                {k: s for k, (s, _) in scored.items()}, model.link,
                                model.mean, owner)
        cluster_of = {m: n for n, ids in enumerate(clusters) for m in ids}
        links: dict[int, list[Link]] = defaultdict(list)
        for (a, b), (s, pair) in scored.items():
            if s >= model.link and cluster_of[a] == cluster_of[b]:
                links[cluster_of[a]].append(Link(a, b, round(s, 3), _why(pair)))
        for u in block.units:
            links[cluster_of[u[0].id]] += [Link(u[0].id, c.id, 1.0, "same words")
                                           for c in u[1:] if c.article_id != u[0].article_id]
        key = prepared.order
        for n, ids in enumerate(clusters):
            groups.append(Group(sorted(ids, key=key.__getitem__),
                                sorted(links[n], key=lambda k: (k.a, k.b))))
    return sorted(groups, key=lambda g: min(prepared.order[m] for m in g.members))


def group_claims(claims: list[ClaimInfo], signals: Signals | None = None,
                 model: PairModel = DEFAULT,
                 compatible: Callable[[str, str], bool] = lambda a, b: False,
                 specific: Callable[[str], bool] = lambda a: True) -> list[Group]:
    """:func:`prepare` then :func:`cluster`."""
    return cluster(prepare(claims, signals, compatible, specific), model)


def _why(pair: Pair) -> str:
    """What drove a link, for ``show``: the features that were present."""
    shown = [f"words aligned {pair.get('align'):.2f}"]
    if pair.get("quote") >= 0.85:
        shown.insert(0, f"same quotation ({pair.get('quote') * 100:.0f})")
    if pair.get("figure"):
        shown.append("a figure for the same thing")
    if pair.get("verb"):
        shown.append("same main verb")
    shown.append(f"meaning {pair.get('meaning'):.2f}")
    if pair.get("maybe"):
        shown.append("actors may be one")
    return ", ".join(shown)
