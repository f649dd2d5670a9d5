"""What every extraction rule shares: the parsed article and its quotations."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from summitledger.extract.actors import ArticleActors
from summitledger.extract.cues import Lexicon
from summitledger.extract.quotes import Quote
from summitledger.models import ClaimDraft
from summitledger.nlp.doc import token_positions
from summitledger.nlp.words import (
    QUESTION_CUES,
)


@dataclass
class Context:
    doc: Doc
    quotes: list[Quote]
    lexicon: Lexicon
    actors: ArticleActors
    qof: list[int | None] = field(default_factory=list)  # quote index of each token
    used_quotes: set[int] = field(default_factory=set)
    claims: list[ClaimDraft] = field(default_factory=list)
    text: str = ""  # doc.text, which spaCy rebuilds on every access

    def __post_init__(self) -> None:
        self.text = self.doc.text
        self.sents = list(self.doc.sents)  # Token.sent rescans the doc on every call
        self.sent_starts = [x.start for x in self.sents]
        self.questions = set(token_positions(self.doc, QUESTION_CUES))

    def sent_of(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        return self.sents[bisect.bisect_right(self.sent_starts, i) - 1]

    def positions(self, lemmas: Iterable[str], attr: str = "LEMMA") -> list[int]:
        """Token positions whose lemma (or ``attr``) is one of ``lemmas``, found on the
        doc's arrays, without making a Token object for every token."""
        return token_positions(self.doc, lemmas, attr)

    def index_quotes(self) -> None:
        self.qof = [None] * len(self.doc)
        for qi, q in enumerate(self.quotes):
            for a, b in q.segments:
                span = self.doc.char_span(a, b, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    if t.text not in "\"“”‘’«»":
                        self.qof[t.i] = qi

    def quoted(self, tok: Token) -> int | None:
        return self.qof[tok.i]

    def sentence_span(self, lo: int, hi: int) -> tuple[int, int]:
        """Character span from the sentence holding token ``lo`` to the one holding ``hi``."""
        sent = self.sent_of(hi)
        last = next((t for t in reversed(sent) if not t.is_space), sent[-1])
        return self.sent_of(lo).start_char, last.idx + len(last.text)


