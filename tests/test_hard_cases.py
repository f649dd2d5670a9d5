"""Articles of our own writing, one per hard case, each with its expected claims.

``tests/articles/<case>.txt`` is the article and ``<case>.jsonl`` its expected claims
(in the gold format); a failure names the case it broke.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summitledger.extract import extract_doc, load_lexicon
from summitledger.ingest.formats import load_article
from summitledger.nlp.pipeline import load_pipeline
from summitledger.report.evaluate import GoldClaim, match, name_words, token_f1
from summitledger.settings import Settings

from .conftest import ARTICLES

CASES = sorted(p.stem for p in ARTICLES.glob("*.txt"))


def _extract(path: Path):  # type: ignore[no-untyped-def]
    settings = Settings.from_env()
    nlp = load_pipeline(settings.model)
    art = load_article(path, settings.max_bytes)
    return art, extract_doc(nlp(art.text), nlp, load_lexicon(None))


@pytest.mark.parametrize("case", CASES)
def test_hard_case(case: str) -> None:
    art, ex = _extract(ARTICLES / f"{case}.txt")
    gold = [GoldClaim.model_validate_json(line) for line in
            (ARTICLES / f"{case}.jsonl").read_text("utf-8").splitlines() if line.strip()]
    got = [(c.speaker, c.actor, c.type, c.content) for c in ex.claims]
    pairs = match(gold, ex.claims)  # type: ignore[arg-type]
    assert len(pairs) == len(gold), f"{case}: missed {len(gold) - len(pairs)}; got {got}"
    assert len(ex.claims) == len(gold), f"{case}: extra claims; got {got}"
    for gi, pi, _ in pairs:
        g, c = gold[gi], ex.claims[pi]
        assert token_f1(g.content, c.content) >= 0.8, f"{case}: content {c.content!r}"
        assert name_words(g.actor) & name_words(c.actor), f"{case}: actor {c.actor!r} for {g.actor!r}"
        assert c.type == g.type, f"{case}: type {c.type} for {c.content!r}"
        # the offsets hold the content's words in order (a quotation joined across its
        # cue, or a clause without its ', X said,' frame, skips the words between)
        held = iter(re.findall(r"\w+", art.text[c.content_start : c.content_end]))
        assert all(any(w == h for h in held) for w in re.findall(r"\w+", c.content)), \
            f"{case}: offsets {c.content_start}-{c.content_end} do not hold {c.content!r}"


def test_all_cases_have_expectations() -> None:
    assert len(CASES) >= 15
    for case in CASES:
        assert (ARTICLES / f"{case}.jsonl").exists(), case
