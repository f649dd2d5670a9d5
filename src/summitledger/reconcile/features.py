"""What two claims share, as numbers a pair model weighs (see :mod:`model`).

A statement is a proposition: two claims state the same one when their words align
(each content word of one has a near word in the other: 'funerals' and 'burial',
'detained' and 'custody'), their quotations match, or they give a figure for the same
thing; a shared theme alone is weak. The features:

- ``align``: soft alignment of the contents' words by WordLlama's word vectors, the
  mean over both sides of each word's best match (names left out: one event's coverage
  names the same places and people everywhere);
- ``meaning``: the cosine of the whole contents' embeddings;
- ``words``: shared content words weighted by rarity (:class:`matching.Vectors`);
- ``quote``: how far the quotations are the same words (rapidfuzz);
- ``figure``: both give a number for the same counted thing;
- ``verb``: the contents' main verbs agree (thesaurus-folded);
- ``theme``: the share of their theme nouns in common (the nouns the content's verbs
  take as arguments, thesaurus-folded): 'satellites' and 'artillery shells' are two
  statements however alike the rest;
- ``maybe``: the actors are not known to be one (a title, 'the company', 'officials'
  beside a named actor), so the statement has to carry the join.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from summitledger.models import ClaimFrame
from summitledger.reconcile.matching import ClaimInfo, Vectors, fits, folded, quote_similarity

FEATURES = ("align", "meaning", "words", "quote", "figure", "verb", "theme", "maybe")
#: the quantity words a figure's counted noun may be ('put the figure at 110,000')
ESTIMATES = frozenset({"figure", "number", "total", "toll", "crowd", "count", "tally"})
#: numbers below this count days, people in a small group or ranks as often as a
#: quantity of the event; a figure this large is a specific claim
FIGURE_FLOOR = 10


@dataclass(frozen=True)
class Pair:
    """A candidate pair of claims and its features, in :data:`FEATURES` order."""

    a: int
    b: int
    values: tuple[float, ...]

    def get(self, name: str) -> float:
        return self.values[FEATURES.index(name)]


class WordVectors:
    """Unit vectors of the ledger's content words (embedded once per reconcile)."""

    def __init__(self, words: list[str], embed) -> None:  # type: ignore[no-untyped-def]
        self.index = {w: n for n, w in enumerate(words)}
        self.matrix = embed(words) if words else np.zeros((0, 256), dtype=np.float32)

    def rows(self, words: list[str]) -> np.ndarray:
        return self.matrix[[self.index[w] for w in words if w in self.index]]


def content_words(c: ClaimInfo) -> list[str]:
    """The words a claim's statement is made of: its content words and, for a reply,
    what the question was about; no names, numbers, dates or cue."""
    return sorted({w.split(":", 1)[1] for w in c.words if not w.startswith("e:")})


def align(a: np.ndarray, b: np.ndarray, wa: np.ndarray | None = None,
          wb: np.ndarray | None = None) -> float:
    """Soft word alignment of two claims' word vectors, in [0, 1]: each word's best
    match on the other side, averaged with the words' weights (rarer words weigh more:
    'help' is shared by many statements, 'satellite' by few)."""
    if not len(a) or not len(b):
        return 0.0
    sims = a @ b.T
    wa = np.ones(len(a)) if wa is None else wa
    wb = np.ones(len(b)) if wb is None else wb
    left = float(sims.max(axis=1) @ wa / wa.sum())
    right = float(sims.max(axis=0) @ wb / wb.sum())
    return max(0.0, (left + right) / 2)


def same_figure(a: ClaimFrame, b: ClaimFrame) -> bool:
    """Do both give a number (at least :data:`FIGURE_FLOOR`, or both any) for one counted
    thing? 'the figure at 110,000' and 'more than 100,000 people' count one crowd."""
    for x in a.numbers:
        for y in b.numbers:
            same_thing = x.counts == y.counts or x.counts in ESTIMATES or y.counts in ESTIMATES
            if same_thing and (min(x.value, y.value) >= FIGURE_FLOOR or fits(x, y)):
                return True
    return False


def verbs_agree(a: ClaimFrame, b: ClaimFrame) -> float:
    if not a.verb or not b.verb:
        return 0.0
    return 1.0 if folded([a.verb]) == folded([b.verb]) else 0.0


def themes_overlap(a: ClaimFrame, b: ClaimFrame) -> float:
    ta, tb = folded(a.theme), folded(b.theme)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def words_overlap(vectors: Vectors, a: int, b: int) -> float:
    cos, share, _noun, content = vectors.compare(a, b)
    words = (cos + share) / 2
    return words / 2 if content < 2 else words  # one shared word is weak evidence


def pair_features(a: ClaimInfo, b: ClaimInfo, *, align_score: float, meaning: float,
                  vectors: Vectors, maybe: bool) -> Pair:
    q = quote_similarity(a.quote, b.quote) / 100.0
    values = (align_score, meaning, words_overlap(vectors, a.id, b.id), q,
              1.0 if same_figure(a.frame, b.frame) else 0.0, verbs_agree(a.frame, b.frame),
              themes_overlap(a.frame, b.frame), 1.0 if maybe else 0.0)
    return Pair(a.id, b.id, values)
