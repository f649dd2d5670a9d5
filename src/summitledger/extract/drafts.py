"""A claim draft built from its parts: the one constructor every extraction family uses.

A family finds the parts (who speaks, the cue, the content and how much of it is
quoted, the rule that found it); :func:`claim_draft` turns them into a
:class:`~summitledger.models.ClaimDraft` with the fields every claim computes the same
way: the frame of the content (:mod:`frames`), its polarity and its word bag
(:mod:`bag`, with the cue's lemma). :func:`recut` gives a draft a new content span (a
relay or an 'according to' phrase taken out of it) and recomputes the same fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from summitledger.extract.bag import lemma_bag
from summitledger.extract.frames import build_frame
from summitledger.extract.spans import end_char
from summitledger.models import ClaimDraft
from summitledger.nlp.nouns import thesaurus
from summitledger.wordbag import EMPTY, WordBag

if TYPE_CHECKING:
    from spacy.tokens import Span


class Voice(NamedTuple):
    """Who speaks: the speaker as written (text and offsets) and the actor it resolves to."""

    text: str
    start: int
    end: int
    actor: str
    kind: str  # person, organisation, group or unknown

    @classmethod
    def of(cls, span: Span, actor: str, kind: str) -> Voice:
        return cls(span.text, span.start_char, span.end_char, actor, kind)

    @classmethod
    def of_claim(cls, claim: ClaimDraft) -> Voice:
        """The voice of an earlier claim (a quotation that goes on after it)."""
        return cls(claim.speaker, claim.speaker_start, claim.speaker_end, claim.actor,
                   claim.actor_kind)


class Content(NamedTuple):
    """What was said: its text and offsets, its tokens where they are one span of the doc
    (None for quotations joined across a cue), the quoted words and the claim's type."""

    span: Span | None
    text: str
    start: int
    end: int
    quote: str = ""  # the quoted words, fragments joined by " … "
    type: str = "indirect"  # direct, mixed or indirect

    @classmethod
    def of(cls, span: Span, quote: str = "", type: str = "indirect") -> Content:
        """The content a span of the doc holds (a stop glued to an abbreviation left out)."""
        end = end_char(span)
        return cls(span, span.text[: end - span.start_char], span.start_char, end, quote, type)


def claim_draft(voice: Voice, cue: Span | None, content: Content, *, rule: str,
                sentence: tuple[int, int], predicate: str = "", negative: bool = False,
                cue_text: str | None = None, bag: WordBag | None = None,
                topic: WordBag = EMPTY) -> ClaimDraft:
    """The draft of one claim. ``predicate`` is the cue's lemma ('say', 'according'; ''
    for a quotation with no cue), its family found in the thesaurus; ``negative``: the
    cue denies what it reports. ``cue`` None: no cue, which sits at the content's start.
    ``bag``: the content's words where they are not all of its span's."""
    frame = build_frame(content.span, predicate, thesaurus().get(predicate, predicate), negative)
    if bag is None:
        bag = lemma_bag(content.span) if content.span is not None else EMPTY
    return ClaimDraft(
        speaker=voice.text,
        speaker_start=voice.start,
        speaker_end=voice.end,
        actor=voice.actor,
        actor_kind=voice.kind,  # type: ignore[arg-type]
        cue=cue_text if cue_text is not None else cue.text if cue is not None else "",
        cue_start=cue.start_char if cue is not None else content.start,
        cue_end=cue.end_char if cue is not None else content.start,
        type=content.type,  # type: ignore[arg-type]
        content=content.text,
        content_start=content.start,
        content_end=content.end,
        quote=content.quote,
        sentence_start=sentence[0],
        sentence_end=sentence[1],
        rule=rule,
        polarity=frame.polarity,
        frame=frame,
        lemmas=bag.with_cue(predicate),
        topic=topic,
    )


def recut(draft: ClaimDraft, span: Span, negative: bool, **update: Any) -> ClaimDraft:
    """``draft`` with ``span`` as its content (and any other fields in ``update``)."""
    frame = build_frame(span, draft.frame.predicate, draft.frame.family, negative)
    return draft.model_copy(update={
        "content": span.text, "content_start": span.start_char, "content_end": span.end_char,
        "frame": frame, "polarity": frame.polarity,
        "lemmas": lemma_bag(span).with_cue(draft.frame.predicate), **update})
