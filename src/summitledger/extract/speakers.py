"""Who speaks: the speaker of a cue, and whether a phrase can speak at all.

The speaker is the cue's subject, climbing from participles and conjuncts, or where the
parser did not make it the subject (an inverted object, an apposition of the host's
subject, the noun a cue hangs on as a reduced relative). It is an open class, decided
by parse, NER and nouns.

A phrase can speak when its head is a name (a proper noun, or a PERSON, ORG, NORP, GPE
or FAC entity), a personal pronoun, or a noun whose common senses denote a person, a
group or body, or a document that speaks for its author. The nouns come from WordNet
(``data/speaker_nouns.json``, built by ``scripts/build_speaker_nouns.py``) plus the cue
lexicon's own ``speaker_nouns``; British spellings are tried as American ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.nlp.doc import child_span
from summitledger.nlp.nouns import is_document, noun_kind
from summitledger.nlp.words import (
    CLOSERS,
    FIRST_PERSON,
    HEDGE_SUBJECTS,
    PASSIVE_SPEAKER,
    PERSONAL,
    QUANTIFIERS,
    RELATIVE,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

AGENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
#: how many heads a cue climbs (participle, conjunct, clause) to find its subject
CLIMB = 4
NOMINAL = ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PRON")  # what a noun phrase is made of
FINITE = ("VBD", "VBZ", "VBP", "MD")  # tags of a finite verb


def can_speak(span: Span, quoted: bool, extra: frozenset[str] = frozenset(),
              root: Token | None = None) -> bool:
    """Can this phrase speak? People, bodies, places, documents and role nouns can;
    'this' and 'what' cannot; 'I' and 'we' only inside a quotation (``quoted``).
    ``root``: the phrase's head where the parse has none for it (see :func:`surface_head`)."""
    from summitledger.nlp.doc import ents_in

    root = span.root if root is None else root
    low = root.lower_
    if low in HEDGE_SUBJECTS:
        return False
    if low in FIRST_PERSON:
        return quoted
    if root.pos_ == "PRON" or low in QUANTIFIERS:
        if low in PERSONAL or low == "it":
            return True
        if low in QUANTIFIERS:  # "some said", "one of the organisers said"
            return _head_of_of(root, extra) or not any(c.dep_ == "prep" for c in root.children)
        return False
    if root.pos_ == "PROPN" or root.ent_type_ in AGENT_LABELS:
        return True
    if any(e.label_ in AGENT_LABELS and e.root == root for e in ents_in(span)):
        return True
    if root.pos_ not in ("NOUN", "PROPN", "X"):
        return False
    if noun_kind(root.lemma_, extra) or noun_kind(root.lower_, extra) or is_document(root):
        return True
    return any(noun_kind(t.lemma_, extra) in ("person", "body")
               for t in root.children if t.dep_ == "compound")


def _head_of_of(root: Token, extra: frozenset[str]) -> bool:
    """'some of the residents', 'one of the organisers': the group after 'of' speaks."""
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj" and (o.pos_ == "PROPN" or noun_kind(o.lemma_, extra)):
                    return True
    return False


def find_speaker(cue: Token) -> Token | None:
    """The subject that says it, climbing from participles and conjuncts; None if hedged."""
    t = cue
    for _ in range(CLIMB):
        kids = list(t.children)
        subj = next((c for c in kids if c.dep_ == "nsubj"), None)
        if t is cue:  # of two subjects the nearer speaks: '"Everyone who ...," the
            # governor told reporters', 'The inspection, the minister said, had been'
            subj = next((c for c in reversed(kids) if c.dep_ == "nsubj" and c.i < t.i), subj)
        quoted = next((c for c in kids if c.dep_ == "dobj"), None)
        if t.lemma_.lower() in PASSIVE_SPEAKER and quoted is not None:
            return quoted  # "the agency quoted Putin as saying": Putin speaks
        if subj is not None:
            if subj.lower_ in RELATIVE and t.dep_ == "relcl":
                return t.head
            return _apposed(cue, subj) if t is cue else subj
        passive = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        if passive is not None and t.lemma_.lower() in PASSIVE_SPEAKER:
            return passive  # "Kim was quoted (by KCNA) as saying": Kim speaks
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if passive is not None:
            return None  # "is thought to", "is said to": narration, no speaker
        if t is cue:
            misparsed = _misparsed_speaker(cue)
            if misparsed is not None:
                return misparsed
        if t.dep_ in ("advcl", "conj", "xcomp") and t.head != t:
            t = t.head
            continue
        if t.dep_ == "relcl" and t.head != t:
            return t.head
        return None
    return None


