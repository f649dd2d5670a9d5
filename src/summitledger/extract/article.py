"""One parsed article as every extraction family reads it: its text, sentences and
quotations, read once and never changed after.

:func:`read_article` finds the quotations (closing one whose closing mark is missing
before an inverted cue; a quotation over several paragraphs is one a paragraph, each
by the same speaker) and indexes which quotation holds each token.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summitledger.extract.quotes import Quote, find_quotes, repair_unclosed
from summitledger.nlp.doc import token_positions
from summitledger.nlp.words import QUESTION_CUES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from summitledger.extract.cues import Lexicon

_MARKS = "\"“”‘’«»"  # a quotation's own marks are not quoted words


@dataclass(frozen=True)
class Article:
    """A parsed article, its quotations and where they are."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    quotes: tuple[Quote, ...]
    qof: tuple[int | None, ...]  # the quotation holding each token, by index
    sents: tuple[Span, ...]  # Token.sent rescans the doc on every call
    sent_starts: tuple[int, ...]
    questions: frozenset[int]  # tokens of a verb of asking

    def sent_of(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        return self.sents[bisect.bisect_right(self.sent_starts, i) - 1]

    def positions(self, lemmas: Iterable[str], attr: str = "LEMMA") -> list[int]:
        """Token positions whose lemma (or ``attr``) is one of ``lemmas``, found on the
        doc's arrays, without making a Token object for every token."""
        return token_positions(self.doc, lemmas, attr)

    def quoted(self, tok: Token) -> int | None:
        """The quotation holding ``tok``, if any."""
        return self.qof[tok.i]

    def in_quote(self, i: int) -> bool:
        return self.qof[i] is not None

    def sentence_span(self, lo: int, hi: int) -> tuple[int, int]:
        """Character span from the sentence holding token ``lo`` to the one holding ``hi``."""
        sent = self.sent_of(hi)
        last = next((t for t in reversed(sent) if not t.is_space), sent[-1])
        return self.sent_of(lo).start_char, last.idx + len(last.text)

    def quote_text(self, qi: int) -> str:
        return self.quotes[qi].text(self.text)


def read_article(doc: Doc, lexicon: Lexicon) -> Article:
    """The article of a parsed doc, its quotations found with the lexicon's cues."""
    text = doc.text
    found = find_quotes(text)
    repair_unclosed(found, doc, lambda t: bool(lexicon.complements(t.lemma_)))
    # a quotation over several paragraphs is a claim a paragraph, each by the same speaker
    quotes = tuple(Quote([seg], closed=q.closed) for q in found for seg in q.segments)
    sents = tuple(doc.sents)
    return Article(doc=doc, text=text, quotes=quotes, qof=_quote_index(doc, quotes),
                   sents=sents, sent_starts=tuple(s.start for s in sents),
                   questions=frozenset(token_positions(doc, QUESTION_CUES)))


def _quote_index(doc: Doc, quotes: tuple[Quote, ...]) -> tuple[int | None, ...]:
    qof: list[int | None] = [None] * len(doc)
    for qi, q in enumerate(quotes):
        for a, b in q.segments:
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                if t.text not in _MARKS:
                    qof[t.i] = qi
    return tuple(qof)
