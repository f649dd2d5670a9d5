"""The extractor as a spaCy pipeline component: ``nlp.add_pipe("summitledger_claims")``.

On any English pipeline with a parser and NER it sets ``doc._.claims``: one
:class:`SpanClaim` per attributed claim, with the speaker, cue and content as spans of
the doc (None where a part has no span, such as an orphan quotation's cue), the claim's
type, rule, actor and polarity; and ``doc._.extraction``, the whole
:class:`~summitledger.models.Extraction` (sentences, claims, aliases, provenance). The
ledger's ingest runs this same component on each article, after parsing only the
paragraphs that can carry a claim (:func:`summitledger.nlp.select.parse_selected`, with
the component's :attr:`ClaimsComponent.triggers`). The factory is registered when
``summitledger.extract.component`` is imported (and through the ``spacy_factories``
entry point, so ``spacy.load`` finds it in a saved pipeline's config).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from summitledger.extract import extract_doc
from summitledger.extract.cues import Lexicon, load_lexicon, phrase_lemmas
from summitledger.nlp.select import Triggers

NAME = "summitledger_claims"

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)
if not Doc.has_extension("extraction"):  # the whole Extraction, as the ledger stores it
    Doc.set_extension("extraction", default=None)


@dataclass
class SpanClaim:
    """One attributed claim, its parts as spans of the doc."""

    speaker: Span | None
    cue: Span | None
    content: Span | None
    actor: str
    type: str
    rule: str
    polarity: int


class ClaimsComponent:
    """Sets ``doc._.claims``; the pipeline must parse and tag entities before it."""

    def __init__(self, nlp: Language, name: str, cues: str | None) -> None:
        self.nlp, self.name = nlp, name
        self.lexicon: Lexicon = load_lexicon(Path(cues) if cues else None)
        self._ready = False
        self._triggers: Triggers | None = None

    @property
    def triggers(self) -> Triggers:
        """What makes a paragraph worth parsing for this lexicon (see :mod:`nlp.select`)."""
        if self._triggers is None:
            self._triggers = Triggers.build(self.lexicon.verbs, self.lexicon.phrases, self.nlp)
        return self._triggers

    def __call__(self, doc: Doc) -> Doc:
        if not self._ready:  # cue phrases' lemmas, by this pipeline without this component
            off = [self.name] if self.name in self.nlp.pipe_names else []
            with self.nlp.select_pipes(disable=off):
                phrase_lemmas(self.nlp, tuple(sorted(self.lexicon.phrases)))
            self._ready = True
        ex = doc._.extraction = extract_doc(doc, self.nlp, self.lexicon)

        def span(a: int, b: int) -> Span | None:
            return doc.char_span(a, b, alignment_mode="expand") if b > a else None

        doc._.claims = [
            SpanClaim(speaker=span(c.speaker_start, c.speaker_end), cue=span(c.cue_start, c.cue_end),
                      content=span(c.content_start, c.content_end), actor=c.actor, type=c.type,
                      rule=c.rule, polarity=c.polarity)
            for c in ex.claims]
        return doc


@Language.factory(NAME, default_config={"cues": None})
def make_claims_component(nlp: Language, name: str, cues: str | None) -> ClaimsComponent:
    """``nlp.add_pipe("summitledger_claims", config={"cues": "extra.json"})``."""
    return ClaimsComponent(nlp, name, cues)
