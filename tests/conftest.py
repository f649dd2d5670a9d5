"""Shared fixtures. No test touches the real ledger: SUMMITLEDGER_DB points into tmp."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summitledger.cli.main import app
from summitledger.ingest.run import ingest
from summitledger.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"
ARTICLES = Path(__file__).resolve().parent / "articles"
# the project's own copy of the evaluation sets (scripts/refresh_eval.sh), so a clone
# passes its tests with nothing beside it
EVAL = ROOT / "eval"


@pytest.fixture(autouse=True)
def _isolated_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "ledger.db"
    monkeypatch.setenv("SUMMITLEDGER_DB", str(db))
    monkeypatch.delenv("SUMMITLEDGER_CUES", raising=False)
    monkeypatch.delenv("SUMMITLEDGER_EVENT", raising=False)
    return db


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger with the two seeds, built once; tests copy it."""
    db = tmp_path_factory.mktemp("seeded") / "seeds.db"
    ingest([SEEDS], Settings(db=db))
    return db


@pytest.fixture
def seeded(seeded_template: Path, _isolated_ledger: Path) -> Path:
    shutil.copy(seeded_template, _isolated_ledger)
    return _isolated_ledger


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner):  # type: ignore[no-untyped-def]
    def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke


def sqlite_error(kind: str, where: Path) -> sqlite3.Error:
    """A real SQLite error, with the result code SQLite gives it, made in the folder
    ``where``: 'full' (the database or disk is full), 'readonly' (a write to a file
    opened read-only) or 'cantopen' (a file that cannot be opened)."""
    db = where / f"{kind}.db"
    try:
        if kind == "full":
            con = sqlite3.connect(db)
            con.execute("PRAGMA max_page_count = 2")
            con.execute("CREATE TABLE t (x)")
            con.execute("INSERT INTO t VALUES (randomblob(100000))")
        elif kind == "readonly":
            sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.commit()
            sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True).execute(
                "INSERT INTO t VALUES (1)")
        else:
            sqlite3.connect(where / "missing" / db.name)
    except sqlite3.Error as exc:
        return exc
    raise AssertionError(f"SQLite raised no '{kind}' error")


BENCHMARKS = ROOT / "benchmarks"


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic articles from the benchmark generator (reproducible by seed)."""
    import sys

    sys.path.insert(0, str(BENCHMARKS))
    from corpus import make_corpus

    out = tmp_path_factory.mktemp("corpus")
    for name, text in make_corpus(60, seed=11):
        (out / name).write_text(text, encoding="utf-8")
    return out


# --------------------------------------------------------------------------- PostgreSQL

ENV_TEST_PG = "SUMMITLEDGER_TEST_PG"


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """An admin URL of a PostgreSQL server: SUMMITLEDGER_TEST_PG (what .ci/run starts),
    else a throwaway one started here with scripts/pg.sh. Skipped, with the reason,
    only where no server can be started; under CI a missing server fails."""
    import os
    import subprocess

    url = os.environ.get(ENV_TEST_PG)
    if url:
        yield url
        return
    folder = tmp_path_factory.mktemp("pg")
    started = subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "start", str(folder)],
                             capture_output=True, text=True)
    if started.returncode != 0:
        why = (started.stderr.strip().splitlines() or ["pg.sh failed"])[-1]
        if os.environ.get("CI"):
            pytest.fail(f"CI must have PostgreSQL for the postgres tests: {why}", pytrace=False)
        pytest.skip(f"no PostgreSQL server can be started here: {why}")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "stop", str(folder)],
                       capture_output=True)


@pytest.fixture
def pg_url(pg_server: str):  # type: ignore[no-untyped-def]
    """A fresh, empty database on the test server, dropped afterwards."""
    import uuid

    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield pg_server.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
