"""Names: titles, places and roles made comparable, shared by article and ledger."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from summitledger.nlp.words import NAME_GLUE, TITLES

# re-exported: reconcile reads the pronouns from here
from summitledger.nlp.words import PLURAL as PLURAL
from summitledger.nlp.words import SINGULAR as SINGULAR

if TYPE_CHECKING:
    from spacy.tokens import Token

SPOKES = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "mouthpiece"}
GROUPS = {"official", "authority", "diplomat", "officer", "source", "leader", "lawmaker"}
PERSON_ROLES = {
    "leader", "president", "minister", "official", "spokesperson", "spokesman", "spokeswoman",
    "governor", "adviser", "advisor", "secretary", "ambassador", "diplomat", "analyst",
    "expert", "aide", "general", "commander", "lawmaker", "senator", "envoy", "chief",
    "premier", "chancellor", "dictator", "counterpart", "nominee", "host", "guest",
}
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@lru_cache(maxsize=1)
def place_table() -> dict[str, str]:
    """Lower-cased variant ("american", "u.s.") -> canonical country ("US")."""
    raw = resources.files("summitledger").joinpath("data/places.json").read_text("utf-8")
    data = json.loads(raw)
    return {v.lower(): k for k, variants in data.items() if not k.startswith("_")
            for v in [k, *variants]}


@lru_cache(maxsize=1)
def seats() -> dict[str, str]:
    """Lower-cased seat of government ("kremlin", "blue house") -> its country."""
    raw = resources.files("summitledger").joinpath("data/places.json").read_text("utf-8")
    return {k.lower(): v for k, v in json.loads(raw).get("_seats", {}).items()}


def _place_regex() -> re.Pattern[str]:
    names = sorted(place_table(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")(?:'s|’s)?(?!\w)", re.I)


_PLACES: re.Pattern[str] | None = None


def normalise_places(text: str) -> str:
    """'American officials' -> 'US officials'; "North Korea's leader" -> 'North Korea leader'."""
    global _PLACES
    if _PLACES is None:
        _PLACES = _place_regex()
    return _PLACES.sub(lambda m: place_table()[m.group(1).lower()], text)


def role_key(text: str) -> str:
    """A role phrase reduced for matching: places canonical, no articles or possessives."""
    words = normalise_places(text).lower().replace("’s", "").replace("'s", "").split()
    words = [w.strip(",.;:\"“”'") for w in words]
    return " ".join(w for w in words if w and w not in {"the", "a", "an", "its", "their"})


def clean_name(tokens: Iterable[Token]) -> str:
    """Name tokens without leading titles or a trailing possessive."""
    words = [t.text for t in tokens if not t.is_punct or t.text in {".", "-"}]
    while len(words) > 1 and words[0].lower().strip(".") in TITLES:
        words.pop(0)
    text = " ".join(words).replace(" - ", "-").replace(" .", ".")
    return POSSESSIVE.sub("", text).strip()


def name_key(name: str) -> str:
    """'Kim Jong-un', 'Kim Jong Un' and 'kim jong un' -> 'kimjongun'."""
    return re.sub(r"[\s\-.’']+", "", name.lower())


COUNTRY_BODIES = ("officials", "government", "administration", "authorities")


def country_of(name: str) -> str:
    """'US officials', 'US', 'US government' -> 'US'; a seat of government ('Kremlin',
    'the Blue House') -> its country; anything else -> ''."""
    countries = set(place_table().values())
    if name in countries:
        return name
    seat = seats().get(name.lower().removeprefix("the "))
    if seat:
        return seat
    for suffix in COUNTRY_BODIES:
        if name.endswith(" " + suffix) and name[: -len(suffix) - 1] in countries:
            return name[: -len(suffix) - 1]
    return ""


def proper_name(name: str) -> bool:
    """A proper name ('Kim Jong Un'), not a role ('North Korea leader')."""
    words = name.replace("-", " ").split()
    return all(w[:1].isupper() for w in words) and not any(w.lower() in PERSON_ROLES for w in words)


def clean_name_text(text: str) -> str:
    """A name without a trailing possessive ("Kremlin's" -> "Kremlin")."""
    return POSSESSIVE.sub("", text).strip()


_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,6}$")


def is_acronym(name: str) -> bool:
    """'NTSB', 'RAIB', 'AT&T' (two to seven capitals, one word)."""
    return bool(_ACRONYM.match(name.replace(".", "")))


def initials(name: str) -> str:
    """The acronym a multi-word name would take: 'Rail Accident Investigation Branch'
    -> 'RAIB', 'Teachers Union of Tanland' -> 'TUT' ('' for one word)."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if len(words) < 2:
        return ""
    caps = [w for w in words if w.lower() not in NAME_GLUE]
    if not all(w[:1].isupper() for w in caps):
        return ""
    return "".join(w[0] for w in caps).upper()


def expands(acronym: str, name: str) -> bool:
    """Is ``name`` the full name behind ``acronym``? (Glue words may or may not count:
    'Teachers Union of Tanland' is both TUT and TUOT.)"""
    short = acronym.replace(".", "").replace("&", "").upper()
    if not is_acronym(acronym) or len(short) < 2:
        return False
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in NAME_GLUE for w in words):
        return False
    full = "".join(w[0] for w in words).upper().replace("&", "")
    return short in (initials(name).replace("&", ""), full)


def body_name(name: str) -> bool:
    """A body's proper name: capitalised words, glue words allowed ('Ministry of
    Education', 'Vessmouth Fire and Rescue Service')."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return len(words) > 1 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in NAME_GLUE for w in words)
