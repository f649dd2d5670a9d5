"""Number phrases in a parse: where one starts and ends ('2,012', 'half a million',
'twenty - one'), its value, the qualifier before it ('at least', 'up to', 'about'), its
unit ('per cent', a currency) and what is no figure at all (a date, a year, an age,
'five-hour') and what a number counts. Used by :mod:`figures` and the word bag.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from summitledger.extract.dates import date_keys
from summitledger.nlp.doc import ent_at
from summitledger.nlp.quantities import PERCENT, table

UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "zero": 0}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "m": 1e6, "bn": 1e9, "k": 1000}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "two-thirds": 2 / 3,
             "three-quarters": 0.75}
# words before a number that qualify it, longest first: op for comparing values
QUALIFIERS = [(("in", "excess", "of"), ">"), (("as", "many", "as"), "<"), (("upwards", "of"), ">"),
              (("at", "least"), ">"), (("more", "than"), ">"), (("well", "over"), ">"),
              (("just", "over"), ">"), (("up", "to"), "<"), (("fewer", "than"), "<"),
              (("less", "than"), "<"), (("at", "most"), "<"), (("just", "under"), "<"),
              (("close", "to"), "~"), (("an", "estimated"), "~"), (("over",), ">"),
              (("above",), ">"), (("under",), "<"), (("below",), "<"), (("nearly",), "~"),
              (("almost",), "~"), (("about",), "~"), (("around",), "~"), (("some",), "~"),
              (("roughly",), "~"), (("approximately",), "~"), (("estimated",), "~"),
              (("circa",), "~")]
PERCENT_WORDS = {"percent", "%", "pc"}
SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}
HYPHEN_KEEPS = {"strong", "magnitude"}  # 'a 3,000-strong crowd', 'a 7.8-magnitude quake'
#: a four-digit number in these years is a year, no figure of the event
YEARS = range(1800, 2101)


def numeric(t: Token) -> bool:
    low = t.lower_
    return (t.like_num and not t.is_punct) or low in UNITS or low in FRACTIONS or low in SCALES


def number_run(doc: Doc, i: int) -> tuple[int, int]:
    """[i, j) of the number phrase starting at token i: '2,012', 'half a million',
    'twenty - one', 'two hundred and fifty', '1.2 million'."""
    j = i + 1
    while j < len(doc):
        t = doc[j]
        low = t.lower_
        if low in SCALES and low not in ("m", "k") or (t.like_num and low not in FRACTIONS):
            j += 1
        elif low in ("-", "a", "and") and j + 1 < len(doc) and (
                doc[j + 1].lower_ in UNITS or doc[j + 1].lower_ in SCALES
                or low == "and" and doc[j - 1].lower_ == "hundred" and doc[j + 1].like_num):
            j += 2 if low != "a" else 1
        else:
            break
    return i, j


def number_value(words: list[str]) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for w in words:
        w = w.replace(",", "")
        if w in ("-", "and", "a"):
            continue
        if w in FRACTIONS:
            current += FRACTIONS[w]
        elif w in UNITS:
            current += UNITS[w]
        elif w in SCALES:
            current = (current or 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0.0
        else:
            try:
                current += float(w)
            except ValueError:
                return None
        seen = True
    return total + current if seen else None


def qualifier(doc: Doc, start: int) -> tuple[str, int]:
    """The qualifier's op and first token, looking back from ``start``."""
    for words, op in QUALIFIERS:
        n = len(words)
        if start - n >= 0 and tuple(doc[k].lower_ for k in range(start - n, start)) == words:
            return op, start - n
    return "=", start


def anchor(doc: Doc, i: int, j: int) -> tuple[Token, str, int]:
    """The token that carries the number's role, its unit, and the end of the unit."""
    last = doc[j - 1]
    if j < len(doc) and doc[j].lower_ in PERCENT_WORDS:
        return doc[j], PERCENT, j + 1
    if j + 1 < len(doc) and doc[j].lower_ == "per" and doc[j + 1].lower_ == "cent":
        return doc[j + 1], PERCENT, j + 2
    currencies = table().currencies
    if i > 0 and doc[i - 1].lower_ in currencies:
        sym = doc[i - 1]
        return (sym if last.head.i == sym.i else last), sym.lower_, j  # whichever heads
    if j < len(doc) and doc[j].lemma_.lower() in currencies:
        return last, doc[j].lemma_.lower(), j + 1
    return last, "", j


def no_number(t: Token) -> bool:
    """Not a number to compare at all: an ordinal, 'one' as a pronoun, part of a
    calendar date ('13 September', '2023')."""
    if t.ent_type_ == "ORDINAL" or t.lower_ == "one" and t.dep_ != "nummod":
        return True
    if t.ent_type_ not in ("DATE", "TIME"):
        return False
    i = t.i
    while i > 0 and t.doc[i].ent_iob_ == "I":
        i -= 1
    ent = ent_at(t.doc).get(i)
    return ent is not None and bool(date_keys(ent.text))


def no_figure(doc: Doc, t: Token, a: int, b: int) -> bool:
    """A number, but no figure of the event: a duration or other time ('three weeks'),
    a year, a compound modifier ('nine-year-old', 'five-hour'), the whole a share is of
    ('half of the 6,400 schools')."""
    if t.ent_type_ in SKIP_ENTS:
        return True
    if b - a == 1 and t.text.isdigit() and len(t.text) == 4 and int(t.text) in YEARS:
        return True
    if hyphened(doc, b):
        return True
    head = doc[b - 1].head
    return head.dep_ == "pobj" and head.head.lower_ == "of" and (
        numeric(head.head.head) or head.head.head.lower_ in PERCENT_WORDS | {"cent"})


def hyphened(doc: Doc, b: int) -> bool:
    """Is the number phrase ending before ``b`` a compound modifier ('five-hour')?"""
    return b + 1 < len(doc) and doc[b].text == "-" and doc[b + 1].lower_ not in HYPHEN_KEEPS


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
