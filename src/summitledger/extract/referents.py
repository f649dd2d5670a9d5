"""What a noun phrase names or speaks for, read off its parse: the principal of an office,
a spokesperson or a document, a name after its descriptor, the core of a speaker phrase,
the place it names, a body's name, and whether NER's person is a business or its body a
person. Used by :mod:`mentions` (what an article names) and :mod:`actors` (who speaks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.nlp.doc import child_span, ent_at, ents_in
from summitledger.nlp.names import (
    PERSON_ROLES,
    POSSESSIVE,
    SPOKES,
    clean_name_text,
    normalise_places,
    place_table,
)
from summitledger.nlp.nouns import is_document, noun_kind

if TYPE_CHECKING:  # spaCy is not imported by the commands that only read the ledger
    from spacy.tokens import Span, Token


def described_as_person(ent: Span) -> bool:
    """A name NER took for a body that an apposition calls a person ("Oona Petrakis, an
    education economist"); a business noun WordNet ranks as a person does not ("Kestrel
    Civil Engineering, the contractor responsible for ...")."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and noun_kind(c.lemma_) == "person"
               and c.lemma_.lower() not in NAME_BUSINESS for c in ent.root.children)


#: Nouns that, describing a name in front of it or in apposition, say it is a business
#: ('operator Harbourline Trams', 'Kalrail, the state rail operator'), besides the nouns
#: the lexicon calls bodies; narrower than :data:`summitledger.nlp.roles.BUSINESS`, as
#: 'owner Jim Hale' and 'developer Ann Lee' are people.
NAME_BUSINESS = frozenset({"operator", "contractor", "carrier", "supplier", "manufacturer",
                      "insurer", "lender", "retailer", "provider", "airline", "railway",
                      "consultancy", "utility"})


def names_business(ent: Span) -> bool:
    """A name NER took for a person that a noun before it or in apposition calls a
    business or a body ('operator Harbourline Trams', 'Kalrail, the state rail operator')."""
    return any(c.pos_ == "NOUN" and (c.dep_ == "appos" or (c.dep_ == "compound" and c.i < ent.start))
               and (c.lemma_.lower() in NAME_BUSINESS or noun_kind(c.lemma_) == "body")
               for c in ent.root.children)


def phrase_core(span: Span) -> set[int]:
    """The tokens of a speaker phrase's core: the head with what comes before it, its
    first prepositional phrase that is not a time and the participles that say which
    ('the region bordering North Korea'); no further prepositional phrase, relative
    clause or apposition ('Organisers of a candlelit vigil [on the Lowmarsh waterfront
    on Wednesday night]')."""
    root, drop, kept = span.root, set(), False
    for c in root.children:
        if c.i < root.i or c.dep_ not in ("prep", "relcl", "appos", "advcl", "punct"):
            continue
        obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        timed = obj is not None and obj.ent_type_ in ("DATE", "TIME")
        if c.dep_ == "prep" and not kept and not timed and obj is not None:
            kept = True
            drop |= {t.i for g in obj.children if g.i > obj.i and g.dep_ in (
                "prep", "relcl", "appos", "punct") for t in g.subtree}
            continue
        drop |= {t.i for t in c.subtree}
    return {t.i for t in span if t.i not in drop}


def is_personal(tok: Token) -> bool:
    """Is this mention a person (a name, a spokeswoman), not a body's name?"""
    return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in SPOKES or (
        tok.pos_ == "NOUN" and tok.lemma_.lower() in PERSON_ROLES)


def named_after(root: Token) -> Span | None:
    """A name right after a common noun that describes it ("the consultancy Halden Roe
    Associates", "the state broadcaster Radio Tanland")."""
    if root.pos_ != "NOUN" or root.i + 1 >= len(root.doc):
        return None
    ent = ent_at(root.doc).get(root.i + 1)
    if ent is not None and ent.label_ in ("ORG", "PERSON", "NORP", "FAC"):
        return ent
    return None


def principal(span: Span) -> Span | None:
    """Whom a phrase speaks for: the office's holder ("the mayor's office", "the office
    of the mayor"), a spokesperson's body ("a spokeswoman for Kestrel", "the ministry's
    spokesman"), a document's author ("a report by the board", "the board's report", "a
    statement from the ministry")."""
    root = span.root
    lemma = root.lemma_.lower()
    if lemma not in SPOKES and lemma != "office" and not is_document(root):
        return None
    for c in root.children:
        if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN"):
            whole = child_span(c)
            end = whole.end
            while end > whole.start + 1 and whole.doc[end - 1].dep_ == "case":
                end -= 1
            return whole.doc[whole.start : end]
    for c in root.subtree:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("for", "of", "by", "from") and (
                c.head == root or (c.lower_ == "by" and c.head.dep_ == "acl")):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return child_span(obj)
    for c in root.children:  # "Kremlin spokesman", "a Pay Review Board report"
        if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_) and not root.ent_type_:
            return child_span(c)
    if lemma in SPOKES:  # "a ministry spokesman", "a company spokeswoman"
        for c in root.children:
            if c.dep_ == "compound" and c.pos_ == "NOUN" and noun_kind(c.lemma_) == "body":
                return root.doc[c.i : c.i + 1]
    return None


def premodifies(tok: Token, ent: Span) -> bool:
    """Is ``tok`` a pre-modifier inside the noun phrase headed by ``ent``?"""
    if tok.dep_ not in ("compound", "amod", "nmod", "poss", "case", "det", "punct"):
        return False
    head = tok
    while head.i < ent.start and head.head.i != head.i and head.i - head.head.i < 0:
        head = head.head
    return ent.start <= head.i < ent.end


def place_in(span: Span) -> str:
    """The country (canonical) or, failing that, the place a phrase names, if any."""
    table = place_table()
    for t in span:
        if t.lower_ in table:
            return table[t.lower_]
    for e in ents_in(span):
        name = e.text[4:] if e.text.lower().startswith("the ") else e.text
        canon = normalise_places(POSSESSIVE.sub("", name))
        if canon in table.values():
            return canon
    for e in ents_in(span):
        if e.label_ == "GPE":
            return POSSESSIVE.sub("", e.text[4:] if e.text.lower().startswith("the ") else e.text)
    return ""


def org_name(ent: Span) -> str:
    words = "".join(t.text_with_ws for t in ent if t.lower_ != "the").strip()
    return normalise_places(clean_name_text(words))
