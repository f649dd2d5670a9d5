"""Figures in a claim, read off the parse: each number with its value (words and digits,
'half a million'), qualifier ('at least', 'about', 'up to'), unit, the value as
written, what it counts (the words around it, named as a quantity of the event by
:mod:`summitledger.nlp.quantities`), the text's own time for it ('on Monday evening')
and whether the text says it moved ('rose to', 'now').

"The IWWU put the figure at more than 200" names no quantity: the figure is the one an
earlier sentence gave ("148 passengers and six crew on board"). "12 people were injured,
four of them seriously" gives two quantities; "148 passengers and six crew" one value.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from summitledger.extract.base import number_unit
from summitledger.models import FrameNumber
from summitledger.nlp.quantities import PERCENT, Evidence, is_anaphoric, quantity, table

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
CLAUSE_EDGES = {"advcl", "relcl", "ccomp", "csubj", "parataxis", "mark", "cc", "punct"}
OWNER_PREPS = {"at", "to", "of", "by"}  # 'put the toll at 14', 'rose to 21', 'a toll of 9'
PART_PRONOUNS = {"they", "them", "those", "whom", "these"}
RECEIVE = {"receive", "get", "win", "collect"}  # the subject is whom the money goes to
UPDATE_MARKS = {"now", "latest", "revised", "updated", "new"}  # 'has now', 'the latest toll'
HYPHEN_KEEPS = {"strong", "magnitude"}  # 'a 3,000-strong crowd', 'a 7.8-magnitude quake'
SCALE_NAMES = {"magnitude"}  # a word right before or after a number that says what it is
TIME_PREPS = {"on", "by", "as", "at", "until", "in", "since"}


def _numeric(t: Token) -> bool:
    low = t.lower_
    return (t.like_num and not t.is_punct) or low in UNITS or low in FRACTIONS or low in SCALES


def _run(doc, i: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
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


def _value(words: list[str]) -> float | None:
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


def _qualifier(doc, start: int) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """The qualifier's op and first token, looking back from ``start``."""
    for words, op in QUALIFIERS:
        n = len(words)
        if start - n >= 0 and tuple(doc[k].lower_ for k in range(start - n, start)) == words:
            return op, start - n
    return "=", start


def _words(tok: Token, into: set[str], depth: int = 0, skip: frozenset[int] = frozenset()) -> None:
    """Lemmas of a phrase, clauses it governs left out (never the words of 'when the
    ferry capsized' for the number before it)."""
    if tok.i in skip or depth > 6:
        return
    into.add(tok.lemma_.lower())
    if tok.lower_ in ("injured", "wounded", "dead", "missing"):
        into.add(tok.lower_)
    for c in tok.children:
        if c.dep_ in ("advcl", "ccomp", "parataxis", "punct", "cc"):
            continue
        if c.dep_ == "prep" and any(p.dep_ == "pobj" for p in c.children):
            pobj = next(p for p in c.children if p.dep_ == "pobj")
            into.add(f"{c.lower_} {pobj.lemma_.lower()}")
        _words(c, into, depth + 1, skip)


def _predicate(start: Token) -> tuple[Token | None, Token]:
    """The verb (or copula) whose clause holds the number, and the token on the path
    just below it."""
    node = start
    while node.head.i != node.i and node.dep_ not in CLAUSE_EDGES:
        below, node = node, node.head
        if node.pos_ in ("VERB", "AUX"):
            if node.dep_ in ("aux", "auxpass") and node.head.pos_ in ("VERB", "ADJ"):
                return node.head, below
            return node, below
    return (node, start) if node.pos_ in ("VERB", "AUX") and node is not start else (None, start)


