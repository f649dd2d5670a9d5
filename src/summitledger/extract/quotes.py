"""Finding quotations in article text.

A character scanner, paragraph by paragraph: curly and straight double marks, single
marks where a paragraph has no double ones, quotations that run over several
paragraphs (the convention: an open paragraph, the next one opening again), and
quotations whose closing mark is missing. The parse decides later who said them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DOUBLE_OPEN = "“«"
DOUBLE_CLOSE = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
_BEFORE_OPEN = set(" \t([{—–-/:;,") | {""}


@dataclass
class Quote:
    """A quotation: one or more character segments of the article text."""

    segments: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    def text(self, doc_text: str) -> str:
        """The quoted words; a comma before the closing mark belongs to the frame."""
        words = " ".join(doc_text[a:b].strip() for a, b in self.segments if b > a).strip()
        return words[:-1].rstrip() if words.endswith(",") else words

    def truncate(self, end: int) -> None:
        """Cut the quotation at ``end`` (used where a missing closing mark is inferred)."""
        kept = [(a, min(b, end)) for a, b in self.segments if a < end]
        self.segments = kept or self.segments[:1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _opens(text: str, i: int, marks: str) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return (prev in _BEFORE_OPEN or prev.isspace() or prev in marks) and nxt.strip() != ""


def _scan(
    text: str, a: int, b: int, single: bool, start: int | None = None
) -> tuple[list[Quote], int | None]:
    """Quotes inside paragraph [a, b); returns them and the start of one left open.

    ``start`` is where a quotation already open at ``a`` began (a continued one).
    """
    opens = SINGLE_OPEN if single else DOUBLE_OPEN
    closes = SINGLE_CLOSE if single else DOUBLE_CLOSE
    quotes: list[Quote] = []
    for i in range(a, b):
        ch = text[i]
        if single:
            nxt = text[i + 1] if i + 1 < b else ""
            prev = text[i - 1] if i > a else ""
            # ‘curly’ marks, or 'straight' ones that cannot be apostrophes (Japan's)
            is_open = ((ch == SINGLE_OPEN and _opens(text, i, opens))
                       or (ch == "'" and start is None and not prev.isalnum() and nxt.isalpha()))
            is_close = (ch in (SINGLE_CLOSE, "'") and start is not None and not nxt.isalpha()
                        and prev.strip() != "")
        elif ch == STRAIGHT:
            is_open = start is None
            is_close = start is not None
        else:
            is_open = ch in opens
            is_close = ch in closes and start is not None
        if is_close and start is not None:
            quotes.append(Quote([(start, i)]))
            start = None
        elif is_open:
            if start is not None:  # an opener while open: the last one was never closed
                quotes.append(Quote([(start, i)], closed=False))
            start = i + 1
    return quotes, start


def find_quotes(text: str) -> list[Quote]:
    """All quotations of ``text``, in order."""
    result: list[Quote] = []
    carry: Quote | None = None  # a quotation still open at the end of a paragraph
    for a, b in _paragraphs(text):
        single = not any(c in text[a:b] for c in DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT)
        lead = text[a:b].lstrip()
        first = a + (len(text[a:b]) - len(lead))
        marks = SINGLE_OPEN if single else DOUBLE_OPEN + STRAIGHT
        if carry is not None and lead[:1] in set(marks):
            # The quotation goes on in this paragraph, which opens again.
            quotes, open_at = _scan(text, first + 1, b, single, start=first + 1)
            if quotes and quotes[0].start == first + 1:
                carry.segments.append(quotes.pop(0).segments[0])
                carry.closed = True
                result.append(carry)
                carry = None
            elif not quotes and open_at == first + 1:
                carry.segments.append((first + 1, b))
                continue
            else:  # pragma: no cover - an opener mid-paragraph ended the continuation
                carry.closed = False
                result.append(carry)
                carry = None
        else:
            if carry is not None:
                carry.closed = False
                result.append(carry)
                carry = None
            quotes, open_at = _scan(text, a, b, single)
        result.extend(quotes)
        if open_at is not None:
            carry = Quote([(open_at, b)], closed=False)
    if carry is not None:
        carry.closed = False
        result.append(carry)
    result.sort(key=lambda q: q.start)
    return [q for q in result if q.text(text)]


def repair_unclosed(quotes: list[Quote], doc: Doc, is_cue: Callable[[Token], bool]) -> None:
    """Close a quotation whose closing mark is missing before an inverted cue.

    ``"We will show our new items, Putin remarked.`` never closes; the parse shows a
    cue whose subject is a name or pronoun right after a comma, ending the sentence,
    so the quotation ends at that comma.
    """
    for q in quotes:
        if q.closed:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if not is_cue(t):
                continue
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ not in ("PROPN", "PRON"):
                continue
            lo = min(subj.left_edge.i, t.i)
            tail = doc[max(t.i, subj.right_edge.i) + 1 : t.sent.end]
            if lo > 0 and doc[lo - 1].text == "," and all(x.is_punct for x in tail):
                q.truncate(doc[lo - 1].idx)
                q.closed = True
                break
