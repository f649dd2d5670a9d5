"""The claim as reconcile sees it, and what two claims share in form.

:class:`ClaimInfo` is a claim read for reconcile; its *words* are its content words
(plus, for a reply, what the question was about), tagged by part of speech and mapped
through a small news thesaurus (``data/synonyms.json``). Two quotations that are the
same words (rapidfuzz), two numbers that can describe one quantity, and dates made
comparable are what verdicts weigh. Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from summitledger.models import ClaimFrame, FrameNumber
from summitledger.nlp.nouns import thesaurus

MATCHER = "v4: pair model (aligned words, meaning, words, quotation, figure, verb, theme) + average-link"
QUOTE_THRESHOLD = 85.0  # rapidfuzz partial_ratio of two quotations


def words_of(bag: str) -> list[str]:
    """Tagged words of a stored bag, synonyms folded, numbers left out."""
    table = thesaurus()
    out = []
    for item in bag.split():
        tag, _, word = item.partition(":")
        if tag in ("#", "d", "c") or not word:  # numbers, dates, cue: not the topic
            continue
        out.append(f"{tag}:{table.get(word, word)}" if tag != "e" else item)
    return out


def date_parts(times: list[str]) -> dict[str, set[str]]:
    """Date parts of a frame's times: {'weekday': {'friday'}, 'day': {'9-13'}}."""
    out: dict[str, set[str]] = {}
    for item in times:
        key, _, value = item.partition("=")
        out.setdefault(key, set()).add(value)
    return out


@dataclass
class ClaimInfo:
    id: int
    article_id: int
    outlet: str
    actor: str
    content: str
    quote: str
    lemmas: str
    topic: str = ""
    polarity: int = 1
    type: str = "indirect"
    cue: str = ""
    key: tuple[str, str, int] = ("", "", 0)  # (article file, its hash, claim index): a stable order
    frame: ClaimFrame = field(default_factory=ClaimFrame)

    @property
    def words(self) -> list[str]:
        return words_of(self.lemmas) + words_of(self.topic)


@dataclass
class Link:
    a: int
    b: int
    score: float
    why: str


@dataclass
class Group:
    members: list[int]
    links: list[Link] = field(default_factory=list)


@lru_cache(maxsize=65536)
def _quote_words(q: str) -> int:
    return len([w for w in q.split() if w.strip(".,;:!?\"“”'’…")])


def quote_similarity(a: str, b: str) -> float:
    """0-100: how far two quotations are the same words (a truncation scores high)."""
    if _quote_words(a) < 3 or _quote_words(b) < 3:
        return 0.0
    return fuzz.partial_ratio(a.lower(), b.lower())


def folded(words: list[str]) -> frozenset[str]:
    """Words mapped through the thesaurus (cached: frames repeat their words)."""
    return _folded(tuple(words))


@lru_cache(maxsize=131072)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    table = thesaurus()
    return frozenset(table.get(w, w) for w in words if w)


def fits(x: FrameNumber, y: FrameNumber) -> bool:
    """Can two numbers describe one quantity? ('about 35,000' and '35,000'; 'more than
    100,000' and '110,000'.)"""
    for p, q in ((x, y), (y, x)):  # a bound fits a value a little beyond it
        if p.op == ">" and q.op != "<":
            return p.value * 0.99 <= q.value <= p.value * 1.5 or q.op == ">"
        if p.op == "<" and q.op != ">":
            return p.value * 0.5 <= q.value <= p.value * 1.01 or q.op == "<"
    if x.op in "<>" and y.op in "<>":
        return False
    slack = 0.1 if "~" in (x.op, y.op) else 0.005
    return abs(x.value - y.value) <= slack * max(abs(x.value), abs(y.value))
