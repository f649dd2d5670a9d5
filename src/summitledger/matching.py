"""Which claims state the same thing: the light matcher.

Each claim's *topic* is its content words (plus, for a reply, what the question was
about), tagged by part of speech, mapped through a small news thesaurus
(``data/synonyms.json``) and weighted by rarity in the ledger: nouns count most,
entities least (everyone in one event's coverage mentions the same countries). Two
claims of one actor match when their topics are close, or when they quote the same
words (rapidfuzz). Claims are compared only within one actor and only when they share
an uncommon word, so the pairs grow with the claims, not with their square.
Pure functions; no database.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

MATCHER = "light/2: tfidf(pos-weighted, thesaurus) + rapidfuzz quotes"
THRESHOLD = 0.30
QUOTE_THRESHOLD = 85.0  # rapidfuzz partial_ratio of two quotations
MAX_POSTING = 200  # a word shared by more claims of one actor is not used to find pairs
WEIGHT = {"n": 1.0, "v": 0.7, "a": 0.5, "e": 0.35}


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, str]:
    raw = resources.files("summitledger").joinpath("data/synonyms.json").read_text("utf-8")
    return {w: s[0] for s in json.loads(raw)["sets"] for w in s}


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


def _facets(bag: str, tag: str, sep: str, key_first: bool) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for item in bag.split():
        if item.startswith(tag + ":"):
            left, _, right = item[len(tag) + 1 :].partition(sep)
            key, value = (left, right) if key_first else (right, left)
            out.setdefault(key, set()).add(value)
    return out


def dates_of(bag: str) -> dict[str, set[str]]:
    """Date parts of a bag: {'weekday': {'friday'}, 'day': {'9-13'}}."""
    return _facets(bag, "d", "=", key_first=True)


def numbers_of(bag: str) -> dict[str, set[str]]:
    """Numbers of a bag by what they count: {'hour': {'5'}, 'leader': {'2'}}."""
    return _facets(bag, "#", "/", key_first=False)


@dataclass
class ClaimInfo:
    id: int
    article_id: int
    outlet: str
    actor: str
    content: str
    quote: str
    lemmas: str
    context: str = ""
    topic: str = ""
    polarity: int = 1
    type: str = "indirect"
    cue: str = ""

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


def score(a: ClaimInfo, b: ClaimInfo, vectors: Vectors) -> tuple[float, str]:
    """Similarity of two claims in [0, 1] and what drove it."""
    cos, share, noun, content = vectors.compare(a.id, b.id)
    topic = (cos + share) / 2
    q = quote_similarity(a.quote, b.quote)
    if q >= QUOTE_THRESHOLD:
        return max(topic, q / 100), f"same quotation (rapidfuzz {q:.0f}); topic {topic:.2f}"
    if not noun:
        return 0.0, f"no shared noun (cosine {cos:.2f}, overlap {share:.2f})"
    family = cue_family(a.lemmas)
    if content < 2 and not (family and family == cue_family(b.lemmas) and family != "say"):
        # one shared word is enough only between reports of one kind of act (warned ~
        # cautioned), not between two things someone "said"
        return 0.0, f"one shared word (cosine {cos:.2f}, overlap {share:.2f})"
    return topic, f"topic {topic:.2f} (cosine {cos:.2f}, overlap {share:.2f})"


def group_claims(claims: list[ClaimInfo], threshold: float = THRESHOLD,
                 vectors: Vectors | None = None) -> list[Group]:
    """Groups of claims by one actor that say the same thing, across articles.

    One pass per actor, in claim order: a claim joins the groups whose first claim it
    matches (merging them when it matches several), else starts a group. Candidates are
    the groups whose first claim shares a word with it (words most groups share are
    not used to find candidates), and a claim identical to an
    earlier one (same words, same quotation) joins it without scoring, so the work grows
    with the claims and the distinct statements, not with the square of the claims.
    """
    vectors = vectors or Vectors(claims)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links: list[Link] = []
    blocks: dict[str, list[ClaimInfo]] = defaultdict(list)
    for c in claims:
        blocks[c.actor.lower()].append(c)
    for block in blocks.values():
        leaders: list[ClaimInfo] = []  # first claim of each group, by position
        postings: dict[str, list[int]] = defaultdict(list)  # word -> leader positions
        exact: dict[tuple, int] = {}  # (words, quotation) -> leader position
        for c in sorted(block, key=lambda x: x.id):
            parent[c.id] = c.id
            key = (vectors.sets[c.id], " ".join(c.quote.lower().split()))
            if key in exact and leaders[exact[key]].article_id != c.article_id:
                lead = leaders[exact[key]]
                _join(parent, find, c.id, lead.id)
                links.append(Link(lead.id, c.id, 1.0, "same words"))
                continue
            # leaders sharing content words (entities alone never link two claims), and
            # how many: score() needs two, or one between reports of one kind of act
            shared: Counter[int] = Counter()
            for w in vectors.sets[c.id]:
                hits = postings.get(w, ())
                if w[0] != "e" and len(hits) <= MAX_POSTING:  # a word most groups share finds nothing
                    shared.update(hits)
            family = cue_family(c.lemmas)
            one_word_ok = bool(family) and family != "say"
            candidates = {p for p, k in shared.items() if k >= 2 or one_word_ok}
            for w in c.quote.lower().split()[:3]:
                candidates.update(postings.get("q:" + w, ()))
            matched = False
            for pos in sorted(candidates):
                lead = leaders[pos]
                if lead.article_id == c.article_id:
                    continue
                s, why = score(lead, c, vectors)
                if s >= threshold:
                    links.append(Link(lead.id, c.id, round(s, 3), why))
                    _join(parent, find, c.id, lead.id)
                    matched = True
            if not matched:
                pos = len(leaders)
                leaders.append(c)
                exact.setdefault(key, pos)
                for w in vectors.sets[c.id]:
                    postings[w].append(pos)
                for w in c.quote.lower().split()[:3]:
                    postings["q:" + w].append(pos)
    members: dict[int, list[int]] = defaultdict(list)
    for c in claims:
        members[find(c.id)].append(c.id)
    groups = {root: Group(sorted(ids)) for root, ids in members.items()}
    for link in sorted(links, key=lambda k: (k.a, k.b)):
        groups[find(link.a)].links.append(link)
    return sorted(groups.values(), key=lambda g: g.members[0])


def _join(parent: dict[int, int], find, a: int, b: int) -> None:  # type: ignore[no-untyped-def]
    ra, rb = find(a), find(b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
