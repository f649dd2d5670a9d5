"""The ledger on a real PostgreSQL server: the same results as SQLite, many writers at
once, copies both ways, and errors that never show a password.

The server is the one .ci/run starts (SUMMITLEDGER_TEST_PG) or a throwaway one that
conftest.py starts with scripts/pg.sh; see the ``pg_server`` fixture.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from .conftest import EVAL, SEEDS

pytestmark = [pytest.mark.postgres, pytest.mark.slow]  # a server: the slow tier
EVENTS = EVAL / "events"
HERE_GOLD = Path(__file__).resolve().parent / "gold"
READS = [
    ["claims", "-f", "jsonl"],
    ["claims", "--actor", "Putin", "-f", "csv"],
    ["claims", "--search", "very substantive", "-f", "jsonl"],
    ["claims", "--passed-over", "-f", "jsonl"],
    ["claims", "--search", "sanction satel", "-f", "jsonl"],  # a word form and a prefix
    ["claims", "--since", "2025-09-22T09:00+03:00", "--status", "Contradicted", "-f", "csv"],
    ["diff", "-f", "json"],
    ["actors", "-f", "json"],
    ["show", "1", "-f", "json"],
    ["show", "9", "-f", "json"],
    ["export", "-f", "jsonl"],
    ["export", "-f", "jsonld"],
    ["figures", "-f", "jsonl"],
    ["figures", "killed", "-f", "csv"],
]


def _inputs() -> list[Path]:
    events = sorted(EVENTS.glob("*/articles"))
    return [SEEDS, *events]


def _scalar(url: str, sql: str) -> object:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql)).scalar()
    finally:
        engine.dispose()


def test_postgres_and_sqlite_give_the_same_ledger(cli, pg_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every reading command prints the same on both backends, over the seeds and the
    development events: the same claims, groups, statuses, actors and exports."""
    lite = tmp_path / "lite.db"
    for target in (lite, pg_url):
        r = cli("ingest", *_inputs(), "--db", target)
        assert r.exit_code == 0, r.stderr
    for args in READS:  # several events: every one (--event all)
        a, b = (cli(*args, "--event", "all", "--db", db) for db in (lite, pg_url))
        assert a.exit_code == b.exit_code == 0, (args, a.stderr, b.stderr)
        assert a.stdout == b.stdout, args
    for event in ("teachers-strike", "lake-ferry-capsizing"):  # and one event at a time
        a, b = (cli("diff", "--event", event, "-f", "json", "--db", db) for db in (lite, pg_url))
        assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout, event
    ev_lite = json.loads(cli("eval", HERE_GOLD, SEEDS, "--db", lite, "-f", "json").stdout)
    ev_pg = json.loads(cli("eval", HERE_GOLD, SEEDS, "--db", pg_url, "-f", "json").stdout)
    assert ev_lite == ev_pg
    html = tmp_path / "r.html"
    assert cli("report", "-o", html, "--db", pg_url, "--event", "all").exit_code == 0
    assert html.read_text("utf-8").count('class="group ') > 10


