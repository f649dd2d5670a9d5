"""Claim frames at rest: read the stored JSON, or rebuild a frame from an older row.

Extraction builds frames from the parse (:mod:`summitledger.extract.frames`); a ledger
written before frames were stored (schema 5 and older) has none, and its claims get a
frame from what they do store: the tagged word bag (numbers, dates, nouns, verbs) and
the polarity. Reconcile and the report both read frames through here.
"""

from __future__ import annotations

from pydantic import ValidationError

from summitledger.models import FRAME_VERSION, ClaimFrame, FrameNumber
from summitledger.nlp.nouns import thesaurus


def frame_from_bag(bag: str, polarity: int, cue: str) -> ClaimFrame:
    theme, numbers, times, verb, predicate = [], [], [], "", ""
    for item in bag.split():
        tag, _, word = item.partition(":")
        if tag == "n" and word not in theme:
            theme.append(word)
        elif tag == "v" and not verb:
            verb = word
        elif tag == "#":
            value, _, counts = word.partition("/")
            try:
                numbers.append(FrameNumber(value=float(value), counts=counts))
            except ValueError:
                pass
        elif tag == "d":
            times.append(word)
        elif tag == "c":
            predicate = word
    predicate = predicate or cue.split(" ")[0].lower()
    return ClaimFrame(predicate=predicate, family=thesaurus().get(predicate, predicate),
                      verb=verb, theme=theme, numbers=numbers, times=sorted(set(times)),
                      polarity=polarity)


def stored_frame(raw: str, bag: str, polarity: int, cue: str) -> ClaimFrame:
    """The claim's stored frame, or one rebuilt from its bag when it has none (or one
    of another version)."""
    if raw:
        try:
            frame = ClaimFrame.model_validate_json(raw)
            if frame.v == FRAME_VERSION:
                return frame
        except ValidationError:
            pass
    return frame_from_bag(bag, polarity, cue)
