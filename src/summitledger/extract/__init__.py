"""Extraction: a parsed article in, attributed claims out.

The article is read once (:mod:`article`: its sentences and quotations) and each family
of rules is a function from what it reads to claim drafts (built by :mod:`drafts`):
:mod:`attribution` (cue verbs and phrases, with :mod:`complements` for what each cue
reports), :mod:`according` (``according to X``) and :mod:`orphans` (quotations with no
cue). Where one family needs another's results it gets them here, as arguments: the
cues that made claims (an 'according to' phrase on one of them is its channel), the
quotations they report and their speakers (an orphan quotation's speaker). Then relays
(:mod:`relays`) and duplicates (:mod:`dedupe`) are resolved over all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.extract.according import according_claims, pass_on
from summitledger.extract.actors import ArticleActors
from summitledger.extract.article import read_article
from summitledger.extract.attribution import cue_claims
from summitledger.extract.cue_phrases import CuePhrases, cue_phrases
from summitledger.extract.cues import Lexicon, load_lexicon
from summitledger.extract.dedupe import dedupe
from summitledger.extract.orphans import orphan_claims
from summitledger.extract.passed import passed_over
from summitledger.extract.relays import relay
from summitledger.models import Extraction, RoleAlias, SentenceIn
from summitledger.nlp.pipeline import pipeline_id

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_doc", "extract_text", "Lexicon",
           "load_lexicon"]

#: The extraction rules' version, recorded on every article: an article extracted by
#: other rules is extracted again on its next ingest. Raise it when the rules change,
#: or the shape of the claims they store (2026.12.9: word bags as typed JSON;
#: 2026.12.10: a reported clause the parser cut at a comma is taken whole).
EXTRACTOR_VERSION = "2026.12.10+wordbag"


def extract_doc(doc: Doc, nlp: Language, lexicon: Lexicon) -> Extraction:
    """All attributed claims of one article parsed by ``nlp``, in text order."""
    return extract(doc, lexicon, cue_phrases(nlp, tuple(sorted(lexicon.phrases))),
                   pipeline_id(nlp))


def extract(doc: Doc, lexicon: Lexicon, phrases: CuePhrases, pipeline: str) -> Extraction:
    """All attributed claims of one parsed article, in text order: ``phrases`` are the
    lexicon's cue phrases as lemmatized by the pipeline named ``pipeline``."""
    article = read_article(doc, lexicon)
    actors = ArticleActors(doc, lexicon.speaker_nouns, quoted=article.in_quote)
    said = cue_claims(article, lexicon, actors, phrases.find(doc))
    heard = actors.hearing(said.speakers)  # a pronoun after a claim may mean its speaker
    according = according_claims(article, lexicon, heard,
                                 reported={c.cue_start for c in said.claims})
    claims = pass_on(article, lexicon, said.claims, according.channels) + according.claims
    claims += orphan_claims(article, heard, used=said.used, earlier=claims)
    claims = relay(article, lexicon, heard, claims)
    claims = dedupe(sorted(claims, key=lambda c: (c.content_start, c.content_end)))
    sentences = [  # trusted values from the parse: built without validation
        SentenceIn.model_construct(idx=n, start=s.start_char, end=s.end_char,
                                   text=article.text[s.start_char : s.end_char])
        for n, s in enumerate(article.sents)
    ]
    aliases = [RoleAlias(actor=a, alias=r) for a, r in actors.aliases()]
    return Extraction(sentences=sentences, claims=claims, aliases=aliases,
                      pipeline=pipeline, extractor=EXTRACTOR_VERSION,
                      lexicon=lexicon.digest(), passed=passed_over(article, lexicon, claims))


def extract_text(text: str, model: str | None = None, lexicon: Lexicon | None = None) -> Extraction:
    """Parse ``text`` with the configured pipeline and extract its claims (for library use)."""
    from summitledger.nlp.pipeline import load_pipeline, parse_texts
    from summitledger.nlp.text import prose
    from summitledger.settings import Settings

    settings = Settings.from_env()
    nlp = load_pipeline(model or settings.model)
    doc = next(parse_texts(nlp, [prose(text)]))
    return extract_doc(doc, nlp, lexicon or load_lexicon(settings.cues))
