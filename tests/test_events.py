"""Events: several news events in one ledger, kept apart (issue 23).

A ledger holding the seeds and every development event must give each event the actors,
groups and statuses a ledger of that event alone gives; reading commands take --event;
an article that fits another event better is named, not silently mixed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

from summitledger import report
from summitledger.ingest.run import ingest
from summitledger.settings import Settings
from summitledger.store.engine import open_ledger
from summitledger.store.migrations import MIGRATIONS

from .conftest import EVAL, SEEDS

EVENTS = sorted((EVAL / "events").glob("*/articles"))
NAMES = ["seeds", *(p.parent.name for p in EVENTS)]


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ledger of the seeds and every development event, ingested in one run."""
    db = tmp_path_factory.mktemp("many") / "many.db"
    ingest([SEEDS, *EVENTS], Settings(db=db))
    return db


def _picture(db: Path, event: str | None) -> tuple[set, set]:
    """What reconcile made of one event: its actors (name, kind, names, claims) and its
    groups (members by article and offset, actor, status)."""
    engine = open_ledger(db, readonly=True)
    try:
        actors = {(a.actor, a.kind, tuple(a.aliases), a.claims)
                  for a in report.actors(engine, event=event)}
        members: dict[int, set] = defaultdict(set)
        about: dict[int, tuple] = {}
        for c in report.claims(engine, event=event):
            members[c.group].add((c.article, c.start))  # type: ignore[index]
            about[c.group] = (c.actor, c.status)  # type: ignore[index]
    finally:
        engine.dispose()
    return actors, {(frozenset(m), *about[g]) for g, m in members.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_each_event_reconciles_as_in_a_ledger_of_its_own(many: Path, tmp_path: Path,
                                                        name: str) -> None:
    alone = tmp_path / "alone.db"
    ingest([SEEDS if name == "seeds" else EVAL / "events" / name / "articles"],
           Settings(db=alone))
    together_actors, together_groups = _picture(many, name)
    alone_actors, alone_groups = _picture(alone, None)
    assert together_actors == alone_actors
    assert together_groups == alone_groups
    assert len(alone_groups) > 10


@pytest.mark.slow
def test_events_are_named_from_their_folders_and_listed(cli, many: Path) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(cli("events", "--db", many, "-f", "json").stdout)
    assert [r["event"] for r in rows] == sorted(NAMES)
    bridge = next(r for r in rows if r["event"] == "harbour-bridge-collapse")
    assert (bridge["articles"], bridge["outlets"]) == (4, 4)
    assert (bridge["first"], bridge["last"]) == ("2025-03-11", "2025-03-13")
    assert bridge["claims"] > 50 and bridge["groups"] > 20 and bridge["actors"] > 10


@pytest.mark.slow
def test_no_actor_or_group_crosses_events(many: Path) -> None:
    con = sqlite3.connect(many)
    crossing = con.execute(
        "SELECT count(*) FROM claim c JOIN article a ON a.id = c.article_id "
        "JOIN actor ac ON ac.id = c.actor_id JOIN claim_group g ON g.id = c.group_id "
        "WHERE ac.event_id != a.event_id OR g.event_id != a.event_id").fetchone()[0]
    assert crossing == 0
    # the bridge's mayor is the bridge's, the strike's mayor the strike's
    mayors = dict(con.execute(
        "SELECT e.name, group_concat(DISTINCT ac.name) FROM actor ac JOIN event e "
        "ON e.id = ac.event_id JOIN actor_alias al ON al.actor_id = ac.id "
        "WHERE lower(al.alias) LIKE '%mayor%' GROUP BY e.name"))
    assert mayors["harbour-bridge-collapse"] == "Ottilie Brannagh"
    assert mayors["teachers-strike"] == "Idris Calloway"


@pytest.mark.slow
def test_reading_commands_need_an_event_when_there_are_several(cli, many: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (["claims"], ["diff"], ["actors"], ["report", "-o", "-"], ["export"]):
        r = cli(*args, "--db", many)
        assert r.exit_code == 1, args
        assert r.stderr.startswith("Error: [SL408]") and "teachers-strike" in r.stderr
        assert "--event all" in r.stderr
    r = cli("claims", "--db", many, "--event", "Teachers-Strike", "-f", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and {x["event"] for x in rows} == {"teachers-strike"}
    everything = json.loads(cli("claims", "--db", many, "--event", "all", "-f", "json").stdout)
    assert {x["event"] for x in everything} == set(NAMES)
    assert cli("claims", "--db", many, "--event", "all").stdout.splitlines()[1].startswith("event\t")
    r = cli("claims", "--db", many, "--event", "teachers-strik")
    assert r.exit_code == 1 and r.stderr.startswith("Error: [SL407]")
    assert "did you mean 'teachers-strike'" in r.stderr
    # a group id is the ledger's own: show needs no event, and refuses another event's
    group = rows[0]["group"]
    assert cli("show", group, "--db", many).exit_code == 0
    r = cli("show", group, "--db", many, "--event", "seeds")
    assert r.exit_code == 1 and "[SL403]" in r.stderr and "event 'seeds'" in r.stderr


def test_one_event_needs_no_event_option(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("claims").exit_code == 0
    assert json.loads(cli("events", "-f", "json").stdout)[0]["event"] == "seeds"
    html = cli("report", "-o", "-", "--event", "seeds").stdout
    assert "Claims ledger of seeds: 2 articles" in html


def test_the_event_comes_from_the_option_then_the_manifest(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "bridge" / "articles"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Police said the road was closed.\n", "utf-8")
    assert cli("ingest", folder).exit_code == 0
    assert [e["event"] for e in json.loads(cli("events", "-f", "json").stdout)] == ["bridge"]
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text("The mayor said the quay was unsafe.\n", "utf-8")
    (other / "manifest.json").write_text(json.dumps(
        {"event": "quay-closure", "articles": {"b.txt": {"outlet": "Quay News"}}}), "utf-8")
    r = cli("ingest", other, "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["outcomes"][0]["event"] == "quay-closure"
    assert json.loads(cli("claims", "--event", "quay-closure", "-f", "json").stdout)[0][
        "outlet"] == "Quay News"
    r = cli("ingest", folder, "--event", "all")
    assert r.exit_code == 1 and r.stderr.startswith("Error: [SL112]")


def test_one_file_name_in_two_events_is_two_articles(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for event, text in (("one", "Police said the road was closed."),
                        ("two", "The minister said the schools would open.")):
        (tmp_path / event).mkdir()
        (tmp_path / event / "01.txt").write_text(text + "\n", "utf-8")
        assert cli("ingest", tmp_path / event).exit_code == 0
    rows = json.loads(cli("events", "-f", "json").stdout)
    assert [(r["event"], r["articles"], r["claims"]) for r in rows] == [("one", 1, 1), ("two", 1, 1)]


@pytest.mark.slow
def test_an_article_that_fits_another_event_is_named_and_can_be_moved(cli, many: Path,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    shutil.copy(many, db)
    stray = tmp_path / "stray.txt"
    text = (EVAL / "events/harbour-bridge-collapse/articles/03_calder-post.txt").read_text("utf-8")
    stray.write_text(text + "\nA council spokesman said the review would take months.\n", "utf-8")
    r = cli("ingest", stray, "--event", "teachers-strike", "--db", db)
    assert r.exit_code == 0, r.stderr
    warning = [line for line in r.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warning) == 1 and "[SL113] stray.txt: fits event 'harbour-bridge-collapse' " \
                                 "better than 'teachers-strike'" in warning[0]
    r = cli("ingest", stray, "--event", "harbour-bridge-collapse", "--db", db)
    assert r.exit_code == 0 and "moved from event 'teachers-strike'" in r.stderr
    assert "Warning" not in r.stderr
    counts = {e["event"]: e["articles"] for e in json.loads(cli("events", "--db", db, "-f", "json").stdout)}
    assert counts["harbour-bridge-collapse"] == 5 and counts["teachers-strike"] == 4
    # the development articles themselves fit their own events: no warning on them
    fresh = tmp_path / "fresh.db"
    assert not [w for w in ingest([SEEDS, *EVENTS], Settings(db=fresh)).warnings if "SL113" in w]


def test_an_older_ledger_s_articles_go_to_one_event(seeded: Path) -> None:
    """A ledger made before events (schema 11) is migrated by a writer: its articles, actors
    and groups all go to one event named after their folder, and it reads as before."""
    engine = open_ledger(seeded, readonly=True)
    try:
        before = [(c.id, c.actor, c.group, c.status) for c in report.claims(engine)]
    finally:
        engine.dispose()
    from summitledger.store.migrations import VIEWS, _claims_view

    con = sqlite3.connect(seeded)
    con.execute("DROP VIEW claims_view")  # schema 8's views, without events
    con.execute("DROP VIEW groups_view")
    con.execute(_claims_view("claim.sentence"))
    con.execute(VIEWS[1])
    for table in ("article", "actor", "claim_group"):
        con.execute(f"DROP INDEX ix_{table}_event_id")
        con.execute(f"ALTER TABLE {table} DROP COLUMN event_id")
    con.execute("DROP TABLE event")
    con.execute("DELETE FROM _migrations WHERE id >= 12")
    con.commit()
    open_ledger(seeded).dispose()
    assert [r[0] for r in con.execute("SELECT id FROM _migrations ORDER BY id")] == [
        n for n, _, _ in MIGRATIONS]
    assert con.execute("SELECT name FROM event").fetchall() == [("seeds",)]
    for table in ("article", "actor", "claim_group"):
        assert con.execute(f"SELECT count(*) FROM {table} WHERE event_id IS NULL").fetchone() == (0,)
    con.close()
    engine = open_ledger(seeded, readonly=True)
    try:
        assert [(c.id, c.actor, c.group, c.status) for c in report.claims(engine)] == before
        assert {c.event for c in report.claims(engine)} == {"seeds"}
    finally:
        engine.dispose()
