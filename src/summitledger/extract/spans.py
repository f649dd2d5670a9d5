"""Content spans: a token range trimmed of edge punctuation, an opening 'that' and a
gloss after a dash, keeping the marks of a quoted fragment it holds; and where its
characters end (a sentence's stop glued to a one-letter abbreviation is left out)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from summitledger.nlp.words import CLOSERS, DASHES, EDGE_PUNCT, OPENERS


def trim(doc: Doc, ids: set[int]) -> tuple[int, int] | None:
    """Contiguous token range [lo, hi] of ``ids`` with edge punctuation and 'that' removed."""
    if not ids:
        return None
    lo, hi = min(ids), max(ids)
    while lo <= hi and (doc[lo].text in EDGE_PUNCT or doc[lo].is_space
                        or (doc[lo].dep_ == "mark" and doc[lo].lower_ in ("that", "whether"))
                        or _opening_that(doc[lo], hi)):
        if doc[lo].text in OPENERS and any(doc[j].text in CLOSERS for j in range(lo + 2, hi + 1)):
            break  # a quoted fragment the content opens with ('"very substantive" talks')
        lo += 1
    hi = _strip_right(doc, lo, hi)
    # a gloss after a dash is the journalist's, not the speaker's
    for i in range(lo + 1, hi):
        if doc[i].text in DASHES:
            if not any(doc[j].text in DASHES for j in range(i + 1, hi + 1)):
                hi = _strip_right(doc, lo, i - 1)
            break
    if lo > hi:
        return None
    # a quoted fragment the content opens is closed inside it
    opened = sum(1 for i in range(lo, hi + 1) if doc[i].text in OPENERS)
    closed = sum(1 for i in range(lo, hi + 1) if doc[i].text in CLOSERS and doc[i].text != '"')
    straight = sum(1 for i in range(lo, hi + 1) if doc[i].text == '"')
    if straight % 2 or opened > closed + straight:
        # American style closes after the stop: "nonsense." -> take ". and the mark
        for j in (hi + 1, hi + 2):
            if j < len(doc) and doc[j].text in CLOSERS and all(
                    doc[k].text in ".,!?" for k in range(hi + 1, j)):
                hi = j
                break
    return lo, hi


def _opening_that(t: Token, hi: int) -> bool:
    """A 'that' opening a content whose clause has its own subject after it, whatever
    the parser called it ('announced last week that the train was ...')."""
    if t.lower_ != "that" or t.i + 1 > hi:
        return False
    if t.tag_ == "IN":  # tagged a conjunction, whatever its arc
        return True
    if t.dep_ in ("nsubj", "nsubjpass") and any(  # "that firefighters were ...": the verb
            c.dep_ in ("nsubj", "nsubjpass") and c is not t for c in t.head.children):
        return True                                   # has a subject of its own
    if t.dep_ in ("det", "nsubj", "nsubjpass"):
        return False
    nxt = t.doc[t.i + 1]
    return nxt.pos_ in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ", "ADV") and t.head.i > t.i


def end_char(span: Span) -> int:
    """Where a content span ends: a sentence's stop that the tokenizer kept on a one-letter
    abbreviation ('120 km/h.', '4.5 m.') is the sentence's, since no initial ends one."""
    last = span[-1]
    doc = last.doc
    t = last.text
    if (len(t) == 2 and t[0].isalpha() and t[1] == "."
            and all(x.is_punct or x.is_space for x in doc[last.i + 1 : last.sent.end])):
        return span.end_char - 1
    return span.end_char


def _strip_right(doc: Doc, lo: int, hi: int) -> int:
    while hi >= lo and (doc[hi].text in EDGE_PUNCT or doc[hi].is_space):
        if doc[hi].text in CLOSERS and any(doc[i].text in OPENERS for i in range(lo, hi)):
            break  # keep the closing mark of a quoted fragment the content opens
        hi -= 1
    return hi
