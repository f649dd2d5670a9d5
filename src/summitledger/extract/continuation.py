"""Quotations next to a cue and those that go on after it: which quotation a cue reports, and the ones that continue it."""

from __future__ import annotations

from spacy.tokens import Token

from summitledger.extract.base import Context
from summitledger.nlp.doc import subtree_ids


def _between_ok(ctx: Context, lo: int, hi: int, allowed: set[int]) -> bool:
    """Only punctuation, the frame, auxiliaries and adverbs between tokens lo and hi."""
    for i in range(lo, hi):
        t = ctx.doc[i]
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


def adjacent_quote(ctx: Context, frame: set[int]) -> int | None:
    """A quotation right before or right after the cue frame, in reach of its sentence.

    Before: ending in the cue's sentence, or closing just before it starts
    (``"We won." Putin said.``). After: starting in the cue's sentence, or in the
    next one when the cue's sentence ends with a colon.
    """
    frame = {i for i in frame if ctx.qof[i] is None}
    lo, hi = min(frame), max(frame)
    doc = ctx.doc
    sent = ctx.sent_of(lo)
    for i in range(lo - 1, max(-1, lo - 8), -1):
        q = ctx.qof[i]
        if q is None:
            continue
        near = i >= sent.start or sent.start - i <= 2
        if near and q not in ctx.used_quotes and _between_ok(ctx, i + 1, lo, frame):
            return q
        break
    end_sent = ctx.sent_of(hi)
    colon = any(t.text == ":" for t in doc[hi + 1 : end_sent.end])
    for i in range(hi + 1, min(len(doc), hi + 8)):
        q = ctx.qof[i]
        if q is None:
            continue
        near = i < end_sent.end or colon
        if near and q not in ctx.used_quotes and _between_ok(ctx, hi + 1, i, frame):
            return q
        break
    return None


def continuation_of(ctx: Context, qi: int, frame: set[int]) -> list[int]:
    """'"A," he said, "B."': the quotations on both sides of one cue frame, in order."""
    doc = ctx.doc
    lo, hi = min(frame), max(frame)
    found = [qi]
    for i in range(hi + 1, min(len(doc), hi + 4)):
        q = ctx.qof[i]
        if q is not None:
            if q != qi and q not in ctx.used_quotes:
                found.append(q)
            break
        # '"A," he said. "B."': B, after the sentence ends, is a claim of its own
        if not doc[i].is_punct or doc[i].text in (".", "!", "?", ";") or "\n" in doc[i].text:
            break
    for i in range(lo - 1, max(-1, lo - 4), -1):
        q = ctx.qof[i]
        if q is not None:
            if q != qi and q not in ctx.used_quotes:
                found.insert(0, q)
            break
        if not doc[i].is_punct:
            break
    return sorted(set(found), key=lambda q: ctx.quotes[q].start)
