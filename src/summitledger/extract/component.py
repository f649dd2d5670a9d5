"""The extractor as a spaCy pipeline component: ``nlp.add_pipe("summitledger_claims")``.

On any English pipeline with a parser and NER it sets ``doc._.claims``: one
:class:`SpanClaim` per attributed claim, with the speaker, cue and content as spans of
the doc (None where a part has no span, such as an orphan quotation's cue), the claim's
type, rule, actor and polarity; ``doc.spans["claims"]``, the claims' contents as a span
group labelled with their type (for displaCy and other components); and
``doc._.extraction``, the whole :class:`~summitledger.models.Extraction` (sentences,
claims, aliases, provenance). The ledger's ingest runs this same component on each
article, after parsing only the paragraphs that can carry a claim
(:func:`summitledger.nlp.select.parse_selected`, with the component's
:attr:`ClaimsComponent.triggers`).

The component is ready once it has its cue lexicon and the lemmas of the lexicon's
phrases (:mod:`cue_phrases`): added to a working pipeline it sets itself up at once;
``initialize`` does so on ``nlp.initialize()`` (or when called with another lexicon);
a saved pipeline carries both (``to_disk``), so ``spacy.load`` needs neither the
lexicon file nor a parse of the phrases. The factory is registered when
``summitledger.extract.component`` is imported (and through the ``spacy_factories``
entry point, so ``spacy.load`` finds it in a saved pipeline's config).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from summitledger.extract import extract
from summitledger.extract.cue_phrases import CuePhrases
from summitledger.extract.cues import Lexicon, load_lexicon
from summitledger.nlp.pipeline import pipeline_id
from summitledger.nlp.select import Triggers

NAME = "summitledger_claims"
SPANS = "claims"  # the key of the claims' span group in doc.spans
_LEXICON, _PHRASES = "lexicon.json", "phrases.json"  # what a saved component holds

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
        self.nlp, self.name, self.cues = nlp, name, cues
        self.lexicon: Lexicon | None = None
        self.phrases: CuePhrases | None = None
        self._triggers: Triggers | None = None
        if _runs(nlp):  # added to a working pipeline (spacy.load calls from_disk instead)
            self.initialize(nlp=nlp)

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None, cues: str | None = None) -> None:
        """Read the cue lexicon (the default, with the factory's ``cues`` file or this
        ``cues`` file added) and lemmatize its phrases with the components before this one."""
        nlp = nlp or self.nlp
        extra = cues or self.cues
        lexicon = load_lexicon(Path(extra) if extra else None)
        names = nlp.pipe_names
        later = names[names.index(self.name):] if self.name in names else []
        with nlp.select_pipes(disable=later):
            self._ready(lexicon, CuePhrases.build(nlp, sorted(lexicon.phrases)))

    def _ready(self, lexicon: Lexicon, phrases: CuePhrases) -> None:
        self.lexicon, self.phrases = lexicon, phrases
        self._triggers = Triggers.build(lexicon.verbs, lexicon.phrases, self.nlp)

    @property
    def triggers(self) -> Triggers:
        """What makes a paragraph worth parsing for this lexicon (see :mod:`nlp.select`)."""
        if self._triggers is None:
            raise self._not_ready()
        return self._triggers

    def _not_ready(self) -> ValueError:
        return ValueError(f"[E109] Component '{self.name}' could not be run: it has no cue "
                          "lexicon yet. Did you forget to call `initialize()`?")

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None or self.phrases is None:
            raise self._not_ready()
        ex = doc._.extraction = extract(doc, self.lexicon, self.phrases, pipeline_id(self.nlp))

        def span(a: int, b: int) -> Span | None:
            return doc.char_span(a, b, alignment_mode="expand") if b > a else None

        claims = [
            SpanClaim(speaker=span(c.speaker_start, c.speaker_end), cue=span(c.cue_start, c.cue_end),
                      content=span(c.content_start, c.content_end), actor=c.actor, type=c.type,
                      rule=c.rule, polarity=c.polarity)
            for c in ex.claims]
        doc._.claims = claims
        doc.spans[SPANS] = SpanGroup(doc, name=SPANS, spans=[
            Span(doc, c.content.start, c.content.end, label=c.type)
            for c in claims if c.content is not None])
        return doc

    # ------------------------------------------------------------------ saving
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        lexicon, phrases = self._saved()
        return json.dumps({"lexicon": lexicon, "phrases": phrases}).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ClaimsComponent:
        saved = json.loads(data)
        self._load(saved["lexicon"], saved["phrases"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """The lexicon and its phrases' lemmas, as JSON files in the folder ``path``."""
        lexicon, phrases = self._saved()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / _LEXICON).write_text(json.dumps(lexicon, ensure_ascii=False), "utf-8")
        (path / _PHRASES).write_text(json.dumps(phrases, ensure_ascii=False), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ClaimsComponent:
        path = Path(path)
        self._load(json.loads((path / _LEXICON).read_text("utf-8")),
                   json.loads((path / _PHRASES).read_text("utf-8")))
        return self

    def _saved(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        if self.lexicon is None or self.phrases is None:
            raise self._not_ready()
        return (self.lexicon.model_dump(mode="json"),
                {p: list(ls) for p, ls in self.phrases.lemmas.items()})

    def _load(self, lexicon: dict[str, Any], phrases: dict[str, list[str]]) -> None:
        self._ready(Lexicon.model_validate(lexicon),
                    CuePhrases(self.nlp.vocab, {p: tuple(ls) for p, ls in phrases.items()}))


def _runs(nlp: Language) -> bool:
    """Can the pipeline run yet? ``spacy.load`` makes every component before it loads
    their weights (and then calls this one's ``from_disk``); until then a component
    that cannot run says so with spaCy's E109 (a ValueError)."""
    try:
        nlp("Ready.")
    except ValueError:
        return False
    return True


@Language.factory(NAME, default_config={"cues": None})
def make_claims_component(nlp: Language, name: str, cues: str | None) -> ClaimsComponent:
    """``nlp.add_pipe("summitledger_claims", config={"cues": "extra.json"})``."""
    return ClaimsComponent(nlp, name, cues)
