"""Who is speaking: speaker phrases resolved to actors, in one article and across the ledger.

In an article, names are cleaned of titles, surnames join the full names the article
gives, appositions and pre-modifiers teach role aliases ("North Korea's leader" is Kim
Jong Un), spokespeople speak for their body, "American officials" and "the Americans"
become "US officials", and pronouns go to the most recent fitting mention. Across the
ledger, :func:`summitledger.actor_ledger.cluster_actors` joins the names articles
used for one actor (see :mod:`names` for how names are made comparable).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summitledger.extract.phrases import (
    _described_as_person,
    _modifies,
    _named_after,
    _org,
    _personal,
    _place_in,
    _principal,
)
from summitledger.nlp.doc import child_span, doc_ents, ents_in
from summitledger.nlp.names import (
    GROUPS,
    PERSON_ROLES,
    PLURAL,
    SINGULAR,
    SPOKES,
    TITLES,
    clean_name,
    expands,
    is_acronym,
    name_key,
    normalise_places,
    role_key,
)
from summitledger.nlp.nouns import noun_kind

if TYPE_CHECKING:  # spaCy is not imported by the commands that only read the ledger
    from spacy.tokens import Doc, Span, Token

@dataclass
class Mention:
    i: int  # token index
    name: str
    kind: str
    plural: bool
    head: str = ""  # lemma of the phrase's head noun
    speaker: bool = False  # the speaker of a claim, not just a name in the text


class ArticleActors:
    """Resolves speaker spans of one parsed article to actor names."""

    def __init__(self, doc: Doc, speaker_nouns: Iterable[str] = ()) -> None:
        self.doc = doc
        self.speaker_nouns = set(speaker_nouns)
        self.full: list[str] = []  # multi-word person names, in order of appearance
        self.full_at: dict[str, int] = {}  # where each was first named
        self.bare_at: dict[str, int] = {}  # where a one-word name was first used alone
        self.roles: dict[str, str] = {}  # role key -> person name
        self.role_text: dict[str, str] = {}
        self.mentions: list[Mention] = []
        self.quoted: Callable[[int], bool] = lambda i: False  # set once quotes are known
        self._learn()

    # ------------------------------------------------------------------ learning
    def _learn(self) -> None:
        for ent in doc_ents(self.doc):
            words = clean_name(ent).split() if ent.label_ == "PERSON" else []
            if len(words) == 1:
                self.bare_at.setdefault(words[0].lower(), ent.start)
        for ent in doc_ents(self.doc):
            if ent.label_ != "PERSON":
                if ent.label_ in ("ORG",):
                    kind = "person" if _described_as_person(ent) else "organisation"
                    self.mentions.append(Mention(ent.start, _org(ent), kind, False))
                continue
            name = clean_name(ent)
            if not name:
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
                            self.roles[key] = _org(ent)
                            self.role_text[key] = child_span(child).text.strip(" ,")
        from summitledger.nlp.doc import token_positions

        for i in token_positions(self.doc, GROUPS):
            root = self.doc[i]
            if root.tag_ in ("NNS", "NNPS"):
                place = _place_in(child_span(root))
                name = f"{place} {root.text.lower()}" if place else root.text.lower()
                self.mentions.append(Mention(root.i, name, "group", True))
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
        while j >= 0 and _modifies(self.doc[j], ent):
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

    def note(self, at: int, name: str, kind: str, plural: bool) -> None:
        """Record the speaker of a claim: pronouns after it may refer to it."""
        bisect.insort(self.mentions, Mention(at, name, kind, plural,
                                             self.doc[at].lemma_.lower(), speaker=True),
                      key=_at)

    def before(self, at: int) -> Iterator[Mention]:
        """Mentions before token ``at``, latest first (found by bisection: a long
        article holds tens of thousands)."""
        for n in range(bisect.bisect_left(self.mentions, at, key=_at) - 1, -1, -1):
            yield self.mentions[n]

    def _recent(self, at: int, want: str, window: int = 160) -> Mention | None:
        """The latest fitting mention before ``at``, outside quotations: ``want`` is
        'plural' (they), 'person' (he, she: a person, or the speaker who spoke for a
        body, as a spokeswoman does) or 'body' (it: an organisation)."""
        for m in self.before(at):
            if at - m.i > window:
                break
            if self.quoted(m.i):
                continue
            if want == "plural" and (m.plural or m.kind == "group"):
                return m
            if want == "person" and not m.plural and (m.kind == "person" or (
                    m.speaker and (m.kind == "unknown" or _personal(self.doc[m.i])))):
                return m
            if want == "body" and not m.plural and m.kind in ("organisation", "group") \
                    and not _personal(self.doc[m.i]):
                return m
        return None

    def _body(self, noun: Token) -> Mention | None:
        """The latest organisation named before ``noun`` that it can refer to ('ministry'
        -> the Ministry of Education), if any."""
        word = noun.lemma_.lower()
        for m in self.before(noun.i):
            if m.kind == "organisation" and not self.quoted(m.i) and (
                    m.head == word or word in m.name.lower().split()):
                return m
        return None

    def resolve(self, span: Span) -> tuple[str, str]:
        """(actor, kind) for a speaker span; an acronym joins the full name the article
        gives for it ("the Rail Accident Investigation Branch (RAIB)" ... "RAIB said")."""
        name, kind = self._resolve(span)
        if is_acronym(name):
            full = next((m for m in self.mentions if m.kind in ("organisation", "group")
                         and expands(name, m.name)), None)
            if full is not None:
                return full.name, full.kind
        return name, kind

    def _resolve(self, span: Span) -> tuple[str, str]:
        root = span.root
        low = root.lower_
        if root.pos_ == "PRON" or low in SINGULAR | PLURAL:
            want = "plural" if low in PLURAL else "body" if low == "it" else "person"
            m = self._recent(root.i, want)
            if m:
                return m.name, m.kind
            return span.text, "unknown"
        principal = _principal(span)
        if principal is not None:  # "the mayor's office", "a spokesman for the ministry"
            if len(principal) == 1 and principal.root.pos_ == "NOUN":
                body = self._body(principal.root)  # "a ministry spokesman": which ministry
                if body is not None:
                    return body.name, body.kind
            return self._resolve(principal)
        name = _named_after(root)
        if name is not None:  # "the state broadcaster Radio Tanland": the name, not the descriptor
            return self._resolve(name)
        persons = [e for e in ents_in(span) if e.label_ == "PERSON"]
        if persons:
            # the name the phrase is about: the one holding its head ("Putin's spokesman
            # Dmitry Peskov" is Peskov), not a possessor
            own = [e for e in persons if e.start <= root.i < e.end]
            not_possessor = [e for e in persons if e.root.dep_ != "poss"]
            ent = (own or not_possessor[-1:] or persons)[0]
            # an entity cut off mid-name ("Vessmouth Fire and | Rescue Service") is not
            # a person: the whole proper noun phrase names a body
            clipped = ent[-1].pos_ in ("CCONJ", "ADP", "DET") and ent.end < span.end
            if not clipped:
                return self.person(clean_name(ent), ent.start), "person"
        lemma = root.lemma_.lower()
        place = _place_in(span)
        if lemma in SPOKES:
            orgs = [e for e in ents_in(span) if e.label_ in ("ORG", "GPE", "NORP", "FAC")]
            if orgs:
                return _org(orgs[0]), "organisation"
            if place:
                return place, "organisation"
        if lemma in GROUPS and root.tag_ in ("NNS", "NNPS"):
            if place:
                return f"{place} {root.text.lower()}", "group"
            m = next(
                (m for m in self.before(root.i) if m.kind == "group"
                 and m.name.lower().endswith(root.text.lower())), None)
            return (m.name, "group") if m else (root.text.lower(), "group")
        if root.ent_type_ == "NORP" and low.endswith("s") and place:
            return f"{place} officials", "group"
        key = role_key(span.text)
        if key in self.roles:
            return self.roles[key], "person"
        definite = span[0].lower_ == "the" and len([t for t in span if not t.is_punct]) == 2
        if definite and lemma in self.speaker_nouns:
            m = next((m for m in self.before(root.i) if m.head == lemma), None)
            if m is not None:
                return m.name, m.kind
        orgs = [e for e in ents_in(span) if e.label_ in ("ORG", "GPE", "NORP", "FAC")]
        if orgs and orgs[0].root == root:
            return _org(orgs[0]), "person" if _described_as_person(orgs[0]) else "organisation"
        toks = [t for t in span if not t.is_punct or t.text in ("'s", "’s", "'", "’")]
        while len(toks) > 1 and toks[0].lower_ in ("the", "a", "an"):
            toks.pop(0)
        raw = "".join(t.text_with_ws for t in toks).strip() if toks else span.text
        text = normalise_places(raw)
        text = text[:1].upper() + text[1:]
        plural = root.tag_ in ("NNS", "NNPS")
        if plural:
            return text, "group"
        return text, "person" if lemma in PERSON_ROLES else "unknown"


def _at(m: Mention) -> int:
    return m.i


