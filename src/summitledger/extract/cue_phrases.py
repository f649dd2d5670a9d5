"""Cue phrases found in a parse: the lexicon's multi-word cues ('let it be known',
'express concern') as lemma patterns of spaCy's ``Matcher``.

A phrase's words are matched by lemma, so every form counts ('made it clear', 'voiced
their concern'); up to :data:`GAP` determiners, possessives or modifiers may stand
between two of its words ('expressed its deep concern that'), never 'it'. The lemmas of
a phrase's words are the pipeline's own (:meth:`CuePhrases.build` runs the phrases
through it), so a saved pipeline carries them (:mod:`component`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.matcher import Matcher

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

#: what may stand between two words of a phrase: "expressed its deep concern that"
GAP_DEPS = ("det", "poss", "amod", "advmod")
#: how many such words may stand there
GAP = 2


class CuePhrases:
    """The lexicon's cue phrases as Matcher patterns over lemmas."""

    def __init__(self, vocab: Vocab, lemmas: Mapping[str, tuple[str, ...]]) -> None:
        """``lemmas``: the lemma of each word of each phrase, by phrase."""
        self.lemmas = {p: tuple(ls) for p, ls in sorted(lemmas.items())}
        self.matcher = Matcher(vocab)
        # phrases with the same lemmas are one phrase: the last by name
        by_lemmas = {ls: p for p, ls in self.lemmas.items() if ls}
        for ls, phrase in by_lemmas.items():
            self.matcher.add(phrase, [_pattern(ls)])

    @classmethod
    def build(cls, nlp: Language, phrases: list[str]) -> CuePhrases:
        """The phrases lemmatized by the pipeline ``nlp`` (one at a time, as a batch
        might tag a word otherwise)."""
        return cls(nlp.vocab, {p: tuple(t.lemma_.lower() for t in nlp(p)) for p in phrases})

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, phrase) of every cue phrase in ``doc``, in order."""
        if not self.lemmas or not doc.has_annotation("LEMMA"):
            return []  # no phrase, or nothing parsed (no paragraph could carry a claim)
        strings = doc.vocab.strings
        return sorted((start, end, strings[key]) for key, start, end in self.matcher(doc))


@lru_cache(maxsize=8)
def cue_phrases(nlp: Language, phrases: tuple[str, ...]) -> CuePhrases:
    """:meth:`CuePhrases.build`, once per pipeline and phrases (for library calls that
    pass a pipeline and a lexicon; the spaCy component builds its own once)."""
    return CuePhrases.build(nlp, list(phrases))


def _pattern(lemmas: tuple[str, ...]) -> list[dict]:
    """The Matcher pattern of a phrase: its first word by its lemma as parsed, each later
    one by its lemma in any case, after at most :data:`GAP` gap words that are not it."""
    pattern: list[dict] = [{"LEMMA": lemmas[0]}]
    for want in lemmas[1:]:
        word = re.escape(want)
        pattern.append({"DEP": {"IN": list(GAP_DEPS)}, "LOWER": {"NOT_IN": ["it"]},
                        "LEMMA": {"REGEX": f"(?i)^(?!{word}$)"}, "OP": f"{{0,{GAP}}}"})
        pattern.append({"LEMMA": {"REGEX": f"(?i)^{word}$"}})
    return pattern
