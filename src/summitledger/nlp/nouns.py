"""Nouns that can speak (people, bodies, documents), from WordNet and the cue lexicon.

The table is ``data/speaker_nouns.json``, built from WordNet 3.0 by
``scripts/build_speaker_nouns.py``; British spellings are tried as American ones. Used by
extraction (can this subject speak?) and by actor resolution (whom does it speak for?).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

DOCUMENTS = {"statement", "report", "study", "survey", "poll", "ruling", "judgment", "judgement",
             "review", "audit", "analysis", "assessment", "inquiry", "investigation", "probe",
             "filing", "letter", "memo", "transcript", "readout", "release", "communique",
             "document", "paper", "post", "tweet", "verdict", "indictment", "complaint",
             "affidavit", "notice", "order", "decree", "findings"}
# what a denial can have as its object: something said ("rejected the claims")
SAYINGS = DOCUMENTS | {"claim", "allegation", "accusation", "suggestion", "criticism",
                       "charge", "idea", "notion", "assertion", "speculation", "rumour",
                       "rumor", "account", "characterisation", "characterization", "story"}
_BRITISH = (("isers", "izers"), ("iser", "izer"), ("isation", "ization"), ("our", "or"),
            ("ence", "ense"), ("tre", "ter"), ("ogue", "og"), ("mme", "m"))


@lru_cache(maxsize=1)
def _nouns() -> dict[str, str]:
    raw = resources.files("summitledger").joinpath("data/speaker_nouns.json").read_text("utf-8")
    data = json.loads(raw)
    kinds: dict[str, str] = {}
    for kind in ("document", "body", "person"):  # a noun in two lists keeps the later
        for w in data.get(kind, []):
            kinds[w] = kind
    return kinds


def noun_kind(lemma: str, extra: frozenset[str] = frozenset()) -> str | None:
    """'person', 'body' or 'document' for a noun lemma that can speak, else None."""
    low = lemma.lower()
    if low in extra:
        return _nouns().get(low, "person")
    table = _nouns()
    if low in table:
        return table[low]
    for brit, amer in _BRITISH:
        if low.endswith(brit):
            alt = low[: -len(brit)] + amer
            if alt in table:
                return table[alt]
    if "-" in low:  # "passer-by", "vice-president": the whole, or its last part
        return table.get(low.replace("-", "")) or noun_kind(low.rsplit("-", 1)[1], extra)
    return _compound_person(low, table)


# A closed compound ending in a person noun is a person ("headteacher", "stallholder"):
# the ending is an agent noun of at least this many letters after a first part of at
# least COMPOUND_FIRST letters, so that "carer" or "plumber" do not split into "rer" or "ber"
COMPOUND_AGENT, COMPOUND_FIRST = 6, 4
_AGENT_ENDINGS = ("er", "or", "man", "ist")


def _compound_person(low: str, table: dict[str, str]) -> str | None:
    for k in range(COMPOUND_FIRST, len(low) - COMPOUND_AGENT + 1):
        tail = low[k:]
        if tail.endswith(_AGENT_ENDINGS) and table.get(tail) == "person":
            return "person"
    return None


def is_document(tok: Token) -> bool:
    """A statement, report or ruling: it speaks for whoever wrote it."""
    low = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (low in DOCUMENTS or noun_kind(low) == "document")


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, str]:
    """Word -> the first word of its set in ``data/synonyms.json`` (one idea, one set)."""
    raw = resources.files("summitledger").joinpath("data/synonyms.json").read_text("utf-8")
    return {w: s[0] for s in json.loads(raw)["sets"] for w in s}
