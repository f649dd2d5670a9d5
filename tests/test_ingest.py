"""Ingest: real files into a real SQLite ledger; bad input; re-ingest; transactions."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

import pytest

from summitledger.errors import InputError, LedgerFileError
from summitledger.ingest.run import ingest
from summitledger.settings import Settings

from .conftest import SEEDS

ingest_mod = importlib.import_module("summitledger.ingest")


def _counts(db: Path) -> tuple[int, int, int]:
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("article", "sentence", "claim"))
    finally:
        con.close()


def test_seeds_ingest_with_manifest_and_provenance(seeded: Path) -> None:
    con = sqlite3.connect(seeded)
    rows = con.execute("SELECT file, outlet, date, title, length(content_hash), pipeline "
                       "FROM article ORDER BY file").fetchall()
    assert rows[0][:3] == ("000_fb86ab63877b9a58.txt", "The Economist", "2023-09-13")
    assert rows[0][3] == "Why is Vladimir Putin looking to North Korea for arms?"
    assert rows[1][1] == "003_5de13dea81f391c1"  # no outlet known: the file name
    assert all(r[4] == 64 and r[5].startswith("en_core_web_sm") for r in rows)
    # sentences carry offsets into the stored text
    text, start, end, sent = con.execute(
        "SELECT a.text, s.start, s.end, s.text FROM sentence s JOIN article a ON a.id = s.article_id"
        " LIMIT 1 OFFSET 5").fetchone()
    assert text[start:end] == sent
    # every claim has rule and pipeline
    assert con.execute("SELECT count(*) FROM claim WHERE rule = '' OR pipeline = ''").fetchone()[0] == 0
    # Markdown was turned into prose: no heading marks or image links stored
    body = con.execute("SELECT text FROM article WHERE file LIKE '000%'").fetchone()[0]
    assert "#" not in body and "![" not in body and "\n>" not in body


def test_reingest_is_a_noop(seeded: Path) -> None:
    before = sqlite3.connect(seeded).execute(
        "SELECT id, content_hash, ingested_at FROM article ORDER BY id").fetchall()
    report = ingest([SEEDS], Settings(db=seeded))
    assert {o.status for o in report.outcomes} == {"unchanged"}
    after = sqlite3.connect(seeded).execute(
        "SELECT id, content_hash, ingested_at FROM article ORDER BY id").fetchall()
    assert before == after


def test_changed_file_replaces_its_rows(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text('Putin said, "We will come back."\n', encoding="utf-8")
    db = tmp_path / "l.db"
    ingest([f], Settings(db=db))
    f.write_text('Putin said, "We will never come back."\nKim said that ties were strong.\n',
                 encoding="utf-8")
    report = ingest([f], Settings(db=db))
    assert report.outcomes[0].status == "replaced"
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM article").fetchone()[0] == 1
    contents = [r[0] for r in con.execute("SELECT content FROM claim ORDER BY id")]
    assert contents == ["We will never come back.", "ties were strong"]


def test_same_text_under_two_names_counts_once(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for f in (a, b):
        f.write_text("Officials said the talks had ended.\n", encoding="utf-8")
    report = ingest([a, b], Settings(db=tmp_path / "l.db"))
    assert [o.status for o in report.outcomes] == ["added", "duplicate"]


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("empty.txt", b"", "SL102"),
        ("blank.txt", b"  \n\t\n", "SL102"),
        ("binary.txt", b"\x00\x01\x02PNG\x00data", "SL103"),
        ("garbled.txt", bytes(range(0x80, 0xA0)) * 20, "SL104"),
        ("photo.jpg", b"\xff\xd8\xff", "SL105"),
    ],
)
def test_bad_named_file_is_refused_and_nothing_written(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    db = tmp_path / "l.db"
    ingest([SEEDS], Settings(db=db))
    before = _counts(db)
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(InputError) as err:
        ingest([bad], Settings(db=db))
    assert err.value.code == code
    assert name in str(err.value) and "\n" not in str(err.value)
    assert _counts(db) == before


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        ingest([tmp_path / "nope.txt"], Settings(db=tmp_path / "l.db"))
    assert err.value.code == "SL101"
    assert not (tmp_path / "l.db").exists()


def test_folder_skips_bad_files_and_ingests_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Putin said that the talks went well.\n", encoding="utf-8")
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "pic.png").write_bytes(b"\x89PNG\x00")
    report = ingest([folder], Settings(db=tmp_path / "l.db"))
    assert [o.file for o in report.outcomes] == ["good.txt"]
    assert len(report.problems) == 2
    assert any("empty.md" in p for p in report.problems)
    assert any("pic.png" in p for p in report.problems)


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    with pytest.raises(InputError) as err:
        ingest([tmp_path / "none"], Settings(db=tmp_path / "l.db"))
    assert err.value.code == "SL107"


def test_unreadable_ledger(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    db.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LedgerFileError) as err:
        ingest([SEEDS], Settings(db=db))
    assert err.value.code == "SL201"


def test_failure_mid_article_leaves_ledger_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "l.db"
    ingest([SEEDS / "000_fb86ab63877b9a58.txt"], Settings(db=db))
    before = _counts(db)
    from summitledger.store import writes as writes_mod

    real_insert_many = writes_mod._insert_many

    def exploding_insert_many(conn, model, rows):  # type: ignore[no-untyped-def]
        if model is writes_mod.Claim:  # the article and its sentences are already written
            raise RuntimeError("disk on fire")
        return real_insert_many(conn, model, rows)

    monkeypatch.setattr(writes_mod, "_insert_many", exploding_insert_many)
    with pytest.raises(RuntimeError):
        ingest([SEEDS / "003_5de13dea81f391c1.txt"], Settings(db=db))
    assert _counts(db) == before


def test_front_matter_and_outlet_option(tmp_path: Path) -> None:
    f = tmp_path / "fm.md"
    f.write_text("---\noutlet: Daily Planet\ndate: 2023-09-14\n---\n# A summit\n\n"
                 "Lois Lane said that the summit was short.\n", encoding="utf-8")
    db = tmp_path / "l.db"
    ingest([f], Settings(db=db))
    con = sqlite3.connect(db)
    assert con.execute("SELECT outlet, date, title FROM article").fetchone() == (
        "Daily Planet", "2023-09-14", "A summit")
    f.write_text(f.read_text("utf-8") + "\n", encoding="utf-8")
    ingest([f], Settings(db=db), outlet="The Sentinel")
    assert con.execute("SELECT outlet FROM article").fetchone() == ("The Sentinel",)


@pytest.mark.parametrize("block,meta", [
    # YAML: quotes taken off as YAML takes them, a colon inside quotes kept, lists left out
    ('title: "Kim: the visit"\nOutlet: \'The Post\'\ntags: [a, b]', {"title": "Kim: the visit", "outlet": "The Post"}),
    # not YAML (an unquoted colon): the simple 'key: value' lines, as always
    ("title: Putin: we came\ndate: 2023-09-14", {"title": "Putin: we came", "date": "2023-09-14"}),
    ("just a line", {}),
])
def test_front_matter_is_yaml_or_simple_lines(block: str, meta: dict[str, str]) -> None:
    from summitledger.ingest.front import front_matter

    assert front_matter(f"---\n{block}\n---\nBody one.\n\nBody two.\n") == (
        meta, "Body one.\n\nBody two.\n")
    assert front_matter(f"-----\n{block}\n-----\nBody.") == ({}, f"-----\n{block}\n-----\nBody.")
    assert front_matter(f"---\n{block}\nBody.") == ({}, f"---\n{block}\nBody.")


@pytest.mark.parametrize(
    "name,data",
    [
        ("cp1252.txt", "Putin said the talks were “very substantive” – and smiled.".encode("cp1252")),
        ("latin1.txt", "Mr Lefèvre said that the café was « fermé ».".encode("latin-1")),
        ("bom.txt", "\ufeffPutin said the talks were useful.".encode("utf-8")),
        ("utf16.txt", "Putin said the talks were useful.".encode("utf-16")),
        ("crlf.txt", b"Putin said the talks\r\nwere useful.\r\nKim said that\xc2\xa0ties were strong.\r\n"),
        ("zw.txt", "Pu\u200btin said the talks were “useful\".".encode("utf-8")),
    ],
)
def test_encodings_and_odd_characters(tmp_path: Path, name: str, data: bytes) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    ingest([f], Settings(db=tmp_path / "l.db"))
    con = sqlite3.connect(tmp_path / "l.db")
    text = con.execute("SELECT text FROM article").fetchone()[0]
    assert "\r" not in text and "\u00a0" not in text and "\u200b" not in text and "\ufeff" not in text
    claims = con.execute("SELECT speaker, content FROM claim").fetchall()
    assert claims and claims[0][0] in ("Putin", "Mr Lefèvre")


def test_html_page_through_trafilatura(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Putin promises help | Planet</title>"
        "<meta property='og:site_name' content='Daily Planet'>"
        "<meta property='og:title' content='Putin promises help'>"
        "<meta name='date' content='2023-09-13'></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Putin promises help</h1>"
        "<p>Vladimir Putin said on Wednesday that Russia would help North Korea build satellites.</p>"
        "<p>\"That is exactly why we came here,\" Putin told reporters at the cosmodrome.</p>"
        "</article><aside>Most read: ten recipes for autumn</aside><footer>(c) Planet</footer>"
        "</body></html>", encoding="utf-8")
    db = tmp_path / "l.db"
    ingest([page], Settings(db=db))
    con = sqlite3.connect(db)
    outlet, title, date, text = con.execute("SELECT outlet, title, date, text FROM article").fetchone()
    assert (outlet, title, date) == ("Daily Planet", "Putin promises help", "2023-09-13")
    assert "recipes" not in text and "Home" not in text
    assert con.execute("SELECT count(*) FROM claim").fetchone()[0] == 2


def test_jsonl_and_stdin(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import json

    recs = [{"outlet": "Wire A", "title": "One", "date": "2023-09-13", "url": "https://a.example/1",
             "text": "Putin said that the talks were useful."},
            {"outlet": "Wire B", "text": "Kim said that Russia would win."}]
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    db = tmp_path / "l.db"
    report = ingest([f], Settings(db=db))
    assert [o.file for o in report.outcomes] == ["batch.jsonl:1", "batch.jsonl:2"]
    con = sqlite3.connect(db)
    assert con.execute("SELECT outlet, url FROM article ORDER BY file").fetchall() == [
        ("Wire A", "https://a.example/1"), ("Wire B", "")]
    r = cli("ingest", "-", "--db", db, "--outlet", "Piped Post",
            input="Lavrov said that the visit was historic.\n")
    assert r.exit_code == 0, r.output
    assert con.execute("SELECT outlet FROM article WHERE file LIKE 'stdin-%'").fetchone() == ("Piped Post",)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok said Putin."}\n{"outlet": "no text"}\n', encoding="utf-8")
    report = ingest([bad], Settings(db=db))  # the bad record is refused alone, by its line
    assert [o.file for o in report.outcomes] == ["bad.jsonl:1"]
    (problem,) = report.problems
    assert problem.startswith("[SL111]") and "line 2" in problem


def test_size_limit(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("Putin said that the talks were useful. " * 200, encoding="utf-8")
    with pytest.raises(InputError) as err:
        ingest([f], Settings(db=tmp_path / "l.db", max_bytes=1000))
    assert err.value.code == "SL109"


def test_unreadable_and_symlink_loops(tmp_path: Path) -> None:
    odd = tmp_path / "folder.txt"
    odd.mkdir()
    (odd / "inner.txt").write_text("Putin said the talks were useful.\n", encoding="utf-8")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(loop)
    with pytest.raises(InputError) as err:
        ingest([loop], Settings(db=tmp_path / "l.db"))
    assert err.value.code == "SL110"
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "a.txt").write_text("Putin said the talks were useful.\n", encoding="utf-8")
    (tree / "sub" / "back").symlink_to(tree, target_is_directory=True)
    report = ingest([tree], Settings(db=tmp_path / "l.db"))
    assert [o.file for o in report.outcomes] == ["sub/a.txt"]  # known by its path inside the folder given
    assert any("symlink loop" in p for p in report.problems)


def test_unreadable_named_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "locked.txt"
    f.write_text("Putin said the talks were useful.\n", encoding="utf-8")
    import os

    real = os.open

    def denied(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked.txt"):  # root reads anything: the refusal is simulated
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(InputError) as err:
        ingest([f], Settings(db=tmp_path / "l.db"))
    assert err.value.code == "SL106" and "permission denied" in str(err.value)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError) as err:
        ingest([tmp_path / "folder.txt" / "missing.txt"], Settings(db=tmp_path / "l.db"))
    assert err.value.code == "SL101"


@pytest.mark.slow
def test_jobs_give_the_same_ledger_as_one_process(cli, corpus_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(corpus_dir.iterdir())[:12]:
        (folder / f.name).write_bytes(f.read_bytes())
    out = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        r = cli("ingest", folder, "--jobs", jobs, "--db", db)
        assert r.exit_code == 0, r.output
        out[jobs] = cli("claims", "--db", db, "-f", "jsonl").stdout
    assert out["1"] == out["2"] and len(out["1"].splitlines()) > 20
