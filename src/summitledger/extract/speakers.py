"""Who can speak: the speaker of a cue is an open class, decided by parse, NER and nouns.

A phrase can speak when its head is a name (a proper noun, or a PERSON, ORG, NORP, GPE
or FAC entity), a personal pronoun, or a noun whose common senses denote a person, a
group or body, or a document that speaks for its author. The nouns come from WordNet
(``data/speaker_nouns.json``, built by ``scripts/build_speaker_nouns.py``) plus the cue
lexicon's own ``speaker_nouns``; British spellings are tried as American ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.extract.base import FIRST_PERSON, PERSONAL
from summitledger.nlp.doc import glued_hyphen, hyphenated
from summitledger.nlp.nouns import noun_kind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

AGENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
HEDGE_SUBJECTS = {"this", "that", "these", "those", "there", "what", "which", "something",
                  "nothing", "everything", "anything"}
QUANTIFIERS = {"some", "others", "many", "several", "both", "most", "few", "all", "one",
               "another", "none"}


def can_speak(span: Span, quoted: bool, extra: frozenset[str] = frozenset()) -> bool:
    """Can this phrase speak? People, bodies, places, documents and role nouns can;
    'this' and 'what' cannot; 'I' and 'we' only inside a quotation (``quoted``)."""
    from summitledger.nlp.doc import ents_in

    root = span.root
    low = root.lower_
    if root.i > span.start and glued_hyphen(root.doc[root.i - 1]):  # "a passer-by"
        return bool(noun_kind(hyphenated(root), extra))
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
    if noun_kind(root.lemma_, extra) or noun_kind(root.lower_, extra):
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
