"""What reading commands say (issue 23): statements that carry their polarity, a diff of
two outlets about those two only, numbers that stay numbers in CSV, names in any case and
by role, one owner per alias, short actor names, companies as organisations, and
finding claims by group, publication time and word forms."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import sqlite3
from pathlib import Path

import pytest

from summitledger.ingest.run import ingest
from summitledger.settings import Settings

from .conftest import EVAL

BRIDGE = EVAL / "events" / "harbour-bridge-collapse" / "articles"
DENIAL = "Kestrel denied that it had received any such report"


@pytest.fixture(scope="module")
def bridge_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("bridge") / "bridge.db"
    ingest([BRIDGE], Settings(db=db))
    return db


@pytest.fixture
def bridge(bridge_template: Path, _isolated_ledger: Path) -> Path:
    shutil.copy(bridge_template, _isolated_ledger)
    return _isolated_ledger


def _json(cli, *args):  # type: ignore[no-untyped-def]
    r = cli(*args, "-f", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_a_denial_reads_as_a_denial_wherever_a_statement_stands_alone(cli, bridge: Path,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    d = _json(cli, "diff")
    rows = [g for section in [d["both"], *d["only"].values()] for g in section]
    denial = next(g for g in rows if "received any such report" in g["statement"])
    assert denial["statement"] == DENIAL
    show = cli("show", denial["group"]).stdout
    assert f"statement: {DENIAL}\n" in show
    html = tmp_path / "r.html"
    assert cli("report", "-o", html).exit_code == 0
    assert DENIAL in html.read_text("utf-8")
    flat = _json(cli, "export")  # the flat export keeps each claim's content as written
    assert "it had received any such report" in {r["content"] for r in flat}
    doc = json.loads(cli("export", "-f", "jsonld").stdout)
    texts = {n["text"] for n in doc["@graph"] if n.get("@type") == "Claim"}
    assert DENIAL in texts and "it had received any such report" not in texts
    # a content that carries its own negation is shown as written
    assert any(t.startswith("the company had carried out no work") for t in texts)


def test_a_diff_of_two_outlets_is_about_those_two(cli, bridge: Path) -> None:  # type: ignore[no-untyped-def]
    """Meridian Wire and the Evening Star carry one wire text: they do not differ, though
    the Calder Post and the Northgate Chronicle contradict each other (the mayor's last
    inspection: 2023 against 2021)."""
    r = cli("diff", "Meridian Wire", "Vessmouth Evening Star", "--exit-code", "-f", "json")
    assert r.exit_code == 0, r.stdout
    d = json.loads(r.stdout)
    assert not d["contradictions"] and not d["worded_differently"]
    assert d["both"] and not any(d["only"].values())
    everyone = json.loads(cli("diff", "-f", "json").stdout)["contradictions"]
    assert any("inspected in 2023" in g["statement"] for g in everyone)
    r = cli("diff", "The Calder Post", "Northgate Chronicle", "-f", "json", "--exit-code")
    assert r.exit_code == 1
    assert any("inspected in 2023" in g["statement"] for g in json.loads(r.stdout)["contradictions"])
    theirs = json.loads(cli("diff", "Meridian Wire", "The Calder Post", "-f", "json").stdout)
    assert not any("inspected in 2023" in g["statement"] for g in theirs["contradictions"])
    r = cli("diff", "Meridian", "meridian wire")
    assert r.exit_code == 1 and r.stderr.startswith("Error: [SL401]") and "one outlet" in r.stderr


def test_csv_numbers_stay_numbers_and_text_keeps_the_formula_guard(cli, bridge: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (["claims", "-f", "csv"], ["export", "-f", "csv"]):
        rows = list(csv.DictReader(io.StringIO(cli(*args).stdout)))
        assert {r["polarity"] for r in rows} == {"1", "-1"}, args
        assert all(r["id"].isdigit() for r in rows)
    from summitledger.safe import csv_value

    assert (csv_value(-1), csv_value(0.5), csv_value(None)) == ("-1", "0.5", "")
    assert (csv_value("-1"), csv_value("=SUM(A1)")) == ("'-1", "'=SUM(A1)")


def test_serve_on_a_busy_port_fails_before_saying_it_serves(cli, bridge: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("datasette")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        r = cli("serve", "--port", taken.getsockname()[1])
    assert r.exit_code == 1
    assert "serving" not in r.output
    assert r.stderr.startswith("Error: [SL502]") and r.stderr.count("\n") == 1


def test_statuses_types_and_outlets_in_any_case(cli, bridge: Path) -> None:  # type: ignore[no-untyped-def]
    rows = _json(cli, "claims", "--status", "Contradicted")
    assert rows and {r["status"] for r in rows} == {"contradicted"}
    assert {r["type"] for r in _json(cli, "claims", "--type", "DIRECT")} == {"direct"}
    assert {r["outlet"] for r in _json(cli, "claims", "--outlet", "THE CALDER POST")} == {
        "The Calder Post"}
    assert cli("claims", "--status", "maybe").exit_code == 2


def test_an_actor_is_found_by_any_alias_or_role_and_misspellings_suggest_it(cli, bridge: Path) -> None:  # type: ignore[no-untyped-def]
    rows = _json(cli, "claims", "--actor", "the mayor")
    assert rows and {r["actor"] for r in rows} == {"Ottilie Brannagh"}
    assert {r["actor"] for r in _json(cli, "claims", "--actor", "THE INFRASTRUCTURE MINISTER")} == {
        "Corinna Vaelstrom"}
    r = cli("claims", "--actor", "the mayr")
    assert r.exit_code == 1 and "did you mean 'Mayor' (Ottilie Brannagh)?" in r.stderr
    r = cli("claims", "--actor", "the inspector")  # no report 'prepared by ...' offered
    assert r.exit_code == 1 and "did you mean" not in r.stderr


def test_after_a_split_an_alias_belongs_to_one_actor(cli, bridge: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("actors", "split", "Ottilie Brannagh", "Mayor").exit_code == 0
    actors = _json(cli, "actors")
    holders = [a["actor"] for a in actors if "mayor" in {x.lower() for x in a["aliases"]}]
    assert len(holders) == 1
    owners: dict[str, list[str]] = {}
    for a in actors:
        for alias in a["aliases"]:
            owners.setdefault(alias.lower(), []).append(a["actor"])
    assert all(len(v) == 1 for v in owners.values()), owners


def test_actor_names_are_the_speaker_phrase_s_core_and_companies_are_organisations(
        cli, bridge: Path) -> None:  # type: ignore[no-untyped-def]
    actors = {a["actor"]: a for a in _json(cli, "actors")}
    assert "Organisers of a candlelit vigil" in actors
    assert not any("Wednesday" in name for name in actors)
    assert actors["Harbourline Trams"]["kind"] == "organisation"
    kestrel = [a for a in actors.values() if "Kestrel Civil Engineering" in a["aliases"]]
    assert len(kestrel) == 1 and kestrel[0]["kind"] == "organisation"  # the contractor
    from summitledger.extract import extract_text

    ex = extract_text("Kalrail, the state rail operator, said trains would run normally. "
                           "The state rail operator said later that no trains would run. "
                           "Anna Berg, a teacher at the school, said the doors stayed shut.")
    kinds = {(c.actor, c.actor_kind) for c in ex.claims}
    assert kinds == {("Kalrail", "organisation"), ("Anna Berg", "person")}


def test_claims_of_one_group_and_of_a_publication_time(cli, bridge: Path) -> None:  # type: ignore[no-untyped-def]
    everything = _json(cli, "claims")
    group = next(r["group"] for r in everything if r["status"] == "corroborated")
    rows = _json(cli, "claims", "--group", group)
    assert len(rows) >= 2 and {r["group"] for r in rows} == {group}
    r = cli("claims", "--group", 99999)
    assert r.exit_code == 1 and r.stderr.startswith("Error: [SL403]")
    dates = {r["outlet"]: r["date"] for r in everything}
    assert dates["Meridian Wire"] == "2025-03-11" and dates["Northgate Chronicle"] == "2025-03-13"
    since = {r["outlet"] for r in _json(cli, "claims", "--since", "2025-03-12")}
    assert since == {"Vessmouth Evening Star", "The Calder Post", "Northgate Chronicle"}
    until = {r["outlet"] for r in _json(cli, "claims", "--until", "2025-03-12")}
    assert until == {"Meridian Wire", "Vessmouth Evening Star", "The Calder Post"}
    both = {r["outlet"] for r in _json(cli, "claims", "--since", "2025-03-12", "--until", "2025-03-12")}
    assert both == {"Vessmouth Evening Star", "The Calder Post"}
    assert _json(cli, "claims", "--since", "2025-03-12T00:00:01+00:00", "--until",
                 "2025-03-12T23:59:59+00:00") == []  # dated by day: at its midnight
    assert cli("claims", "--since", "last week").exit_code == 2


def test_publication_bounds_compare_moments_and_days() -> None:
    from datetime import date

    from summitledger.report.queries import _inside, when

    evening = "2025-09-21T23:10:00+03:00"  # 20:10 UTC
    assert _inside(evening, when("2025-09-21"), when("2025-09-21"))  # its own day
    assert not _inside(evening, when("2025-09-21T21:00:00+00:00"), None)
    assert _inside(evening, None, when("2025-09-21T20:10"))  # naive: UTC
    assert not _inside("", date(2000, 1, 1), None)  # undated: in no range


def test_search_matches_word_forms_and_prefixes(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    def found(text: str) -> set[int]:
        return {r["id"] for r in _json(cli, "claims", "--search", text)}

    sanctions = found("sanctions")
    assert sanctions and found("sanction") == sanctions  # a word form
    assert found("satel") >= found("satellite") != set()  # a prefix
    assert found("substantive discussion") == found("very substantive discussions") != set()
    assert found('quote " and (') == set()


def test_an_older_search_index_is_rebuilt_to_stem(seeded: Path) -> None:
    from summitledger.store.engine import open_ledger

    con = sqlite3.connect(seeded)
    con.execute("DROP TABLE claim_fts")
    con.execute("CREATE VIRTUAL TABLE claim_fts USING fts5(content, quote, speaker, "
                "content='claim', content_rowid='id')")
    con.execute("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')")
    con.execute("DELETE FROM _migrations WHERE id >= 13")
    con.commit()
    open_ledger(seeded).dispose()
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'claim_fts'").fetchone()[0]
    assert "porter" in sql
    hits = con.execute("SELECT count(*) FROM claim_fts WHERE claim_fts MATCH 'sanction'").fetchone()
    assert hits[0] >= 1
    view = [r[1] for r in con.execute("PRAGMA table_info(claims_view)")]
    assert view[-1] == "event" and con.execute("SELECT DISTINCT event FROM claims_view").fetchall() == [
        ("seeds",)]
    con.close()


def test_records_are_filled_by_column_name_whatever_the_select_order(
        seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record's fields are filled by the names of the columns selected, not by their
    order: a select written in another order gives the same records, and a query whose
    columns are not the record's fields is refused rather than read into the wrong ones."""
    from pydantic import TypeAdapter
    from sqlmodel import Session, select

    from summitledger import report
    from summitledger.models import Claim, ClaimRecord
    from summitledger.report import passed, queries
    from summitledger.store import open_ledger
    from summitledger.store.rows import records, select_as

    engine = open_ledger(seeded, readonly=True)
    try:
        claims, skipped = report.claims(engine), passed.passed_over(engine)
        assert claims and {c.content for c in claims} != {c.quote for c in claims}
        columns = queries._record_columns()
        backwards = dict(reversed(list(columns.items())))
        monkeypatch.setattr(queries, "_record_columns", lambda: backwards)
        assert report.claims(engine) == claims
        assert passed.passed_over(engine) == skipped
        with pytest.raises(ValueError, match="no column for, or no field for"):
            select_as(ClaimRecord, {k: v for k, v in columns.items() if k != "quote"})
        adapter = TypeAdapter(list[ClaimRecord])
        with Session(engine) as session:  # a select by position, not by the fields' names
            plain = select(Claim.id, Claim.quote, Claim.content)
            with pytest.raises(ValueError, match="not the record's fields"):
                records(adapter, ClaimRecord, session.connection().execute(plain))
    finally:
        engine.dispose()
