"""Provenance and re-runs: every claim says which pipeline, extractor version and cue
lexicon made it; a re-ingest with other ones extracts again and says what changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def test_another_cue_lexicon_extracts_again_and_says_so(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    art = tmp_path / "a.txt"
    art.write_text("The harbour master grumbled that the quay was unsafe. "
                   "Police said the road was closed.\n", "utf-8")
    cues = tmp_path / "cues.json"
    cues.write_text(json.dumps({"verbs": {"grumble": ["ccomp"]}}), "utf-8")
    db = tmp_path / "l.db"

    def run(*extra: object) -> dict:
        r = cli("ingest", art, "--db", db, "-f", "json", *extra)
        assert r.exit_code == 0, r.output
        (outcome,) = json.loads(r.stdout)["outcomes"]
        return outcome

    first = run()
    assert first["status"] == "added" and first["claims"] == 1
    assert run()["status"] == "unchanged"
    extended = run("--cues", cues)
    assert extended["status"] == "replaced" and extended["claims"] == 2
    assert "extracted again: cue lexicon" in extended["detail"]
    back = run()  # without the extra cues: their claim goes, and the user is told
    assert back["status"] == "replaced" and back["claims"] == 1
    assert "cue lexicon" in back["detail"]
    claims = json.loads(cli("claims", "--db", db, "-f", "json").stdout)
    con = sqlite3.connect(db)
    digests = {d for (d,) in con.execute("SELECT digest FROM lexicon")}
    assert len(digests) == 2  # both lexicons kept, by digest
    assert {c["lexicon"] for c in claims} <= digests
    assert all(c["extractor"] and c["pipeline"] for c in claims)


def test_a_newer_extractor_extracts_again(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import summitledger.ingest as ingest_module

    art = tmp_path / "a.txt"
    art.write_text("Police said the road was closed.\n", "utf-8")
    db = tmp_path / "l.db"
    assert cli("ingest", art, "--db", db).exit_code == 0
    monkeypatch.setattr(ingest_module, "EXTRACTOR_VERSION", "9999.1")
    import summitledger.extract as extract_module

    monkeypatch.setattr(extract_module, "EXTRACTOR_VERSION", "9999.1")
    r = cli("ingest", art, "--db", db, "-f", "json")
    (outcome,) = json.loads(r.stdout)["outcomes"]
    assert outcome["status"] == "replaced" and "extractor" in outcome["detail"]
