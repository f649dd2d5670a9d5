"""The word bag of a claim: the content words it is matched on, read off the parse.

Nouns, verbs and modifiers by lemma, entities (places made canonical), numbers with
what they count, the parts of dates; :mod:`drafts` adds the cue's lemma. The bag is a
:class:`~summitledger.wordbag.WordBag` (its JSON is what the ledger keeps and reconcile
reads); this module decides which words go in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.extract.dates import date_keys
from summitledger.extract.numbers import number_unit
from summitledger.nlp.doc import ent_at
from summitledger.nlp.names import normalise_places
from summitledger.nlp.words import CIRCUMSTANCE, HONORIFICS, LIGHT_VERBS
from summitledger.wordbag import EMPTY, KINDS, DatePart, Number, WordBag

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from summitledger.extract.article import Article

#: the number words the bag reads as numbers (the figures read more: numbers.UNITS)
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12, "half": 0.5,
}
_POS_KIND = {"NOUN": "nouns", "PROPN": "nouns", "VERB": "verbs", "ADJ": "modifiers",
             "ADV": "modifiers"}
#: entities that are amounts or times: read as numbers and dates, not as names
_AMOUNTS = ("CARDINAL", "ORDINAL", "QUANTITY", "TIME", "DATE", "MONEY", "PERCENT")
#: a word of the bag: its kind (a field of WordBag) and the word
Word = tuple[str, str | Number | DatePart]


def number_of(text: str) -> str | None:
    """'two' -> '2', '1,000' -> '1000', 'five-hour' -> '5'; None if not a number."""
    head = text.lower().split("-")[0].replace(",", "")
    if head in NUMBER_WORDS:
        return f"{NUMBER_WORDS[head]:g}"
    try:
        return f"{float(head):g}"
    except ValueError:
        return None


def lemma_bag(span: Span, exclude: tuple[int, int] | None = None) -> WordBag:
    """Content words of a span, by kind, for matching: nouns, verbs and modifiers by
    lemma ('satellite', 'help', 'ready'), entities ('north_korea', places made
    canonical), numbers with what they count, the parts of dates.

    ``exclude`` is a character range left out (the speaker and cue of a claim, which
    say who spoke, not what was said).
    """
    return bag_of([t for t in span if not (exclude and exclude[0] <= t.idx < exclude[1])])


def bag_of(tokens: list[Token]) -> WordBag:
    """:func:`lemma_bag` of any tokens of one doc (an entity counts if it starts among them)."""
    if not tokens:
        return EMPTY
    doc = tokens[0].doc
    ents = ent_at(doc)
    words_of: dict[int, tuple[Word, ...]] = doc.user_data.setdefault("summitledger.bag_words", {})
    kinds: dict[str, list] = {k: [] for k in KINDS}
    skip_to = -1
    for t in tokens:
        if t.i < skip_to:
            continue
        ent = ents.get(t.i)
        if ent is not None and ent.label_ in ("DATE", "TIME") and date_keys(ent.text):
            kinds["dates"].extend(DatePart(*k.split("=", 1)) for k in date_keys(ent.text))
            skip_to = ent.end  # a date is compared as a date, not as words
            continue
        if ent is not None and ent.label_ not in _AMOUNTS:
            kinds["entities"].extend(_entity_word(ent))
            skip_to = ent.end
            continue
        cached = words_of.get(t.i)
        if cached is None:
            cached = words_of[t.i] = _token_word(t)
        for kind, word in cached:
            kinds[kind].append(word)
    return WordBag(**{k: tuple(v) for k, v in kinds.items() if v})


def _entity_word(ent: Span) -> tuple[str, ...]:
    name = [x.text for x in ent if not x.is_punct and x.lower_ not in HONORIFICS
            and x.text not in ("'s", "’s") and x.lower_ != "the"]
    if not name:
        return ()
    return (normalise_places(" ".join(name)).lower().replace(" ", "_"),)


def _token_word(t: Token) -> tuple[Word, ...]:
    """What one token (outside an entity) adds to a bag: a number, a lemma or nothing."""
    num = number_of(t.text) if (t.like_num or t.lower_.split("-")[0] in NUMBER_WORDS) else None
    if num is not None:  # its value as number_of writes it (six significant digits)
        return (("numbers", Number(float(num), number_unit(t))),)
    content_verb = t.pos_ == "VERB" and t.lemma_.lower() not in LIGHT_VERBS
    if (t.is_stop and not content_verb) or t.is_punct or t.is_space \
            or t.lower_ in HONORIFICS or not t.is_alpha:
        return ()
    kind = _POS_KIND.get(t.pos_)
    return ((kind, t.lemma_.lower()),) if kind else ()


def question_topic(article: Article, sent: Span, skip: set[int]) -> WordBag:
    """What a question in the sentence was about ('asked whether X', 'questioned Putin
    about X'): the topic a reply such as "That's exactly why we came" answers."""
    for i in sorted(q for q in article.questions if sent.start <= q < sent.end):
        t = article.doc[i]
        if t.i not in skip and t.pos_ == "VERB":
            parts = [c for c in t.children
                     if c.dep_ in ("ccomp", "xcomp", "advcl") or (c.dep_ == "prep" and c.lower_ in ("about", "on", "over"))]
            bags = []
            for c in parts:
                drop = {x.i for p in c.subtree if p.dep_ == "prep" and p.lower_ in CIRCUMSTANCE
                        for x in p.subtree}
                bags.append(bag_of([x for x in c.subtree if x.i not in drop]))
            return WordBag.joined(bags)
    return EMPTY
