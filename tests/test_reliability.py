"""Reliability, round 3 (issue 24): an article's identity that never loses one, outputs
that never clobber, inputs that never hang, one line and never a traceback.

Each test is one case a hostile user found, or the rule behind it: the property tests
draw any files, names, contents and run orders; the rest reproduce each case as it was
reported, through the library, the CLI runner or a real process where a real file
descriptor matters (a closed or full standard output).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from summitledger.ingest.run import ingest
from summitledger.nlp.text import prose
from summitledger.settings import Settings

from .conftest import SEEDS, sqlite_error

CLI = [sys.executable, "-m", "summitledger"]
TEXTS = [
    "Police said the road to the harbour was closed.",
    "The mayor said the bridge would reopen in May.",
    "Firefighters said the blaze at the depot was out.",
    "A union spokeswoman said the strike would go on.",
]


def _texts(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in con.execute("SELECT text FROM article"))
    finally:
        con.close()


def _consistent(db: Path) -> None:
    """Every claim grouped, every origin's text an article, every article held."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM claim WHERE group_id IS NULL").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM articleorigin o WHERE NOT EXISTS (SELECT 1 "
                           "FROM article a WHERE a.content_hash = o.content_hash)").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM article a WHERE NOT EXISTS (SELECT 1 FROM "
                           "articleorigin o WHERE o.key = a.origin AND o.content_hash = "
                           "a.content_hash)").fetchone()[0] == 0
    finally:
        con.close()


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run([*CLI, *args], capture_output=True, text=True,
                          **{"timeout": 300, **kwargs})


def _one_line_error(stderr: str, code: str) -> None:
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr
    assert len(lines) == 1 and lines[0].startswith(f"Error: [{code}]"), stderr


# --------------------------------------------------------------------------- identity


def test_files_of_one_name_ingested_in_separate_runs_are_two_articles(tmp_path: Path) -> None:
    """`ingest d1` with d1/wire.md, later `ingest d2` with another d2/wire.md: two
    articles; only an edited file replaces its own earlier version."""
    d1, d2 = tmp_path / "d1", tmp_path / "d2"
    for d, text in ((d1, TEXTS[0]), (d2, TEXTS[1])):
        d.mkdir()
        (d / "wire.md").write_text(text + "\n", "utf-8")
    db = tmp_path / "l.db"
    assert [o.status for o in ingest([d1], Settings(db=db)).outcomes] == ["added"]
    assert [o.status for o in ingest([d2], Settings(db=db)).outcomes] == ["added"]
    assert _texts(db) == sorted(TEXTS[:2])
    (d1 / "wire.md").write_text(TEXTS[2] + "\n", "utf-8")  # an edit replaces its own only
    assert [o.status for o in ingest([d1], Settings(db=db)).outcomes] == ["replaced"]
    assert _texts(db) == sorted([TEXTS[1], TEXTS[2]])
    _consistent(db)


def test_contents_swapped_between_runs_lose_nothing(tmp_path: Path) -> None:
    """Two files exchange their texts between runs, and JSON lines records without ids
    are reordered: both texts stay, nothing is dropped as a duplicate, and a third run
    changes nothing."""
    a, b, feed = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "feed.jsonl"
    a.write_text(TEXTS[0] + "\n", "utf-8")
    b.write_text(TEXTS[1] + "\n", "utf-8")
    feed.write_text("\n".join(json.dumps({"text": t}) for t in TEXTS[2:]) + "\n", "utf-8")
    db = tmp_path / "l.db"
    ingest([tmp_path], Settings(db=db))
    a.write_text(TEXTS[1] + "\n", "utf-8")
    b.write_text(TEXTS[0] + "\n", "utf-8")
    feed.write_text("\n".join(json.dumps({"text": t}) for t in reversed(TEXTS[2:])) + "\n",
                    "utf-8")
    report = ingest([tmp_path], Settings(db=db))
    assert "duplicate" not in {o.status for o in report.outcomes}
    assert _texts(db) == sorted(TEXTS)
    _consistent(db)
    again = ingest([tmp_path], Settings(db=db))
    assert {o.status for o in again.outcomes} == {"unchanged"}


