"""Claim frames at rest: read the stored JSON, or rebuild a frame from an older row.

Extraction builds frames from the parse (:mod:`summitledger.extract.frames`); a ledger
written before frames were stored (schema 5 and older) has none, and its claims get a
frame from what they do store: the word bag (numbers, dates, nouns, verbs) and
the polarity. Reconcile and the report both read frames through here.
"""

from __future__ import annotations

from pydantic import ValidationError

from summitledger.models import FRAME_VERSION, ClaimFrame, FrameNumber
from summitledger.nlp.nouns import thesaurus
from summitledger.wordbag import WordBag


def frame_from_bag(bag: WordBag, polarity: int, cue: str) -> ClaimFrame:
    """A frame from a claim's word bag: its nouns the theme (each once), its first verb,
    its numbers and dates, its cue (else the first word of ``cue`` as written)."""
    predicate = (bag.cues[-1] if bag.cues else "") or cue.split(" ")[0].lower()
    return ClaimFrame(predicate=predicate, family=thesaurus().get(predicate, predicate),
                      verb=bag.verbs[0] if bag.verbs else "", theme=list(dict.fromkeys(bag.nouns)),
                      numbers=[FrameNumber(value=n.value, counts=n.unit) for n in bag.numbers],
                      times=sorted({d.text for d in bag.dates}), polarity=polarity)


def stored_frame(raw: str, bag: str, polarity: int, cue: str) -> ClaimFrame:
    """The claim's stored frame, or one rebuilt from its word bag (``bag``, the JSON the
    ledger keeps, read only then) when it has none (or one of another version)."""
    if raw:
        try:
            frame = ClaimFrame.model_validate_json(raw)
            if frame.v == FRAME_VERSION:
                return frame
        except ValidationError:
            pass
    return frame_from_bag(WordBag.from_json(bag), polarity, cue)
