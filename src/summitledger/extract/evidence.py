"""What a number counts, read off the parse: the noun it counts, the words of its
predicate ('were in custody', 'had been pulled from the water alive'), the figure's
owner ('the death toll' that 'climbed to 27', 'the crowd' put 'at 35,000'), what a share
or part is of, its time phrase and, for bodies, where they came from. The words are
named as a quantity by :mod:`summitledger.nlp.quantities`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from summitledger.extract.numbers import anchor as find_anchor
from summitledger.nlp.quantities import Evidence, table

CLAUSE_EDGES = {"advcl", "relcl", "ccomp", "csubj", "parataxis", "mark", "cc", "punct"}
PART_PRONOUNS = {"they", "them", "those", "whom", "these"}
ADJ_FORMS = {"injured", "wounded", "dead", "missing"}  # forms the lemmatizer turns into verbs
RECEIVE = {"receive", "get", "win", "collect"}  # the subject is whom the money goes to
SCALE_NAMES = {"magnitude"}  # a word right before or after a number that says what it is
TIME_PREPS = {"on", "by", "as", "at", "until", "in", "since"}
#: how deep under a number its phrase's words are read: past that, a phrase says more
#: than what the number counts
PHRASE_DEPTH = 6


def _words(tok: Token, into: set[str], depth: int = 0, skip: frozenset[int] = frozenset()) -> None:
    """Lemmas of a phrase, clauses it governs left out (never the words of 'when the
    ferry capsized' for the number before it)."""
    if tok.i in skip or depth > PHRASE_DEPTH:
        return
    into.add(tok.lemma_.lower())
    if tok.lower_ in ADJ_FORMS:
        into.add(tok.lower_)
    for c in tok.children:
        if c.dep_ in ("advcl", "ccomp", "parataxis", "punct", "cc"):
            continue
        if c.dep_ == "prep" and any(p.dep_ == "pobj" for p in c.children):
            pobj = next(p for p in c.children if p.dep_ == "pobj")
            into.add(f"{c.lower_} {pobj.lemma_.lower()}")
        _words(c, into, depth + 1, skip)


def _predicate(start: Token) -> tuple[Token | None, Token]:
    """The verb (or copula) whose clause holds the number, and the token on the path
    just below it."""
    node = start
    while node.head.i != node.i and node.dep_ not in CLAUSE_EDGES:
        below, node = node, node.head
        if node.pos_ in ("VERB", "AUX"):
            if node.dep_ in ("aux", "auxpass") and node.head.pos_ in ("VERB", "ADJ"):
                return node.head, below
            return node, below
    return (node, start) if node.pos_ in ("VERB", "AUX") and node is not start else (None, start)


def _clause_words(verb: Token, below: Token, skip: frozenset[int], into: set[str]) -> Token | None:
    """The predicate's words (lemma, particle, complements, objects, prepositional
    phrases, adverbs); returns the figure's owner ('the toll' that 'rose to 27')."""
    lemma = verb.lemma_.lower()
    into.add(lemma)
    if verb.lower_ in ADJ_FORMS:
        into.add(verb.lower_)  # 'were still missing' parsed as the verb 'miss'
    owner = None
    for c in verb.children:
        if c.i in skip or c.dep_ in CLAUSE_EDGES or c.dep_ in ("aux", "auxpass", "conj"):
            continue
        if c.dep_ == "prt":
            into.add(f"{lemma} {c.lower_}")
        if c.dep_ == "dobj":
            into.add(f"{lemma} {c.lemma_.lower()}")
        if c.dep_ in ("nsubj", "nsubjpass") and c is not below:
            if below.dep_ in ("prep", "dobj", "attr", "npadvmod") or below.dep_ == "pobj":
                owner = owner or c
            if lemma in RECEIVE:
                _words(c, into, 1, skip)  # 'families of the dead would receive ...'
            continue  # who did it is not what is counted
        if c.dep_ == "dobj" and c is not below and below.dep_ == "prep":
            owner = c  # 'put the toll at 14': the object is what the figure is of
        if c is below:
            continue
        _words(c, into, 1, skip)
    return owner


def evidence(tok_range: tuple[int, int], doc: Doc,
             value: float) -> tuple[Evidence, Token, Token | None, set[str], str, int]:
    i, j = tok_range
    anchor, unit, unit_end = find_anchor(doc, i, j)
    skip = frozenset(range(i, unit_end))
    words: set[str] = {doc[k].lower_ for k in (i - 1, j + 1) if 0 <= k < len(doc)
                       and doc[k].lower_ in SCALE_NAMES and (k < i or doc[j].text == "-")}
    noun = anchor.head if anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") \
        and anchor.head.pos_ in ("NOUN", "PROPN", "ADJ") and anchor.head.i != anchor.i else None
    if noun is not None and noun.pos_ == "PROPN":
        noun = None  # 'Lake Oskova 2' is a name, not a count
    thing = noun.lemma_.lower() if noun is not None else ""
    if noun is not None and noun.lower_ in ADJ_FORMS:
        thing = noun.lower_
    of = ""
    for holder in (anchor, noun):
        for c in holder.children if holder is not None else ():
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    of = pobj.lower_ if pobj.lower_ in PART_PRONOUNS else pobj.lemma_.lower()
                    if pobj.lower_ in ADJ_FORMS:
                        of = pobj.lower_
                    _words(pobj, words, 1, skip)
            elif c.dep_ in ("advmod", "amod", "compound", "acl", "relcl", "prep", "appos") \
                    and c.i not in skip and (holder is noun or c.dep_ in ("advmod", "prep")):
                _words(c, words, 1, skip)
    # conjoined counts share the predicate's phrases ('148 passengers and six crew on board')
    base = noun if noun is not None else anchor
    for c in (base.head.children if base.dep_ == "conj" else ()):
        if c.dep_ == "prep":
            _words(c, words, 1, skip)
    for c in base.children:
        if c.dep_ == "conj":
            for p in c.children:
                if p.dep_ == "prep":
                    _words(p, words, 1, skip)
    owner = None
    start = base
    if base.dep_ == "pobj" and base.head.lower_ == "of" and base.head.head.pos_ == "NOUN":
        owner = base.head.head  # 'a death toll of 27', 'a crowd of 3,000'
    verb, below = _predicate(start)
    if verb is not None:
        found = _clause_words(verb, below, skip, words)
        owner = owner or (found if noun is None or thing in table().anaphoric else None)
    if owner is not None:
        _words(owner, words, 0, skip)
    verb_lemma = verb.lemma_.lower() if verb is not None else ""
    ev = Evidence(thing=thing, words=frozenset(words), unit=unit, of=of if of not in
                  PART_PRONOUNS else "", verb=verb_lemma, value=value,
                  source=source_phrase(verb) if thing in ("body", "corpse", "remains") else "")
    return ev, anchor, verb, words, of, unit_end


def source_phrase(verb: Token | None) -> str:
    """'from the lower passenger deck' after a recovery verb: the place, as written."""
    for c in verb.children if verb is not None else ():
        if c.dep_ == "prep" and c.lower_ == "from":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                kept = [t for t in pobj.subtree if t.dep_ not in ("relcl", "punct")
                        and not any(a.dep_ == "relcl" for a in t.ancestors if a.i >= pobj.i)]
                return " ".join(t.lower_ for t in kept if t.lower_ not in ("the", "a", "an"))
    return ""


def when_phrase(verb: Token | None) -> str:
    """The text's own time for the figure: a date or time phrase on its predicate."""
    for c in verb.children if verb is not None else ():
        if c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"):
            return " ".join(t.text for t in c.subtree)
        if c.dep_ == "prep" and c.lower_ in TIME_PREPS:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                return " ".join(t.text for t in c.subtree)
    return ""