def test_a_copy_keeps_its_text_when_the_original_is_edited(tmp_path: Path) -> None:
    """y.txt is a copy of x.txt (counted once); x.txt is then edited: y's text stays."""
    x, y = tmp_path / "x.txt", tmp_path / "y.txt"
    x.write_text(TEXTS[0] + "\n", "utf-8")
    db = tmp_path / "l.db"
    ingest([x], Settings(db=db))
    y.write_text(TEXTS[0] + "\n", "utf-8")
    assert [o.status for o in ingest([y], Settings(db=db)).outcomes] == ["duplicate"]
    x.write_text(TEXTS[1] + "\n", "utf-8")
    ingest([x], Settings(db=db))
    assert _texts(db) == sorted(TEXTS[:2])
    con = sqlite3.connect(db)
    assert con.execute("SELECT file FROM article WHERE text = ?", (TEXTS[0],)).fetchone() == ("y.txt",)
    _consistent(db)


def test_a_moved_folder_keeps_its_articles_and_its_edits_replace_them(tmp_path: Path) -> None:
    """A folder moved and ingested at its new place: its articles move with it (nothing
    extracted again); an edit there then replaces the moved article, leaving nothing
    stale behind. A copied folder (the old one still there) is counted once."""
    old = tmp_path / "news"
    old.mkdir()
    (old / "a.txt").write_text(TEXTS[0] + "\n", "utf-8")
    (old / "b.txt").write_text(TEXTS[1] + "\n", "utf-8")
    db = tmp_path / "l.db"
    ingest([old], Settings(db=db))
    new = tmp_path / "archive"
    old.rename(new)
    report = ingest([new], Settings(db=db))
    assert [o.status for o in report.outcomes] == ["moved", "moved"]
    assert all(o.claims == 0 and "moved from" in o.detail for o in report.outcomes)
    (new / "b.txt").write_text(TEXTS[2] + "\n", "utf-8")
    ingest([new], Settings(db=db))
    assert _texts(db) == sorted([TEXTS[0], TEXTS[2]])
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "a.txt").write_text(TEXTS[0] + "\n", "utf-8")
    assert [o.status for o in ingest([copy], Settings(db=db)).outcomes] == ["duplicate"]
    _consistent(db)


def test_a_ledger_from_before_origins_is_taken_over_by_its_files(seeded: Path) -> None:
    """A schema 13 ledger (articles known by name): migrated, the seeds' re-ingest finds
    every article as it was, nothing extracted again."""
    con = sqlite3.connect(seeded)
    before = con.execute("SELECT id, content_hash FROM article ORDER BY id").fetchall()
    con.execute("DROP TABLE articleorigin")
    con.execute("DROP INDEX ix_article_origin")
    con.execute("ALTER TABLE article DROP COLUMN origin")
    con.execute("DELETE FROM _migrations WHERE id = 14")
    con.commit()
    con.close()
    report = ingest([SEEDS], Settings(db=seeded))
    assert {o.status for o in report.outcomes} == {"unchanged"}
    con = sqlite3.connect(seeded)
    assert con.execute("SELECT id, content_hash FROM article ORDER BY id").fetchall() == before
    assert not con.execute("SELECT count(*) FROM articleorigin WHERE key LIKE 'legacy:%'").fetchone()[0]
    _consistent(seeded)


NAMES = st.sampled_from(["wire.md", "a.txt", "b.txt", "w\nire.txt", "feed.jsonl"])
STEP = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(["d1", "d2", "d2/sub"]), NAMES,
              st.lists(st.integers(0, len(TEXTS) - 1), min_size=1, max_size=3)),
    st.tuples(st.just("ingest"), st.sampled_from([".", "d1", "d2", "d2/sub"])),
)


@pytest.mark.slow
@hsettings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=2, max_size=7))
def test_any_files_any_names_any_order_give_one_article_per_distinct_text(
        tmp_path_factory: pytest.TempPathFactory, steps: list[tuple]) -> None:
    """Any files (same names in different folders, odd names, JSON lines records without
    ids), written and ingested in any order: the ledger holds exactly the texts the
    files held when each was last ingested, one article per distinct text, reconciled."""
    top = tmp_path_factory.mktemp("any")
    db = top.parent / f"{top.name}.db"
    held: dict[tuple[str, int], str] = {}  # (file, record) -> its text when last ingested
    for step in steps:
        if step[0] == "write":
            _, folder, name, picks = step
            f = top / folder / name
            f.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".jsonl"):
                f.write_text("\n".join(json.dumps({"text": TEXTS[i]}) for i in picks) + "\n",
                             "utf-8")
            else:
                f.write_text(TEXTS[picks[0]] + "\n", "utf-8")
            continue
        target = top / step[1]
        if not target.is_dir():
            continue
        files = [p for p in sorted(target.rglob("*")) if p.is_file()]
        if not files:
            continue
        ingest([target], Settings(db=db))
        for f in files:
            if f.suffix == ".jsonl":
                for n, line in enumerate(f.read_text("utf-8").splitlines(), 1):
                    held[(str(f), n)] = prose(json.loads(line)["text"])
            else:
                held[(str(f), 0)] = prose(f.read_text("utf-8"))
        assert _texts(db) == sorted(set(held.values()))
        _consistent(db)


