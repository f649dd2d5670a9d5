"""Claims attributed with ``according to X``: the clause it modifies is the content.

Where that clause is already a cue's claim ("A said X, according to B") the phrase
makes no claim of its own: B passed A's claim on, a :class:`Channel` that
:func:`pass_on` records on the cue's claims (the combining step in
:mod:`summitledger.extract` does so).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summitledger.extract.drafts import Content, Voice, claim_draft, recut
from summitledger.extract.spans import trim
from summitledger.nlp.doc import child_span, subtree_ids

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summitledger.extract.actors import ArticleActors
    from summitledger.extract.article import Article
    from summitledger.extract.cues import Lexicon
    from summitledger.models import ClaimDraft

#: the fewest words a clause attributed with 'according to' has ('it rose, according to X')
MIN_WORDS = 3
_EDGE = " ,;-–—"  # what separates a content from an 'according to' phrase after it


@dataclass(frozen=True)
class Channel:
    """'A said X, according to B': B (``name``) passed on the claims of the cue at
    character ``cue``; ``according`` is the token of 'according'."""

    cue: int
    name: str
    according: int


@dataclass(frozen=True)
class AccordingTo:
    claims: list[ClaimDraft]  # clauses attributed with 'according to'
    channels: list[Channel]  # phrases that say who passed a cue's claim on


def according_claims(article: Article, lexicon: Lexicon, actors: ArticleActors,
                     reported: Set[int]) -> AccordingTo:
    """The article's 'according to' phrases: claims, or channels of the cue claims whose
    cues start at the characters ``reported``."""
    doc = article.doc
    claims: list[ClaimDraft] = []
    channels: list[Channel] = []
    for i in article.positions(["according"], "LOWER"):
        t = doc[i]
        if article.quoted(t) is not None:
            continue
        to = next((c for c in t.children if c.lower_ == "to"), None)
        if to is None and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            to = doc[t.i + 1]
        if to is None:
            continue
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        speaker = child_span(obj)
        phrase = subtree_ids(t) | subtree_ids(to) | {t.i, to.i}
        clause = t.head if t.head != t else t.sent.root
        while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and clause.head != clause:
            clause = clause.head
        last = max(phrase)
        if t.i > 0 and doc[t.i - 1].text == "," and all(  # "X, according to B.": all of X
                x.is_punct or x.is_space for x in doc[last + 1 : t.sent.end]):
            clause = t.sent.root
        reporter = _reporting_cue(article, lexicon, clause, reported)
        if reporter is not None:
            # "A said X, according to B": A's claim, which B passed on
            channels.append(Channel(reporter.idx, speaker.text, t.i))
            continue
        ids = subtree_ids(clause) - phrase
        ids = {i for i in ids if doc[i].sent == t.sent}
        # "X, according to B.": the stop after the phrase is not content
        ids = {i for i in ids if not (i > max(phrase) and doc[i].is_punct)}
        rng = trim(doc, ids)
        if rng is None:
            continue
        span = doc[rng[0] : rng[1] + 1]
        if sum(1 for x in span if not x.is_punct) < MIN_WORDS:
            continue
        frags = sorted({q for q in (article.qof[x.i] for x in span) if q is not None})
        actor, kind = actors.resolve(speaker)
        content = Content.of(span, " … ".join(article.quote_text(q) for q in frags),
                             "mixed" if frags else "indirect")
        claims.append(claim_draft(Voice.of(speaker, actor, kind), doc[t.i : to.i + 1], content,
                                  rule="according-to", sentence=article.sentence_span(t.i, t.i),
                                  predicate="according", cue_text="according to"))
    return AccordingTo(claims, channels)


def _reporting_cue(article: Article, lexicon: Lexicon, clause: Token,
                   reported: Set[int]) -> Token | None:
    """The cue verb outside quotations that reports ``clause`` (itself, or the verb whose
    complement it is) and made a claim, if any."""
    for tok in (clause, clause.head):
        if lexicon.complements(tok.lemma_) and article.quoted(tok) is None:
            if (tok == clause or clause.dep_ in ("ccomp", "xcomp", "dobj", "conj")) \
                    and tok.idx in reported:  # 'nobody had been told' reports nothing
                return tok
    return None


def pass_on(article: Article, lexicon: Lexicon, claims: list[ClaimDraft],
            channels: list[Channel]) -> list[ClaimDraft]:
    """``claims`` with each channel recorded on the claims of its cue (the first channel
    of a claim counts); their content ends before the 'according to' phrase."""
    out = list(claims)
    for ch in channels:
        for n, c in enumerate(out):
            if c.cue_start == ch.cue and not c.channel:
                out[n] = _passed_on(article, lexicon, c, ch)
    return out


def _passed_on(article: Article, lexicon: Lexicon, c: ClaimDraft, ch: Channel) -> ClaimDraft:
    doc, text = article.doc, article.text
    according = doc[ch.according]
    phrase = subtree_ids(according) | {according.i}
    last = doc[max(phrase)]
    span = None
    if c.content_start <= according.idx and last.idx + len(last.text) < c.content_end \
            and not text[c.content_start : according.idx].strip(_EDGE):
        # "A said, according to B, that X": the content starts after the phrase
        ids = {t.i for t in doc.char_span(c.content_start, c.content_end,
                                          alignment_mode="expand")} - phrase
        rng = trim(doc, ids)
        span = doc[rng[0] : rng[1] + 1] if rng else None
    elif c.content_start < according.idx < c.content_end:
        end = according.idx
        while end > c.content_start and text[end - 1] in _EDGE:
            end -= 1
        span = doc.char_span(c.content_start, end, alignment_mode="contract")
    if span is None or not len(span):
        return c.model_copy(update={"channel": ch.name})
    return recut(c, span, c.frame.predicate in set(lexicon.negative), channel=ch.name)
