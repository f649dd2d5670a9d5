"""Incremental reconcile (issue 25): articles added one by one or in batches, in any
order, give the partition, statuses, disputes, actors and figure series that a full
rebuild of the same ledger gives; and an addition does touch only what it must."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitledger.ingest.run import ingest
from summitledger.reconcile.run import reconcile
from summitledger.settings import Settings
from summitledger.store.engine import open_ledger

ROOT = Path(__file__).resolve().parent.parent
FERRY = sorted((ROOT / "eval" / "events" / "lake-ferry-capsizing" / "articles").glob("*.txt"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FILES = [*FERRY, *SEEDS]


def snapshot(db: Path) -> tuple:
    """What a reconcile decides, free of ids: groups as sets of (file, position), each
    claim's status, dispute partners, actor and verdict, the actors and the series."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT a.file, c.idx, c.group_id, g.status, g.disputed, act.name, g.reason "
        "FROM claim c JOIN article a ON a.id = c.article_id "
        "LEFT JOIN claim_group g ON g.id = c.group_id "
        "LEFT JOIN actor act ON act.id = c.actor_id ORDER BY a.file, c.idx").fetchall()
    series = con.execute(
        "SELECT s.quantity, s.status, s.n_sources, s.latest_value, s.latest_actor, "
        "group_concat(a.file || ':' || c.idx, ',') FROM figure_series s "
        "JOIN figure_report r ON r.series_id = s.id JOIN claim c ON c.id = r.claim_id "
        "JOIN article a ON a.id = c.article_id GROUP BY s.id").fetchall()
    actors = con.execute("SELECT e.name, act.name, act.kind FROM actor act "
                         "LEFT JOIN event e ON e.id = act.event_id").fetchall()
    pending = con.execute("SELECT count(*) FROM reconcile_pending").fetchone()[0]
    con.close()
    members: dict[int, list] = {}
    for f, idx, gid, *_ in rows:
        members.setdefault(gid, []).append((f, idx))
    claims = {}
    for f, idx, gid, status, disputed, actor, reason in rows:
        verdict = json.loads(reason)
        partners = sorted(tuple(members[d["group"]]) for d in verdict.pop("disputed_by", []))
        claims[(f, idx)] = (tuple(members[gid]), status, bool(disputed), actor,
                            json.dumps(verdict, sort_keys=True), partners)
    return claims, sorted(series), sorted(actors), pending


def _grow(db: Path, order: list[Path], cuts: list[int], notes: list[str]) -> None:
    """Ingest ``order`` in batches cut at ``cuts``: ferry articles into one event, the
    seeds into another."""
    bounds = sorted({0, len(order), *(c % (len(order) + 1) for c in cuts)})
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        for event, part in (("ferry", [f for f in order[lo:hi] if f in FERRY]),
                            ("summit", [f for f in order[lo:hi] if f in SEEDS])):
            if part:
                ingest(part, Settings(db=str(db)), event=event, on_note=notes.append)


@pytest.mark.slow
@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(FILES), cuts=st.lists(st.integers(0, len(FILES)), max_size=4))
def test_any_order_and_batches_give_what_a_full_rebuild_gives(tmp_path: Path, order: list[Path],
                                                              cuts: list[int]) -> None:
    here = Path(tempfile.mkdtemp(dir=tmp_path))
    notes: list[str] = []
    _grow(here / "added.db", order, cuts, notes)
    shutil.copy(here / "added.db", here / "rebuilt.db")
    reconcile(open_ledger(here / "rebuilt.db"), full=True)
    added, rebuilt = snapshot(here / "added.db"), snapshot(here / "rebuilt.db")
    assert added[3] == 0  # nothing left pending
    assert added[0] == rebuilt[0]
    assert added[1:3] == rebuilt[1:3]


@pytest.mark.slow
def test_an_article_is_added_without_a_rebuild_and_the_same_as_one(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The last ferry article goes in by the incremental path (no full plan runs), and
    the ledger is then what a rebuild makes of it."""
    from summitledger.reconcile import run

    db = tmp_path / "l.db"
    ingest(FERRY[:-1], Settings(db=str(db)), event="ferry")
    rebuilt: list[int] = []
    real = run.plan
    monkeypatch.setattr(run, "plan", lambda *a, **k: rebuilt.append(1) or real(*a, **k))
    notes: list[str] = []
    ingest(FERRY[-1:], Settings(db=str(db)), event="ferry", on_note=notes.append)
    assert not rebuilt and not notes
    shutil.copy(db, tmp_path / "r.db")
    reconcile(open_ledger(tmp_path / "r.db"), full=True)
    assert rebuilt  # the full one did plan
    assert snapshot(db)[:3] == snapshot(tmp_path / "r.db")[:3]


@pytest.mark.slow
def test_a_replaced_article_rebuilds(tmp_path: Path) -> None:
    """A changed text is not an addition: the next reconcile rebuilds (pending holds a
    change that names no article)."""
    db = tmp_path / "l.db"
    folder = tmp_path / "f"
    folder.mkdir()
    for f in FERRY[:3]:
        shutil.copy(f, folder / f.name)
    ingest([folder], Settings(db=str(db)), event="ferry")
    changed = folder / FERRY[0].name
    changed.write_text(changed.read_text("utf-8") + "\nThe mayor said the harbour would reopen.\n",
                       "utf-8")
    ingest([folder], Settings(db=str(db)), event="ferry")
    shutil.copy(db, tmp_path / "r.db")
    reconcile(open_ledger(tmp_path / "r.db"), full=True)
    assert snapshot(db)[:3] == snapshot(tmp_path / "r.db")[:3]


STRIKE = sorted((ROOT / "eval" / "events" / "teachers-strike" / "articles").glob("*.txt"))


@pytest.mark.slow
@pytest.mark.parametrize("order", [STRIKE, STRIKE[::-1], STRIKE[2:] + STRIKE[:2]],
                         ids=["forward", "reverse", "rotated"])
def test_disputes_added_one_by_one_are_those_a_rebuild_finds(tmp_path: Path,
                                                            order: list[Path]) -> None:
    """The strike's coverage holds disputes (the union against the ministry): adding its
    articles one at a time, each by the incremental path, judges them as a rebuild does."""
    db = tmp_path / "l.db"
    for f in order:
        ingest([f], Settings(db=str(db)), event="strike")
    shutil.copy(db, tmp_path / "r.db")
    reconcile(open_ledger(tmp_path / "r.db"), full=True)
    added, rebuilt = snapshot(db), snapshot(tmp_path / "r.db")
    assert sum(1 for c in rebuilt[0].values() if c[2]) >= 2  # disputes to compare
    assert added[:3] == rebuilt[:3]
