"""The typed contracts between the stages: a group's verdict as the ledger keeps it."""

from __future__ import annotations

import json

from summitledger.verdict import VERDICT_VERSION, Conflict, Side, Verdict, VerdictLink

#: a reason as reconcile stored it before verdicts were a model (schema 16 and older)
OLD_REASON = json.dumps({
    "articles": 2, "links": [{"a": 3, "b": 9, "score": 0.718, "why": "words aligned 0.45"}],
    "outlets": ["A", "B"], "rule": "numbers differ (people killed)", "sources": 2,
    "summary": "2 articles, 2 independent sources",
    "contradiction": {"rule": "numbers differ (people killed)",
                      "sides": [{"claim": 3, "outlet": "A", "words": "12 people"},
                                {"claim": 9, "outlet": "B", "words": "20 people"}]},
    "disputed_by": [{"group": 4, "actor": "Port authority", "score": 0.9, "statement": "no"}],
}, sort_keys=True, ensure_ascii=False)


def test_a_reason_stored_before_verdicts_had_a_version_reads_as_version_1() -> None:
    v = Verdict.stored(OLD_REASON, "contradicted")
    assert v.version == VERDICT_VERSION == 1 and v.status == "contradicted"
    assert [s.words for s in v.sides] == ["12 people", "20 people"]
    assert v.links[0].score == 0.718 and v.disputed_by[0].actor == "Port authority"
    assert v.copies == [] and v.variants == [] and v.updates == []


def test_the_stored_json_keeps_the_old_keys_and_adds_only_the_version() -> None:
    v = Verdict.stored(OLD_REASON, "contradicted")
    assert json.loads(v.to_json()) == {**json.loads(OLD_REASON), "version": VERDICT_VERSION}
    assert v.to_json() == OLD_REASON[:-1] + ', "version": 1}'  # the same text, keys sorted
    assert "status" not in v.to_json()  # the group's own column holds it


def test_empty_lists_and_no_contradiction_are_left_out_but_links_are_kept() -> None:
    v = Verdict(status="single-source", outlets=["A"], summary="1 article, 1 independent source",
                rule="one source reports it")
    assert json.loads(v.to_json()) == {
        "articles": 1, "links": [], "outlets": ["A"], "rule": "one source reports it",
        "sources": 1, "summary": "1 article, 1 independent source", "version": 1}
    assert Verdict.stored("", "single-source").sources == 1  # an empty reason still reads
    v.contradiction = Conflict(rule="r", sides=[Side(claim=1, outlet="A", words="x")])
    v.links.append(VerdictLink(a=1, b=2, score=0.5, why="w"))
    back = Verdict.stored(v.to_json(), "contradicted")
    assert back.contradiction == v.contradiction and back.links == v.links
