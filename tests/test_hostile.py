"""Hostile input and bad timing: nothing lost, nothing stale, nothing injected.

Each test is one case of issue 12: an input or a moment that once lost data, left the
ledger wrong, attacked the reader or printed a traceback.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from summitledger.ingest.run import ingest
from summitledger.nlp import pipeline as nlp_module
from summitledger.nlp.pipeline import load_pipeline, pieces
from summitledger.settings import Settings

from .conftest import SEEDS, sqlite_error


def _paragraphs(n: int) -> str:
    return "\n\n".join(
        f"Officials in district {i} said the river had risen by {i % 7 + 2} metres. "
        f'"We are moving families to higher ground," the mayor of district {i} said.'
        for i in range(n))


def test_pieces_join_back_to_the_text() -> None:
    text = _paragraphs(40) + " " + "word " * 300  # a last paragraph with no line break
    parts = pieces(text, 500)
    assert "".join(parts) == text
    assert all(len(p) <= 500 for p in parts) and len(parts) > 10


@pytest.mark.slow
def test_an_article_longer_than_the_parser_takes_is_parsed_in_pieces(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy refuses a text over ``nlp.max_length`` (E088); the ledger parses such an
    article in pieces, keeps its offsets, and stores every claim (the articles after it
    in the folder too)."""
    nlp = load_pipeline(Settings.from_env().model)
    monkeypatch.setattr(nlp, "max_length", 3000)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 1000)
    folder = tmp_path / "in"
    folder.mkdir()
    long_text = _paragraphs(80)
    assert len(long_text) > 3 * 3000
    (folder / "a_long.txt").write_text(long_text, "utf-8")
    (folder / "b_short.txt").write_text("Police said the road was closed.\n", "utf-8")
    db = tmp_path / "l.db"
    report = ingest([folder], Settings(db=db))
    assert [o.status for o in report.outcomes] == ["added", "added"]
    con = sqlite3.connect(db)
    text = con.execute("SELECT text FROM article WHERE file = 'a_long.txt'").fetchone()[0]
    rows = con.execute("SELECT content, content_start, content_end FROM claim c JOIN article a "
                       "ON a.id = c.article_id WHERE a.file = 'a_long.txt'").fetchall()
    assert len(rows) == 160
    assert all(text[s:e] == content for content, s, e in rows), [
        (c, text[s:e]) for c, s, e in rows if text[s:e] != c][:3]
    assert con.execute("SELECT count(*) FROM claim WHERE group_id IS NULL").fetchone()[0] == 0


# --------------------------------------------------------------------------- data lost or left wrong


def test_a_run_killed_before_reconcile_is_finished_by_the_next_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    """Killed after the last article is stored, before reconcile commits: the ledger
    knows it is unreconciled, reading commands say so, and the next writing command
    (an ingest with nothing new, or reconcile) finishes the job."""
    import summitledger.ingest.run as ingest_module

    db = tmp_path / "l.db"

    def killed(engine, on_wait=None, **_):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest_module, "reconcile", killed)
    with pytest.raises(KeyboardInterrupt):
        ingest([SEEDS], Settings(db=db))
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM claim WHERE group_id IS NULL").fetchone()[0] == \
        con.execute("SELECT count(*) FROM claim").fetchone()[0] > 10
    con.close()
    r = cli("claims", "--db", db)
    assert r.exit_code == 0 and "after the last reconcile" in r.stderr
    monkeypatch.undo()
    report = ingest([SEEDS], Settings(db=db))
    assert {o.status for o in report.outcomes} == {"unchanged"}
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM claim WHERE group_id IS NULL").fetchone()[0] == 0
    assert "last reconcile" not in cli("claims", "--db", db).stderr


def test_files_of_one_name_in_two_folders_are_two_articles(tmp_path: Path) -> None:
    top = tmp_path / "in"
    for sub, text in (("east", "Police said the east road was closed."),
                      ("west", "Firefighters said the west bridge had burned.")):
        (top / sub).mkdir(parents=True)
        (top / sub / "report.txt").write_text(text + "\n", "utf-8")
    db = tmp_path / "l.db"
    for _ in range(2):  # the same answer on every run
        report = ingest([top], Settings(db=db))
        assert sorted(o.file for o in report.outcomes) == ["east/report.txt", "west/report.txt"]
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM article").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM claim").fetchone()[0] == 2


