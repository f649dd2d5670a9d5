"""Hostile input and bad timing: nothing lost, nothing stale, nothing injected.

Each test is one case of issue 12: an input or a moment that once lost data, left the
ledger wrong, attacked the reader or printed a traceback.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from summitledger import nlp as nlp_module
from summitledger.ingest import ingest
from summitledger.nlp import load_pipeline, pieces
from summitledger.settings import Settings


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
