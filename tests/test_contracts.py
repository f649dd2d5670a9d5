"""The typed contracts between the stages: a group's verdict and a claim's word bag as
the ledger keeps them, and a ledger of the tagged bags before (migration 19)."""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, text

from summitledger.store.engine import open_ledger
from summitledger.store.frames import stored_frame
from summitledger.store.migrations import MIGRATIONS
from summitledger.verdict import VERDICT_VERSION, Conflict, Side, Verdict, VerdictLink
from summitledger.wordbag import BAG_VERSION, EMPTY, DatePart, Number, WordBag

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
    assert v.copies == () and v.variants == () and v.updates == ()


def test_the_stored_json_keeps_the_old_keys_and_adds_only_the_version() -> None:
    v = Verdict.stored(OLD_REASON, "contradicted")
    assert json.loads(v.to_json()) == {**json.loads(OLD_REASON), "version": VERDICT_VERSION}
    # the same keys in the same (sorted) order, nested ones too, written compact
    assert v.to_json() == json.dumps({**json.loads(OLD_REASON), "version": 1}, sort_keys=True,
                                     ensure_ascii=False, separators=(",", ":"))
    assert "status" not in v.to_json()  # the group's own column holds it


def test_empty_lists_and_no_contradiction_are_left_out_but_links_are_kept() -> None:
    v = Verdict(status="single-source", outlets=["A"], summary="1 article, 1 independent source",
                rule="one source reports it")
    assert json.loads(v.to_json()) == {
        "articles": 1, "links": [], "outlets": ["A"], "rule": "one source reports it",
        "sources": 1, "summary": "1 article, 1 independent source", "version": 1}
    assert Verdict.stored("", "single-source").sources == 1  # an empty reason still reads
    v.contradiction = Conflict(rule="r", sides=[Side(claim=1, outlet="A", words="x")])
    v.links += (VerdictLink(a=1, b=2, score=0.5, why="w"),)
    back = Verdict.stored(v.to_json(), "contradicted")
    assert back.contradiction == v.contradiction and back.links == v.links


#: a bag as ledgers of schema 16 and older kept it, and the same bag typed
TAGGED = "n:satellite v:help n:orbit n:satellite a:ready e:north_korea #:5/hour #:1e+06 d:weekday=friday c:say"
TYPED = WordBag(nouns=("satellite", "orbit", "satellite"), verbs=("help",), modifiers=("ready",),
                entities=("north_korea",), numbers=(Number(5, "hour"), Number(1e6)),
                dates=(DatePart("weekday", "friday"),), cues=("say",))


def test_a_word_bag_is_kept_as_json_of_its_fields_and_read_back() -> None:
    raw = TYPED.to_json()
    assert json.loads(raw) == {
        "version": BAG_VERSION, "nouns": ["satellite", "orbit", "satellite"], "verbs": ["help"],
        "modifiers": ["ready"], "entities": ["north_korea"], "numbers": [[5.0, "hour"], [1e6, ""]],
        "dates": [["weekday", "friday"]], "cues": ["say"]}
    assert WordBag.from_json(raw) == TYPED
    assert EMPTY.to_json() == "" and WordBag.from_json("") == EMPTY and EMPTY.empty
    assert [n.text for n in TYPED.numbers] == ["5/hour", "1e+06"]  # as the tagged bag wrote them
    huge = WordBag(numbers=(Number(math.inf, "people"),))  # '1' * 400 digits
    assert WordBag.from_json(huge.to_json()).numbers[0].value == math.inf


def test_bags_join_and_take_the_cue_in_order() -> None:
    a, b = WordBag(nouns=("rocket",), verbs=("launch",)), WordBag(nouns=("satellite",))
    joined = WordBag.joined([a, EMPTY, b])
    assert joined.nouns == ("rocket", "satellite") and joined.verbs == ("launch",)
    assert WordBag.joined([EMPTY]) == EMPTY and WordBag.joined([a]) is a
    assert a.with_cue("say").cues == ("say",) and a.with_cue("") is a
    assert joined.plain_words() == ["rocket", "satellite", "launch"]