def _clause_words(verb: Token, below: Token, skip: frozenset[int], into: set[str]) -> Token | None:
    """The predicate's words (lemma, particle, complements, objects, prepositional
    phrases, adverbs); returns the figure's owner ('the toll' that 'rose to 27')."""
    lemma = verb.lemma_.lower()
    into.add(lemma)
    owner = None
    for c in verb.children:
        if c.i in skip or c.dep_ in CLAUSE_EDGES or c.dep_ in ("aux", "auxpass", "conj"):
            continue
        if c.dep_ == "prt":
            into.add(f"{lemma} {c.lower_}")
        if c.dep_ == "dobj":
            into.add(f"{lemma} {c.lemma_.lower()}")
        if c.dep_ in ("nsubj", "nsubjpass") and c is not below:
            if below.dep_ in ("prep", "dobj", "attr", "npadvmod") or below.dep_ == "pobj":
                owner = owner or c
            if lemma in RECEIVE:
                _words(c, into, 1, skip)  # 'families of the dead would receive ...'
            continue  # who did it is not what is counted
        if c.dep_ == "dobj" and c is not below and below.dep_ == "prep":
            owner = c  # 'put the toll at 14': the object is what the figure is of
        if c is below:
            continue
        _words(c, into, 1, skip)
    return owner


def _anchor(doc, i: int, j: int) -> tuple[Token, str, int]:  # type: ignore[no-untyped-def]
    """The token that carries the number's role, its unit, and the end of the unit."""
    last = doc[j - 1]
    if j < len(doc) and doc[j].lower_ in PERCENT_WORDS:
        return doc[j], PERCENT, j + 1
    if j + 1 < len(doc) and doc[j].lower_ == "per" and doc[j + 1].lower_ == "cent":
        return doc[j + 1], PERCENT, j + 2
    currencies = table().currencies
    if i > 0 and doc[i - 1].lower_ in currencies:
        sym = doc[i - 1]
        return (sym if last.head.i == sym.i or last.i == sym.head.i else last), sym.lower_, j
    if j < len(doc) and doc[j].lemma_.lower() in currencies:
        return last, doc[j].lemma_.lower(), j + 1
    return last, "", j


def _evidence(tok_range: tuple[int, int], doc, value: float) -> tuple[Evidence, Token, Token | None, set[str], str, int]:  # type: ignore[no-untyped-def]
    i, j = tok_range
    anchor, unit, unit_end = _anchor(doc, i, j)
    skip = frozenset(range(i, unit_end))
    words: set[str] = {doc[k].lower_ for k in (i - 1, j + 1) if 0 <= k < len(doc)
                       and doc[k].lower_ in SCALE_NAMES and (k < i or doc[j].text == "-")}
    noun = anchor.head if anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") \
        and anchor.head.pos_ in ("NOUN", "PROPN", "ADJ") and anchor.head.i != anchor.i else None
    if noun is not None and noun.pos_ == "PROPN":
        noun = None  # 'Lake Oskova 2' is a name, not a count
    thing = noun.lemma_.lower() if noun is not None else ""
    if noun is not None and noun.lower_ in ("injured", "dead", "missing", "wounded"):
        thing = noun.lower_
    of = ""
    for holder in (anchor, noun):
        for c in holder.children if holder is not None else ():
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    of = pobj.lower_ if pobj.lower_ in PART_PRONOUNS else pobj.lemma_.lower()
                    if pobj.lower_ in ("injured", "dead", "missing", "wounded"):
                        of = pobj.lower_
                    _words(pobj, words, 1, skip)
            elif c.dep_ in ("advmod", "amod", "compound", "acl", "relcl", "prep", "appos") \
                    and c.i not in skip and holder is noun or c.dep_ == "advmod":
                _words(c, words, 1, skip)
    # conjoined counts share the predicate's phrases ('148 passengers and six crew on board')
    base = noun if noun is not None else anchor
    for c in (base.head.children if base.dep_ == "conj" else ()):
        if c.dep_ == "prep":
            _words(c, words, 1, skip)
    for c in base.children:
        if c.dep_ == "conj":
            for p in c.children:
                if p.dep_ == "prep":
                    _words(p, words, 1, skip)
    owner = None
    start = base
    if base.dep_ == "pobj" and base.head.lower_ == "of" and base.head.head.pos_ == "NOUN":
        owner = base.head.head  # 'a death toll of 27', 'a crowd of 3,000'
    verb, below = _predicate(start)
    if verb is not None:
        found = _clause_words(verb, below, skip, words)
        owner = owner or (found if noun is None or thing in table().anaphoric else None)
    if owner is not None:
        _words(owner, words, 0, skip)
    verb_lemma = verb.lemma_.lower() if verb is not None else ""
    ev = Evidence(thing=thing, words=frozenset(words), unit=unit, of=of if of not in
                  PART_PRONOUNS else "", verb=verb_lemma, value=value,
                  source=_source(verb) if thing in ("body", "corpse", "remains") else "")
    return ev, anchor, verb, words, of, unit_end