def _apposed(cue: Token, subj: Token) -> Token:
    """'The clinic, Professor Amara Nwosu said, would open': the parser made the host's
    subject the cue's and the speaker its apposition, ending just before the cue, while
    the host verb has no subject of its own."""
    subjects = ("nsubj", "nsubjpass", "expl")
    hosted = cue.dep_ in ("parataxis", "ccomp") and cue.head.i > cue.i and not any(
        c.dep_ in subjects for c in cue.head.children)
    bare = any(c.dep_ == "ccomp" and c.i > cue.i and not any(  # "The museum, the head
        g.dep_ in subjects for g in c.children) for c in cue.children) and not any(  # of X
        c.dep_ in ("dobj", "dative") for c in cue.children) and cue.doc[cue.i - 1].text != ","
    if not (hosted or bare):
        return subj
    doc = cue.doc
    end = cue.i - 1 if doc[cue.i - 1].text != "," else cue.i - 2
    for c in subj.children:  # "Divers, Halvard Rail said": a conjunct with no 'and'
        if c.dep_ not in ("appos", "conj") or any(g.dep_ == "cc" for g in subj.children):
            continue
        last = max(t.i for t in c.subtree if not t.is_punct)
        if last == end and doc[c.left_edge.i - 1].text == ",":
            return c
    return subj


def _misparsed_speaker(cue: Token) -> Token | None:
    """A speaker the parser did not make the cue's subject.

    Inverted after what it reports ('"...," added the police', '..., added a senior
    official'): an object after the cue. A noun the cue hangs on as a reduced relative
    while nothing else is the sentence's verb ('A senior official added at a news
    conference that ...')."""
    kids = list(cue.children)
    before = any(c.dep_ in ("ccomp", "parataxis") and c.i < cue.i for c in kids)
    if cue.dep_ == "conj" and cue.i > 0 and cue.doc[cue.i - 1].text == "," and not any(
            c.dep_ == "cc" and cue.head.i < c.i < cue.i for c in cue.head.children):
        before = True  # '..., added Governor Elena Vasquez': no 'and' joins it to a verb
    if before:
        obj = next((c for c in kids if c.dep_ in ("dobj", "attr", "npadvmod") and c.i > cue.i
                    and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is not None:
            return obj
    head = cue.head
    if (cue.dep_ == "acl" and head.dep_ == "ROOT" and head.i < cue.i
            and head.pos_ in ("NOUN", "PROPN") and cue.tag_ in ("VBD", "VBN")):
        return head
    return None


def surface_subject(cue: Token) -> Span | None:
    """'..., a passer-by confirmed.': the noun phrase right before a cue the parser gave
    no subject, from the sentence's start or a comma, read off the surface."""
    doc = cue.doc
    start = cue.sent.start
    end = cue.i - 1 if doc[cue.i - 1].text == "," else cue.i  # an apposition's closing comma
    j = end - 1
    while j >= start and doc[j].text != ",":
        t = doc[j]
        if t.tag_ in FINITE or t.pos_ not in (*NOMINAL, "PART", "ADP", "PUNCT"):
            return None
        j -= 1
    if j + 1 >= end or doc[j + 1].pos_ not in NOMINAL:
        return None
    x = surface_head(doc[j + 1 : end])
    if x.dep_ != "appos":
        return doc[j + 1 : end] if end == cue.i else None
    # "..., Fatima Haddad, 39, a nurse at the clinic, said": the name the appositions
    # describe, the first of a chain that opens the sentence or follows a comma
    while x.dep_ == "appos" and x.head.i < x.i and (
            first_word(x.head) == start or comma_before(doc, first_word(x.head)) is not None):
        x = x.head
    return child_span(x)


def surface_head(span: Span) -> Token:
    """The head of a noun phrase read off the surface: its last word before a
    preposition ('a report' of 'a report by the audit office')."""
    end = next((t.i for t in span if t.pos_ == "ADP" and t.i > span.start), span.end)
    return span.doc[end - 1]


def first_word(tok: Token) -> int:
    """Where the phrase ``tok`` heads starts, past punctuation the parser hung on it."""
    return min((t.i for t in tok.subtree if not t.is_punct), default=tok.i)


def comma_before(doc, i: int) -> int | None:  # type: ignore[no-untyped-def]
    """The comma that opens a frame starting at token ``i``, past a closing quotation
    mark ('"...," added volunteers')."""
    j = i - 1
    while j > 0 and doc[j].text in CLOSERS:
        j -= 1
    return j if j >= 0 and doc[j].text == "," else None
