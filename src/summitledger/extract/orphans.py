"""Quotations with no cue of their own: the speaker named just before or after.

``Putin was upbeat. "We will meet again."`` A free-standing quotation (most of its
sentence, not a fragment inside narration) whose sentence has no cue goes to the
speaker of a claim in the two sentences before, else to a person who is the subject
of the sentence before or after.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from summitledger.extract.bag import lemma_bag
from summitledger.extract.base import Context
from summitledger.extract.frames import build_frame
from summitledger.models import ClaimDraft
from summitledger.nlp.doc import child_span


def _free_standing(ctx: Context, qi: int) -> Span | None:
    q = ctx.quotes[qi]
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if not t.is_punct]
    if len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    first, last = span[0].sent, span[-1].sent
    sent_words = [t for t in ctx.doc[first.start : last.end] if not t.is_punct]
    inside = [t for t in sent_words if ctx.qof[t.i] == qi]
    return span if len(inside) >= 0.8 * len(sent_words) else None


def _person_subject(sent: Span) -> Token | None:
    for t in sent:
        if t.dep_ == "nsubj" and t.ent_type_ == "PERSON" and t.head.dep_ == "ROOT":
            return t
    return None


def orphan_claims(ctx: Context) -> None:
    doc = ctx.doc
    sents = list(doc.sents)
    index = {s.start: n for n, s in enumerate(sents)}
    for qi, q in enumerate(ctx.quotes):
        if qi in ctx.used_quotes:
            continue
        span = _free_standing(ctx, qi)
        if span is None:
            continue
        n = index[span[0].sent.start]
        m = index[span[-1].sent.start]
        prev = [c for c in ctx.claims if max(c.content_end, c.cue_end) <= q.start
                and c.sentence_start >= sents[max(0, n - 2)].start_char]
        rule, speaker_tok, claim = "", None, None
        if prev:  # the claim that ends nearest before the quotation
            claim = max(prev, key=lambda c: max(c.content_end, c.cue_end))
            rule = "orphan-quote:previous-claim"
        elif n > 0 and (speaker_tok := _person_subject(sents[n - 1])) is not None:
            rule = "orphan-quote:previous-subject"
        elif m + 1 < len(sents) and (speaker_tok := _person_subject(sents[m + 1])) is not None:
            rule = "orphan-quote:next-subject"
        else:
            continue
        if claim is not None:
            speaker, s_start, s_end = claim.speaker, claim.speaker_start, claim.speaker_end
            actor, kind = claim.actor, claim.actor_kind
        else:
            sp = child_span(speaker_tok)
            speaker, s_start, s_end = sp.text, sp.start_char, sp.end_char
            actor, kind = ctx.actors.resolve(sp)
        ctx.used_quotes.add(qi)
        content = q.text(ctx.text)
        sent_span = doc[span[0].sent.start : span[-1].sent.end]
        while len(sent_span) > 1 and sent_span[-1].is_space:
            sent_span = sent_span[:-1]
        ctx.claims.append(
            ClaimDraft(
                speaker=speaker,
                speaker_start=s_start,
                speaker_end=s_end,
                actor=actor,
                actor_kind=kind,
                cue="",
                cue_start=span.start_char,
                cue_end=span.start_char,
                type="direct",
                content=content,
                content_start=span.start_char,
                content_end=span.end_char,
                quote=content,
                sentence_start=min(sent_span.start_char, span.start_char),
                sentence_end=max(sent_span.end_char, span.end_char),
                rule=rule,
                polarity=(frame := build_frame(span, "", "", False)).polarity,
                frame=frame,
                lemmas=lemma_bag(span),
            )
        )
