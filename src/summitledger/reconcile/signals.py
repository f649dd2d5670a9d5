"""What pair scoring reads of each claim, as arrays: embeddings, words, frame slots.

Built once per reconcile from the claims alone (nothing here depends on the rest of the
ledger, so a claim's signals, and any pair's features, are the same however many
articles came before): the content's sentence embedding (WordLlama), its content words
as ids into one vocabulary with a weight by part of speech, those words' vectors, the
main verb, the theme nouns and the quantities its figures give, and its quotation.
:mod:`features` computes pair features from these in batches.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import numpy as np

from summitledger.nlp.nouns import thesaurus
from summitledger.reconcile.matching import ClaimInfo
from summitledger.wordbag import WordBag

#: how much a content word says about a statement, by part of speech (the bag's kind)
POS_WEIGHT = {"nouns": 1.0, "verbs": 0.7, "modifiers": 0.5}
#: content words kept per claim (the heaviest first); news statements hold fewer
WORDS = 16
THEMES = 8  # theme nouns kept per claim
FIGURES = 6  # quantities kept per claim
#: dimensions of the word vectors used to align words (WordLlama's first 64 of 256:
#: a quarter of the memory and time, and word-to-word similarity holds up)
WORD_DIM = 64
#: a number that names no quantity of the event (:mod:`summitledger.nlp.quantities`)
#: is a specific claim when this large ('112 boats'); smaller ones count days, ranks or
#: people in a small group as often as a quantity
FIGURE_FLOOR = 10
#: the nouns a figure may count when it stands for whatever was being counted ('put the
#: figure at 110,000', 'the toll at 14'): they match any counted thing
ESTIMATES = frozenset({"figure", "number", "total", "toll", "crowd", "count", "tally"})


def meaning_text(content: str, bag: WordBag, topic: WordBag) -> str:
    """What is embedded for a claim: its content without the names in it (its ``bag``'s
    entities: one event's coverage names the same places and people everywhere; meaning
    is in the other words), and for a reply what the question was about ("That's why we
    came"): the ``topic`` bag's words but names, kind by kind (WordLlama averages token
    vectors, so their order does not change the embedding)."""
    names = {w for e in bag.entities for w in e.split("_")}
    words = [w for w in content.split() if w.strip(".,;:!?\"“”'’()").lower() not in names
             and w.strip(".,;:!?\"“”'’()").lower().removesuffix("'s").removesuffix("’s")
             not in names]
    return " ".join(words + topic.plain_words())


def content_words(c: ClaimInfo, table: dict[str, str]) -> list[tuple[str, float]]:
    """(word, weight) of a claim's content words and, for a reply, the question's
    (thesaurus-folded); no names, numbers, dates or cue; each word once, heaviest first."""
    best: dict[str, float] = {}
    for bag in (c.bag, c.topic):
        for kind, weight in POS_WEIGHT.items():
            for lemma in getattr(bag, kind):
                word = table.get(lemma, lemma)
                if weight > best.get(word, 0.0):
                    best[word] = weight
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:WORDS]


def _quantities(c: ClaimInfo) -> tuple[list[str], bool]:
    """The counted things a claim gives a specific figure for ('people killed' where the
    number says which quantity of the event it is, else the noun it counts), and
    whether one of its figures stands for whatever was counted ('the figure at 200')."""
    out, wild = [], False
    for n in c.frame.numbers:
        thing = n.quantity or n.counts
        if n.value < FIGURE_FLOOR and not n.quantity:
            continue  # a small number that names no quantity of the event
        if thing in ESTIMATES:
            wild = True
        elif thing and thing not in out:
            out.append(thing)
    return out[:FIGURES], wild


class _Rows:
    """Rows of numbers of different lengths, kept flat (4 bytes a number) until padded
    into a matrix: a million claims' rows as Python lists would hold about a gigabyte."""

    def __init__(self, code: str) -> None:
        self.flat = array(code)  # "i": int32 ids, "f": float32 weights
        self.lengths = array("i")

    def add(self, values: list) -> None:  # type: ignore[type-arg]
        self.flat.extend(values)
        self.lengths.append(len(values))

    def padded(self, width: int, dtype: type, fill: float) -> np.ndarray:
        """(rows, width): each row's first ``width`` numbers, then ``fill``."""
        n = len(self.lengths)
        out = np.full((n, width), fill, dtype=dtype)
        if not self.flat:
            return out
        lengths = np.frombuffer(self.lengths, dtype=np.int32)
        flat = np.frombuffer(self.flat, dtype=dtype)
        rows = np.repeat(np.arange(n), lengths)
        cols = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        keep = cols < width
        out[rows[keep], cols[keep]] = flat[keep]
        return out


