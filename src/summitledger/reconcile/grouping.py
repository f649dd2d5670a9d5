"""Grouping claims into statements: candidate pairs, the pair model, average-link clusters.

Claims are blocked by actor, and an actor that does not single out a speaker (a title,
'the company', 'officials') shares a block with the actors it may be
(:func:`_blocks`): actor agreement is evidence, not a gate, but two clearly different
actors never share a statement. Within a block every pair is scored when the block is
small; a large block compares only claims whose embeddings fall into one bucket of
random-hyperplane hashing (:mod:`candidates`), so the work stays near n log n. The pair
model (:mod:`model`) turns features (:mod:`features`) into a probability;
:mod:`clustering` turns those into groups. Pure functions; no database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from summitledger.reconcile.candidates import block_pairs
from summitledger.reconcile.clustering import average_link
from summitledger.reconcile.features import FEATURES, features, worth_scoring
from summitledger.reconcile.matching import ClaimInfo, Group, Link
from summitledger.reconcile.model import DEFAULT, PairModel
from summitledger.reconcile.signals import ClaimArrays
from summitledger.unionfind import UnionFind


class Signals:
    """The claims' arrays (:class:`signals.ClaimArrays`), embedded once per reconcile."""

    def __init__(self, claims: list[ClaimInfo], emb: np.ndarray | None = None) -> None:
        """``emb``: the claims' content embeddings in ``claims`` order, if made already."""
        from summitledger.reconcile.embedding import embed, embed_words

        self.arrays = ClaimArrays.build(claims, embed, embed_words, emb)

    def rows(self, ids: list[int]) -> np.ndarray:
        return np.array([self.arrays.row[x] for x in ids], dtype=np.int64)

    def pairs(self, a: list[int], b: list[int], maybe: list[bool]) -> np.ndarray:
        """Features of the pairs of claim ids (a[k], b[k])."""
        return features(self.arrays, self.rows(a), self.rows(b), np.array(maybe, dtype=np.float32))



@dataclass
class Block:
    """One block's statements (claims of one actor stating the same words are one unit,
    scored once) and the features of its candidate pairs (``a[k]``, ``b[k]``: the units'
    first claims)."""

    claims: list[ClaimInfo]
    units: list[list[ClaimInfo]]
    a: np.ndarray | list[int]  # claim ids (int64 arrays when many: a million claims'
    b: np.ndarray | list[int]  # pairs held as Python ints would take gigabytes)
    values: np.ndarray  # one row of features per pair


@dataclass
class Prepared:
    """Everything grouping needs that does not depend on the pair model."""

    blocks: list[Block]
    specific: Callable[[str], bool]
    order: dict[int, tuple[str, int]]  # claim id -> stable key


def actor_blocks(actors: list[str], compatible: Callable[[str, str], bool],
                 vague: set[str] | None = None) -> dict[str, str]:
    """Each actor's block, named by its first actor: an actor that may be another is in
    that one's block (connected actors share one). Only a vague actor may be another
    (``vague``, when given, spares testing every pair of actors)."""
    uf: UnionFind[str] = UnionFind.of(actors)
    ordered = sorted(actors)
    for i, a in enumerate(ordered):
        others = ordered[i + 1 :] if vague is None or a in vague else \
            [b for b in sorted(vague) if b > a]
        for b in others:
            if compatible(a, b):
                uf.union(a, b)
    return {a: uf.find(a) for a in ordered}


def _blocks(claims: list[ClaimInfo], compatible: Callable[[str, str], bool],
            vague: set[str] | None = None) -> list[list[ClaimInfo]]:
    """Claims by block (:func:`actor_blocks`), in a stable order."""
    by_actor: dict[str, list[ClaimInfo]] = defaultdict(list)
    for c in sorted(claims, key=lambda x: x.key):
        by_actor[c.actor].append(c)
    block = actor_blocks(list(by_actor), compatible, vague)
    out: dict[str, list[ClaimInfo]] = defaultdict(list)
    for a in sorted(by_actor):
        out[block[a]].extend(by_actor[a])
    return [sorted(out[k], key=lambda x: x.key) for k in sorted(out)]


def prepare(claims: list[ClaimInfo], signals: Signals | None = None,
            compatible: Callable[[str, str], bool] = lambda a, b: False,
            specific: Callable[[str], bool] = lambda a: True) -> Prepared:
    """Blocks, units and the features of every candidate pair: claims of different
    articles whose actors may be one (only an actor that is not ``specific`` may be
    another)."""
    sig = signals or Signals(claims)
    emb, row = sig.arrays.emb, sig.arrays.row
    blocks = []
    vague = {c.actor for c in claims if not specific(c.actor)}
    for block in _blocks(claims, compatible, vague):
        by_words: dict[tuple, list[ClaimInfo]] = {}
        for c in block:
            by_words.setdefault((c.actor, " ".join(c.content.lower().split()), c.quote),
                                []).append(c)
        units = list(by_words.values())
        heads = [u[0] for u in units]
        rows = np.array([row[c.id] for c in heads], dtype=np.int64)
        i, j = block_pairs(emb[rows])
        art = np.array([c.article_id for c in heads], dtype=np.int64)
        names = sorted({c.actor for c in heads})
        index = {x: n for n, x in enumerate(names)}
        who = np.array([index[c.actor] for c in heads],
                       dtype=np.int64)
        fits = np.array([[x == y or compatible(x, y) for y in names] for x in names], dtype=bool)
        keep = (art[i] != art[j]) & fits[who[i], who[j]]
        i, j = i[keep], j[keep]
        keep = worth_scoring(sig.arrays, rows[i], rows[j])
        i, j = i[keep], j[keep]
        ids = np.array([c.id for c in heads], dtype=np.int64)
        values = features(sig.arrays, rows[i], rows[j], (who[i] != who[j]).astype(np.float32)) \
            if len(i) else np.zeros((0, len(FEATURES)), np.float32)
        blocks.append(Block(block, units, ids[i], ids[j], values))
    return Prepared(blocks, specific, {c.id: c.key for c in claims})


