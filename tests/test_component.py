"""The spaCy component as spaCy users meet it: added to a stock pipeline, saved with
``nlp.to_disk`` and loaded with ``spacy.load``, its claims as a span group, and the
cue phrases it finds with spaCy's Matcher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.lang.en import English

import summitledger.extract.component  # noqa: F401  (registers the factory)
from summitledger.extract.component import NAME, SPANS
from summitledger.settings import Settings

TEXT = ('"We were never told," one commuter said. The harbour master grumbled that the quay '
        "was unsafe. The union expressed its deep concern that staff had been cut, "
        "according to the Lowmarsh Courier. The ministry put out a statement that the line "
        "would reopen. The company made it clear that fares would rise.")


@pytest.fixture(scope="module")
def model() -> str:
    return Settings.from_env().model


@pytest.fixture
def with_cues(tmp_path: Path, model: str) -> spacy.Language:
    """The stock pipeline with the component and a user's extra cue in a file."""
    cues = tmp_path / "cues.json"
    cues.write_text(json.dumps({"verbs": {"grumble": ["ccomp"]}}), "utf-8")
    nlp = spacy.load(model)
    nlp.add_pipe(NAME, config={"cues": str(cues)})
    return nlp


def test_a_saved_pipeline_loads_with_the_same_claims_and_carries_its_lexicon(
        with_cues: spacy.Language, tmp_path: Path) -> None:
    before = with_cues(TEXT)._.extraction
    assert "the quay was unsafe" in [c.content for c in before.claims]  # the user's cue
    with_cues.to_disk(tmp_path / "pipeline")
    (tmp_path / "cues.json").unlink()  # the saved pipeline needs no lexicon file
    loaded = spacy.load(tmp_path / "pipeline")
    after = loaded(TEXT)._.extraction
    assert [c.model_dump() for c in after.claims] == [c.model_dump() for c in before.claims]
    assert after.lexicon == before.lexicon
    assert loaded.get_pipe(NAME).triggers == with_cues.get_pipe(NAME).triggers


def test_bytes_round_trip(with_cues: spacy.Language, model: str) -> None:
    data = with_cues.get_pipe(NAME).to_bytes()
    fresh = spacy.load(model)
    fresh.add_pipe(NAME).from_bytes(data)
    assert [c.model_dump() for c in fresh(TEXT)._.extraction.claims] == \
        [c.model_dump() for c in with_cues(TEXT)._.extraction.claims]


def test_the_claims_are_a_span_group_labelled_by_type(with_cues: spacy.Language) -> None:
    doc = with_cues(TEXT)
    group = doc.spans[SPANS]
    assert [s.text for s in group] == [c.content.text for c in doc._.claims]
    assert [s.label_ for s in group] == [c.type for c in doc._.claims]
    assert {s.label_ for s in group} == {"direct", "indirect"}
    assert all(s.doc is doc for s in group)


def test_cue_phrases_are_matched_on_lemmas_with_words_between(with_cues: spacy.Language) -> None:
    got = {c.cue.text: c.content.text for c in with_cues(TEXT)._.claims}
    assert got["expressed its deep concern"] == "staff had been cut"  # a possessive, a modifier
    assert got["put out a statement"] == "the line would reopen"  # not 'point out'
    assert got["made it clear"] == "fares would rise"


def test_an_uninitialized_component_says_so(model: str) -> None:
    """A pipeline built from a config has no weights, so the component cannot set itself
    up; called before initialize() or from_disk(), it says what to do."""
    blank = English.from_config(spacy.load(model).config)
    component = blank.add_pipe(NAME)
    assert component.lexicon is None
    with pytest.raises(ValueError, match="initialize"):
        component(blank.make_doc("Police said the road was closed."))


def test_an_article_with_nothing_parsed_has_no_claims() -> None:
    """Ingest parses only the paragraphs that can carry a claim: an article with none
    has no lemmas at all, and the component finds nothing in it (spaCy's Matcher would
    refuse a doc without lemmas)."""
    from summitledger.ingest.run import claims_component
    from summitledger.nlp.select import parse_selected

    claims = claims_component(Settings.from_env().model, None)
    text = "The weather was fine on the coast.\n\nNothing else happened all week.\n"
    doc = next(parse_selected(claims.nlp, [text], claims.triggers, 1))
    assert not doc.has_annotation("LEMMA")
    assert claims(doc)._.extraction.claims == []
