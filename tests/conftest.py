"""Shared fixtures. No test touches the real ledger: SUMMITLEDGER_DB points into tmp."""

from __future__ import annotations

import shutil
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


@pytest.fixture(autouse=True)
def _isolated_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "ledger.db"
    monkeypatch.setenv("SUMMITLEDGER_DB", str(db))
    monkeypatch.delenv("SUMMITLEDGER_CUES", raising=False)
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
