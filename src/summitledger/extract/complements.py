"""What a cue reports: the complement the lexicon allows for it.

A reported clause (``ccomp``, preferring one after the cue; a clause before the cue only
as ``"...," X said``), an infinitive (``promised to ...``), an object (``indicated a
willingness``, ``accused the US of ...``), the object of a preposition (``warned of``,
``called for``), or the clause a parenthetical cue sits in (``The visit, Kim said,
was historic``). Returns the kind and the token ids of the content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import FIRST_PERSON, subtree_ids

if TYPE_CHECKING:
    from spacy.tokens import Token


def _said(tok: Token) -> Token | None:
    """'saying that X' inside a cue's phrase reports X; a bare 'saying' reports nothing
    itself (its words are the quotation next to it)."""
    if tok.lemma_.lower() == "say":
        return next((g for g in tok.children if g.dep_ in ("ccomp", "xcomp")), None)
    return tok


def complement(cues: list[Token], kinds: list[str]) -> tuple[str, set[int]] | None:
    inside = {t.i for t in cues}
    kids = [c for t in cues for c in t.children if c.i not in inside]
    if "ccomp" in kinds:
        clauses = [c for c in kids if c.dep_ in ("ccomp", "parataxis") and _reported(c, cues)]
        clauses = clauses or _misparsed_that_clause(kids)
        if clauses:
            best = min(clauses, key=lambda c: (c.i < cues[0].i, abs(c.i - cues[0].i)))
            ids = _own_words(best)
            if best.dep_ == "relcl":
                ids.discard(best.left_edge.i)
            return "ccomp", ids
    host = _host_clause(cues)
    if host is not None and "ccomp" in kinds:
        return "parenthetical", host
    for kind in ("xcomp", "dobj", "prep", "oprd"):
        for c in kids:
            if kind == "xcomp" and "xcomp" in kinds and c.dep_ == "xcomp":
                return "xcomp", subtree_ids(c)
            if kind == "prep" and c.dep_ in ("prep", "prt") and f"prep:{c.lower_}" in kinds:
                obj = [g for g in c.children if g.dep_ in ("pobj", "pcomp", "ccomp")]
                obj = [x for x in map(_said, obj) if x is not None]  # "quoted as saying that X"
                if obj:
                    ids = set().union(*(subtree_ids(g) for g in obj))
                    return f"prep:{c.lower_}", ids
            if kind == "dobj" and "dobj" in kinds and c.dep_ == "dobj":
                ids = subtree_ids(c)
                for d in kids:  # "called the talks very substantive", "accused the US of ..."
                    if d.i > c.i and (d.dep_ in ("oprd", "ccomp")
                                      or (d.dep_ == "prep" and f"prep:{d.lower_}" in kinds)):
                        ids |= subtree_ids(d)
                if "prep:as" in kinds and not any(ctx_tok.lower_ == "as" for ctx_tok in
                                                  (c.doc[i] for i in ids)):
                    continue  # 'described' needs 'as': "described the talks as ..."
                return "dobj", ids
            if kind == "oprd" and "oprd" in kinds and c.dep_ == "oprd":
                ids = subtree_ids(c)  # "called the meeting alarming": with its object
                for d in kids:
                    if d.dep_ == "dobj" and d.i < c.i:
                        ids |= subtree_ids(d)
                return "oprd", ids
    return None


def _host_clause(cues: list[Token]) -> set[int] | None:
    """'The visit, Kim said, was historic' / 'X happened, the Kremlin said, after ...':
    a cue set off by commas inside the clause it reports; the content is that clause."""
    cue = cues[0]
    if cue.dep_ not in ("parataxis", "advcl", "ccomp") or cue.head is cue:
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "mark") for c in cue.children):
        return None  # has its own content, or is 'as X urged' / 'if X says
    doc = cue.doc
    left = min(t.i for t in cue.subtree if not t.is_punct)
    before = doc[left - 1] if left > 0 else None
    if before is None or before.text not in (",", "—", "–") or cue.head.i > cue.i and cue.dep_ == "advcl":
        return None
    inside = {t.i for t in cue.subtree}
    return {t.i for t in cue.head.subtree} - inside


def _misparsed_that_clause(kids: list[Token]) -> list[Token]:
    """'told reporters after the talks that Russia saw possibilities': the parser hangs
    the that-clause on 'talks' as a relative clause, but a relative clause with its own
    subject and object has no gap for 'that' to fill, so it is a reported clause."""
    found = []
    for c in kids:
        if c.dep_ not in ("prep", "dobj", "npadvmod", "dative"):
            continue
        for t in c.subtree:
            if t.dep_ != "relcl" or t.left_edge.lower_ != "that":
                continue
            deps = {g.dep_ for g in t.children if g.i != t.left_edge.i}
            if "nsubj" in deps and deps & {"dobj", "attr", "acomp", "ccomp", "xcomp"}:
                found.append(t)
    return found


def _reported(clause: Token, cues: list[Token]) -> bool:
    """A clause after its cue is reported; one before it only as ``"...," X said``."""
    first = min(t.i for t in cues)
    if clause.i > first:
        return True
    doc = clause.doc
    edge = clause.right_edge.i
    gap = [t for t in doc[edge + 1 : first] if t.is_punct]
    return any(t.text in ",\"”’" for t in gap) and not any(t.text in ":;" for t in gap)


def _own_words(clause: Token) -> set[int]:
    """A reported clause without coordinated clauses in the journalist's voice ("we ...")."""
    ids = subtree_ids(clause)
    for c in clause.children:
        if c.dep_ == "conj" and any(
            g.dep_ == "nsubj" and g.lower_ in FIRST_PERSON for g in c.children
        ):
            ids -= subtree_ids(c)
            ids -= {g.i for g in clause.children if g.dep_ == "cc" and g.i < c.i}
    return ids