def test_the_tagged_string_of_older_ledgers_reads_as_the_typed_bag() -> None:
    assert WordBag.from_tagged(TAGGED) == TYPED
    assert WordBag.from_tagged("") == EMPTY
    assert WordBag.from_tagged("n: #:many/people x:odd e:") == EMPTY  # nothing any reader used


def _insert(con: sqlite3.Connection, table: str, values: dict) -> int:
    """A row with ``values`` and a blank for every other column that needs one."""
    for _, name, kind, notnull, default, pk in con.execute(f"PRAGMA table_info({table})"):
        if notnull and default is None and not pk and name not in values:
            values[name] = 0 if kind in ("INTEGER", "FLOAT", "BOOLEAN") else ""
    cols = ", ".join(values)
    cur = con.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(values))})",
                      list(values.values()))
    return int(cur.lastrowid or 0)


def test_a_ledger_of_tagged_bags_is_migrated_and_reads_them_typed(tmp_path: Path) -> None:
    """A ledger at schema 16 (migrations up to 16 applied) whose claims hold the tagged
    bags of the day: a writer migrates it, each bag becomes its typed JSON, and a claim
    stored without a frame still gets one from its bag."""
    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        for number, name, step in MIGRATIONS:
            if number < 17:
                step(conn)
                conn.execute(text("INSERT INTO _migrations (id, name, applied_at) "
                                  "VALUES (:i, :n, '')"), {"i": number, "n": name})
    engine.dispose()
    con = sqlite3.connect(db)
    article = _insert(con, "article", {"file": "a.txt", "content_hash": "h", "text": "x"})
    rows = {"tagged": (TAGGED, "v:launch n:rocket"), "empty": ("", ""),
            "converted": (TYPED.to_json(), "")}  # a row migration 19 must leave alone
    ids = {k: _insert(con, "claim", {"article_id": article, "idx": n, "lemmas": lemmas,
                                     "topic": topic, "frame": "", "cue": "said", "polarity": 1})
           for n, (k, (lemmas, topic)) in enumerate(rows.items())}
    con.commit()
    open_ledger(db).dispose()  # a writer: migrations 17 to 19
    assert con.execute("SELECT max(id) FROM _migrations").fetchone() == (19,)
    stored = {k: con.execute("SELECT lemmas, topic FROM claim WHERE id = ?", (i,)).fetchone()
              for k, i in ids.items()}
    con.close()
    assert WordBag.from_json(stored["tagged"][0]) == TYPED
    assert WordBag.from_json(stored["tagged"][1]) == WordBag(nouns=("rocket",), verbs=("launch",))
    assert stored["empty"] == ("", "") and stored["converted"] == (TYPED.to_json(), "")
    frame = stored_frame("", stored["tagged"][0], -1, "said")
    assert (frame.predicate, frame.verb, frame.theme, frame.times, frame.polarity) == (
        "say", "help", ["satellite", "orbit"], ["weekday=friday"], -1)
    assert [(n.value, n.counts) for n in frame.numbers] == [(5, "hour"), (1e6, "")]


OLD_SERIES_REASON = json.dumps({
    "rule": "later values supersede earlier ones",
    "updates": [{"earlier": {"actor": "Police", "claim": 3, "value": "nine"},
                 "later": {"actor": "Police", "claim": 8, "value": "12"}}]},
    sort_keys=True, ensure_ascii=False)


def test_a_series_reason_is_a_typed_model_that_reads_what_older_ledgers_stored() -> None:
    """A figure series' reason was a dict stored as JSON; it is a :class:`SeriesReason`
    now, reading the old JSON (as version 1) and writing the same keys back."""
    from summitledger.series_reason import SERIES_REASON_VERSION, SeriesReason

    why = SeriesReason.stored(OLD_SERIES_REASON)
    assert why.version == SERIES_REASON_VERSION == 1
    assert why.updates[0].later.value == "12" and why.updates[0].earlier.claim == 3
    assert why.disputes == () and why.contradictions == ()
    assert json.loads(why.to_json()) == {**json.loads(OLD_SERIES_REASON), "version": 1}
    assert SeriesReason.stored("").rule == ""  # an empty reason still reads
