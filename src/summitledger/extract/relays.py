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
nor is news media. Pure over the article's claims; no rule order depends on it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from summitledger.extract.bag import lemma_bag
from summitledger.extract.base import Context
from summitledger.extract.frames import build_frame
from summitledger.extract.spans import trim
from summitledger.models import ClaimDraft
from summitledger.nlp.doc import child_span

CITE = "cite"


def _cue_token(doc: Doc, c: ClaimDraft) -> Token | None:
    span = doc.char_span(c.cue_start, c.cue_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _speaker_span(doc: Doc, c: ClaimDraft) -> Span | None:
    return doc.char_span(c.speaker_start, c.speaker_end, alignment_mode="expand")


def is_relayer(ctx: Context, c: ClaimDraft) -> bool:
    """Does this claim's speaker pass on what others said (a report, news media)?"""
    if c.rule.startswith("according"):
        return True
    cue = _cue_token(ctx.doc, c)
    if cue is not None and cue.lemma_.lower() in ctx.lexicon.relay_set():
        return True
    speaker = _speaker_span(ctx.doc, c)
    media = ctx.lexicon.media_set()
    return speaker is not None and any(t.lemma_.lower() in media for t in speaker)


def _holds(outer: ClaimDraft, inner: ClaimDraft) -> bool:
    """Is ``inner`` (its speaker and cue) reported inside ``outer``'s content?"""
    lo = min(inner.speaker_start, inner.cue_start)
    hi = max(inner.speaker_end, inner.cue_end)
    return outer is not inner and outer.content_start <= lo and hi <= outer.content_end


def _cited(ctx: Context, c: ClaimDraft) -> Token | None:
    """The 'citing' verb of a relayed claim ("reported, citing state television, that"):
    attached to the cue or opening the content."""
    cue = _cue_token(ctx.doc, c)
    for i in ctx.positions([CITE]):
        t = ctx.doc[i]
        if ctx.quoted(t) is not None or not (c.sentence_start <= t.idx < c.sentence_end):
            continue
        inside = c.content_start <= t.idx < c.content_end
        if t.head == cue or (inside and t.head.i >= t.i):
            return t
    return None


def _recited(ctx: Context, c: ClaimDraft, cite: Token) -> ClaimDraft | None:
    """The claim as its cited source's: the source speaks, the relayer is the channel,
    and the 'citing X,' phrase leaves the content."""
    obj = next((x for x in cite.children if x.dep_ in ("dobj", "pobj")), None)
    if obj is None:
        return None
    source = child_span(obj)
    doc = ctx.doc
    content = doc.char_span(c.content_start, c.content_end, alignment_mode="expand")
    if content is None:
        return None
    drop = {x.i for x in cite.subtree}
    ids = {t.i for t in content if t.i not in drop}
    rng = trim(doc, ids)
    if rng is None:
        return None
    span = doc[rng[0] : rng[1] + 1]
    actor, kind = ctx.actors.resolve(source)
    negative = c.frame.predicate in set(ctx.lexicon.negative)
    frame = build_frame(span, c.frame.predicate, c.frame.family, negative)
    return c.model_copy(update={
        "speaker": source.text, "speaker_start": source.start_char,
        "speaker_end": source.end_char, "actor": actor, "actor_kind": kind,
        "channel": c.channel or c.actor, "content": span.text,
        "content_start": span.start_char, "content_end": span.end_char,
        "frame": frame, "polarity": frame.polarity,
        "lemmas": (lemma_bag(span) + " " + " ".join(
            w for w in c.lemmas.split() if w.startswith("c:"))).strip(),
        "rule": c.rule + "+citing"})


def _teller(ctx: Context, c: ClaimDraft) -> str:
    """Who relays a quoted speaker: the subject of "X quoted Y as saying" when Y, not X,
    is the claim's speaker ('' otherwise)."""
    cue = _cue_token(ctx.doc, c)
    if cue is None or cue.lemma_.lower() not in ctx.lexicon.relay_set():
        return ""
    subj = next((x for x in cue.children if x.dep_ == "nsubj"), None)
    if subj is None or c.speaker_start <= subj.idx < c.speaker_end:
        return ""
    return ctx.actors.resolve(child_span(subj))[0]


def relay(ctx: Context, claims: list[ClaimDraft]) -> list[ClaimDraft]:
    """The claims with relays resolved: an outer relaying claim that holds another
    claim is dropped and the inner one gets the relayer as its channel; a relayer
    citing its source gives the claim to the source."""
    relayers = {id(c) for c in claims if is_relayer(ctx, c)}
    dropped: set[int] = set()
    for outer in claims:
        if id(outer) not in relayers:
            continue
        inner = [c for c in claims if _holds(outer, c) and id(c) not in dropped]
        if inner:
            dropped.add(id(outer))
            for c in inner:
                c.channel = c.channel or outer.actor
    out = []
    for c in claims:
        if id(c) in dropped:
            continue
        cite = _cited(ctx, c) if id(c) in relayers else None
        recited = _recited(ctx, c, cite) if cite is not None else None
        c = recited or c
        if not c.channel:
            c.channel = _teller(ctx, c)
        out.append(c)
    return out
