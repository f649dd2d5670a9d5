"""``claims --passed-over``: the sentences with a reporting verb that gave no claim,
stored at ingest (migration 9) and listed with their article, outlet and cue; real
spaCy pipeline, real SQLite ledger (and PostgreSQL in test_postgres.py's READS)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from summitledger.store.engine import open_ledger
from summitledger.store.migrations import SCHEMA_VERSION

UNION = "The union rejected the offer on Monday."
POLICE = "Police said two men had been arrested."


@pytest.fixture
def ledger(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{UNION}\n\n{POLICE}\n", "utf-8")
    (folder / "b.txt").write_text("The ministry admitted fault.\n\n"
                                  "Officials said the bridge would reopen in May.\n", "utf-8")
    (folder / "manifest.json").write_text(json.dumps(
        {"a.txt": {"outlet": "Daily Planet"}, "b.txt": {"outlet": "Evening Star"}}), "utf-8")
    db = tmp_path / "l.db"
    r = cli("ingest", folder, "--db", db)
    assert r.exit_code == 0, r.output
    return db


def test_passed_over_sentences_are_listed_with_article_outlet_and_cue(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("claims", "--passed-over", "--db", ledger, "-f", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    mine = [row for row in rows if row["article"] == "a.txt"]
    assert [(x["outlet"], x["cue"], x["sentence"]) for x in mine] == [
        ("Daily Planet", "rejected", UNION)]
    (row,) = mine
    text = sqlite3.connect(ledger).execute(
        "SELECT text FROM article WHERE file = 'a.txt'").fetchone()[0]
    assert text[row["start"]:row["end"]] == UNION  # offsets index the stored text
    assert len(row["article_hash"]) == 64 and row["pipeline"] and row["extractor"]
    # the claim the article did give is not among them
    assert all("Police said" not in x["sentence"] for x in rows)
    # the count ingest reports is the number listed
    report = cli("ingest", ledger.parent / "in", "--db", ledger.parent / "two.db", "-f", "json")
    assert sum(o["passed_over"] for o in json.loads(report.stdout)["outcomes"]) == len(rows)


def test_passed_over_in_every_format_and_by_outlet(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    lines = cli("claims", "--passed-over", "--db", ledger, "-f", "jsonl").stdout.splitlines()
    assert len(lines) >= 2 and all(json.loads(x)["cue"] for x in lines)
    table = list(csv.DictReader(io.StringIO(
        cli("claims", "--passed-over", "--db", ledger, "-f", "csv").stdout)))
    assert [r["sentence"] for r in table] == [json.loads(x)["sentence"] for x in lines]
    plain = cli("claims", "--passed-over", "--db", ledger).stdout.splitlines()
    assert plain[:2] == ["# passed over", "article\toutlet\tcue\tsentence"]
    star = json.loads(cli("claims", "--passed-over", "--outlet", "evening star", "--db", ledger,
                          "-f", "json").stdout)
    assert star and {r["outlet"] for r in star} == {"Evening Star"}
    one = json.loads(cli("claims", "--passed-over", "-n", "1", "--db", ledger, "-f", "json").stdout)
    assert len(one) == 1
    unknown = cli("claims", "--passed-over", "--outlet", "Nowhere Gazette", "--db", ledger)
    assert unknown.exit_code == 1 and "[SL401]" in unknown.stderr


def test_passed_over_refuses_claim_filters(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("claims", "--passed-over", "--actor", "Police", "--db", ledger)
    assert r.exit_code == 2 and "--actor cannot go with --passed-over" in r.output


def test_a_changed_article_replaces_its_passed_over_sentences(cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    art = ledger.parent / "in" / "a.txt"
    art.write_text(f"{POLICE}\n\nResidents complained for weeks.\n", "utf-8")
    assert cli("ingest", art, "--db", ledger).exit_code == 0
    rows = json.loads(cli("claims", "--passed-over", "--db", ledger, "-f", "json").stdout)
    mine = [(r["cue"], r["sentence"]) for r in rows if r["article"] == "a.txt"]
    assert mine == [("complained", "Residents complained for weeks.")]


def test_a_ledger_from_before_migration_9_is_migrated_and_says_what_it_lacks(
        cli, ledger: Path) -> None:  # type: ignore[no-untyped-def]
    """Back to schema 8 (no passed_over table), the articles made by the extractor of
    the day: a writer migrates it, a reader warns that those articles list nothing, and
    ingesting them again (an older extractor: extracted again) lists theirs."""
    con = sqlite3.connect(ledger)
    claims_before = con.execute("SELECT count(*) FROM claim").fetchone()[0]
    con.execute("DROP TABLE passed_over")
    con.execute("DELETE FROM _migrations WHERE id >= 9")
    con.execute("UPDATE article SET extractor = '2026.12.3', ingested_at = '2020-01-01T00:00:00'")
    con.commit()
    con.close()
    r = cli("claims", "--passed-over", "--db", ledger)
    assert r.exit_code == 1 and "[SL203]" in r.stderr  # a reader never migrates
    open_ledger(ledger).dispose()
    con = sqlite3.connect(ledger)
    assert con.execute("SELECT max(id) FROM _migrations").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT count(*) FROM claim").fetchone()[0] == claims_before
    r = cli("claims", "--passed-over", "--db", ledger, "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    assert "2 articles were stored before this ledger kept passed-over sentences" in r.stderr
    again = cli("ingest", ledger.parent / "in", "--db", ledger)
    assert again.exit_code == 0 and again.stderr.count("replaced") == 2, again.stderr
    r = cli("claims", "--passed-over", "--db", ledger, "-f", "json")
    assert "Warning" not in r.stderr
    assert UNION in [x["sentence"] for x in json.loads(r.stdout)]
