"""Relays: a claim passed on by someone else is the original speaker's, and the one who
passed it on is its ``channel``.

- "The governor has promised X, VELTA reported": the governor's claim; VELTA relays it.
- "X died, the government said, according to the agency Y": the government's claim,
  Y its channel (an ``according to`` claim that holds another claim).
- "Reuters reported, citing state television, that X": state television's claim.
- "X, Cardinal Wire quoted a spokesman as saying": the spokesman's (the attribution
  rules find the quoted speaker; the channel is recorded here).

A relayer is told by its cue (``report``, ``quote``, ``cite``: the lexicon's
``relay_verbs``) or by being news media (``agency``, ``television``: ``media_nouns``).
"Citing ticket sellers, the union said X" is the union's own claim: it neither reports
nor is news media. A combining step over all the article's claims: it returns new
drafts and changes none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.extract.drafts import recut
from summitledger.extract.spans import trim
from summitledger.nlp.doc import child_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from summitledger.extract.actors import ArticleActors
    from summitledger.extract.article import Article
    from summitledger.extract.cues import Lexicon
    from summitledger.models import ClaimDraft

CITE = "cite"


def _cue_token(doc: Doc, c: ClaimDraft) -> Token | None:
    span = doc.char_span(c.cue_start, c.cue_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _speaker_span(doc: Doc, c: ClaimDraft) -> Span | None:
    return doc.char_span(c.speaker_start, c.speaker_end, alignment_mode="expand")


def is_relayer(article: Article, lexicon: Lexicon, c: ClaimDraft) -> bool:
    """Does this claim's speaker pass on what others said (a report, news media)?"""
    if c.rule.startswith("according"):
        return True
    cue = _cue_token(article.doc, c)
    if cue is not None and cue.lemma_.lower() in lexicon.relay_set():
        return True
    speaker = _speaker_span(article.doc, c)
    media = lexicon.media_set()
    return speaker is not None and any(t.lemma_.lower() in media for t in speaker)


def _holds(outer: ClaimDraft, inner: ClaimDraft) -> bool:
    """Is ``inner`` (its speaker and cue) reported inside ``outer``'s content?"""
    lo = min(inner.speaker_start, inner.cue_start)
    hi = max(inner.speaker_end, inner.cue_end)
    return outer is not inner and outer.content_start <= lo and hi <= outer.content_end


def _cited(article: Article, c: ClaimDraft) -> Token | None:
    """The 'citing' verb of a relayed claim ("reported, citing state television, that"):
    attached to the cue or opening the content."""
    cue = _cue_token(article.doc, c)
    for i in article.positions([CITE]):
        t = article.doc[i]
        if article.quoted(t) is not None or not (c.sentence_start <= t.idx < c.sentence_end):
            continue
        inside = c.content_start <= t.idx < c.content_end
        if t.head == cue or (inside and t.head.i >= t.i):
            return t
    return None


def _recited(article: Article, lexicon: Lexicon, actors: ArticleActors, c: ClaimDraft,
             cite: Token) -> ClaimDraft | None:
    """The claim as its cited source's: the source speaks, the relayer is the channel,
    and the 'citing X,' phrase leaves the content."""
    obj = next((x for x in cite.children if x.dep_ in ("dobj", "pobj")), None)
    if obj is None:
        return None
    source = child_span(obj)
    doc = article.doc
    content = doc.char_span(c.content_start, c.content_end, alignment_mode="expand")
    if content is None:
        return None
    drop = {x.i for x in cite.subtree}
    ids = {t.i for t in content if t.i not in drop}
    rng = trim(doc, ids)
    if rng is None:
        return None
    span = doc[rng[0] : rng[1] + 1]
    actor, kind = actors.resolve(source)
    return recut(c, span, c.frame.predicate in set(lexicon.negative),
                 speaker=source.text, speaker_start=source.start_char,
                 speaker_end=source.end_char, actor=actor, actor_kind=kind,
                 channel=c.channel or c.actor, rule=c.rule + "+citing")


def _teller(article: Article, lexicon: Lexicon, actors: ArticleActors, c: ClaimDraft) -> str:
    """Who relays a quoted speaker: the subject of "X quoted Y as saying" when Y, not X,
    is the claim's speaker ('' otherwise)."""
    cue = _cue_token(article.doc, c)
    if cue is None or cue.lemma_.lower() not in lexicon.relay_set():
        return ""
    subj = next((x for x in cue.children if x.dep_ == "nsubj"), None)
    if subj is None or c.speaker_start <= subj.idx < c.speaker_end:
        return ""
    return actors.resolve(child_span(subj))[0]


def relay(article: Article, lexicon: Lexicon, actors: ArticleActors,
          claims: list[ClaimDraft]) -> list[ClaimDraft]:
    """The claims with relays resolved: an outer relaying claim that holds another
    claim is dropped and the inner one gets the relayer as its channel; a relayer
    citing its source gives the claim to the source."""
    relayers = [is_relayer(article, lexicon, c) for c in claims]
    channel = [c.channel for c in claims]
    dropped: set[int] = set()
    for n, outer in enumerate(claims):
        if not relayers[n]:
            continue
        inner = [k for k, c in enumerate(claims) if _holds(outer, c) and k not in dropped]
        if inner:
            dropped.add(n)
            for k in inner:
                channel[k] = channel[k] or outer.actor
    out = []
    for n, c in enumerate(claims):
        if n in dropped:
            continue
        if channel[n] != c.channel:
            c = c.model_copy(update={"channel": channel[n]})
        cite = _cited(article, c) if relayers[n] else None
        recited = _recited(article, lexicon, actors, c, cite) if cite is not None else None
        c = recited or c
        if not c.channel:
            c = c.model_copy(update={"channel": _teller(article, lexicon, actors, c)})
        out.append(c)
    return out
