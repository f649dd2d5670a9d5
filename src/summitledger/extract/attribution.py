"""Claims introduced by a reporting cue: ``X said (that) ...``, ``"...," said X``,
``X warned of ...``, ``X promised to ...``, ``X let it be known that ...``.

The cue is a verb (or a multi-word phrase) of the lexicon; the speaker is its subject
(see :mod:`speakers`); the content is the complement the lexicon allows for that cue
(:mod:`complements`), or a quotation next to it (:mod:`reports`). The share of quoted
words in the content decides direct, mixed or indirect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from summitledger.extract.clauses import nested_attributions, says_something, split_that
from summitledger.extract.complements import complement
from summitledger.extract.objects import gapped_objects
from summitledger.extract.reports import Cue, Heard, reported_claim
from summitledger.extract.speakers import can_speak, find_speaker, surface_head, surface_subject
from summitledger.extract.trailing import trailing_frame
from summitledger.nlp.doc import child_span
from summitledger.nlp.words import CONDITIONAL, HEDGING_MODALS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summitledger.extract.actors import ArticleActors
    from summitledger.extract.article import Article
    from summitledger.extract.cues import Lexicon
    from summitledger.extract.mentions import Mention
    from summitledger.models import ClaimDraft


@dataclass(frozen=True)
class CueClaims:
    """The claims the cues of one article introduce, with what they took: the
    quotations they report and their speakers, in text order."""

    claims: list[ClaimDraft]
    used: frozenset[int]
    speakers: tuple[Mention, ...]


def cue_claims(article: Article, lexicon: Lexicon, actors: ArticleActors,
               phrases: list[tuple[int, int, str]]) -> CueClaims:
    """Every claim introduced by a cue verb or one of the cue ``phrases`` found in the
    article ((start, end, phrase) token ranges), read in text order."""
    doc = article.doc
    candidates: list[tuple[int, Cue]] = []
    taken: set[int] = set()
    for start, end, name in phrases:
        toks = list(doc[start:end])
        taken.update(t.i for t in toks)
        candidates.append((start, _cue(toks, lexicon.phrases[name], "phrase", False)))
    negative = set(lexicon.negative)
    for i in article.positions(lexicon.verbs):
        t = doc[i]
        if t.i in taken or t.pos_ not in ("VERB", "AUX"):
            continue
        kinds = lexicon.complements(t.lemma_)
        if kinds:
            candidates.append((t.i, _cue([t], kinds, "cue", t.lemma_.lower() in negative)))
    heard = Heard(actors.hearing(()))
    claims: list[ClaimDraft] = []
    for _, cue in sorted(candidates, key=lambda c: c[0]):
        claims.extend(claim_from_cue(article, lexicon, heard, cue))
    return CueClaims(claims, frozenset(heard.used), tuple(heard.speakers))


def _cue(tokens: list[Token], kinds: list[str], rule: str, negative: bool) -> Cue:
    ids = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in ids or t.head == t), tokens[0])
    return Cue(tokens, kinds, rule, negative, head)


def hypothetical(cue: Token) -> bool:
    """'may agree', 'did not say', 'if he says': reports of nothing said."""
    for c in cue.children:
        if c.dep_ == "aux" and c.lower_ in HEDGING_MODALS:
            return True
        if c.dep_ == "neg":
            return True
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL:
            return True
    if cue.dep_ in ("pcomp", "advcl") and cue.head.lower_ in CONDITIONAL:
        return True  # "before confirming it"
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subj is not None and cue.dep_ != "ROOT" and any(  # "days before X had confirmed it"
            cue.doc[j].lower_ in CONDITIONAL for j in range(cue.left_edge.i, subj.left_edge.i)):
        return True
    return cue.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)


def claim_from_cue(article: Article, lexicon: Lexicon, heard: Heard, cue: Cue) -> list[ClaimDraft]:
    """The claims one cue introduces: usually one; 'said X and that Y' gives two."""
    head, cues, kinds = cue.head, cue.tokens, cue.kinds
    if any(article.quoted(t) is not None for t in cues) or hypothetical(head):
        return []
    subj = find_speaker(head)
    reports = len(cues) == 1 and ("ccomp" in kinds or "quote" in kinds)
    trail = trailing_frame(head, subj, kinds) if reports else None
    surface = None
    if subj is not None:
        speaker = child_span(subj, stop=head)
        if trail is not None and trail.speaker is not None:
            speaker = trail.speaker  # "..., added an official at the ministry."
            if not speaker.start <= subj.i < speaker.end:
                subj, surface = surface_head(speaker), speaker
    else:  # read off the surface: "..., added state police.", "A passer-by said ..."
        surface = trail.speaker if trail is not None else surface_subject(head)
        if surface is None:
            return []
        speaker, subj = surface, surface_head(surface)
    # can it speak? (see speakers: an open class decided by the parse)
    if not can_speak(speaker, article.quoted(speaker.root) is not None,
                     lexicon.speaker_set(), subj if surface is not None else None):
        return []
    if trail is not None:  # "X, police said.": all of X
        found: tuple[str, set[int]] | None = ("trailing", trail.content)
    else:
        found = complement(cues, kinds, frozenset(range(speaker.start, speaker.end)))
    if found is None:
        parts: list[tuple[str, set[int]] | None] = [None]
    else:
        kind, ids = found
        if cue.negative and kind == "dobj" and not says_something(article.doc, ids, cues):
            return []  # "rejected the offer" is an act; "rejected the claims" a denial
        ids -= nested_attributions(article.doc, lexicon, ids, head)
        pieces = split_that(article.doc, ids) if kind == "ccomp" else [ids]
        if kind == "dobj":
            pieces += gapped_objects(head, kinds)
        parts = [(kind, p) for p in pieces]
    out = []
    for part in parts:
        claim = reported_claim(article, heard, cue, subj, speaker, part)
        if claim is not None:
            out.append(claim)
    return out
