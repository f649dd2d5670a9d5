"""The generated battery (tests/battery.py): one-line news sentences of common shapes,
speakers and contents, each found with its exact content, speaker, type and actor.

Extraction runs as ingest runs it: the ``summitledger_claims`` component on the
configured pipeline, over paragraphs selected by its triggers. Two vocabularies with no
word in common are drawn from, each with its own fixed seed.
"""

from __future__ import annotations

import pytest

from summitledger.ingest.run import claims_component
from summitledger.models import ClaimDraft
from summitledger.nlp.select import parse_selected
from summitledger.settings import Settings
from tests.battery import SHAPES, Case, make_battery
from tests.battery_vocab import OTHER, WORDS

CASES = make_battery(WORDS, 250, seed=22) + make_battery(OTHER, 250, seed=23)
#: the share of the battery found exactly, below which extraction has regressed (the
#: issue's bar: 195 of 200 on a hidden battery of this kind)
FLOOR = 0.975


@pytest.fixture(scope="module")
def found() -> dict[str, list[ClaimDraft]]:
    claims = claims_component(Settings.from_env().model, None)
    texts = [c.text for c in CASES]
    docs = parse_selected(claims.nlp, texts, claims.triggers, 64)
    return {t: claims(d)._.extraction.claims for t, d in zip(texts, docs, strict=True)}


def miss(case: Case, claims: list[ClaimDraft]) -> str:
    """Why ``case`` is not found among ``claims`` ('' if it is)."""
    got = [c for c in claims if c.content == case.content]
    if not got:
        return f"content {case.content!r} not in {[c.content for c in claims]}"
    c = got[0]
    if c.speaker != case.speaker:
        return f"speaker {c.speaker!r}, not {case.speaker!r}"
    if c.type != case.type:
        return f"type {c.type}, not {case.type}"
    if case.actor and case.actor not in c.actor.lower():
        return f"actor {c.actor!r} lacks {case.actor!r}"
    return ""


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_found_exactly(case: Case, found: dict[str, list[ClaimDraft]]) -> None:
    why = miss(case, found[case.text])
    assert not why, f"{case.shape}: {case.text!r}: {why}"


@pytest.mark.slow
def test_the_battery_holds_its_floor(found: dict[str, list[ClaimDraft]]) -> None:
    hits = sum(not miss(c, found[c.text]) for c in CASES)
    assert hits >= FLOOR * len(CASES), f"{hits} of {len(CASES)}"


def test_the_battery_covers_every_shape_and_kind() -> None:
    assert {c.shape for c in CASES} == set(SHAPES)
    assert {c.type for c in CASES} == {"direct", "mixed", "indirect"}
    kinds = {k for c in CASES for k in c.kinds}
    assert {"pronoun", "acronym", "document", "court", "spokesperson", "witness",
            "person with apposition", "number", "negation", "subordinate"} <= kinds
    assert any("“" in c.text for c in CASES) and any('"' in c.text for c in CASES)
