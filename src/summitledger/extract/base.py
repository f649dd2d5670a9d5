"""What every extraction rule shares: the parsed article, its quotations, span helpers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from summitledger.extract.actors import ArticleActors
from summitledger.extract.cues import Lexicon
from summitledger.extract.quotes import Quote
from summitledger.models import ClaimDraft
from summitledger.nlp.doc import ent_at, token_positions
from summitledger.nlp.names import normalise_places
from summitledger.nlp.words import (
    CIRCUMSTANCE,
    HONORIFICS,
    LIGHT_VERBS,
    MONTHS,
    QUESTION_CUES,
    WEEKDAYS,
)


@dataclass
class Context:
    doc: Doc
    quotes: list[Quote]
    lexicon: Lexicon
    actors: ArticleActors
    qof: list[int | None] = field(default_factory=list)  # quote index of each token
    used_quotes: set[int] = field(default_factory=set)
    claims: list[ClaimDraft] = field(default_factory=list)
    text: str = ""  # doc.text, which spaCy rebuilds on every access

    def __post_init__(self) -> None:
        self.text = self.doc.text
        self.sents = list(self.doc.sents)  # Token.sent rescans the doc on every call
        self.sent_starts = [x.start for x in self.sents]
        self.questions = set(token_positions(self.doc, QUESTION_CUES))

    def sent_of(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        return self.sents[bisect.bisect_right(self.sent_starts, i) - 1]

    def positions(self, lemmas: Iterable[str], attr: str = "LEMMA") -> list[int]:
        """Token positions whose lemma (or ``attr``) is one of ``lemmas``, found on the
        doc's arrays, without making a Token object for every token."""
        return token_positions(self.doc, lemmas, attr)

    def index_quotes(self) -> None:
        self.qof = [None] * len(self.doc)
        for qi, q in enumerate(self.quotes):
            for a, b in q.segments:
                span = self.doc.char_span(a, b, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    if t.text not in "\"“”‘’«»":
                        self.qof[t.i] = qi

    def quoted(self, tok: Token) -> int | None:
        return self.qof[tok.i]

    def sentence_span(self, lo: int, hi: int) -> tuple[int, int]:
        """Character span from the sentence holding token ``lo`` to the one holding ``hi``."""
        sent = self.sent_of(hi)
        last = next((t for t in reversed(sent) if not t.is_space), sent[-1])
        return self.sent_of(lo).start_char, last.idx + len(last.text)


def subtree_ids(tok: Token, skip_deps: tuple[str, ...] = ()) -> set[int]:
    ids = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        ids.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in skip_deps or t != tok)
    return ids


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12, "half": 0.5,
}
_POS_TAG = {"NOUN": "n", "PROPN": "n", "VERB": "v", "ADJ": "a", "ADV": "a"}


def number_of(text: str) -> str | None:
    """'two' -> '2', '1,000' -> '1000', 'five-hour' -> '5'; None if not a number."""
    head = text.lower().split("-")[0].replace(",", "")
    if head in NUMBER_WORDS:
        return f"{NUMBER_WORDS[head]:g}"
    try:
        return f"{float(head):g}"
    except ValueError:
        return None




def date_keys(text: str) -> list[str]:
    """Comparable parts of a date: 'weekday=friday', 'day=9-13', 'year=2023'. Two dates
    contradict only in a part both give ('Wednesday' and '13 September' do not)."""
    words = re.findall(r"[a-z]+|\d+", text.lower())
    keys = [f"weekday={w}" for w in words if w in WEEKDAYS]
    month = next((MONTHS.index(m) + 1 for w in words for m in MONTHS
                  if len(w) >= 3 and m.startswith(w)), None)
    days = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31]
    years = [w for w in words if w.isdigit() and len(w) == 4]
    if month and days:
        keys.append(f"day={month}-{days[0]}")
    elif month:
        keys.append(f"month={month}")
    keys += [f"year={y}" for y in years]
    return keys


