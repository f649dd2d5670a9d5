"""Who is speaking: speaker phrases of one article resolved to actors.

Over what :mod:`mentions` learned of the article: names are cleaned of titles, surnames
join the full names the article gives, a title alone is the person last named with it
("the deputy head"), a common noun for a body is the body last named that it fits ("the
company", "the ministry"), spokespeople speak for their body, "American officials" and
"the Americans" become "US officials", and pronouns go to the most recent fitting
mention. Across the ledger, :mod:`summitledger.reconcile.actors` joins the names
articles used for one actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.extract.mentions import ArticleMentions, Mention
from summitledger.extract.referents import (
    described_as_person,
    is_personal,
    named_after,
    org_name,
    phrase_core,
    place_in,
    principal,
)
from summitledger.nlp.doc import ents_in
from summitledger.nlp.names import (
    GROUPS,
    PERSON_ROLES,
    SPOKES,
    clean_name,
    expands,
    is_acronym,
    normalise_places,
    role_key,
)
from summitledger.nlp.nouns import noun_kind
from summitledger.nlp.roles import BUSINESS, COLLECTIVE, describes, fits_role
from summitledger.nlp.words import PLURAL, SINGULAR

if TYPE_CHECKING:  # spaCy is not imported by the commands that only read the ledger
    from spacy.tokens import Span, Token


#: how far back (in tokens) a pronoun looks for whom it means: about a paragraph
PRONOUN_REACH = 160
#: how far back (in tokens) 'the ministry' looks for the body it names: a few paragraphs
DESCRIPTION_REACH = 400


class ArticleActors(ArticleMentions):
    """Resolves speaker spans of one parsed article to actor names."""

    def _recent(self, at: int, want: str, window: int = PRONOUN_REACH) -> Mention | None:
        """The latest fitting mention before ``at``, outside quotations: ``want`` is
        'plural' (they), 'person' (he, she: a person, or the speaker who spoke for a
        body, as a spokeswoman does) or 'body' (it: an organisation). 'It' prefers a
        speaker or a subject to a body named inside what someone said ("The operator
        said the ship was surveyed by the Register. It has undertaken to pay": the
        operator)."""
        fallback: Mention | None = None
        for m in self.before(at):
            if at - m.i > window:
                break
            if self.quoted(m.i):
                continue
            if want == "plural" and (m.plural or m.kind == "group"):
                return m
            if want == "person" and not m.plural and (m.kind == "person" or (
                    m.speaker and (m.kind == "unknown" or is_personal(self.doc[m.i])))):
                return m
            body = m.kind in ("organisation", "group") or (
                m.kind == "unknown" and m.speaker
                and (m.head in BUSINESS or noun_kind(m.head) == "body"))
            if want == "body" and not m.plural and body and not is_personal(self.doc[m.i]):
                if m.speaker or self.doc[m.i].dep_ in ("nsubj", "nsubjpass"):
                    return m
                fallback = fallback or m
        return fallback

    def _body(self, noun: Token) -> Mention | None:
        """The latest organisation named before ``noun`` that it can refer to ('ministry'
        -> the Ministry of Education), if any."""
        word = noun.lemma_.lower()
        for m in self.before(noun.i):
            if m.kind == "organisation" and not self.quoted(m.i) and (
                    m.head == word or word in m.name.lower().split()):
                return m
        return None

    def _titled(self, span: Span, root: Token) -> str | None:
        """The person last named before ``span`` with a role its title alone fits
        ("the deputy head" for "deputy head of the State Rescue Service"): a definite
        description headed by a role noun."""
        if root.lemma_.lower() in BUSINESS or noun_kind(root.lemma_) == "body":
            return None
        first = span[0]
        if first.lower_ != "the" and not (first.dep_ == "poss" and first.ent_type_):
            return None
        found = [(self.role_at.get(k, -1), p) for k, p in self.roles.items()
                 if self.role_at.get(k, -1) < root.i and len(p.split()) > 1
                 and fits_role(span.text, k)]
        return max(found)[1] if found else None

    def _described(self, noun: Token, window: int = DESCRIPTION_REACH) -> Mention | None:
        """The body last named before ``noun`` that 'the <noun>' can refer to: one of
        that kind ('the ministry'), or a name of no kind at all ('the company')."""
        word = noun.lemma_.lower()
        for m in self.before(noun.i):
            if noun.i - m.i > window:
                break
            # a one-word name the parser called a body may be a place ('left Tervalin'):
            # only a speaker's, or a name of several words, is taken
            named = m.speaker or len(m.name.split()) > 1
            if m.kind == "organisation" and named and not self.quoted(m.i) \
                    and describes(word, m.name):
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
        owner = principal(span)
        if owner is not None:  # "the mayor's office", "a spokesman for the ministry"
            if len(owner) == 1 and owner.root.pos_ == "NOUN":
                body = self._body(owner.root)  # "a ministry spokesman": which ministry
                if body is not None:
                    return body.name, body.kind
            return self._resolve(owner)
        name = named_after(root)
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
            if not clipped and clean_name(ent) in self.bodies:
                return clean_name(ent), "organisation"
            if not clipped:
                return self.person(clean_name(ent), ent.start), "person"
        lemma = root.lemma_.lower()
        place = place_in(span)
        if lemma in SPOKES:
            orgs = [e for e in ents_in(span) if e.label_ in ("ORG", "GPE", "NORP", "FAC")]
            if orgs:
                return org_name(orgs[0]), "organisation"
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
            return self.roles[key], "organisation" if self.roles[key] in self.bodies else "person"
        titled = self._titled(span, root)
        if titled is not None:  # "the deputy head", after "X, deputy head of Y"
            return titled, "person"
        definite = span[0].lower_ == "the" and len([t for t in span if not t.is_punct]) == 2
        if definite and lemma in self.speaker_nouns:
            m = next((m for m in self.before(root.i) if m.head == lemma), None)
            if m is not None:
                return m.name, m.kind
        if definite and (noun_kind(lemma) == "body" or lemma in BUSINESS) \
                and lemma not in COLLECTIVE:
            m = self._described(root)  # "the company", after "operator Oskova Lake Lines"
            if m is not None:
                return m.name, m.kind
        orgs = [e for e in ents_in(span) if e.label_ in ("ORG", "GPE", "NORP", "FAC")]
        if orgs and orgs[0].root == root:
            return org_name(orgs[0]), "person" if described_as_person(orgs[0]) else "organisation"
        core = phrase_core(span)
        toks = [t for t in span if t.i in core and (
            not t.is_punct or t.text in ("'s", "’s", "'", "’"))]
        while len(toks) > 1 and toks[0].lower_ in ("the", "a", "an"):
            toks.pop(0)
        raw = "".join(t.text_with_ws for t in toks).strip() if toks else span.text
        text = normalise_places(raw)
        text = text[:1].upper() + text[1:]
        plural = root.tag_ in ("NNS", "NNPS")
        if plural:
            return text, "group"
        return text, "person" if lemma in PERSON_ROLES else "unknown"