def cluster(prepared: Prepared, model: PairModel = DEFAULT) -> list[Group]:
    """Groups of claims that state one proposition, across articles.

    Average-link clustering joins two clusters while the mean probability over their
    pairs reaches the model's ``threshold``, and never when they would hold two actors
    that are specific and different. Claims are taken
    in their stable order (article file, position), so the groups do not depend on
    ingest order.
    """
    groups = [g for block in prepared.blocks
              for g in block_groups(block, prepared.specific, prepared.order, model)]
    return sorted(groups, key=lambda g: min(prepared.order[m] for m in g.members))


def block_groups(block: Block, specific: Callable[[str], bool], key: dict[int, tuple],
                 model: PairModel = DEFAULT) -> list[Group]:
    """:func:`cluster` of one block (or of strong components of one, with every
    candidate pair among their units: :mod:`regroup`); ``key``: claim id -> stable key."""
    groups: list[Group] = []
    probs = model.probabilities(block.values)
    inside = _within_strong(block, probs >= model.threshold)
    a_in = np.asarray(block.a, dtype=np.int64)[inside].tolist()
    b_in = np.asarray(block.b, dtype=np.int64)[inside].tolist()
    p_in = probs[inside].tolist()
    scored = {(x, y): s for x, y, s in zip(a_in, b_in, p_in, strict=True)}
    article = {c.id: c.article_id for c in block.claims}
    owner = {c.id: c.actor for c in block.claims if specific(c.actor)}
    clusters = average_link([[c.id for c in u] for u in block.units], article, scored,
                            model.threshold, owner)
    cluster_of = {m: n for n, ids in enumerate(clusters) for m in ids}
    links: dict[int, list[Link]] = defaultdict(list)
    for k, x, y, s in zip(inside.tolist(), a_in, b_in, p_in, strict=True):
        if s >= model.threshold and cluster_of[x] == cluster_of[y]:
            links[cluster_of[x]].append(Link(x, y, round(s, 3), _why(block.values[k])))
    for u in block.units:
        if len(u) > 1:  # most units are one claim: nothing links within them
            links[cluster_of[u[0].id]] += [Link(u[0].id, c.id, 1.0, "same words")
                                           for c in u[1:] if c.article_id != u[0].article_id]
    for n, ids in enumerate(clusters):
        found = links.get(n)
        groups.append(Group(sorted(ids, key=key.__getitem__) if len(ids) > 1 else list(ids),
                            sorted(found, key=lambda k: (k.a, k.b)) if found else []))
    return groups


def _within_strong(block: Block, strong: np.ndarray) -> np.ndarray:
    """Positions of the pairs inside one component of the strong pairs: the only pairs
    clustering can use (:func:`clustering.average_link`), found before building them."""
    if not strong.any():
        return np.zeros(0, dtype=np.int64)
    ids = np.array([c.id for u in block.units for c in u], dtype=np.int64)
    unit = np.repeat(np.arange(len(block.units)), [len(u) for u in block.units])
    order = np.argsort(ids, kind="stable")  # a pair's claims -> their units
    a = unit[order[np.searchsorted(ids, np.asarray(block.a, dtype=np.int64), sorter=order)]]
    b = unit[order[np.searchsorted(ids, np.asarray(block.b, dtype=np.int64), sorter=order)]]
    uf: UnionFind[int] = UnionFind()
    for x, y in zip(a[strong].tolist(), b[strong].tolist(), strict=True):
        uf.add(x)
        uf.add(y)
        uf.union(x, y)
    label = np.full(len(block.units), -1, dtype=np.int64)
    for x in uf.parent:
        label[x] = uf.find(x)
    return np.flatnonzero((label[a] == label[b]) & (label[a] >= 0))


def group_claims(claims: list[ClaimInfo], signals: Signals | None = None,
                 model: PairModel = DEFAULT,
                 compatible: Callable[[str, str], bool] = lambda a, b: False,
                 specific: Callable[[str], bool] = lambda a: True) -> list[Group]:
    """:func:`prepare` then :func:`cluster`."""
    return cluster(prepare(claims, signals, compatible, specific), model)


def _why(values: np.ndarray) -> str:
    """What drove a link, for ``show``: the features that were present."""
    f = dict(zip(FEATURES, values.tolist(), strict=True))
    shown = [f"words aligned {f['align']:.2f}"]
    if f["quote"] >= 0.85:
        shown.insert(0, f"same quotation ({f['quote'] * 100:.0f})")
    if f["figure"]:
        shown.append("a figure for the same thing")
    if f["verb"]:
        shown.append("same main verb")
    shown.append(f"meaning {f['meaning']:.2f}")
    if f["maybe"]:
        shown.append("actors may be one")
    return ", ".join(shown)
