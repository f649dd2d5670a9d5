"""Which quotation a cue reports, and the quotations that go on after it: a quotation
right before or after the cue's frame ('"We won," Putin said.'), and those on both sides
of one frame ('"A," he said, "B."'). A quotation another claim already reports is
``used`` and is no candidate."""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

from summitledger.nlp.doc import subtree_ids

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summitledger.extract.article import Article

#: how far (in tokens) from the cue's frame a quotation it reports may start or end
NEAR_QUOTE = 7
#: how far (in tokens) past the frame a quotation still continues the one it reports
GOES_ON = 3
#: a quotation that closes this many tokens before the cue's sentence starts is still
#: next to it ('"We won." Putin said.')
SENTENCE_GAP = 2


def between_ok(article: Article, lo: int, hi: int, allowed: set[int]) -> bool:
    """Only punctuation, the frame, auxiliaries and adverbs between tokens lo and hi."""
    for i in range(lo, hi):
        t = article.doc[i]
        if i in allowed or t.is_punct or t.is_space or t.dep_ in ("aux", "advmod", "neg"):
            continue
        return False
    return True


def cue_frame(cues: list[Token], speaker_ids: set[int]) -> set[int]:
    """Cue, speaker, and the cue's addressee and adverbials ("told his host", "said on Monday")."""
    ids = {t.i for t in cues} | speaker_ids
    for t in cues:
        for c in t.children:
            if c.dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod", "aux", "neg", "nsubj"):
                ids |= subtree_ids(c)
    return ids


def adjacent_quote(article: Article, frame: set[int], used: Set[int]) -> int | None:
    """A quotation right before or right after the cue frame, in reach of its sentence.

    Before: ending in the cue's sentence, or closing just before it starts
    (``"We won." Putin said.``). After: starting in the cue's sentence, or in the
    next one when the cue's sentence ends with a colon.
    """
    qof = article.qof
    frame = {i for i in frame if qof[i] is None}
    lo, hi = min(frame), max(frame)
    doc = article.doc
    sent = article.sent_of(lo)
    for i in range(lo - 1, max(-1, lo - 1 - NEAR_QUOTE), -1):
        q = qof[i]
        if q is None:
            continue
        near = i >= sent.start or sent.start - i <= SENTENCE_GAP
        if near and q not in used and between_ok(article, i + 1, lo, frame):
            return q
        break
    end_sent = article.sent_of(hi)
    colon = any(t.text == ":" for t in doc[hi + 1 : end_sent.end])
    for i in range(hi + 1, min(len(doc), hi + 1 + NEAR_QUOTE)):
        q = qof[i]
        if q is None:
            continue
        near = i < end_sent.end or colon
        if near and q not in used and between_ok(article, hi + 1, i, frame):
            return q
        break
    return None


def continuation_of(article: Article, qi: int, frame: set[int], used: Set[int]) -> list[int]:
    """'"A," he said, "B."': the quotations on both sides of one cue frame, in order."""
    doc, qof = article.doc, article.qof
    lo, hi = min(frame), max(frame)
    found = [qi]
    for i in range(hi + 1, min(len(doc), hi + 1 + GOES_ON)):
        q = qof[i]
        if q is not None:
            if q != qi and q not in used:
                found.append(q)
            break
        # '"A," he said. "B."': B, after the sentence ends, is a claim of its own
        if not doc[i].is_punct or doc[i].text in (".", "!", "?", ";") or "\n" in doc[i].text:
            break
    for i in range(lo - 1, max(-1, lo - 1 - GOES_ON), -1):
        q = qof[i]
        if q is not None:
            if q != qi and q not in used:
                found.insert(0, q)
            break
        if not doc[i].is_punct:
            break
    return sorted(set(found), key=lambda q: article.quotes[q].start)