# --------------------------------------------------------------------------- inputs


@pytest.mark.slow
def test_a_fifo_or_a_device_in_a_folder_is_skipped_never_read(tmp_path: Path) -> None:
    """A FIFO named *.txt (it would block for ever) and a link to /dev/zero named .txt
    (it never ends): skipped with SL114, the rest ingested, exit 3, in a real process."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXTS[0] + "\n", "utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    r = _run("ingest", str(folder), "--db", str(tmp_path / "l.db"))
    assert r.returncode == 3, r.stderr
    assert "pipe.txt: skipped, a named pipe (FIFO)" in r.stderr and "[SL114]" in r.stderr
    assert "zero.txt: skipped, a device" in r.stderr
    assert _texts(tmp_path / "l.db") == [TEXTS[0]]
    r = _run("ingest", str(folder / "pipe.txt"), "--db", str(tmp_path / "l.db"))
    _one_line_error(r.stderr, "SL114")


@pytest.mark.slow
def test_a_fifo_named_as_a_lexicon_a_url_list_or_gold_is_refused(tmp_path: Path) -> None:
    """Every file a command reads comes the same way: a FIFO given as --cues, --urls or
    among an eval's gold files is refused, not waited on (real processes, timeouts)."""
    fifo = tmp_path / "list.txt"
    os.mkfifo(fifo)
    db = str(tmp_path / "l.db")
    r = _run("ingest", str(SEEDS), "--cues", str(fifo), "--db", db, timeout=60)
    _one_line_error(r.stderr, "SL302")
    r = _run("ingest", "--urls", str(fifo), "--db", db, timeout=60)
    _one_line_error(r.stderr, "SL114")
    gold = tmp_path / "gold"
    gold.mkdir()
    os.mkfifo(gold / "a.jsonl")
    r = _run("eval", str(gold), "--articles", str(SEEDS), timeout=120)
    _one_line_error(r.stderr, "SL404")


def test_the_size_limit_holds_while_reading_whatever_the_file_claims(tmp_path: Path) -> None:
    """A file whose size says 0 (as /proc files do) is still cut at the limit: the limit
    is enforced on the bytes read, not on what stat says."""
    from summitledger.errors import InputError
    from summitledger.ingest.readers import read_regular

    proc = Path("/proc/self/maps")
    if not proc.exists() or proc.stat().st_size != 0:
        pytest.skip("needs a /proc file that reports size 0")
    with pytest.raises(InputError) as err:
        read_regular(proc, 64)
    assert err.value.code == "SL109"
    big = tmp_path / "big.txt"
    big.write_text("x" * 5000, "utf-8")
    with pytest.raises(InputError):
        read_regular(big, 4999)
    assert read_regular(big, 5000) == b"x" * 5000


@pytest.mark.parametrize("where", ["jsonl", "manifest"])
def test_deeply_nested_json_is_refused_not_a_crash(tmp_path: Path, where: str) -> None:
    """'[' x 5000 in a JSON lines record or a manifest.json: that record, or the
    manifest, refused with its code; every other file of the folder is stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXTS[0] + "\n", "utf-8")
    deep = "[" * 5000 + "]" * 5000
    if where == "jsonl":
        (folder / "feed.jsonl").write_text(json.dumps({"text": TEXTS[1]}) + "\n" + deep + "\n",
                                           "utf-8")
    else:
        (folder / "manifest.json").write_text(deep, "utf-8")
    report = ingest([folder], Settings(db=tmp_path / "l.db"))
    messages = report.problems + report.warnings
    assert any("nested too deep" in m for m in messages), messages
    assert _texts(tmp_path / "l.db") == sorted(TEXTS[:2] if where == "jsonl" else TEXTS[:1])


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_is_stored_escaped(tmp_path: Path) -> None:
    """A name with a byte that is not UTF-8 once crashed the folder run: now it and every
    file after it are stored, the name escaped, and a re-run changes nothing."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXTS[0] + "\n", "utf-8")
    Path(os.fsdecode(bytes(folder) + b"/b\xff.txt")).write_text(TEXTS[1] + "\n", "utf-8")
    (folder / "c.txt").write_text(TEXTS[2] + "\n", "utf-8")
    db = tmp_path / "l.db"
    r = _run("ingest", str(folder), "--db", str(db))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "b\\xff.txt" in r.stderr
    assert _texts(db) == sorted(TEXTS[:3])
    _consistent(db)
    assert {o.status for o in ingest([folder], Settings(db=db)).outcomes} == {"unchanged"}


