"""What two claims share in form: words, quotations and frame slots.

Each claim's *topic* is its content words (plus, for a reply, what the question was
about), tagged by part of speech, mapped through a small news thesaurus
(``data/synonyms.json``) and weighted by rarity in the ledger (:class:`Vectors`): nouns
count most, entities least. Two outlets quoting the same words (rapidfuzz) is strong
evidence. Frames agree slot by slot (theme nouns and main verb, numbers that fit one
quantity). :mod:`grouping` mixes these with meaning and clusters. Pure functions.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from summitledger.models import ClaimFrame, FrameNumber
from summitledger.nlp.nouns import thesaurus

MATCHER = "v3: tfidf(pos-weighted, thesaurus) + frames + wordllama, average-link"
QUOTE_THRESHOLD = 85.0  # rapidfuzz partial_ratio of two quotations
WEIGHT = {"n": 1.0, "v": 0.7, "a": 0.5, "e": 0.35}


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


@lru_cache(maxsize=65536)
def cue_family(bag: str) -> str:
    """The reporting verb's family ('warned', 'cautioned' -> warn); '' if none."""
    for item in bag.split():
        if item.startswith("c:"):
            return thesaurus().get(item[2:], item[2:])
    return ""


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
    key: tuple[str, int] = ("", 0)  # (article file, claim index): a stable order
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


class Vectors:
    """Weighted TF-IDF vectors of claim topics over one ledger."""

    def __init__(self, claims: list[ClaimInfo]) -> None:
        df: Counter[str] = Counter()
        self.words = {c.id: c.words for c in claims}
        for words in self.words.values():
            df.update(set(words))
        n = max(1, len(claims))
        self.idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}
        self.vec = {cid: self._vector(words) for cid, words in self.words.items()}
        self.sets = {cid: frozenset(v) for cid, v in self.vec.items()}
        self.w2 = {w: self.weight(w) ** 2 for w in self.idf}  # squared weights, looked up often
        self.mass = {cid: sum(self.w2[w] for w in v) for cid, v in self.sets.items()}

    def _vector(self, words: list[str]) -> dict[str, float]:
        tf = Counter(words)
        vec = {w: (1 + math.log(k)) * self.weight(w) for w, k in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    def weight(self, w: str) -> float:
        return self.idf.get(w, 1.0) * WEIGHT.get(w[0], 0.5)

    def compare(self, a: int, b: int) -> tuple[float, float, bool, int]:
        """(cosine, overlap, shares a noun, shared content words): overlap is the weight
        of the shared words over the lighter claim's; content words are not entities."""
        shared = self.sets[a] & self.sets[b]
        if not shared:
            return 0.0, 0.0, False, 0
        va, vb = self.vec[a], self.vec[b]
        cos = sum(va[w] * vb[w] for w in shared)
        share = sum(self.w2[w] for w in shared) / (min(self.mass[a], self.mass[b]) or 1.0)
        content = sum(1 for w in shared if w[0] != "e")
        return cos, min(1.0, share), any(w[0] == "n" for w in shared), content

    def cosine(self, a: int, b: int) -> float:
        return self.compare(a, b)[0]


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


def frame_agreement(a: ClaimFrame, b: ClaimFrame) -> float:
    """0-1: how far two frames fill the same slots with the same things (theme nouns
    and main verb, thesaurus-folded; numbers for the same thing). Places are left out:
    one event's coverage names the same places everywhere."""
    ta, tb = folded(a.theme + [a.verb]), folded(b.theme + [b.verb])
    parts = [len(ta & tb) / len(ta | tb)] if ta and tb else []
    if a.numbers and b.numbers:  # one number that fits both claims is strong evidence
        agree = any(fits(x, y) for x in a.numbers for y in b.numbers)
        parts += [1.0, 1.0] if agree else [0.0]
    return sum(parts) / len(parts) if parts else 0.0
