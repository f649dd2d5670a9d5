"""Claim frames: what a claim's content asserts, slot by slot, read off the parse.

A frame holds the predicate (the cue and its family), the content's main verb, the
head nouns of its theme, recipients, places, numbers with what they count and how
exact they are, times, polarity scoped to the proposition ("no deal was struck",
"nobody", "never", a denial) and modality. Reconcile compares frames slot by slot.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from summitledger.extract.base import NUMBER_WORDS, date_keys, number_unit
from summitledger.models import ClaimFrame, FrameNumber
from summitledger.nlp.doc import ent_at
from summitledger.nlp.names import normalise_places

NEGATORS = {"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor",
            "noone", "nowhere"}
NEGATIVE_SUBJECTS = {"nobody", "nothing", "none", "noone", "neither"}
MODALS = {"will": "will", "would": "will", "shall": "will", "'ll": "will", "could": "may",
          "can": "may", "may": "may", "might": "may", "must": "must", "should": "must"}
ABOUT = {"about", "around", "some", "roughly", "approximately", "nearly", "almost",
         "circa", "estimated", "up"}
MORE = {"more", "over", "above", "least", "exceeding"}
LESS = {"fewer", "less", "under", "below", "most"}
PLACES = {"GPE", "LOC", "FAC"}
ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "oprd", "appos", "conj", "ROOT",
             "ccomp", "xcomp", "npadvmod", "dative", "agent"}


def negation(root: Token) -> str | None:
    """What negates the proposition headed by ``root``, if anything: the verb's lemma
    for a 'not'/'never' on it or a negative pronoun ("nobody would lose", "nothing
    changed"), the noun's lemma for a subject or object determined by 'no' ("no talks
    were planned": talk). None when the proposition is affirmed."""
    verb = root.lemma_.lower()
    if any(c.dep_ == "neg" for c in root.children):
        return verb
    for c in root.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "expl", "attr"):
            if c.lower_ in NEGATIVE_SUBJECTS:
                return verb
            if any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
                return c.lemma_.lower()
        if c.dep_ in ("aux", "auxpass") and any(d.dep_ == "neg" for d in c.children):
            return verb
    return None



def modality(root: Token) -> str:
    for c in root.children:
        if c.dep_ == "aux" and c.lower_ in MODALS:
            return MODALS[c.lower_]
    return ""


def _value(tok: Token) -> float | None:
    text = tok.lower_.split("-")[0].replace(",", "")
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _op(tok: Token) -> str:
    near = {c.lower_ for c in tok.children if c.dep_ in ("quantmod", "advmod", "amod", "nmod")}
    if tok.i > 0:
        near.add(tok.doc[tok.i - 1].lower_)
        if tok.i > 1:
            near.add(tok.doc[tok.i - 2].lower_)
    if near & MORE:
        return ">"
    if near & LESS:
        return "<"
    if near & ABOUT:
        return "~"
    return "="


def _calendar(tok: Token) -> bool:
    """Is the token part of a calendar date ('13 September', '2023'), not a duration?"""
    if tok.ent_type_ not in ("DATE", "TIME"):
        return False
    i = tok.i
    while i > 0 and tok.doc[i].ent_iob_ == "I":
        i -= 1
    ent = ent_at(tok.doc).get(i)
    return ent is not None and bool(date_keys(ent.text))


def numbers(span: Span) -> list[FrameNumber]:
    """Numbers of a span with their multiplier ('3 million'), what they count, and
    their qualifier ('more than 100,000' is '>')."""
    out: list[FrameNumber] = []
    toks = list(span)
    skip: set[int] = set()
    for t in toks:
        if t.i in skip or t.ent_type_ == "ORDINAL" or _calendar(t):
            continue
        if not (t.like_num or t.lower_.split("-")[0] in NUMBER_WORDS) or t.lower_ == "one":
            continue
        value = _value(t)
        if value is None:
            continue
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if nxt is not None and nxt.lower_ in ("thousand", "million", "billion", "hundred"):
            value *= NUMBER_WORDS[nxt.lower_]
            skip.add(nxt.i)
            counted = number_unit(nxt)
        else:
            counted = number_unit(t)
        if nxt is not None and nxt.lower_ in ("per", "percent", "%"):
            counted = "percent"
        out.append(FrameNumber(value=value, counts=counted, op=_op(t)))  # type: ignore[arg-type]
    return out


def build_frame(span: Span | None, cue: str, family: str, negative_cue: bool) -> ClaimFrame:
    """The frame of a claim whose content is ``span`` (None: a cue with no content)."""
    if span is None or not len(span):
        return ClaimFrame(predicate=cue, family=family, polarity=-1 if negative_cue else 1)
    root = span.root
    theme: list[str] = []
    recipients: list[str] = []
    places: list[str] = []
    times: list[str] = []
    seen_ents: set[int] = set()
    for t in span:
        if t.ent_type_ and t.ent_iob_ == "B":
            ent = ent_at(t.doc).get(t.i)
            if ent is not None and ent.start not in seen_ents:
                seen_ents.add(ent.start)
                if ent.label_ in PLACES:
                    places.append(normalise_places(ent.text).lower())
                elif ent.label_ in ("DATE", "TIME"):
                    times.extend(date_keys(ent.text))
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ARGUMENTS and t.ent_type_ not in PLACES:
            lemma = t.lemma_.lower()
            if t.head.dep_ == "prep" and t.head.lower_ in ("to", "with") and \
                    t.head.head.pos_ == "VERB" and (t.ent_type_ in ("PERSON", "ORG", "NORP")):
                recipients.append(lemma)
            elif lemma not in theme and t.ent_type_ not in ("DATE", "TIME", "PERCENT") \
                    and lemma not in ("cent", "percent"):
                theme.append(lemma)
    negated = negation(root)
    polarity = -1 if negated is not None else 1
    if negative_cue:
        polarity = -polarity
    return ClaimFrame(
        predicate=cue, family=family,
        verb=root.lemma_.lower() if root.pos_ in ("VERB", "AUX") else "",
        theme=theme, recipients=recipients, places=sorted(set(places)),
        numbers=numbers(span), times=sorted(set(times)), polarity=polarity,
        negates=negated or "", modality=modality(root))