def test_one_bad_jsonl_record_is_refused_alone_with_its_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """An ESC in one record, a repeated id, a line that is not JSON: each refused alone,
    by its line number; the good records are stored, exit 3."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([
        json.dumps({"id": "x", "text": TEXTS[0]}),
        json.dumps({"text": "The mayor said \x1b[31m it."}),
        json.dumps({"id": "x", "text": TEXTS[1]}),
        "not json at all",
        json.dumps({"text": TEXTS[2]}),
    ]) + "\n", "utf-8")
    db = tmp_path / "l.db"
    r = cli("ingest", feed, "--db", db)
    assert r.exit_code == 3, r.output
    warnings = [line for line in r.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 3
    assert "line 2" in warnings[0] and "[SL103]" in warnings[0]
    assert "line 3 repeats the id 'x' of line 1" in warnings[1]
    assert "line 4 is not an article record" in warnings[2]
    assert _texts(db) == sorted([TEXTS[0], TEXTS[2]])


def test_a_record_without_an_id_never_takes_the_place_of_one_with_an_id(tmp_path: Path) -> None:
    """Id "2" on line 1 and no id on line 2: two articles, not a repeated id."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "2", "text": TEXTS[0]}) + "\n"
                    + json.dumps({"text": TEXTS[1]}) + "\n", "utf-8")
    report = ingest([feed], Settings(db=tmp_path / "l.db"))
    assert report.problems == [] and [o.status for o in report.outcomes] == ["added", "added"]
    assert _texts(tmp_path / "l.db") == sorted(TEXTS[:2])


def test_text_in_iframe_noscript_and_template_is_not_article_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Bridge</title></head><body><article>"
        "<p>The mayor said the bridge would reopen in May after repairs to its deck.</p>"
        "<noscript><p>The spokesman said the noscript text must never be stored.</p></noscript>"
        "<iframe src='x'><p>The official said the iframe text was hidden.</p></iframe>"
        "<template><p>The clerk said the template text was never shown.</p></template>"
        "<p>Police said the road to the bridge was closed on Tuesday for hours.</p>"
        "</article></body></html>", "utf-8")
    ingest([page], Settings(db=tmp_path / "l.db"))
    (text,) = _texts(tmp_path / "l.db")
    assert "bridge would reopen" in text and "road to the bridge" in text
    assert "noscript" not in text and "iframe" not in text and "template" not in text


# --------------------------------------------------------------------------- never hang


MARK_RUNS = st.text(alphabet=st.sampled_from(list("&('—’\"!?%*#.-:;,/[]_ ") + ["a", "b", "\n"]),
                    min_size=1, max_size=3000)


@hsettings(max_examples=200, deadline=None)
@given(text=MARK_RUNS)
def test_tamed_text_has_no_run_the_tokenizer_chokes_on(text: str) -> None:
    """Whatever runs of marks a text holds, what spaCy sees has no mark repeated more
    than three times running, no run of marks longer than ten, and no stretch without
    white space longer than 200 characters; so tokenising grows with the text."""
    import re

    from summitledger.nlp.text import MARKS_MAX, REPEAT_MAX, STRETCH_MAX, tame

    out = tame(text)
    assert not re.search(rf"([^\w\s]|_)\1{{{REPEAT_MAX}}}", out)
    assert not re.search(rf"(?:[^\w\s]|_){{{MARKS_MAX + 1}}}", out)
    assert not re.search(rf"\S{{{STRETCH_MAX + 1}}}", out)


def test_prose_is_left_as_it_is_by_taming() -> None:
    from summitledger.nlp.text import tame

    for path in sorted(SEEDS.glob("*.txt")):
        text = prose(path.read_text("utf-8"))
        assert tame(text) == text


