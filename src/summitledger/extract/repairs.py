"""Reported clauses the parser cut wrong, mended from the parse's own evidence.

A cue's clause may lose its subject to the cue's object ('insisted up to 40 per cent of
schools were closed'), run the addressee of 'tell' into its subject ('told the BBC
divers were ...'), hold the time and manner of saying ('said on Monday the bridge ...'),
hang on a noun of the cue's frame ('said in a statement that ...') or pass for an
adverbial clause ('said after the meeting the tunnel had been checked').
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.nlp.doc import ent_at, subtree_ids
from summitledger.nlp.words import CONTENT_LINKS, RELATIVE, REPORTING_MARKS

if TYPE_CHECKING:
    from spacy.tokens import Token


SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
#: a bare preposition right before a content is the content's when a number follows
#: within this many tokens ('conceded about a third of ...')
NUMBER_AFTER = 2


def after_cue(clause: Token, ids: set[int], cues: list[Token], kids: list[Token],
               addressee: bool) -> set[int]:
    """A clause reported after its cue, mended where the parser cut it wrong.

    Its subject, when the parser took it for the cue's object ('insisted up to 40 per
    cent of schools were closed'); without the addressee a cue such as 'tell' takes
    when the parser ran it into the subject ('told the BBC divers were searching');
    without the time and manner of saying between the cue and a clause with no 'that'
    ('said on Monday the bridge was safe', 'said in a statement the line would reopen')."""
    doc = clause.doc
    subj = next((c for c in _args(clause) if c.dep_ in SUBJECTS), None)
    that = any(_mark(c) for c in _args(clause))
    if subj is None and not that and _finite(clause):
        near = [*(a for c in kids if c.dep_ in ("dobj", "dative")  # "told the Courier the
                  for a in c.children if a.dep_ == "appos"), *kids]  # museum would stay"
        lost = next((c for c in near if c.right_edge.i + 1 == clause.left_edge.i and (
            c.dep_ in ("dobj", "npadvmod", "attr", "dative", "appos") and c.pos_ in ("NOUN", "PROPN")
            or c.dep_ == "prep" and _quantity(c))), None)  # "said up to 40 per cent of ..."
        if lost is not None:
            ids = ids | subtree_ids(lost)
            subj = lost
        else:  # "said at a news conference flights from the terminal would resume"
            framed = _framed_subject(clause, cues[0])
            if framed is not None:
                ids = ids | subtree_ids(framed) - _addressee(framed)
                subj = framed
    for c in kids:  # "conceded about a third of ...": a preposition with no object
        if c.dep_ == "prep" and c.n_lefts + c.n_rights == 0 and c.i + 1 == min(ids) and any(
                t.like_num for t in doc[c.i + 1 : c.i + 1 + NUMBER_AFTER]):
            ids = ids | {c.i}
    if not that:  # "said on Friday morning firefighters were ...": when it was said
        head = subj.i if subj is not None else clause.i
        lead = sorted(i for i in ids if i < head)
        while lead and (doc[lead[0]].ent_type_ in ("DATE", "TIME") or (
                doc[lead[0]].dep_ == "prep" and len(lead) > 1
                and doc[lead[1]].ent_type_ in ("DATE", "TIME"))):
            ids = ids - {lead.pop(0)}
    if addressee and subj is not None and not any(
            c.dep_ in ("dative", "dobj") and c is not subj for c in kids):
        ids = ids - _addressee(subj)
    if not that:
        when = ent_at(doc).get(cues[-1].i + 1)  # "said last week fewer than half of ..."
        if when is not None and when.label_ in ("DATE", "TIME") and (
                subj is None or not when.start <= subj.i < when.end):
            ids = ids - set(range(when.start, when.end))
        start = subj.left_edge.i if subj is not None and subj.i in ids else clause.i
        for c in clause.children:
            if c.i < start and c.dep_ in ("prep", "npadvmod", "advmod", "mark") and (
                    c.dep_ != "advmod" or c.ent_type_ in ("DATE", "TIME") or c.n_lefts + c.n_rights):
                gap = doc[c.right_edge.i + 1 : start]
                if not any(t.text in (",", ";", ":") for t in gap):
                    ids = ids - subtree_ids(c)
    return ids


def _quantity(prep: Token) -> bool:
    """'up to 40 per cent of schools': a phrase the parser took for a preposition's
    that is a quantity, not when or where something was said."""
    words = list(prep.subtree)
    return any(t.like_num for t in words) and not any(t.ent_type_ in ("DATE", "TIME") for t in words)


def _framed_subject(clause: Token, cue: Token) -> Token | None:
    """A clause's subject the parser ran into a phrase of the cue's frame ('said in a post
    on social media as many as 200 flights were cancelled', 'said at a news conference
    flights from the terminal would resume'): of the nouns whose phrase ends right
    before the clause, the lowest whose phrase (without a determiner and the nouns
    compounded onto it) starts right after another noun."""
    doc = clause.doc
    j = clause.left_edge.i - 1
    x = doc[j]
    while x.i > cue.i and x.head.i < clause.left_edge.i and x.head != cue:
        if x.pos_ in ("NOUN", "PROPN") and x.right_edge.i == j:
            words = subtree_ids(x) - _addressee(x)
            start = min(words)
            if start > cue.i + 1 and doc[start - 1].pos_ in ("NOUN", "PROPN") and x.i in words:
                return x
        x = x.head
    return None


def _addressee(subj: Token, adjectives: bool = False) -> set[int]:
    """The words before a subject's head that are the cue's addressee: a determiner and
    the nouns of one kind (names, or common nouns) compounded onto the subject, up to a
    plural one ('the BBC' of 'the BBC divers', 'a news conference' of 'a news conference
    divers', 'reporters' of 'reporters fire crews')."""
    toks = [t for t in subj.subtree if t.i < subj.i]
    out: set[int] = set()
    i = 0
    if toks and toks[0].dep_ == "det":
        out.add(toks[0].i)
        i = 1
    plural = next((n for n, t in enumerate(toks) if t.dep_ == "compound" and t.tag_ == "NNS"), None)
    if plural is not None and all(t.dep_ in ("amod", "compound") for t in toks[i:plural]):
        return out | {t.i for t in toks[: plural + 1]}  # "social media" of "social media divers"
    while adjectives and i < len(toks) and toks[i].dep_ == "amod":  # "a written statement"
        out.add(toks[i].i)
        i += 1
    first = toks[i] if i < len(toks) else None
    found = False
    while i < len(toks) and toks[i].dep_ in ("compound", "nmod") and toks[i].pos_ == first.pos_:
        out.add(toks[i].i)
        found = True
        if toks[i].tag_ in ("NNS", "NNPS"):
            break
        i += 1
    return out if found else set()


def bare_advcl(clause: Token, cues: list[Token]) -> bool:
    """'said after the meeting the tunnel had been checked', 'denied earlier this week
    that ...': a finite clause with its own subject after the cue, with no conjunction
    or with 'that', is what the cue reports, though the parser called it adverbial."""
    marks = {c.lower_ for c in _args(clause) if _mark(c)}
    return (clause.dep_ == "advcl" and clause.i > cues[-1].i and _finite(clause)
            and marks <= {"that"} and (bool(marks) or any(c.dep_ in SUBJECTS for c in _args(clause))))




def _mark(t: Token) -> bool:
    """A subordinating conjunction; one with an object of its own ('after the meeting')
    is a preposition the parser called a conjunction."""
    return t.dep_ == "mark" and (t.lower_ in REPORTING_MARKS
                                 or not any(g.dep_ == "pobj" for g in t.children))


def _args(clause: Token) -> list[Token]:
    """A clause's dependents, with those the parser hung on its auxiliary ('that up to 40
    per cent ... were closed': 'that' and the subject on 'were')."""
    kids = list(clause.children)
    return kids + [g for c in kids if c.dep_ in ("aux", "auxpass") for g in c.children]


def swallowed_clause(cue: Token) -> Token | None:
    """'Lars Petersen, a spokesman, noted divers were searching': a finite cue the parser
    made a modifier of the noun after it, the subject of the clause it reports."""
    head = cue.head
    if (cue.dep_ in ("amod", "compound", "nmod") and cue.tag_ in ("VBD", "VBZ")
            and head.i > cue.i and head.dep_ in SUBJECTS and head.head.i > head.i):
        return head.head
    return None


def _finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in verb.children)


def misparsed_that_clause(kids: list[Token], dative: bool = False) -> list[Token]:
    """'told reporters after the talks that Russia saw possibilities', 'said in a
    statement that it was too early', 'told a briefing that the tunnel had been
    checked': the parser hangs the that-clause on a noun of the cue's frame (or of its
    by-phrase: 'It was stated by the board that ...'). The cue has no clause of its own,
    so a clause there that opens with 'that' as a conjunction, or with its own subject
    beside the 'that', is the reported clause (a relative clause's 'that' is mostly its
    subject; an object gap in a clause on the cue's frame, as in 'told the story that
    her mother told', is rare in news). After the addressee of a cue such as 'tell'
    (``dative``), a clause with its own subject and no relative word is the report too
    ('told a briefing the driver had not been drinking')."""
    found = []
    for c in kids:
        if c.dep_ not in ("prep", "dobj", "npadvmod", "dative", "agent"):
            continue
        # "told a briefing the driver had ...", "said at a briefing the train was ..."
        heads = [c] if dative and c.dep_ in ("dobj", "dative") else [
            g for g in c.subtree if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        if any(t.tag_ in ("WRB", "WP", "WDT") for t in c.subtree):
            heads = []  # "arguing over how much of the country it had brought to a halt"
        found.extend(t for h in heads for t in h.children if t.dep_ == "relcl" and _finite(t)
                     and t.left_edge.lower_ not in RELATIVE and any(g.dep_ in SUBJECTS for g in _args(t)))
        for t in c.subtree:
            that = t.left_edge
            if t.dep_ not in ("relcl", "acl") or that.lower_ != "that" or that.i == t.i:
                continue
            deps = {g.dep_ for g in t.children if g.i != that.i}
            if that.dep_ == "mark" or deps & {"nsubj", "nsubjpass"}:
                found.append(t)
    return found




def host_rest(cue: Token, kids: list[Token]) -> set[int]:
    """'Fewer trains ran, the union said, because of the strike', 'The plant met every
    standard, Dr Marsh said, when it was last checked': after a cue that reports the
    clause before it, a comma and a phrase or subordinate clause of :data:`CONTENT_LINKS`
    running to the end of the sentence go on that clause (the parser hangs them on the
    cue, or takes the when-clause for its report). A participle ('adding that ...') and a
    that-clause do not: they are the speaker's next act or words."""
    doc = cue.doc
    last = cue.sent.end - 1
    while last > cue.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    for c in kids:
        if c.i <= cue.i or doc[c.left_edge.i - 1].text != "," or c.right_edge.i < last:
            continue
        links = {g.lower_ for g in c.children if g.dep_ == "mark" or (  # "when it was ..."
            g.tag_ == "WRB" and g.i == c.left_edge.i)}
        if c.dep_ == "prep":
            links = {c.lower_}
        if c.dep_ in ("advcl", "ccomp", "prep") and links & CONTENT_LINKS:
            return subtree_ids(c)
    return set()


def object_clause(kids: list[Token]) -> set[int] | None:
    """'Officials added the budget for repairs had been cut': the parser made the
    clause's subject the cue's object and its verb a conjunct with no 'and'; the words
    from that object to the end of the conjunct are the reported clause."""
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    for v in kids:
        if (v.dep_ == "conj" and v.i > obj.i and _finite(v)
                and not any(c.dep_ == "cc" for c in kids if obj.i < c.i < v.i)
                and not any(c.dep_ in SUBJECTS for c in _args(v))):
            return set(range(obj.left_edge.i, v.right_edge.i + 1))
    return None


def clause_in_frame(kids: list[Token]) -> tuple[Token, set[int]] | None:
    """'said in a written statement divers were searching': the parser made the clause
    the object of the frame's preposition, its subject run into the phrase ('a written
    statement divers'); the clause, without that phrase, is the report."""
    for c in kids:
        if c.dep_ != "prep":
            continue
        for g in c.children:
            subj = next((x for x in _args(g) if x.dep_ in SUBJECTS), None)
            if g.dep_ == "pcomp" and _finite(g) and subj is not None:
                return g, subtree_ids(g) - _addressee(subj, adjectives=True)
    return None
