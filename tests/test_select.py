"""Parsing only what can carry a claim (nlp/select.py): which paragraphs are parsed, the
Doc put back together, and extraction on every gold set no worse than parsing it all."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from summitledger.extract import extract_doc, load_lexicon
from summitledger.ingest.formats import load_article
from summitledger.ingest.run import claims_component
from summitledger.nlp.pipeline import parse_texts
from summitledger.nlp.select import inflections, parse_selected, plan
from summitledger.report.evaluate import load_gold, match, name_words
from summitledger.settings import Settings

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent / "eval"  # the project's own copy of the evaluation sets


@pytest.fixture(scope="module")
def claims():  # type: ignore[no-untyped-def]
    return claims_component(Settings.from_env().model, None)


@pytest.mark.parametrize("paragraph,parsed", [
    ("Police said the road was closed.", True),
    ("The minister warns of more strikes.", True),
    ("“We will rebuild it,” the mayor told reporters.", True),
    ("According to the union, 40 schools shut.", True),
    ("The ministry made it clear that talks were over.", True),  # a cue phrase, inflected
    ("The bridge opened in 1932 and carried 30,000 cars a day.", False),
    ("Rescue boats searched the river until dark.", False),
    ("He made a wrong turn on the ramp.", False),  # a cue phrase's first word alone
])
def test_a_paragraph_is_parsed_when_it_can_carry_a_claim(claims, paragraph: str, parsed: bool) -> None:  # type: ignore[no-untyped-def]
    assert claims.triggers.hit(paragraph) is parsed


def test_inflections_cover_regular_and_irregular_forms(claims) -> None:  # type: ignore[no-untyped-def]
    assert {"says", "saying", "said"} <= claims.triggers.words
    assert {"admitted", "denies", "denied", "told", "wrote", "warning"} <= claims.triggers.words
    assert "says" in inflections("say") and "hoping" in inflections("hope")


def test_the_paragraph_before_a_pronoun_speaker_is_parsed_too(claims) -> None:  # type: ignore[no-untyped-def]
    text = ("The storm reached the coast at noon.\nGovernor Ana Ruiz toured the harbour.\n"
            "She said the port would reopen on Monday.\nBoats stayed in the bay.")
    assert plan(text, claims.triggers) == [False, True, True, False]


@pytest.mark.parametrize("paragraph,context", [
    ("He said the port would reopen.", True),
    ("“We will rebuild,” the mayor said.", False),  # the speaker is in the paragraph
    ("“We will rebuild, and soon.”", True),  # an orphan quotation
    ("“We will rebuild, the mayor told radio listeners.", True),  # unclosed: all of it quoted
    ("The port reopened on Monday.", False),
])
def test_which_candidates_need_the_paragraph_before(claims, paragraph: str, context: bool) -> None:  # type: ignore[no-untyped-def]
    assert claims.triggers.needs_context(paragraph) is context


def test_the_doc_is_whole_and_the_unparsed_prose_is_plain(claims) -> None:  # type: ignore[no-untyped-def]
    text = ("Vladimir Putin met Kim Jong Un at the cosmodrome in the Amur region. The visit "
            "lasted a day.\nThe armoured train left at dawn.\nPutin said the talks were useful.")
    doc = next(parse_selected(claims.nlp, [text], claims.triggers))
    assert doc.text == text
    sents = [s.text for s in doc.sents]
    assert sents == ["Vladimir Putin met Kim Jong Un at the cosmodrome in the Amur region.",
                     "The visit lasted a day.\n", "The armoured train left at dawn.\n",
                     "Putin said the talks were useful."]
    assert doc[0].pos_ == ""  # not parsed: no tags there
    said = next(t for t in doc if t.text == "said")
    assert said.lemma_ == "say" and said.dep_ == "ROOT"  # parsed
    # the first paragraph went through NER alone, so the surname joins the full name
    assert "Vladimir Putin" in {e.text for e in doc.ents if e.label_ == "PERSON"}
    claim = claims(doc)._.extraction.claims[0]
    assert claim.actor == "Vladimir Putin"


def _gold_sets() -> list[tuple[Path, Path]]:
    sets = [(HERE / "gold", HERE.parent / "seeds"), (HERE / "articles", HERE / "articles")]
    sets += [(SHARED / "gold", HERE.parent / "seeds")]
    sets += [(d / "gold", d / "articles") for d in sorted((SHARED / "events").iterdir()) if d.is_dir()]
    return [(g, a) for g, a in sets if g.is_dir()]


@pytest.mark.slow
@pytest.mark.parametrize("gold_dir,articles", _gold_sets(), ids=lambda p: p.parent.name + "/" + p.name)
def test_extraction_on_every_gold_set_is_no_worse_than_parsing_everything(
        claims, gold_dir: Path, articles: Path) -> None:  # type: ignore[no-untyped-def]
    gold, _ = load_gold(gold_dir)
    files = [f for f in sorted(articles.iterdir())
             if f.suffix in (".txt", ".md", ".html") and f.stem in gold]
    assert files, gold_dir
    texts = [load_article(f, 10**7).text for f in files]
    lexicon = load_lexicon(None)
    full = [extract_doc(d, claims.nlp, lexicon) for d in parse_texts(claims.nlp, texts)]
    chosen = [claims(d)._.extraction for d in parse_selected(claims.nlp, texts, claims.triggers)]
    for f, a, b in zip(files, full, chosen, strict=True):
        scores = []
        for ex in (a, b):
            preds = [SimpleNamespace(content=c.content, actor=c.actor) for c in ex.claims]
            pairs = [(gi, pi) for gi, pi, _ in match(gold[f.stem], preds)]
            right = sum(1 for gi, pi in pairs
                        if name_words(gold[f.stem][gi].actor) & name_words(preds[pi].actor))
            scores.append((len(pairs), right, len(preds) - len(pairs)))
        (m_full, a_full, extra_full), (m_sel, a_sel, extra_sel) = scores
        assert m_sel >= m_full and a_sel >= a_full and extra_sel <= extra_full, (f.name, scores)
