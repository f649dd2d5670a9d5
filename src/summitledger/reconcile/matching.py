"""The claim as reconcile sees it, and what two claims share in form.

:class:`ClaimInfo` is a claim read for reconcile; its word bag
(:class:`~summitledger.wordbag.WordBag`) holds its content words by kind (plus, for a
reply, what the question was about), which :mod:`signals` maps through a small news
thesaurus (``data/synonyms.json``). Two quotations that are the
same words (rapidfuzz), two numbers that can describe one quantity, and dates made
comparable are what verdicts weigh. Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from summitledger.models import ClaimFrame, FrameNumber
from summitledger.nlp.nouns import thesaurus
from summitledger.wordbag import WordBag

MATCHER = "v4: pair model (aligned words, meaning, words, quotation, figure, verb, theme) + average-link"
QUOTE_THRESHOLD = 85.0  # rapidfuzz partial_ratio of two quotations


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
    bag_json: str  # the content's WordBag as the ledger keeps it (read through ``bag``)
    topic_json: str = ""  # a reply's: what the question was about (``topic``)
    polarity: int = 1
    type: str = "indirect"
    cue: str = ""
    key: tuple[str, str, int] = ("", "", 0)  # (article file, its hash, claim index): a stable order
    frame: ClaimFrame = field(default_factory=ClaimFrame)

    @property
    def bag(self) -> WordBag:
        """The content's words (read when asked: most claims are read once or twice, and
        a million of them kept parsed would hold far more memory than their JSON)."""
        return WordBag.from_json(self.bag_json)

    @property
    def topic(self) -> WordBag:
        """For a reply, the words of what the question was about."""
        return WordBag.from_json(self.topic_json)


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