@dataclass
class ClaimArrays:
    """Per claim (row ``row[id]``): embedding, words and weights, main verb, themes,
    figures' quantities and quotation; and the vocabulary's word vectors."""

    row: dict[int, int]
    emb: np.ndarray  # (N, D) float32, unit rows (zero for an empty text)
    words: np.ndarray  # (N, WORDS) int32 vocabulary ids, -1 padding
    weights: np.ndarray  # (N, WORDS) float32, 0 on padding
    verbs: np.ndarray  # (N,) int32, -1 when none
    themes: np.ndarray  # (N, THEMES) int32
    figures: np.ndarray  # (N, FIGURES) int32 ids of counted things
    wild: np.ndarray  # (N,) bool: a figure that stands for whatever was counted
    deny: np.ndarray  # (N,) bool: the cue denies its content ('denied that ...')
    negates: np.ndarray  # (N,) int32: what the negation applies to (a word id), or -1
    quotes: list[str]
    quoted: np.ndarray  # (N,) bool: has a quotation
    quote_words: np.ndarray  # (N,) int32: words of the quotation (split on spaces)
    vectors: np.ndarray  # (V, WORD_DIM) float32 unit rows
    names: list[str]  # the vocabulary: word id -> word

    @classmethod
    def build(cls, claims: list[ClaimInfo], embed, embed_words,  # type: ignore[no-untyped-def]
              emb: np.ndarray | None = None) -> ClaimArrays:
        vocab: dict[str, int] = {}
        things: dict[str, int] = {}

        def vid(w: str) -> int:
            return vocab.setdefault(w, len(vocab))

        table = thesaurus()
        words, weights, themes, figures = _Rows("i"), _Rows("f"), _Rows("i"), _Rows("i")
        verbs, wild, negates = [], [], []
        for c in claims:
            cw = content_words(c, table)
            words.add([vid(w) for w, _ in cw])
            weights.add([x for _, x in cw])
            frame = c.frame
            verbs.append(vid(table.get(frame.verb, frame.verb)) if frame.verb else -1)
            themes.add([vid(w) for w in sorted({table.get(t, t) for t in frame.theme if t})]
                       [:THEMES])
            negates.append(vid(table.get(frame.negates, frame.negates)) if frame.negates else -1)
            counted, any_thing = _quantities(c)
            figures.add([things.setdefault(q, len(things)) for q in counted])
            wild.append(any_thing)
        names = sorted(vocab, key=vocab.__getitem__)
        return cls(
            row={c.id: n for n, c in enumerate(claims)},
            emb=emb if emb is not None else embed([meaning_text(c.content, c.bag, c.topic)
                                                   for c in claims]),
            words=words.padded(WORDS, np.int32, -1),
            weights=weights.padded(WORDS, np.float32, 0.0),
            verbs=np.array(verbs, dtype=np.int32),
            themes=themes.padded(THEMES, np.int32, -1),
            figures=figures.padded(FIGURES, np.int32, -1),
            wild=np.array(wild, dtype=bool),
            deny=np.array([c.frame.family == "deny" for c in claims], dtype=bool),
            negates=np.array(negates, dtype=np.int32),
            quotes=[c.quote for c in claims],
            quoted=np.array([bool(c.quote) for c in claims], dtype=bool),
            quote_words=np.array([len(c.quote.split()) for c in claims], dtype=np.int32),
            vectors=embed_words(names) if names else np.zeros((0, WORD_DIM), np.float32),
            names=names)
