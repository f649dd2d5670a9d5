"""What a cue reports: the complement the lexicon allows for it.

A reported clause (``ccomp``, preferring one after the cue; a clause before the cue only
as ``"...," X said``), an infinitive (``promised to ...``), an object (``indicated a
willingness``, ``accused the US of ...``), the object of a preposition (``warned of``,
``called for``), or the clause a parenthetical cue sits in (``The visit, Kim said,
was historic``). Returns the kind and the token ids of the content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.extract.objects import pinned_object
from summitledger.extract.repairs import (
    after_cue,
    bare_advcl,
    clause_in_frame,
    host_rest,
    misparsed_that_clause,
    object_clause,
    swallowed_clause,
)
from summitledger.extract.speakers import comma_before
from summitledger.nlp.doc import subtree_ids
from summitledger.nlp.words import CLOSERS, FIRST_PERSON, RELATIVE

if TYPE_CHECKING:
    from spacy.tokens import Token


def _said(tok: Token) -> Token | None:
    """'saying that X' inside a cue's phrase reports X; a bare 'saying' reports nothing
    itself (its words are the quotation next to it)."""
    if tok.lemma_.lower() == "say":
        return next((g for g in tok.children if g.dep_ in ("ccomp", "xcomp")), None)
    return tok


def _infinitive(c: Token, cues: list[Token]) -> bool:
    """A to-infinitive right after the cue that the parser took for a purpose clause
    ("has undertaken to cover the costs"): the cue's complement all the same."""
    return (c.dep_ == "advcl" and c.tag_ == "VB" and c.left_edge.i == cues[-1].i + 1
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))


def complement(cues: list[Token], kinds: list[str],
               speaker: frozenset[int] = frozenset()) -> tuple[str, set[int]] | None:
    inside = {t.i for t in cues}
    kids = [c for t in cues for c in t.children if c.i not in inside]
    if "ccomp" in kinds:
        clauses = [c for c in kids if (c.dep_ in ("ccomp", "parataxis") or bare_advcl(c, cues))
                   and _reported(c, cues)]
        clauses = clauses or _noun_clause(cues) or misparsed_that_clause(kids, "dative" in kinds)
        cue = cues[0]
        joined = object_clause(kids) if not clauses else None
        if joined is not None:  # "added the budget for repairs had been cut"
            return "ccomp", joined
        framed = clause_in_frame(kids) if not clauses else None
        if framed is not None:  # "said in a written statement divers were searching"
            return "ccomp", framed[1]
        swallowed = swallowed_clause(cue) if not clauses else None
        if swallowed is not None:  # "noted divers were searching"
            return "ccomp", {t.i for t in swallowed.subtree if t.i > cue.i}
        before = [c for c in clauses if c.i < cue.i]
        hosted = cue.dep_ in ("parataxis", "conj") and cue.head.i < cue.i
        rest = host_rest(cue, kids) if before or hosted else set()
        if rest and before:  # "X, police said, because of Y": the cue sits in the clause X-Y
            return "parenthetical", _own_words(before[-1]) | rest
        clauses = [c for c in clauses if c.i not in rest]
        if clauses:
            best = min(clauses, key=lambda c: (c.i < cues[0].i, abs(c.i - cues[0].i)))
            ids = _own_words(best)
            host = _host_subject(cue, best, kids, speaker)
            if host is not None:  # "The bus service, the minister said, would resume"
                return "parenthetical", ids | subtree_ids(host)
            if best.i > cues[-1].i:
                ids = after_cue(best, ids, cues, kids, "dative" in kinds)
            if best.dep_ == "relcl" and best.left_edge.lower_ in RELATIVE:
                ids.discard(best.left_edge.i)
            if best.dep_ == "acl":  # a that-clause the parser broke in two at a comma
                for sib in best.head.children:
                    gap = range(max(ids) + 1, sib.left_edge.i)
                    if sib.dep_ == "acl" and sib.i > max(ids) and all(
                            best.doc[g].is_punct for g in gap):
                        ids |= _own_words(sib)
            if best.dep_ == "ccomp" and best.i > cues[-1].i:
                ids |= _split_on(best, ids, kids)
            return "ccomp", ids
    host = _host_clause(cues, kinds, speaker)
    if host is not None and "ccomp" in kinds:
        return "parenthetical", host
    cue = cues[0]
    if cue.dep_ == "amod" and cue.head.i > cue.i and not kids:  # "Owen Pryce, the chief
        pinned = pinned_object(cue.head, [], kinds)  # executive, estimated attendance at ..."
        if pinned is not None:
            return "dobj", pinned - {cue.i}
    if "oprd" in kinds:  # 'called the response "completely inadequate"', 'called the
        for c in kids:     # verdict "a travesty"': what follows the noun is what it is called
            if c.dep_ == "dobj" and any(x.dep_ in ("amod", "acomp", "appos") for x in c.rights):
                return "oprd", subtree_ids(c)
            if c.dep_ == "dobj" and not any(d.dep_ == "oprd" for d in kids):
                rest = _words_after(c)  # the parser hung "far too late" elsewhere
                if rest:
                    return "oprd", subtree_ids(c) | rest
    for kind in ("xcomp", "dobj", "prep", "oprd"):
        for c in kids:
            if kind == "dobj" and c.dep_ == "dobj":
                pinned = pinned_object(c, kids, kinds)  # "put the toll at seven"
                if pinned is not None:
                    return "dobj", pinned
            if kind == "xcomp" and "xcomp" in kinds and (c.dep_ == "xcomp" or _infinitive(c, cues)):
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
                    if d.i > c.i and (d.dep_ in ("oprd", "ccomp", "xcomp")
                                      or (d.dep_ == "prep" and f"prep:{d.lower_}" in kinds)
                                      or (d.dep_ in ("prep", "advcl") and _joined(c, d))):
                        ids |= subtree_ids(d)  # "vowed a walkout [before May] [if ...]"
                return "dobj", ids
            if kind == "oprd" and "oprd" in kinds and c.dep_ == "oprd":
                ids = subtree_ids(c)  # "called the meeting alarming": with its object
                for d in kids:
                    if d.dep_ == "dobj" and d.i < c.i:
                        ids |= subtree_ids(d)
                return "oprd", ids
    return None