def _source(verb: Token | None) -> str:
    """'from the lower passenger deck' after a recovery verb: the place, as written."""
    for c in verb.children if verb is not None else ():
        if c.dep_ == "prep" and c.lower_ == "from":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                kept = [t for t in pobj.subtree if t.dep_ not in ("relcl", "punct")
                        and not any(a.dep_ == "relcl" for a in t.ancestors if a.i >= pobj.i)]
                return " ".join(t.lower_ for t in kept if t.lower_ not in ("the", "a", "an"))
    return ""


def _when(verb: Token | None) -> str:
    """The text's own time for the figure: a date or time phrase on its predicate."""
    for c in verb.children if verb is not None else ():
        if c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"):
            return " ".join(t.text for t in c.subtree)
        if c.dep_ == "prep" and c.lower_ in TIME_PREPS:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                return " ".join(t.text for t in c.subtree)
    return ""


def _skip(doc, t: Token, a: int, b: int) -> bool:  # type: ignore[no-untyped-def]
    """Not a figure: a date or time, an ordinal, a year, 'one' as a pronoun, a
    compound modifier ('nine-year-old', 'five-hour'), a whole that a share is of."""
    if t.ent_type_ in SKIP_ENTS or t.lower_ == "one" and t.dep_ != "nummod":
        return True
    if b - a == 1 and t.text.isdigit() and len(t.text) == 4 and 1800 <= int(t.text) <= 2100:
        return True
    if b < len(doc) and doc[b].text == "-" and b + 1 < len(doc) and \
            doc[b + 1].lower_ not in HYPHEN_KEEPS:
        return True
    head = doc[b - 1].head
    return head.dep_ == "pobj" and head.head.lower_ == "of" and (
        _numeric(head.head.head) or head.head.head.lower_ in PERCENT_WORDS | {"cent"})


def _number(doc, a: int, b: int, sent_found: list) -> tuple[FrameNumber, Evidence, Token] | None:  # type: ignore[no-untyped-def]
    value = _value([doc[k].lower_ for k in range(a, b)])
    if value is None:
        return None
    op, qstart = _qualifier(doc, a)
    ev, anchor, verb, words, of, unit_end = _evidence((a, b), doc, value)
    if ev.unit and ev.unit != PERCENT and anchor.i < a:
        qstart = min(qstart, anchor.i)
    if b - a == 1 and doc[a].lower_ in FRACTIONS and of and not ev.unit:
        value *= 100  # 'fewer than half of the schools': a share
        ev = Evidence(**{**ev.__dict__, "unit": PERCENT, "value": value})
    name = quantity(ev)
    if name.startswith(("payment ", "sum of money")) and not ev.unit and anchor.head.i == b:
        unit_end = b + 1  # '500,000 solens': a unit no list knows is the noun it counts
        ev = Evidence(**{**ev.__dict__, "unit": anchor.head.lower_})
    if of in PART_PRONOUNS or of in ("injured", "dead", "missing", "wounded"):
        # a part of a count ('four of them seriously', 'two of the injured were in
        # critical condition') is a quantity of its own only when it says how it differs
        whole = (sent_found[-1][1] if of in PART_PRONOUNS and sent_found else
                 Evidence(thing=of, words=frozenset({of})))
        part = Evidence(thing=whole.thing, words=whole.words | words, unit=ev.unit,
                        verb=ev.verb, value=value)
        name = quantity(part)
        if name == quantity(whole):
            name = ""
    if verb is not None and verb.lemma_.lower() in table().more_verbs and op == "=":
        op = ">"  # 'the toll passed 20'
    update = verb is not None and verb.lemma_.lower() in table().update_words or \
        bool(words & UPDATE_MARKS)
    text = doc[qstart:unit_end].text
    start, end = doc[qstart].idx, doc[unit_end - 1].idx + len(doc[unit_end - 1].text)
    counts = PERCENT if ev.unit == PERCENT else number_unit(anchor)
    fn = FrameNumber(value=value, counts=counts, op=op, quantity=name, text=text,  # type: ignore[arg-type]
                     unit=ev.unit,
                     when=_when(verb), update=update, start=start, end=end)
    return fn, ev, anchor