def test_a_file_edited_to_equal_another_article_loses_its_old_claims(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Police said the road was closed.\n", "utf-8")
    b.write_text("The mayor said the bridge would reopen in May.\n", "utf-8")
    db = tmp_path / "l.db"
    ingest([a, b], Settings(db=db))
    b.write_text(a.read_text("utf-8"), "utf-8")  # b now says what a says
    report = ingest([a, b], Settings(db=db))
    assert {o.file: o.status for o in report.outcomes} == {"a.txt": "unchanged",
                                                          "b.txt": "duplicate"}
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("SELECT file FROM article")] == ["a.txt"]
    assert "bridge" not in " ".join(r[0] for r in con.execute("SELECT content FROM claim"))


@pytest.mark.parametrize(("lines", "message"), [
    ([{"text": "Police said the road was closed.", "outlet": ["a", "b"]}],
     "line 1 is not an article record ('outlet' must be a string, not list)"),
    ([{"text": "Police said the road was closed \\ud800 today."}], "line 1 is not an article"),
    ([{"text": "Police said the road was closed." + " x" * 5000 + "\\u0000"}], "NUL character"),
])
def test_bad_jsonl_records_are_refused_with_their_line(
        tmp_path: Path, cli, lines: list[dict], message: str) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(json.dumps(r).replace("\\\\u", "\\u") for r in lines) + "\n",
                 "utf-8")
    r = cli("ingest", f, "--db", tmp_path / "l.db")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: [SL1") and message in r.stderr, r.stderr
    assert "Traceback" not in r.output and len(r.stderr.strip().splitlines()) == 1


def test_an_unreadable_subfolder_is_named_and_exits_3(
        tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import os

    top = tmp_path / "in"
    (top / "locked").mkdir(parents=True)
    (top / "ok.txt").write_text("Police said the road was closed.\n", "utf-8")
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):  # what a folder without read permission gives
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = cli("ingest", top, "--db", tmp_path / "l.db")
    assert r.exit_code == 3, r.output
    assert "locked: skipped, cannot read this folder" in r.stderr


def test_a_database_url_is_refused_not_made_into_folders(tmp_path: Path, cli,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    r = cli("claims", "--db", "mysql://user@host/ledger")  # a kind of URL it does not open
    assert r.exit_code == 1 and "[SL205]" in r.stderr
    r = cli("ingest", SEEDS, "--db", "postgresql+psycopg://user@127.0.0.1:1/ledger")
    assert r.exit_code == 1 and "[SL209]" in r.stderr  # no server there
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- output that attacks its reader

EVIL_OUTLET = "\x1b]0;pwned\x07Evil\u202eTimes [link=http://evil.example]x[/link]"


def _hostile_ledger(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        'Police said =HYPERLINK("http://evil.example","click") was painted on the wall.\n',
        "utf-8")
    (folder / "manifest.json").write_text(json.dumps({"a.txt": {
        "outlet": EVIL_OUTLET, "url": "javascript:alert(1)"}}), "utf-8")
    db = tmp_path / "l.db"
    ingest([folder], Settings(db=db))
    return db


def test_csv_cells_never_start_a_formula(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    db = _hostile_ledger(tmp_path)
    for command in (("claims", "-f", "csv"), ("export", "-f", "csv")):
        out = cli(*command, "--db", db).stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and rows[0]["content"].startswith("'=HYPERLINK")
        assert all(not v.startswith(("=", "+", "-", "@", "\t", "\r"))
                   for r in rows for v in r.values())


def test_nothing_printed_for_people_drives_the_terminal(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import io

    from summitledger.report.output import table

    db = _hostile_ledger(tmp_path)
    for command in (("claims",), ("diff",), ("actors",), ("show", "1")):
        r = cli(*command, "--db", db)
        assert r.exit_code == 0, r.output
        assert "\x1b" not in r.output and "\u202e" not in r.output and "\x07" not in r.output

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    table([{"outlet": EVIL_OUTLET}], ["outlet"], title=EVIL_OUTLET, out=screen)
    shown = screen.getvalue()
    assert "]0;pwned" not in shown and "\u202e" not in shown
    assert "\x1b]8;" not in shown  # no live hyperlink: the markup is shown as text
    assert "[link=http://evil.example]" in shown


def test_non_web_urls_are_dropped(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    db = _hostile_ledger(tmp_path)
    con = sqlite3.connect(db)
    assert con.execute("SELECT url FROM article").fetchone()[0] == ""
    assert "javascript" not in cli("export", "-f", "jsonld", "--db", db).stdout


# --------------------------------------------------------------------------- one line, never a traceback


def _one_line_error(r, code: str) -> None:  # type: ignore[no-untyped-def]
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: [{code}]"), r.stderr


def test_a_bad_size_setting_is_one_line(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SUMMITLEDGER_MAX_BYTES", "abc")
    (tmp_path / "a.txt").write_text("Police said the road was closed.\n", "utf-8")
    _one_line_error(cli("ingest", tmp_path / "a.txt"), "SL305")


def test_closed_stdin_is_one_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import io
    import sys

    stream = io.TextIOWrapper(io.BytesIO(b""))
    stream.close()
    monkeypatch.setattr(sys, "stdin", stream)
    from summitledger.errors import InputError
    from summitledger.ingest.readers import read_bytes

    with pytest.raises(InputError, match="standard input is closed"):
        read_bytes(Path("-"), 1000)


def test_a_damaged_ledger_is_one_line(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(seeded)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(seeded.read_bytes())
    page = 4096
    for at in range(page * 3, min(len(data), page * 12)):  # scramble pages past the schema
        data[at] = (data[at] * 7 + 13) % 256
    seeded.write_bytes(bytes(data))
    r = cli("claims", "--db", seeded)
    _one_line_error(r, "SL201")


def test_output_into_a_missing_folder_is_one_line(cli, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for command in (("export", "-f", "csv"), ("report",)):
        target = tmp_path / "nowhere" / "out.file"
        _one_line_error(cli(*command, "-o", target, "--db", seeded), "SL501")
        assert not target.parent.exists()


def test_a_full_disk_leaves_no_partial_file(cli, seeded: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    from summitledger.report import export

    def full(engine, out, event=None):  # type: ignore[no-untyped-def]
        out.write('{"@graph": [')
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export, "write_jsonld", full)
    target = tmp_path / "claims.jsonld"
    _one_line_error(cli("export", "-o", target, "--db", seeded), "SL501")
    assert list(tmp_path.iterdir()) == [seeded] or not target.exists()
    assert not any(p.name.endswith(".part") for p in tmp_path.iterdir())


def test_a_writer_holding_the_lock_is_named_not_a_traceback(
        cli, seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from summitledger.store import sqlite as db_module

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(seeded, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, holding on
    try:
        r = cli("reconcile", "--db", seeded)
        _one_line_error(r, "SL206")
        assert "locked by another process" in r.stderr
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --------------------------------------------------------------------------- any bytes, any order, any kill point

from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@pytest.mark.slow
@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".jsonl", ".md", ".html"]))
def test_any_bytes_give_an_article_or_a_one_line_coded_error(
        tmp_path_factory, data: bytes, suffix: str) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from summitledger.cli.main import app

    work = tmp_path_factory.mktemp("bytes")
    f = work / f"in{suffix}"
    f.write_bytes(data)
    db = work / "l.db"
    r = CliRunner().invoke(app, ["ingest", str(f), "--db", str(db)])
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.output
    if r.exit_code:
        assert r.exit_code == 1
        assert r.stderr.strip().startswith("Error: [SL") and len(r.stderr.strip().splitlines()) == 1
    else:  # stored and reconciled: nothing left without a group
        con = sqlite3.connect(db)
        assert con.execute("SELECT count(*) FROM claim WHERE group_id IS NULL").fetchone()[0] == 0
        con.close()


def _three_articles(folder: Path) -> Path:
    folder.mkdir()
    for n, text in enumerate([
            "Police said two men had been arrested near the station.",
            "Officers said two men were arrested near the station on Friday.",
            "The mayor said the station would reopen on Monday."]):
        (folder / f"{n}.txt").write_text(text + "\n", "utf-8")
    return folder


@pytest.mark.parametrize("kill_after", [0, 1, 2, "reconcile"])
def test_a_kill_at_any_point_is_completed_by_the_next_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kill_after: int | str) -> None:
    """Killed after any number of articles, or inside reconcile: the next ingest of the
    same folder leaves the ledger exactly as one clean run does."""
    import summitledger.ingest.run as ingest_module

    from .test_reconcile import _groups_by_content

    folder = _three_articles(tmp_path / "in")
    clean = tmp_path / "clean.db"
    ingest([folder], Settings(db=clean))
    db = tmp_path / "l.db"
    real_store, real_reconcile = ingest_module.store, ingest_module.reconcile
    stored = []

    def store(engine, art, *rest):  # type: ignore[no-untyped-def]
        if kill_after != "reconcile" and len(stored) == kill_after:
            raise KeyboardInterrupt
        stored.append(art.file)
        return real_store(engine, art, *rest)

    def reconcile_killed(engine, on_wait=None, **_):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest_module, "store", store)
    if kill_after == "reconcile":
        monkeypatch.setattr(ingest_module, "reconcile", reconcile_killed)
    with pytest.raises(KeyboardInterrupt):
        ingest([folder], Settings(db=db))
    monkeypatch.setattr(ingest_module, "store", real_store)
    monkeypatch.setattr(ingest_module, "reconcile", real_reconcile)
    ingest([folder], Settings(db=db))
    assert _groups_by_content(db) == _groups_by_content(clean)


@pytest.mark.slow
def test_concurrent_ingests_give_the_groups_of_one_ingest(tmp_path: Path) -> None:
    """Two processes ingesting halves of a folder into one ledger at once end with the
    groups and statuses of one sequential ingest."""
    import os
    import subprocess
    import sys

    from .conftest import ARTICLES
    from .test_reconcile import _groups_by_content

    halves = [tmp_path / "a", tmp_path / "b"]
    for h in halves:
        h.mkdir()
    for n, f in enumerate(sorted(ARTICLES.glob("*.txt"))):
        (halves[n % 2] / f.name).write_text(f.read_text("utf-8"), "utf-8")
    together = tmp_path / "together.db"
    ingest(halves, Settings(db=together))
    db = tmp_path / "l.db"
    env = {**os.environ, "SUMMITLEDGER_DB": str(db)}
    procs = [subprocess.Popen([sys.executable, "-m", "summitledger", "ingest", str(h)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for h in halves]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read().decode()  # type: ignore[union-attr]
    assert _groups_by_content(db) == _groups_by_content(together)


def test_a_full_disk_during_ingest_keeps_earlier_articles(
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """SQLite's 'database or disk is full' in the middle of an ingest: one line, and the
    articles stored before it stay."""
    import summitledger.ingest.run as ingest_module

    folder = _three_articles(tmp_path / "in")
    db = tmp_path / "l.db"
    real_store = ingest_module.store
    calls = []

    def store(engine, art, *rest):  # type: ignore[no-untyped-def]
        calls.append(art.file)
        if len(calls) == 2:  # what SQLite raises when the disk fills
            from sqlalchemy.exc import OperationalError

            raise OperationalError("INSERT INTO article ...", {},
                                   sqlite_error("full", tmp_path))
        return real_store(engine, art, *rest)

    monkeypatch.setattr(ingest_module, "store", store)
    r = cli("ingest", folder, "--db", db)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.stderr.strip().splitlines()[-1].startswith("Error: [SL207]")
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("SELECT file FROM article")] == ["0.txt"]


def test_reading_works_where_the_ledger_folder_cannot_be_written(
        cli, seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Where SQLite cannot make its shared-memory file beside a WAL ledger (a read-only
    folder), reading commands open the ledger immutable. (Tests run as root, who may
    write anywhere, so the failed first open is simulated.)"""
    from summitledger.store import sqlite as db_module

    opened = []
    real = db_module._engine

    def engine(path, readonly, immutable=False):  # type: ignore[no-untyped-def]
        opened.append(immutable)
        return real(path, readonly, immutable)

    monkeypatch.setattr(db_module, "_engine", engine)
    monkeypatch.setattr(db_module, "_can_read", lambda e: False)
    r = cli("claims", "--actor", "Putin", "-f", "jsonl", "--db", seeded)
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 3
    assert opened == [False, True]
