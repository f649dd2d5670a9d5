"""The rows reading commands return, one record a row: claims and passed-over sentences.

Pydantic dataclasses, not BaseModels: a query returns thousands of these, and pydantic
validates a dataclass straight from a row's values (``ArgsKwargs``) in half the time
it takes to build a dict per row and validate a model from it. Queries select each
field by its name (:mod:`summitledger.store.rows`), in the field order here; the JSON
schemas are documented in the README.
"""

from __future__ import annotations

from pydantic.dataclasses import dataclass


@dataclass(slots=True)
class ClaimRecord:
    """One row of ``summitledger claims``."""

    id: int
    article: str
    article_hash: str
    outlet: str
    date: str
    speaker: str
    actor: str
    cue: str
    type: str
    content: str
    quote: str
    sentence: str
    status: str
    group: int | None
    start: int
    end: int
    rule: str
    pipeline: str
    channel: str
    extractor: str
    lexicon: str
    polarity: int  # -1: the claim denies or negates (a denial is not an assertion)
    event: str = ""  # the event its article is in


@dataclass(slots=True)
class PassedOverRecord:
    """One row of ``summitledger claims --passed-over``: a sentence with a cue word
    that gave no claim, with its article and provenance (schema in the README)."""

    article: str
    article_hash: str
    outlet: str
    date: str
    url: str
    cue: str
    sentence: str
    start: int  # offsets of the sentence in the stored article text
    end: int
    pipeline: str
    extractor: str
    lexicon: str