def _scan(doc, lo: int, hi: int, resolve: bool) -> list[tuple[FrameNumber, Evidence, Token]]:  # type: ignore[no-untyped-def]
    found: list[tuple[FrameNumber, Evidence, Token]] = []
    i = lo
    while i < hi:
        t = doc[i]
        if not _numeric(t) or t.lower_ in SCALES and t.lower_ != "dozen":
            i += 1
            continue
        a, b = _run(doc, i)
        if _skip(doc, t, a, b):
            i = b
            continue
        got = _number(doc, a, b, found)
        i = b
        if got is None:
            continue
        fn, ev, anchor = got
        if resolve and not fn.quantity and is_anaphoric(ev):
            fn.quantity = _earlier(doc, a)
        found.append(got)
    return found


def _earlier(doc, at: int) -> str:  # type: ignore[no-untyped-def]
    """The quantity the last figure of the two sentences before ``at`` gave."""
    sent = doc[at].sent
    for _ in range(2):
        if sent.start == 0:
            return ""
        sent = doc[sent.start - 1].sent
        named = [fn.quantity for fn, _, _ in _scan(doc, sent.start, sent.end, False) if fn.quantity]
        if named:
            return named[-1]
    return ""


def _trailing(span: Span) -> int:
    """The end of ', four of them seriously' right after the content, in its sentence."""
    doc, k = span.doc, span.end
    end = span.sent.end if len(span) else k
    if k + 3 < end and doc[k].text == "," and _numeric(doc[k + 1]) and \
            doc[k + 2].lower_ == "of" and doc[k + 3].lower_ in PART_PRONOUNS:
        k += 4
        while k < end and doc[k].pos_ in ("ADV", "ADJ"):
            k += 1
    return k


def figures(span: Span) -> list[FrameNumber]:
    """Every number of a claim's content, as :class:`FrameNumber`; conjoined counts of
    one quantity ('148 passengers and six crew') make one value."""
    found = _scan(span.doc, span.start, _trailing(span), True)
    out: list[FrameNumber] = []
    for n, (fn, _ev, anchor) in enumerate(found):
        prev = found[n - 1] if n else None
        if prev is not None and fn.quantity and prev[0].quantity == fn.quantity and \
                anchor.head.dep_ == "conj" and anchor.head.head.i == prev[2].head.i and \
                prev[1].thing != _ev.thing and out and out[-1] is prev[0]:
            merged = prev[0].model_copy(update={
                "value": prev[0].value + fn.value, "end": fn.end,
                "text": span.doc.text[prev[0].start:span.doc[anchor.head.i].idx
                                      + len(anchor.head.text)]})
            out[-1] = merged
            found[n] = (merged, prev[1], prev[2])
            continue
        out.append(fn)
    return out
