"""What one article names: people, bodies and groups in order, and the roles it teaches.

Full names and where each was first given, bare surnames, role aliases from appositions
and titles ("Stepan Kolodey, deputy head of the State Rescue Service"; "North Korean
leader Kim Jong Un"; "Kalrail, the state rail operator") with where each was taught,
and every mention :mod:`actors` can resolve a pronoun or a description to.
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from summitledger.extract.referents import (
    described_as_person,
    names_business,
    org_name,
    place_in,
    premodifies,
)
from summitledger.nlp.doc import child_span, doc_ents
from summitledger.nlp.names import GROUPS, clean_name, name_key, role_key
from summitledger.nlp.nouns import noun_kind
from summitledger.nlp.words import TITLES

if TYPE_CHECKING:  # spaCy is not imported by the commands that only read the ledger
    from spacy.tokens import Doc, Span


@dataclass
class Mention:
    i: int  # token index
    name: str
    kind: str
    plural: bool
    head: str = ""  # lemma of the phrase's head noun
    speaker: bool = False  # the speaker of a claim, not just a name in the text


class ArticleMentions:
    """What one parsed article names: full names and bare surnames, the roles its
    appositions and titles teach, and every mention of a person, body or group, in order."""

    def __init__(self, doc: Doc, speaker_nouns: Iterable[str] = (),
                 quoted: Callable[[int], bool] = lambda i: False) -> None:
        self.doc = doc
        self.speaker_nouns = set(speaker_nouns)
        self.full: list[str] = []  # multi-word person names, in order of appearance
        self.full_at: dict[str, int] = {}  # where each was first named
        self.bare_at: dict[str, int] = {}  # where a one-word name was first used alone
        self.roles: dict[str, str] = {}  # role key -> person name
        self.role_text: dict[str, str] = {}
        self.role_at: dict[str, int] = {}  # role key -> where it was taught
        self.mentions: list[Mention] = []
        self.bodies: set[str] = set()  # names of businesses NER took for people
        self.quoted = quoted  # is token i inside a quotation?
        self._learn()

    # ------------------------------------------------------------------ learning
    def _learn(self) -> None:
        for ent in doc_ents(self.doc):
            words = clean_name(ent).split() if ent.label_ == "PERSON" else []
            if len(words) == 1:
                self.bare_at.setdefault(words[0].lower(), ent.start)
            if words and names_business(ent):
                self.bodies.add(clean_name(ent))
        for ent in doc_ents(self.doc):
            if ent.label_ != "PERSON":
                if ent.label_ in ("ORG",):
                    kind = "person" if described_as_person(ent) else "organisation"
                    self.mentions.append(Mention(ent.start, org_name(ent), kind, False))
                continue
            name = clean_name(ent)
            if not name:
                continue
            if name in self.bodies:
                self.mentions.append(Mention(ent.start, name, "organisation", False))
                continue
            if len(name.split()) > 1 and name not in self.full:
                self.full.append(name)
                self.full_at[name] = ent.start
            self.mentions.append(Mention(ent.start, self.person(name, ent.start), "person", False))
        for ent in doc_ents(self.doc):
            if ent.label_ == "PERSON":
                self._learn_roles(ent)
            if ent.label_ == "ORG" or (ent.label_ == "PERSON" and len(ent) == 1):
                # "Kalrail, the state rail operator" (a one-word name NER may call a person)
                for child in ent.root.children:
                    if child.dep_ == "appos" and child.pos_ == "NOUN" and any(
                            d.lower_ == "the" for d in child.children):
                        key = role_key(child_span(child).text)
                        if key and key not in self.roles:
                            self.roles[key] = org_name(ent)
                            self.role_text[key] = child_span(child).text.strip(" ,")
                            self.role_at[key] = ent.start
        from summitledger.nlp.doc import token_positions

        for i in token_positions(self.doc, GROUPS):
            root = self.doc[i]
            if root.tag_ in ("NNS", "NNPS"):
                place = place_in(child_span(root))
                name = f"{place} {root.text.lower()}" if place else root.text.lower()
                self.mentions.append(Mention(root.i, name, "group", True))
        # a plural subject that can speak ("Residents of Lowmarsh gathered ...") is whom a
        # later "they" may mean
        for i in token_positions(self.doc, ["nsubj", "nsubjpass"], "DEP"):
            root = self.doc[i]
            if root.tag_ in ("NNS", "NNPS") and root.lemma_.lower() not in GROUPS and noun_kind(
                    root.lemma_, frozenset(self.speaker_nouns)):
                place = place_in(child_span(root))
                name = f"{place} {root.text.lower()}" if place else root.text.lower()
                self.mentions.append(Mention(i, name, "group", True, root.lemma_.lower()))
        self.mentions.sort(key=lambda m: m.i)

    def _learn_roles(self, ent: Span) -> None:
        person = self.person(clean_name(ent), ent.start)
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.ent_type_ != "PERSON":
                self._add_role(child_span(child), person)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            self._add_role(child_span(root.head, stop=root), person)
        # pre-modifiers inside the name's noun phrase: "North Korean leader Kim Jong Un"
        j = ent.start - 1
        while j >= 0 and premodifies(self.doc[j], ent):
            j -= 1
        if j + 1 < ent.start:
            phrase = self.doc[j + 1 : ent.start]
            if any(t.pos_ == "NOUN" or t.lower_ in TITLES or noun_kind(t.lemma_) == "person"
                   for t in phrase):
                self._add_role(phrase, person)

    def _add_role(self, span: Span, person: str) -> None:
        key = role_key(span.text)
        relative = any(t.lower_ in ("his", "her", "their", "its", "my", "our") for t in span)
        if not any(t.pos_ == "NOUN" or noun_kind(t.lemma_) == "person"
                   or (t.lower_ in TITLES and t.pos_ == "PROPN" and len(span) > 1)
                   for t in span) or relative:
            return
        if key and len(person.split()) > 1 and key not in self.roles:
            self.roles[key] = person
            self.role_text[key] = span.text.strip(" ,")
            self.role_at[key] = span.start

    def aliases(self) -> list[tuple[str, str]]:
        """(person, role text) pairs this article teaches."""
        return sorted((p, self.role_text[k]) for k, p in self.roles.items())

    # ------------------------------------------------------------------ resolving
    def person(self, name: str, at: int) -> str:
        """A single surname or given name joined to the article's full name for it."""
        words = name.split()
        if len(words) != 1:
            return name
        word = words[0].lower()
        bare = self.bare_at.get(word, at)
        # a full name given after the bare name was already in use names someone else
        seen = [f for f, first in self.full_at.items() if first <= at and first <= bare]
        hits = [f for f in seen if word in (f.split()[0].lower(), f.split()[-1].lower())]
        same = [f for f in self.full if name_key(f) == name_key(name)]
        hits = same or hits
        return hits[0] if len(hits) == 1 else (hits[-1] if hits else name)

    def note(self, at: int, name: str, kind: str, plural: bool) -> Mention:
        """Record the speaker of a claim (pronouns after it may refer to it) on this
        copy of the article's mentions (see :meth:`hearing`); returns the mention."""
        m = Mention(at, name, kind, plural, self.doc[at].lemma_.lower(), speaker=True)
        bisect.insort(self.mentions, m, key=_at)
        return m

    def hearing(self, speakers: Iterable[Mention]) -> Self:
        """A copy that also knows these claims' ``speakers``: what the article names is
        learned once, the speakers each extraction family found are told to a copy."""
        other = copy.copy(self)
        other.mentions = list(self.mentions)
        for m in speakers:
            bisect.insort(other.mentions, m, key=_at)
        return other

    def before(self, at: int) -> Iterator[Mention]:
        """Mentions before token ``at``, latest first (found by bisection: a long
        article holds tens of thousands)."""
        for n in range(bisect.bisect_left(self.mentions, at, key=_at) - 1, -1, -1):
            yield self.mentions[n]

def _at(m: Mention) -> int:
    return m.i


