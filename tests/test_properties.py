"""Property-based tests: random Unicode, unbalanced quotation marks, very long sentences.
No crash, and no claim whose span lies outside its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitledger.extract import extract_doc, load_lexicon
from summitledger.extract.quotes import find_quotes
from summitledger.ingest.run import ingest
from summitledger.nlp.pipeline import load_pipeline
from summitledger.nlp.text import normalise
from summitledger.settings import Settings

NLP = load_pipeline(Settings.from_env().model)
LEX = load_lexicon(None)

WORDS = ["Putin", "said", "Kim", "told", "reporters", "that", "the", "talks", "were", "useful",
         "\"", "“", "”", "‘", "’", "'", ",", ".", ":", "—", "according", "to", "officials", "he",
         "warned", "of", "a", "deal", "\n", "Mr", "denied", "not", "five-hour", "?"]
newsish = st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map(" ".join)
anything = st.text(min_size=1, max_size=400)


def _check(text: str) -> None:
    text = normalise(text)
    if not text.strip():
        return
    doc = NLP(text)
    ex = extract_doc(doc, NLP, LEX)
    for c in ex.claims:
        assert 0 <= c.sentence_start <= c.sentence_end <= len(text)
        assert c.sentence_start <= c.content_start <= c.content_end <= c.sentence_end
        assert c.sentence_start <= c.speaker_start <= c.speaker_end <= c.sentence_end or c.rule.startswith("orphan")
        assert c.type in ("direct", "mixed", "indirect")


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(newsish)
def test_news_like_word_salad(text: str) -> None:
    _check(text)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_random_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet='ab "“”‘’\n,.', max_size=200))
def test_quote_scanner_spans_are_ordered_and_inside(text: str) -> None:
    for q in find_quotes(text):
        assert q.segments
        for a, b in q.segments:
            assert 0 <= a <= b <= len(text)
        assert all(q.segments[i][1] <= q.segments[i + 1][0] for i in range(len(q.segments) - 1))


def test_very_long_sentence() -> None:
    text = 'Putin said that ' + ", and ".join(f"the talks on topic {i} were useful" for i in range(400)) + '. "Yes," he said'
    _check(text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=300))
def test_ingest_random_text_never_crashes(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    from summitledger.errors import InputError

    folder = tmp_path_factory.mktemp("prop")
    f = Path(folder) / "a.txt"
    f.write_text(text, encoding="utf-8", errors="surrogatepass") if "\ud800" not in text else None
    if not f.exists():
        return
    try:
        ingest([f], Settings(db=Path(folder) / "l.db"))
    except InputError:
        pass  # refused with a clear error is fine; a crash is not
