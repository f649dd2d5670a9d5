"""Quotations with no cue of their own: the speaker named just before or after.

``Putin was upbeat. "We will meet again."`` A free-standing quotation (most of its
sentence, not a fragment inside narration) that no claim reports goes to the speaker
of a claim in the two sentences before, else to a person who is the subject of the
sentence before or after.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

from summitledger.extract.drafts import Content, Voice, claim_draft
from summitledger.nlp.doc import child_span

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from summitledger.extract.actors import ArticleActors
    from summitledger.extract.article import Article
    from summitledger.models import ClaimDraft

#: the fewest words of a quotation that stands as a claim of its own
MIN_WORDS = 4
#: the share of its sentences' words a free-standing quotation holds (the rest: marks
#: and a word or two of narration)
SENTENCE_SHARE = 0.8
#: how many sentences back a claim's speaker still speaks an orphan quotation
SENTENCES_BACK = 2


def orphan_claims(article: Article, actors: ArticleActors, used: Set[int],
                  earlier: list[ClaimDraft]) -> list[ClaimDraft]:
    """The claims of the free-standing quotations not in ``used`` (those the ``earlier``
    claims report); each goes to the nearest claim before it, earlier orphans included."""
    doc, sents = article.doc, article.sents
    index = {s.start: n for n, s in enumerate(sents)}
    said = list(earlier)
    out: list[ClaimDraft] = []
    for qi, q in enumerate(article.quotes):
        if qi in used:
            continue
        span = _free_standing(article, qi)
        if span is None:
            continue
        n = index[span[0].sent.start]
        m = index[span[-1].sent.start]
        prev = [c for c in said if max(c.content_end, c.cue_end) <= q.start
                and c.sentence_start >= sents[max(0, n - SENTENCES_BACK)].start_char]
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
            voice = Voice.of_claim(claim)
        else:
            sp = child_span(speaker_tok)
            voice = Voice.of(sp, *actors.resolve(sp))
        words = article.quote_text(qi)
        sent_span = doc[span[0].sent.start : span[-1].sent.end]
        while len(sent_span) > 1 and sent_span[-1].is_space:
            sent_span = sent_span[:-1]
        content = Content(span, words, span.start_char, span.end_char, words, "direct")
        orphan = claim_draft(voice, None, content, rule=rule, sentence=(
            min(sent_span.start_char, span.start_char), max(sent_span.end_char, span.end_char)))
        said.append(orphan)
        out.append(orphan)
    return out


def _free_standing(article: Article, qi: int) -> Span | None:
    q = article.quotes[qi]
    doc = article.doc
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if not t.is_punct]
    if len(words) < MIN_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    first, last = span[0].sent, span[-1].sent
    sent_words = [t for t in doc[first.start : last.end] if not t.is_punct]
    inside = [t for t in sent_words if article.qof[t.i] == qi]
    return span if len(inside) >= SENTENCE_SHARE * len(sent_words) else None


def _person_subject(sent: Span) -> Token | None:
    for t in sent:
        if t.dep_ == "nsubj" and t.ent_type_ == "PERSON" and t.head.dep_ == "ROOT":
            return t
    return None
