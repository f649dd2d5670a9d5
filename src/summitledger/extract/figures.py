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

from spacy.tokens import Doc, Span, Token

from summitledger.extract.evidence import ADJ_FORMS, PART_PRONOUNS, evidence, when_phrase
from summitledger.extract.numbers import (
    FRACTIONS,
    SCALES,
    hyphened,
    no_figure,
    no_number,
    number_run,
    number_unit,
    number_value,
    numeric,
    qualifier,
)
from summitledger.models import FrameNumber
from summitledger.nlp.quantities import PERCENT, Evidence, is_anaphoric, quantity, table

UPDATE_MARKS = {"now", "latest", "revised", "updated", "new"}  # 'has now', 'the latest toll'
#: how many sentences back a figure that names no quantity looks for the one it gives
#: ("The union put the figure at 200" after "148 passengers and six crew")
EARLIER_SENTENCES = 2


def _number(doc: Doc, a: int, b: int,
            sent_found: list) -> tuple[FrameNumber, Evidence, Token] | None:
    value = number_value([doc[k].lower_ for k in range(a, b)])
    if value is None:
        return None
    op, qstart = qualifier(doc, a)
    ev, anchor, verb, words, of, unit_end = evidence((a, b), doc, value)
    if ev.unit and ev.unit != PERCENT and anchor.i < a:
        qstart = min(qstart, anchor.i)
    if b - a == 1 and doc[a].lower_ in FRACTIONS and of and not ev.unit:
        value *= 100  # 'fewer than half of the schools': a share
        ev = Evidence(**{**ev.__dict__, "unit": PERCENT, "value": value})
    name = quantity(ev)
    if name.startswith(("payment ", "sum of money")) and not ev.unit and anchor.head.i == b:
        unit_end = b + 1  # '500,000 solens': a unit no list knows is the noun it counts
        ev = Evidence(**{**ev.__dict__, "unit": anchor.head.lower_})
    if of in PART_PRONOUNS or of in ADJ_FORMS:
        # a part of a count ('four of them seriously', 'two of the injured were in
        # critical condition') is a quantity of its own only when it says how it differs
        whole = (sent_found[-1][1] if of in PART_PRONOUNS and sent_found else
                 Evidence(thing=of, words=frozenset({of})))
        part = Evidence(thing=whole.thing, words=whole.words | words, unit=ev.unit,
                        verb=ev.verb, value=value)
        name = quantity(part)
        if name == quantity(whole):
            name = ""
    if _superseded_or_part(anchor, verb):
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
                     when=when_phrase(verb), update=update, start=start, end=end)
    return fn, ev, anchor


def _superseded_or_part(anchor: Token, verb: Token | None) -> bool:
    """'risen from 1,037 to 2,012': 1,037 is the old value, not a report of it; '... and
    452 in Taroudant': a bare number for one place in a list is a part of a count."""
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "from" and verb is not None and \
            verb.lemma_.lower() in table().update_words:
        return True
    return anchor.dep_ == "conj" and anchor.head.pos_ in ("VERB", "NUM") and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(p.pos_ == "PROPN" for p in c.subtree)
        for c in anchor.children)


def _scan(doc: Doc, lo: int, hi: int, resolve: bool,
          found_plain: list[FrameNumber] | None = None) -> list[tuple[FrameNumber, Evidence, Token]]:
    """The figures between ``lo`` and ``hi``; numbers that are no figure (a duration, an
    age) go to ``found_plain``."""
    found: list[tuple[FrameNumber, Evidence, Token]] = []
    if found_plain is None:
        found_plain = []
    i = lo
    while i < hi:
        t = doc[i]
        if not numeric(t) or t.lower_ in SCALES and t.lower_ != "dozen":
            i += 1
            continue
        a, b = number_run(doc, i)
        if no_number(t):
            i = b
            continue
        if no_figure(doc, t, a, b):  # kept for comparing claims ('two-hour' talks)
            value = number_value([doc[k].lower_ for k in range(a, b)])
            if value is not None:
                unit = doc[b + 1].lemma_.lower() if hyphened(doc, b) else number_unit(doc[b - 1])
                found_plain.append(FrameNumber(value=value, counts=unit,
                                               op=qualifier(doc, a)[0]))  # type: ignore[arg-type]
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


def _earlier(doc: Doc, at: int) -> str:
    """The quantity the last figure of the sentences before ``at`` gave."""
    sent = doc[at].sent
    for _ in range(EARLIER_SENTENCES):
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
    if k + 3 < end and doc[k].text == "," and numeric(doc[k + 1]) and \
            doc[k + 2].lower_ == "of" and doc[k + 3].lower_ in PART_PRONOUNS:
        k += 4
        while k < end and doc[k].pos_ in ("ADV", "ADJ"):
            k += 1
    return k


def figures(span: Span) -> list[FrameNumber]:
    """Every number of a claim's content, as :class:`FrameNumber`; conjoined counts of
    one quantity ('148 passengers and six crew') make one value; numbers that are no
    figure of the event (durations, ages) come last, for comparing claims."""
    plain: list[FrameNumber] = []
    found = _scan(span.doc, span.start, _trailing(span), True, plain)
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
    return out + plain
