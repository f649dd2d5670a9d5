"""Helpers on a parsed Doc that every stage may use: entities (built once per Doc),
token positions by lemma, the phrase a token heads and the tokens under it."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is not imported by the commands that only read the ledger
    from spacy.tokens import Doc, Span, Token


def doc_ents(doc: Doc) -> list[Span]:
    """The doc's entities, built once per doc (spaCy makes new Span objects per access)."""
    cached = doc.user_data.get("summitledger.ents")
    if cached is None:
        cached = list(doc.ents)
        doc.user_data["summitledger.ents"] = cached
        doc.user_data["summitledger.ent_starts"] = [e.start for e in cached]
        doc.user_data["summitledger.ent_at"] = {e.start: e for e in cached}
    return cached


def ent_at(doc: Doc) -> dict[int, Span]:
    """The doc's entities by their first token (from the same per-doc cache)."""
    doc_ents(doc)
    return doc.user_data["summitledger.ent_at"]


def ents_in(span: Span) -> list[Span]:
    """Entities wholly inside ``span`` (``span.ents`` from the per-doc cache)."""
    ents = doc_ents(span.doc)
    starts = span.doc.user_data["summitledger.ent_starts"]
    i = bisect.bisect_left(starts, span.start)
    out = []
    while i < len(ents) and ents[i].start < span.end:
        if ents[i].end <= span.end:
            out.append(ents[i])
        i += 1
    return out


def child_span(tok: Token, stop: Token | None = None) -> Span:
    """The phrase headed by ``tok`` without relative clauses, appositions or ``stop``.

    "The governor of the region bordering North Korea, whom Mr Kim met, ..." gives
    "The governor of the region bordering North Korea".
    """
    doc = tok.doc
    skip: set[int] = set()
    for t in tok.subtree:
        if t == tok or t.i in skip:
            continue
        after_comma = t.left_edge.i > 0 and doc[t.left_edge.i - 1].text in (",", "(", "—", "–")
        that_clause = t.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that"
                                              for c in t.children)  # "the board that X"
        # an apposition is set off by a comma; "Deputy Mayor Colin Strand" is a title
        appos = t.dep_ == "appos" and (after_comma or t.ent_type_ != "PERSON")
        if (t.dep_ == "relcl" or appos or t == stop or that_clause
                or (t.dep_ == "acl" and after_comma)
                or (t.dep_ == "punct" and t.head == tok)):
            skip.update(x.i for x in t.subtree)
    kept = {t.i for t in tok.subtree} - skip
    lo = hi = tok.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    while hi > lo and (doc[hi].is_space or (doc[hi].is_punct and doc[hi].text != ".")):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo : hi + 1]


def token_positions(doc: Doc, words: Iterable[str], attr: str = "LEMMA") -> list[int]:
    """Positions of tokens whose ``attr`` (LEMMA, LOWER) is one of ``words``."""
    strings = doc.vocab.strings
    wanted = {strings.add(w) for w in words}
    column = doc.to_array([attr]).tolist()
    return [i for i, h in enumerate(column) if h in wanted]


def subtree_ids(tok: Token, skip_deps: tuple[str, ...] = ()) -> set[int]:
    """Indices of ``tok``'s subtree, without its children of the ``skip_deps`` relations."""
    ids = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        ids.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in skip_deps or t != tok)
    return ids