def _host_subject(cue: Token, clause: Token, kids: list[Token],
                  speaker: frozenset[int]) -> Token | None:
    """'The bus service, Environment Minister Petra Lindahl said, would resume': the
    parser gave the cue two subjects and the clause after it none; the first, set off
    by a comma before the speaker, is the clause's."""
    if not speaker or clause.i < cue.i or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    doc = cue.doc
    for c in kids:
        last = max((t.i for t in c.subtree if not t.is_punct and t.i < min(speaker)), default=-1)
        if c.dep_ == "nsubj" and c.i not in speaker and c.i < min(speaker) \
                and comma_before(doc, min(speaker)) == last + 1:
            return c
    return None


def _words_after(obj: Token) -> set[int]:
    """The words from an object to the end of its sentence when they can only say what
    the object is called: adjectives, adverbs, a noun phrase, quotation marks (no verb,
    no preposition)."""
    doc = obj.doc
    end = obj.sent.end
    while end > obj.right_edge.i + 1 and doc[end - 1].is_punct and doc[end - 1].text not in CLOSERS:
        end -= 1
    words = doc[obj.right_edge.i + 1 : end]
    if not any(t.pos_ in ("ADJ", "ADV", "NOUN") for t in words) or any(
            t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ") or t.text in ",;:" for t in words):
        return set()
    return {t.i for t in words}


def _joined(obj: Token, mod: Token) -> bool:
    """A modifier right after the object, not past a conjunction ("and said ...")."""
    doc = obj.doc
    between = doc[obj.right_edge.i + 1 : mod.left_edge.i]
    return all(t.dep_ not in ("cc", "conj") and t.text not in (";", ":") for t in between)


def _noun_clause(cues: list[Token]) -> list[Token]:
    """'expressed concern that X', 'gave an assurance that X': the clause a noun of the
    cue phrase takes."""
    found = []
    for t in cues:
        if t.pos_ != "NOUN":
            continue
        for c in t.children:
            if c.dep_ in ("acl", "ccomp") and c.i > t.i and any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
                found.append(c)
            elif c.dep_ == "acl" and c.lemma_.lower() == "say":  # "a statement saying X"
                found.extend(g for g in c.children if g.dep_ == "ccomp")
    return found


def _host_clause(cues: list[Token], kinds: list[str], speaker: frozenset[int]) -> set[int] | None:
    """'The visit, Kim said, was historic' / 'X happened, the Kremlin said, after ...':
    a cue set off by commas inside the clause it reports; the content is that clause."""
    cue = cues[0]
    if cue.dep_ not in ("parataxis", "advcl", "ccomp") or cue.head is cue:
        return None
    own = ("ccomp", "dobj", "mark", "xcomp") if "xcomp" in kinds else ("ccomp", "dobj", "mark")
    doc = cue.doc
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        return _as_host(cue)
    rest = host_rest(cue, list(cue.children))  # "..., Dr Marsh said, when it was checked"
    if any(c.dep_ in own and c.i not in rest for c in cue.children):
        return None  # has its own content, or is 'if X says'

    # the host's subject the parser hung on the cue, its apposition the speaker ('The
    # clinic, Professor Amara Nwosu said, would open'): the subject stays in the content
    hosted = {t.i for c in cue.children if c.dep_ == "nsubj" and speaker and c.i not in speaker
              for t in c.subtree} - speaker
    kept = [t for t in cue.subtree if t.i not in hosted] + [doc[i] for i in speaker]
    left = min(t.i for t in kept if not t.is_punct)
    before = doc[left - 1] if left > 0 else None
    if before is None or before.text not in (",", "—", "–") or cue.head.i > cue.i and cue.dep_ == "advcl":
        return None
    # the frame (cue, speaker, marker, commas) goes; what the parser hung on the cue after
    # it ("..., Kalrail said, to get demonstrators home") is still the host's content
    frame = {cue.i} | {t.i for c in cue.children
                       if c.dep_ in ("nsubj", "mark", "punct", "aux", "advmod", "neg", "dative")
                       or c.i < cue.i for t in c.subtree}
    return ({t.i for t in cue.head.subtree} - frame - speaker) | hosted


def _as_host(cue: Token) -> set[int] | None:
    """'As the minister said, the line will reopen': an as-clause that opens its sentence
    attributes the rest. At the end of a sentence ('..., as NATO urged') it may qualify
    only part of it, so it is left alone."""
    doc = cue.doc
    inside = {t.i for t in cue.subtree}
    left, right = min(inside), max(inside)
    if left != cue.sent.start or right + 1 >= len(doc) or doc[right + 1].text != ",":
        if not (doc[right].text == "," and left == cue.sent.start):
            return None
    return {t.i for t in cue.head.subtree} - inside


def _reported(clause: Token, cues: list[Token]) -> bool:
    """A clause after its cue is reported; one before it only as ``"...," X said``."""
    first = min(t.i for t in cues)
    if clause.i > first:
        return True
    doc = clause.doc
    edge = clause.right_edge.i
    while edge > clause.i and doc[edge].is_punct:  # the clause's own closing comma
        edge -= 1
    gap = [t for t in doc[edge + 1 : first] if t.is_punct]
    return any(t.text in ",\"”’" for t in gap) and not any(t.text in ":;" for t in gap)


def _split_on(best: Token, ids: set[int], kids: list[Token]) -> set[int]:
    """The rest of a reported clause the parser cut at a comma into a second complement
    of the cue ("said 20 people were injured, most of them motorists pulled from the
    water"): a later clause of the cue's own, after nothing but punctuation, that reports
    nothing itself (a clause with its own reported clause is another speaker's)."""
    doc = best.doc
    more: set[int] = set()
    for sib in sorted((c for c in kids if c.dep_ == "ccomp" and c.i > best.i), key=lambda c: c.i):
        end = max(ids | more)
        words = _own_words(sib)
        start = min((i for i in words if not doc[i].is_punct), default=end)
        gap = range(end + 1, start)
        if start <= end or not gap or not all(doc[g].is_punct for g in gap):
            break
        if any(g.dep_ in ("ccomp", "xcomp") for g in sib.children):
            break
        more |= {i for i in words if i >= start}
    return more


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