def test_a_long_run_of_marks_is_stored_tamed_and_its_claims_found(tmp_path: Path) -> None:
    """60 KB of '&' (407 s once), of '(', '—' and "'": each article is stored with the run
    cut short, and the claims around it are found."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n, mark in enumerate("&(—'"):
        (folder / f"{n}.txt").write_text(f"{TEXTS[n]} {mark * 60_000} {TEXTS[(n + 1) % 4]}\n",
                                         "utf-8")
    db = tmp_path / "l.db"
    report = ingest([folder], Settings(db=db))
    assert [o.claims for o in report.outcomes] == [2, 2, 2, 2] and not report.problems
    assert max(len(t) for t in _texts(db)) < 200


@pytest.mark.slow
def test_a_sentence_without_a_stop_is_cut_into_bounded_sentences() -> None:
    """'a:a:a:...' once made one 20,000-token sentence; the parser now never sees a
    sentence longer than SENTENCE_TOKENS tokens without a stop."""
    from summitledger.nlp.pipeline import SENTENCE_TOKENS, load_pipeline

    nlp = load_pipeline(Settings.from_env().model)
    doc = nlp(prose("Police said " + "a:" * 3000))
    assert max(len(s) for s in doc.sents) <= SENTENCE_TOKENS
    normal = nlp(TEXTS[0] + " " + TEXTS[1])
    assert [s.text for s in normal.sents] == TEXTS[:2]


def test_an_article_over_its_time_budget_is_refused_with_a_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:  # type: ignore[no-untyped-def]
    """An article whose parse runs over its budget is refused (SL115) and named; the
    other articles of the folder are stored, exit 3."""
    import summitledger.ingest.run as run_module

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_slow.txt").write_text("Slow: " + TEXTS[0] + "\n", "utf-8")
    (folder / "b_fine.txt").write_text(TEXTS[1] + "\n", "utf-8")
    real = run_module.article_seconds
    monkeypatch.setattr(run_module, "article_seconds",
                        lambda text, fixed=None: -1.0 if text.startswith("Slow") else real(text, fixed))
    db = tmp_path / "l.db"
    r = cli("ingest", folder, "--db", db)
    assert r.exit_code == 3, r.output
    assert "[SL115]" in r.stderr and "a_slow.txt: skipped, parsing took longer" in r.stderr
    assert _texts(db) == [TEXTS[1]]


def test_a_bad_time_budget_setting_is_one_line(cli, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(TEXTS[0] + "\n", "utf-8")
    for bad in ("soon", "0", "-3", "inf", "nan"):
        monkeypatch.setenv("SUMMITLEDGER_ARTICLE_SECONDS", bad)
        r = cli("ingest", tmp_path / "a.txt", "--db", tmp_path / "l.db")
        _one_line_error(r.stderr, "SL305")


# --------------------------------------------------------------------------- outputs


@pytest.mark.slow
def test_output_onto_a_fifo_a_device_or_a_folder_is_refused_never_replaced(
        seeded: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    device = tmp_path / "null.dev"
    try:
        os.mknod(device, 0o666 | 0o020000, os.makedev(1, 3))  # a character device: /dev/null's
    except PermissionError:
        device = Path("/dev/null")
    link_to_fifo = tmp_path / "to_fifo.csv"
    link_to_fifo.symlink_to(fifo)
    for target in (fifo, device, link_to_fifo, Path("/dev/null")):
        before = os.lstat(target)
        r = _run("export", "-f", "csv", "-o", str(target), "--db", str(seeded), timeout=60)
        assert r.returncode == 1
        _one_line_error(r.stderr, "SL504")
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino, after.st_rdev) == (
            before.st_mode, before.st_ino, before.st_rdev)
    r = _run("report", "-o", str(tmp_path), "--db", str(seeded))
    assert r.returncode != 0 and tmp_path.is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(
        seeded: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    real = tmp_path / "real.csv"
    real.write_text("old\n", "utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    r = cli("export", "-f", "csv", "-o", link, "--db", seeded)
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.readlink(link) == "real.csv"
    assert real.read_text("utf-8").startswith("id,") and oct(real.stat().st_mode & 0o777) == "0o640"
    dangling = tmp_path / "new_link.csv"
    dangling.symlink_to("made_here.csv")
    assert cli("export", "-f", "csv", "-o", dangling, "--db", seeded).exit_code == 0
    assert dangling.is_symlink() and (tmp_path / "made_here.csv").read_text("utf-8").startswith("id,")


def _fsize_limit(limit: int):  # type: ignore[no-untyped-def]
    """For a child process: files it writes stop at ``limit`` bytes (a write past it is
    short, then fails, as on a disk that fills up)."""
    import resource

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
@pytest.mark.parametrize("command", [("claims", "-f", "json"), ("claims", "-f", "jsonl"),
                                     ("claims", "-f", "csv"), ("claims",),
                                     ("export", "-f", "jsonld")])
def test_stdout_cut_short_is_an_error_with_a_code(seeded: Path, tmp_path: Path,
                                                  command: tuple[str, ...]) -> None:
    """Output redirected onto a disk that fills up: once cut short with exit 0 and no
    word; now one coded line and exit 1 (writes whole or an error, the last flush too)."""
    con = sqlite3.connect(seeded)  # no shared-memory file to write beside a reader
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    whole = _run(*command, "--db", str(seeded))
    assert whole.returncode == 0 and len(whole.stdout) > 1500
    out = tmp_path / "out"
    with out.open("w") as f:
        r = subprocess.run([*CLI, *command, "--db", str(seeded)], stdout=f, stderr=subprocess.PIPE,
                           text=True, timeout=120, preexec_fn=_fsize_limit(1000))
    assert r.returncode == 1
    _one_line_error(r.stderr, "SL503")
    assert "File too large" in r.stderr or "space" in r.stderr
    with open("/dev/full", "w") as f:  # every write fails, the first only at the last flush
        r = subprocess.run([*CLI, *command, "--db", str(seeded)], stdout=f, stderr=subprocess.PIPE,
                           text=True, timeout=120)
    assert r.returncode == 1
    _one_line_error(r.stderr, "SL503")


@pytest.mark.slow
@pytest.mark.parametrize("command", [("claims",), ("diff",), ("show", "1"), ("actors",),
                                     ("export",), ("claims", "-f", "json")])
def test_a_closed_stdout_is_one_line_never_a_traceback(seeded: Path,
                                                       command: tuple[str, ...]) -> None:
    r = subprocess.run([*CLI, *command, "--db", str(seeded)], stderr=subprocess.PIPE, text=True,
                       timeout=120, preexec_fn=lambda: os.close(1))
    assert r.returncode == 1
    _one_line_error(r.stderr, "SL503")


@pytest.mark.slow
def test_ingest_with_a_report_and_a_closed_stdout_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    r = subprocess.run([*CLI, "ingest", str(SEEDS), "-f", "json", "--db", str(db)],
                       stderr=subprocess.PIPE, text=True, timeout=120,
                       preexec_fn=lambda: os.close(1))
    assert r.returncode == 1
    _one_line_error(r.stderr, "SL503")
    assert not db.exists()


# --------------------------------------------------------------------------- the ledger


def test_an_in_memory_ledger_is_refused(cli, monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(TEXTS[0] + "\n", "utf-8")
    monkeypatch.setenv("SUMMITLEDGER_DB", ":memory:")
    _one_line_error(cli("ingest", tmp_path / "a.txt").stderr, "SL213")
    _one_line_error(cli("claims").stderr, "SL213")
    _one_line_error(cli("ingest", tmp_path / "a.txt", "--db", tmp_path).stderr, "SL213")


@pytest.mark.slow
def test_a_fifo_or_a_device_as_the_ledger_is_refused_never_opened(tmp_path: Path,
                                                                  seeded: Path) -> None:
    """A FIFO given as the ledger (or as its write-ahead log) would block SQLite for
    ever; /dev/null would keep nothing: both refused, in a real process with a timeout."""
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    wal_fifo = tmp_path / "copy.db"
    wal_fifo.write_bytes(seeded.read_bytes())
    os.mkfifo(tmp_path / "copy.db-wal")
    for db, command in ((fifo, ("claims",)), ("/dev/null", ("ingest", str(SEEDS))),
                        (wal_fifo, ("claims",))):
        r = _run(*command, "--db", str(db), timeout=60)
        assert r.returncode == 1
        _one_line_error(r.stderr, "SL213")


@pytest.mark.parametrize("url", ["postgresql+psycopg://me@host:notaport/db",
                                 "postgresql+psycopg://me:secret@[::1/db",
                                 "postgresql://me@host:99999/db"])
def test_a_postgresql_url_with_a_bad_port_is_one_line(cli, url: str) -> None:  # type: ignore[no-untyped-def]
    for command in (("claims",), ("ingest", str(SEEDS))):
        r = cli(*command, "--db", url)
        assert r.exit_code == 1
        _one_line_error(r.stderr, "SL208")
        assert "secret" not in r.stderr


def _wal_ledger(tmp_path: Path) -> tuple[Path, int]:
    """A ledger copied, as a crashed writer left it, into another folder: committed
    articles still in its write-ahead log, no shared-memory file."""
    src = tmp_path / "src" / "l.db"
    ingest([SEEDS / "000_fb86ab63877b9a58.txt"], Settings(db=src))
    holder = sqlite3.connect(src)
    holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    holder.execute("SELECT count(*) FROM article").fetchone()  # keeps the log from going
    ingest([SEEDS], Settings(db=src))
    dst = tmp_path / "ro" / "l.db"
    dst.parent.mkdir()
    for suffix in ("", "-wal"):
        dst.with_name(dst.name + suffix).write_bytes(src.with_name(src.name + suffix).read_bytes())
    assert Path(f"{dst}-wal").stat().st_size > 0 and not Path(f"{dst}-shm").exists()
    holder.close()
    return dst, 2


def test_a_read_only_folder_with_a_write_ahead_log_shows_every_article(
        tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Where SQLite cannot make the shared-memory file (a read-only folder; simulated, as
    tests run as root), reading the ledger in place would skip what its log holds:
    it is read whole from a private copy, which goes afterwards."""
    import tempfile

    from summitledger.store import sqlite as sqlite_module

    db, articles = _wal_ledger(tmp_path)
    monkeypatch.setattr(sqlite_module, "_can_read", lambda engine: False)
    r = cli("claims", "-f", "json", "--db", db)
    assert r.exit_code == 0, r.output
    assert len({c["article"] for c in json.loads(r.stdout)}) == articles
    assert not list(Path(tempfile.gettempdir()).glob(f"{sqlite_module.SNAPSHOT}{os.getpid()}-*"))