def number_unit(t: Token) -> str:
    """What a number counts: 'two leaders' -> leader, 'five-hour talks' -> hour, 'put
    the toll at 40' and 'the crowd at 35,000' -> toll, crowd."""
    if "-" in t.text:
        return t.text.lower().split("-", 1)[1]
    head = t.head
    while head.pos_ == "NUM" and head.head != head:
        head = head.head
    if head.pos_ in ("NOUN", "PROPN") and head != t:
        return head.lemma_.lower()
    if t.dep_ == "pobj" and t.head.lower_ == "at":
        owner = t.head.head
        if owner.pos_ in ("NOUN", "PROPN"):
            return owner.lemma_.lower()
        obj = next((c for c in owner.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj.lemma_.lower()
    return ""


def lemma_bag(span: Span, exclude: tuple[int, int] | None = None) -> str:
    """Content words of a span, tagged for matching: ``n:satellite v:help a:ready``,
    ``e:north_korea`` for entities (places made canonical), ``#:5`` for numbers.

    ``exclude`` is a character range left out (the speaker and cue of a claim, which
    say who spoke, not what was said).
    """
    return bag_of([t for t in span if not (exclude and exclude[0] <= t.idx < exclude[1])])


def bag_of(tokens: list[Token]) -> str:
    """:func:`lemma_bag` of any tokens of one doc (an entity counts if it starts among them)."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    ents = ent_at(doc)
    words_of: dict[int, tuple[str, ...]] = doc.user_data.setdefault("summitledger.bag_words", {})
    words: list[str] = []
    skip_to = -1
    for t in tokens:
        if t.i < skip_to:
            continue
        ent = ents.get(t.i)
        if ent is not None and ent.label_ in ("DATE", "TIME") and date_keys(ent.text):
            words.extend(f"d:{k}" for k in date_keys(ent.text))
            skip_to = ent.end  # a date is compared as a date, not as words
            continue
        if ent is not None and ent.label_ not in ("CARDINAL", "ORDINAL", "QUANTITY", "TIME",
                                                    "DATE", "MONEY", "PERCENT"):
            words.extend(_entity_word(ent))
            skip_to = ent.end
            continue
        cached = words_of.get(t.i)
        if cached is None:
            cached = words_of[t.i] = _token_word(t)
        words.extend(cached)
    return " ".join(words)


def _entity_word(ent: Span) -> tuple[str, ...]:
    name = [x.text for x in ent if not x.is_punct and x.lower_ not in HONORIFICS
            and x.text not in ("'s", "’s") and x.lower_ != "the"]
    if not name:
        return ()
    return ("e:" + normalise_places(" ".join(name)).lower().replace(" ", "_"),)


def _token_word(t: Token) -> tuple[str, ...]:
    """What one token (outside an entity) adds to a bag: a number, a tagged lemma or nothing."""
    num = number_of(t.text) if (t.like_num or t.lower_.split("-")[0] in NUMBER_WORDS) else None
    if num is not None:
        unit = number_unit(t)
        return (f"#:{num}/{unit}" if unit else f"#:{num}",)
    content_verb = t.pos_ == "VERB" and t.lemma_.lower() not in LIGHT_VERBS
    if (t.is_stop and not content_verb) or t.is_punct or t.is_space \
            or t.lower_ in HONORIFICS or not t.is_alpha:
        return ()
    tag = _POS_TAG.get(t.pos_)
    return (f"{tag}:{t.lemma_.lower()}",) if tag else ()




def question_topic(ctx: Context, sent: Span, skip: set[int]) -> str:
    """What a question in the sentence was about ('asked whether X', 'questioned Putin
    about X'): the topic a reply such as "That's exactly why we came" answers."""
    for i in sorted(q for q in ctx.questions if sent.start <= q < sent.end):
        t = ctx.doc[i]
        if t.i not in skip and t.pos_ == "VERB":
            parts = [c for c in t.children
                     if c.dep_ in ("ccomp", "xcomp", "advcl") or (c.dep_ == "prep" and c.lower_ in ("about", "on", "over"))]
            words: list[str] = []
            for c in parts:
                drop = {x.i for p in c.subtree if p.dep_ == "prep" and p.lower_ in CIRCUMSTANCE
                        for x in p.subtree}
                words.append(bag_of([x for x in c.subtree if x.i not in drop]))
            return " ".join(w for w in words if w)
    return ""
