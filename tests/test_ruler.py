"""The fast attribute ruler gives, token for token, what spaCy's own one gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from summitledger.nlp.pipeline import PARAGRAPHS, _tune_tokenizer, load_pipeline
from summitledger.nlp.ruler import FastAttributeRuler, speed_up
from summitledger.settings import Settings

from .conftest import ARTICLES, ROOT, SEEDS


@pytest.fixture(scope="module")
def stock() -> Language:
    nlp = spacy.load(Settings.from_env().model, exclude=["senter"])
    _tune_tokenizer(nlp)  # the same tokens and paragraph starts on both sides
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def _annotations(doc):  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
             t.ent_type_) for t in doc]


def _texts(corpus: Path) -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(ARTICLES.glob("*.txt")) + sorted(corpus.iterdir())
    files.append(ROOT / "README.md")  # markdown, tables, code and shell lines
    texts = [f.read_text(encoding="utf-8") for f in files]
    # shapes the articles may lack: contractions, lists, odd spacing, symbols, code-ish text
    texts += [
        "I can't, won't and shan't.  It's   theirs -- not ours.\n\n\n• one\n• two",
        "Who's there? \"Nobody,\" she said; 'twas a 10.5% rise (£3bn) on 3/4/2023 at 5pm.",
        "e-mail me@example.com or visit https://example.com/a?b=c #tag @user :) ...",
        "", "   ", "A", "THE PRESIDENT SAID NO. the president said no.",
    ]
    return texts


def test_pipeline_uses_the_fast_ruler() -> None:
    nlp = load_pipeline(Settings.from_env().model)
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


def test_same_annotations_as_spacys_attribute_ruler(stock: Language, corpus_dir: Path) -> None:
    fast = load_pipeline(Settings.from_env().model)
    texts = _texts(corpus_dir)
    compared = 0
    for ours, theirs in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)
        compared += len(ours)
    assert compared > 10_000


def test_rules_of_other_shapes_still_apply(stock: Language, tmp_path: Path) -> None:
    # Rules the dictionaries cannot hold (several tokens, operators) go through a
    # Matcher; sets are filed under each member; rule order still decides: the later
    # rule wins.
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"POS": "PROPN"}, index=-1)
    ruler.add([[{"LOWER": {"IN": ["big", "small"]}}]], {"POS": "ADJ"})
    ruler.add([[{"ORTH": "York"}]], {"POS": "NOUN"})  # later than the two-token rule
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"LOWER": "big", "OP": "+"}]], {"LEMMA": "large"})
    ruler.add([[{"LOWER": "and", "ORTH": {"NOT_IN": ["AND"]}}]], {"POS": "CCONJ"})
    ruler.add([[{"ORTH": {"IN": ["new", "small"]}, "IS_SPACE": False}]], {"LEMMA": "x"})
    text = "A big  New York and new york, small AND."
    expected = _annotations(nlp(text))
    speed_up(nlp)
    fast = nlp.get_pipe("attribute_ruler")
    assert isinstance(fast, FastAttributeRuler)
    assert fast.has_matcher_rules  # the two-token and the "+" rule
    got = _annotations(nlp(text))
    assert got == expected
    assert [t[2] for t in got] == ["", "ADJ", "SPACE", "", "NOUN", "CCONJ", "", "PROPN", "", "ADJ",
                                   "", ""]
    assert [t[4] for t in got][6] == [t[4] for t in got][9] == "x"