def test_migrations_views_and_search_index_exist_on_postgres(cli, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("ingest", SEEDS, "--db", pg_url).exit_code == 0
    from summitledger.store.migrations import SCHEMA_VERSION

    assert _scalar(pg_url, "SELECT max(id) FROM _migrations") == SCHEMA_VERSION
    assert _scalar(pg_url, "SELECT count(*) FROM _migrations") == SCHEMA_VERSION
    assert _scalar(pg_url, "SELECT count(*) FROM claims_view") == 16
    assert _scalar(pg_url, "SELECT count(*) FROM groups_view WHERE outlets = 2") == 2
    index = _scalar(pg_url, "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_claim_search'")
    assert "gin" in str(index).lower() and "to_tsvector" in str(index)


def test_ledger_copy_both_ways_keeps_everything(cli, pg_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src, back = tmp_path / "src.db", tmp_path / "back.db"
    assert cli("ingest", SEEDS, "--db", src).exit_code == 0
    assert cli("actors", "merge", "Kremlin", "Vladimir Putin", "--db", src).exit_code == 0
    r = cli("ledger", "copy", src, pg_url, "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["rows"]["claim"] == 16
    assert cli("ledger", "copy", pg_url, back).exit_code == 0
    for args in READS + [["actors", "overrides", "-f", "json"]]:
        outs = {cli(*args, "--db", db).stdout for db in (src, pg_url, back)}
        assert len(outs) == 1, args
    again = cli("ledger", "copy", src, pg_url)  # the target must be empty
    assert again.exit_code == 1 and "[SL211]" in again.stderr
    # the copy's id counters go on after the copied rows: a new article ingests cleanly
    extra = tmp_path / "x.txt"
    extra.write_text("Police said the road was closed.\n", "utf-8")
    assert cli("ingest", extra, "--db", pg_url).exit_code == 0


def test_bad_urls_are_one_coded_line_without_the_password(cli, pg_server: str) -> None:  # type: ignore[no-untyped-def]
    host = pg_server.split("@", 1)[1].split("/", 1)[0]
    cases = {
        f"postgresql+psycopg://nobody:hunter2secret@{host}/postgres": "[SL210]",
        f"postgresql+psycopg://postgres:hunter2secret@{host}/no_such_db": "[SL210]",
        "postgresql+psycopg://me:hunter2secret@127.0.0.1:1/x": "[SL209]",
        "mysql://me:hunter2secret@localhost/x": "[SL205]",
    }
    for url, code in cases.items():
        r = cli("claims", "--db", url)
        assert r.exit_code == 1, url
        assert r.stderr.startswith(f"Error: {code}") and r.stderr.count("\n") == 1, r.stderr
        assert "hunter2secret" not in r.stderr + r.stdout and "***" in r.stderr


def test_server_errors_are_told_by_their_class(pg_url: str) -> None:
    """An error the server sends is told by its psycopg class, whatever its wording: a
    lock another writer holds past the wait is SL206, a table this role may not read
    SL210; anything else is SL201."""
    import uuid

    from summitledger.store.postgres import pg_failure

    role = f"reader_{uuid.uuid4().hex[:8]}"  # roles are the server's, not one database's
    admin, holder = sa.create_engine(pg_url), sa.create_engine(pg_url)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (x int)"))
            conn.execute(sa.text(f"CREATE ROLE {role} LOGIN"))
        with holder.connect() as held, admin.connect() as conn:
            held.execute(sa.text("LOCK TABLE t"))  # a transaction that keeps it
            conn.execute(sa.text("SET lock_timeout = '50ms'"))
            with pytest.raises(sa.exc.DBAPIError) as waited:
                conn.execute(sa.text("LOCK TABLE t"))
            conn.rollback()
            held.rollback()
            assert pg_failure(waited.value).code == "SL206"
            conn.execute(sa.text(f"SET ROLE {role}"))
            with pytest.raises(sa.exc.DBAPIError) as refused:
                conn.execute(sa.text("SELECT * FROM t"))
            assert pg_failure(refused.value).code == "SL210"
            conn.rollback()
            with pytest.raises(sa.exc.DBAPIError) as other:
                conn.execute(sa.text("SELECT 1 / 0"))
            assert pg_failure(other.value).code == "SL201"
            conn.rollback()
    finally:
        holder.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text("DROP TABLE t"))
            conn.execute(sa.text(f"DROP ROLE {role}"))
        admin.dispose()


def _ingest_proc(args: list[object], url: str) -> subprocess.Popen:
    env = {**os.environ, "SUMMITLEDGER_DB": url}
    return subprocess.Popen([sys.executable, "-m", "summitledger", "ingest", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_four_concurrent_ingests_end_in_one_consistent_ledger(cli, pg_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Four processes ingest four shares of the articles into one PostgreSQL ledger at
    once: every article is there, every claim in a group, and the groups are those one
    ingest of everything makes."""
    files = [f for folder in _inputs() for f in sorted(folder.iterdir()) if f.suffix == ".txt"]
    shares = [tmp_path / f"share{n}" for n in range(4)]
    for n, share in enumerate(shares):
        share.mkdir()
        for f in files[n::4]:
            (share / f.name).write_bytes(f.read_bytes())
    procs = [_ingest_proc([share], pg_url) for share in shares]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    assert _scalar(pg_url, "SELECT count(*) FROM article") == len(files)
    assert _scalar(pg_url, "SELECT count(*) FROM claim WHERE group_id IS NULL") == 0
    assert _scalar(pg_url, "SELECT count(*) FROM meta WHERE key = 'unreconciled'") == 0
    assert _scalar(pg_url, "SELECT count(*) FROM claim c LEFT JOIN article a "
                           "ON a.id = c.article_id WHERE a.id IS NULL") == 0
    one = tmp_path / "one.db"
    assert cli("ingest", *shares, "--db", one).exit_code == 0

    def groups(db: object) -> set[tuple[str, frozenset]]:
        rows = [json.loads(line) for line in cli("claims", "-f", "jsonl", "--db", db).stdout.splitlines()]
        members: dict[int, set] = {}
        status = {}
        for r in rows:
            members.setdefault(r["group"], set()).add((r["article"], r["start"], r["end"]))
            status[r["group"]] = r["status"]
        return {(status[g], frozenset(m)) for g, m in members.items()}

    assert groups(pg_url) == groups(one)


def test_a_waiting_reconcile_says_so_and_a_killed_writer_loses_no_finished_article(
        cli, pg_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from summitledger.store.backend import RECONCILE_LOCK

    assert cli("ingest", SEEDS, "--db", pg_url).exit_code == 0
    holder = sa.create_engine(pg_url)
    with holder.connect() as conn:  # another process's reconcile, holding the lock
        conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": RECONCILE_LOCK})
        proc = subprocess.Popen([sys.executable, "-m", "summitledger", "reconcile", "--db", pg_url],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = proc.stderr.readline()  # type: ignore[union-attr]
        assert line.startswith("Waiting: another summitledger process is reconciling")
        assert proc.poll() is None  # still waiting
        conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": RECONCILE_LOCK})
        conn.commit()
    assert proc.wait(timeout=120) == 0
    holder.dispose()
    # a writer killed outright mid-run keeps every article it finished, whole
    folder = tmp_path / "many"
    folder.mkdir()
    for n, f in enumerate(sorted(EVENTS.rglob("*.txt")) * 3):
        (folder / f"{n:03d}_{f.name}").write_text(f.read_text("utf-8") + f"\nCopy {n}.\n", "utf-8")
    proc = _ingest_proc([folder], pg_url)
    deadline = time.time() + 300
    while _scalar(pg_url, "SELECT count(*) FROM article") < 5:
        assert proc.poll() is None and time.time() < deadline, proc.stderr.read()  # type: ignore[union-attr]
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _scalar(pg_url, "SELECT count(*) FROM article")
    assert 5 <= stored < len(list(folder.iterdir())) + 2  # type: ignore[operator]
    assert _scalar(pg_url, "SELECT count(*) FROM article a WHERE NOT EXISTS "
                           "(SELECT 1 FROM sentence s WHERE s.article_id = a.id)") == 0
    r = cli("ingest", folder, "--db", pg_url)  # the next run finishes the job
    assert r.exit_code == 0, r.stderr
    assert _scalar(pg_url, "SELECT count(*) FROM article") == len(list(folder.iterdir())) + 2
    assert _scalar(pg_url, "SELECT count(*) FROM claim WHERE group_id IS NULL") == 0


def _decided(cli, db: str | Path) -> set:  # type: ignore[no-untyped-def]
    """Each claim with its status, actor and the claims of its group (ids left out)."""
    rows = [json.loads(line) for line in
            cli("claims", "-f", "jsonl", "--event", "all", "--db", db).stdout.splitlines()]
    members: dict[int, set] = {}
    for r in rows:
        members.setdefault(r["group"], set()).add((r["article_hash"], r["start"]))
    return {(r["article_hash"], r["start"], r["status"], r["actor"],
             frozenset(members[r["group"]])) for r in rows}


def test_articles_added_one_by_one_on_postgres_give_what_a_rebuild_gives(  # type: ignore[no-untyped-def]
        cli, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The incremental path under PostgreSQL's advisory lock: the ferry's articles ingested
    one at a time (each reconcile adds one, no rebuild after the first) end where a
    rebuild of the same ledger and an SQLite ledger of them all at once end."""
    from summitledger.reconcile import run

    rebuilds: list[int] = []
    real = run.plan
    monkeypatch.setattr(run, "plan", lambda *a, **k: rebuilds.append(1) or real(*a, **k))
    articles = sorted((EVENTS / "lake-ferry-capsizing" / "articles").glob("*.txt"))
    for art in articles:
        r = cli("ingest", art, "--event", "ferry", "--db", pg_url)
        assert r.exit_code == 0, r.stderr
    assert len(rebuilds) == 1  # the first article's; every later one was added
    added = _decided(cli, pg_url)
    lite = tmp_path / "lite.db"
    assert cli("ingest", *articles, "--event", "ferry", "--db", lite).exit_code == 0
    assert added == _decided(cli, lite)
    assert cli("reconcile", "--db", pg_url).exit_code == 0
    assert _decided(cli, pg_url) == added
