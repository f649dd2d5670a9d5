"""A claim's word bag: the content words it is matched on, as one typed, versioned model.

Extraction (``extract/bag.py``) builds a :class:`WordBag` for each claim's content (and,
for a reply, for what the question was about); the ledger keeps it as JSON in the
claim's ``lemmas`` and ``topic`` columns (:meth:`WordBag.to_json`: empty lists left out,
an empty bag as ``''``), and reconcile and the report read it back through
:meth:`WordBag.from_json` and its typed fields. This module is the only place that reads
or writes either form: the JSON, and the tagged string that ledgers of schema 16 and
older kept (``n:satellite v:help e:north_korea #:5/hour d:weekday=friday c:say``), which
:meth:`WordBag.from_tagged` reads for migration 19 alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

#: the shape of the stored JSON; raise it (with a migration in store/) when it changes
BAG_VERSION = 1


class Number(NamedTuple):
    """A number of the content and what it counts ('five-hour' -> 5, 'hour')."""

    value: float
    unit: str = ""

    @property
    def text(self) -> str:
        """'5/hour', or '5' when it counts nothing named (the value as ``:g`` writes it)."""
        return f"{self.value:g}/{self.unit}" if self.unit else f"{self.value:g}"


class DatePart(NamedTuple):
    """One comparable part of a date ('weekday', 'friday'; 'day', '9-13')."""

    key: str
    value: str

    @property
    def text(self) -> str:
        """'weekday=friday': the form of a frame's ``times``."""
        return f"{self.key}={self.value}"


def _empty(value: object) -> bool:
    return not value


class WordBag(BaseModel):
    """Content words by kind, each in the order the text gives them (repeats kept):
    lemmas of nouns, verbs and modifiers (adjectives and adverbs), entities (their
    names lower-cased, places made canonical, words joined by ``_``: 'north_korea'),
    numbers with what they count, the parts of dates, and the cue's lemma."""

    # a number too large for a float ('1' * 400 digits) is kept as "Infinity"
    model_config = ConfigDict(frozen=True, ser_json_inf_nan="strings")

    version: int = BAG_VERSION
    nouns: tuple[str, ...] = Field((), exclude_if=_empty)
    verbs: tuple[str, ...] = Field((), exclude_if=_empty)
    modifiers: tuple[str, ...] = Field((), exclude_if=_empty)
    entities: tuple[str, ...] = Field((), exclude_if=_empty)
    numbers: tuple[Number, ...] = Field((), exclude_if=_empty)
    dates: tuple[DatePart, ...] = Field((), exclude_if=_empty)
    cues: tuple[str, ...] = Field((), exclude_if=_empty)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, k) for k in KINDS)

    def to_json(self) -> str:
        """The JSON the ledger keeps (``''`` for an empty bag)."""
        return "" if self.empty else self.model_dump_json()

    @classmethod
    def from_json(cls, raw: str) -> WordBag:
        """A stored bag (``''``: an empty one)."""
        return cls.model_validate_json(raw) if raw else EMPTY

    @classmethod
    def joined(cls, bags: Iterable[WordBag]) -> WordBag:
        """One bag holding each of ``bags``' words in turn."""
        bags = [b for b in bags if not b.empty]
        if len(bags) < 2:
            return bags[0] if bags else EMPTY
        return cls(**{k: tuple(w for b in bags for w in getattr(b, k)) for k in KINDS})

    def with_cue(self, lemma: str) -> WordBag:
        """The bag with the cue's lemma added (``say``)."""
        return self.model_copy(update={"cues": (*self.cues, lemma)}) if lemma else self

    def plain_words(self) -> list[str]:
        """Every word but entities, as text: lemmas, numbers ('5/hour') and date parts
        ('weekday=friday'), kind by kind."""
        return [*self.nouns, *self.verbs, *self.modifiers, *(n.text for n in self.numbers),
                *(d.text for d in self.dates), *self.cues]

    @classmethod
    def from_tagged(cls, tagged: str) -> WordBag:
        """A bag from the tagged string ledgers of schema 16 and older kept (read by
        migration 19 only): ``n:``, ``v:``, ``a:``, ``e:``, ``c:`` words, ``#:`` numbers
        (``5/hour``) and ``d:`` date parts (``weekday=friday``). An item with no word,
        an unknown tag or a number that is none carried nothing any reader used."""
        kinds: dict[str, list] = {k: [] for k in KINDS}
        for item in tagged.split():
            tag, _, word = item.partition(":")
            if not word:
                continue
            if tag == "#":
                value, _, unit = word.partition("/")
                try:
                    kinds["numbers"].append(Number(float(value), unit))
                except ValueError:
                    pass
            elif tag == "d":
                key, _, value = word.partition("=")
                kinds["dates"].append(DatePart(key, value))
            elif tag in _TAGS:
                kinds[_TAGS[tag]].append(word)
        return cls(**{k: tuple(v) for k, v in kinds.items()})


#: the bag's kinds of words, in the order of its fields
KINDS = ("nouns", "verbs", "modifiers", "entities", "numbers", "dates", "cues")
#: the old tagged string's tags of words
_TAGS = {"n": "nouns", "v": "verbs", "a": "modifiers", "e": "entities", "c": "cues"}
EMPTY = WordBag()
