"""Claim frames: what a claim's content asserts, slot by slot, read off the parse.

A frame holds the predicate (the cue and its family), the content's main verb, the
head nouns of its theme, recipients, places, numbers (:mod:`figures`: what they count,
how exact they are, the quantity of the event they give), times, polarity scoped to the proposition ("no deal was struck",
"nobody", "never", a denial) and modality. Reconcile compares frames slot by slot.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from summitledger.extract.dates import date_keys
from summitledger.extract.figures import figures
from summitledger.models import ClaimFrame
from summitledger.nlp.doc import ent_at
from summitledger.nlp.names import normalise_places
from summitledger.nlp.words import MODALITY, NEGATIVE_SUBJECTS

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
        if c.dep_ == "aux" and c.lower_ in MODALITY:
            return MODALITY[c.lower_]
    return ""


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
        numbers=figures(span), times=sorted(set(times)), polarity=polarity,
        negates=negated or "", modality=modality(root))
