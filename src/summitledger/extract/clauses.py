"""Clauses inside a cue's content: 'X and that Y' split in two, nested attributions left
out, and whether a denial's object is something said."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from summitledger.extract.cues import Lexicon
from summitledger.nlp.doc import subtree_ids
from summitledger.nlp.nouns import SAYINGS
from summitledger.nlp.words import CONDITIONS


def split_that(doc: Doc, ids: set[int]) -> list[set[int]]:
    """'said X and that Y': each that-clause joined by a conjunction is a claim of its own."""
    roots = [i for i in ids if doc[i].head.i not in ids or doc[i].head.i == i]
    if len(roots) != 1:
        return [ids]
    root = doc[roots[0]]
    parts, rest = [], set(ids)
    for c in root.children:
        if c.dep_ == "conj" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            part = subtree_ids(c) & ids
            parts.append(part)
            rest -= part
            rest -= {g.i for g in root.children if g.dep_ in ("cc", "punct") and g.i < c.i
                     and not any(g.i < x < c.i for x in rest if not doc[x].is_punct
                                 and doc[x].dep_ != "cc")}
    return [rest, *parts] if parts else [ids]


REPORTED = {"ccomp", "xcomp", "dobj", "parataxis"}  # what a nested cue reports


def nested_attributions(doc: Doc, lexicon: Lexicon, ids: set[int], head: Token) -> set[int]:
    """Clauses inside a content that carry their own attribution ('X, while police
    said Y'): token ids to leave out, since they are someone else's claim."""
    drop: set[int] = set()
    for i in ids:
        t = doc[i]
        if (t.dep_ in ("advcl", "conj") and t != head and t.pos_ == "VERB"
                and lexicon.complements(t.lemma_)
                and any(c.dep_ == "nsubj" for c in t.children)
                and any(c.dep_ in ("mark", "cc") for c in t.children)
                and any(c.dep_ in REPORTED for c in t.children)  # 'if both sides agreed': no report
                and not any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in t.children)):
            drop |= subtree_ids(t)
            drop |= {c.i for c in t.head.children if c.dep_ == "punct" and c.i == t.left_edge.i - 1}
    return drop


def says_something(doc: Doc, ids: set[int], cues: list[Token]) -> bool:
    cue_ids = {t.i for t in cues}
    objs = [doc[i] for i in ids if doc[i].head.i in cue_ids and doc[i].dep_ == "dobj"]
    return any(o.lemma_.lower() in SAYINGS for o in objs)