def test_serve_reads_a_ledger_in_a_read_only_folder(tmp_path: Path, cli,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """serve, like the reading commands, opens a ledger in a folder it cannot write:
    immutable, or from a private copy when the log holds articles."""
    pytest.importorskip("datasette")
    from datasette import cli as datasette_cli

    from summitledger.store import sqlite as sqlite_module

    served: list[list[str]] = []

    def main(args, **_):  # type: ignore[no-untyped-def]
        served.append(list(args))
        db = Path(args[-8])
        con = sqlite3.connect(f"file:{db}?mode=ro" + ("&immutable=1" if "--immutable" in args
                                                      else ""), uri=True)
        served[-1].append(str(con.execute("SELECT count(*) FROM article").fetchone()[0]))
        con.close()

    monkeypatch.setattr(datasette_cli.cli, "main", main)
    monkeypatch.setattr(sqlite_module, "_can_read", lambda engine: False)
    db, articles = _wal_ledger(tmp_path)
    assert cli("serve", "--db", db).exit_code == 0
    assert served[-1][-1] == str(articles) and served[-1][1] != str(db)
    Path(f"{db}-wal").unlink()
    assert cli("serve", "--db", db).exit_code == 0
    assert "--immutable" in served[-1] and served[-1][2] == str(db)


def test_a_writer_on_a_read_only_ledger_says_it_cannot_write(
        tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Not 'cannot read': a writer refused by a read-only file or folder says it cannot
    write, and that reading still works. (Root writes anywhere: the refusal is SQLite's
    own error, raised as it raises it.)"""

    from summitledger.store import engine as engine_module
    from summitledger.store import sqlite as sqlite_module

    db = tmp_path / "l.db"
    assert cli("ingest", SEEDS, "--db", db).exit_code == 0
    failure = engine_module.ledger_failure(sqlite_error("readonly", tmp_path))
    assert failure.code == "SL212" and "cannot write" in str(failure)

    def refused(cur):  # type: ignore[no-untyped-def]
        raise sqlite_error("cantopen", tmp_path)

    monkeypatch.setattr(sqlite_module, "_set_wal", refused)
    monkeypatch.setattr(sqlite_module, "writable", lambda path: False)
    r = cli("reconcile", "--db", db)
    _one_line_error(r.stderr, "SL212")
    assert "cannot write" in r.stderr and "cannot read" not in r.stderr


def test_a_gap_in_the_migration_record_is_named(seeded: Path, cli) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(seeded)
    con.execute("DELETE FROM _migrations WHERE id = 3")
    con.commit()
    con.close()
    r = cli("claims", "--db", seeded)
    _one_line_error(r.stderr, "SL203")
    assert "lacks migration 3 (views and full-text search)" in r.stderr
    assert "older than" not in r.stderr


def test_a_search_without_a_word_filters_nothing(seeded: Path, cli) -> None:  # type: ignore[no-untyped-def]
    every = cli("claims", "-f", "jsonl", "--db", seeded).stdout
    assert every and cli("claims", "-f", "jsonl", "-s", "", "--db", seeded).stdout == every
    assert cli("claims", "-f", "jsonl", "-s", "   ", "--db", seeded).stdout == every


# --------------------------------------------------------------------------- printing names


def test_names_with_control_characters_never_start_a_line(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """A file named 'a<newline>Error: [SL101] forged.txt' once printed raw and forged an
    Error line in ingest and diff: every name is printed escaped, on its own line."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nError: [SL101] forged.txt").write_text(TEXTS[0] + "\n", "utf-8")
    (folder / "b\ttab\x1b[31m.txt").write_text(TEXTS[1] + "\n", "utf-8")
    db = tmp_path / "l.db"
    outputs = [cli("ingest", folder, "--db", db)]
    assert outputs[0].exit_code == 0, outputs[0].output
    assert "a\\nError: [SL101] forged.txt" in outputs[0].stderr
    for command in (("diff",), ("claims",), ("actors",), ("claims", "-f", "csv"), ("show", "1")):
        outputs.append(cli(*command, "--db", db))
    for r in outputs:
        for line in (r.stdout + r.stderr).splitlines():
            assert not line.startswith("Error:"), line
            assert "\x1b" not in line


# --------------------------------------------------------------------------- actors


def _three_actors(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a", "Vladimir Putin said the talks in Moscow were useful."),
                       ("b", "Putin said the visit to the cosmodrome would go ahead."),
                       ("c", "Kim Jong Un said the ties with Russia were strong."),
                       ("d", "Putin said the rocket launch was a success.")):
        (folder / f"{name}.txt").write_text(text + "\n", "utf-8")
    db = tmp_path / "l.db"
    ingest([folder], Settings(db=db))
    return db


def _actors(cli, db: Path) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    return {r["actor"]: set(r["outlets"]) for r in json.loads(cli("actors", "-f", "json",
                                                                  "--db", db).stdout)}


def test_a_merge_after_a_split_joins_the_actors_it_names(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    """split 'Vladimir Putin' 'Putin', then merge 'Vladimir Putin' 'Kim Jong Un': Kim joins
    Vladimir Putin (not the split-off Putin), the actor keeps A's name, and the
    message says which actors were chosen."""
    db = _three_actors(tmp_path)
    assert _actors(cli, db) == {"Vladimir Putin": {"a", "b", "d"}, "Kim Jong Un": {"c"}}
    r = cli("actors", "split", "Vladimir Putin", "Putin", "--db", db)
    assert r.exit_code == 0, r.output
    assert _actors(cli, db) == {"Vladimir Putin": {"a"}, "Putin": {"b", "d"}, "Kim Jong Un": {"c"}}
    r = cli("actors", "merge", "Vladimir Putin", "Kim Jong Un", "--db", db)
    assert r.exit_code == 0, r.output
    assert "merged 'Kim Jong Un' (actor" in r.stderr and "into 'Vladimir Putin' (actor" in r.stderr
    assert _actors(cli, db) == {"Vladimir Putin": {"a", "c"}, "Putin": {"b", "d"}}
    r = cli("actors", "merge", "Kim Jong Un", "Putin", "--db", db)  # B into A: A's name stays
    assert r.exit_code == 0, r.output
    assert _actors(cli, db) == {"Vladimir Putin": {"a", "b", "c", "d"}}


def test_a_name_two_actors_go_by_is_refused_not_guessed(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    db = _three_actors(tmp_path)
    cli("actors", "split", "Vladimir Putin", "Putin", "--db", db)
    cli("actors", "merge", "Putin", "Vladimir Putin", "--db", db)  # 'Putin' is an actor's name
    names = _actors(cli, db)
    assert names == {"Putin": {"a", "b", "d"}, "Kim Jong Un": {"c"}}
    con = sqlite3.connect(db)
    con.execute("INSERT INTO actor_alias (actor_id, alias, norm) SELECT id, 'The leader', "
                "'the leader' FROM actor")  # an alias both actors go by
    con.commit()
    r = cli("actors", "merge", "The leader", "Putin", "--db", db)
    _one_line_error(r.stderr, "SL409")
    assert "'The leader' names 2 actors" in r.stderr
    kim = json.loads(cli("actors", "-f", "json", "--db", db).stdout)
    kim_id = next(a["id"] for a in kim if a["actor"] == "Kim Jong Un")
    assert cli("actors", "merge", f"#{kim_id}", "Putin", "--db", db).exit_code == 0
    assert set(_actors(cli, db)) == {"Kim Jong Un"}
