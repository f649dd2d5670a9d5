"""Provenance and re-runs: every claim says which pipeline, extractor version and cue
lexicon made it; a re-ingest with other ones extracts again and says what changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest


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
    import summitledger.ingest.run as ingest_module

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


@pytest.mark.slow
def test_group_and_actor_ids_survive_reconciles_and_new_articles(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`show 9` keeps meaning the same statement: reconciling again keeps every id; a new
    article keeps the ids of the groups it does not touch, a group it joins keeps its
    id, and an id once given never comes back for something else."""
    from .conftest import SEEDS

    db = tmp_path / "l.db"
    assert cli("ingest", SEEDS, "--db", db).exit_code == 0

    def groups() -> dict[str, int]:
        return {c["content"]: c["group"]
                for c in json.loads(cli("claims", "--db", db, "-f", "json").stdout)}

    def actors() -> dict[str, int]:
        return {a["actor"]: a["id"]
                for a in json.loads(cli("actors", "--db", db, "-f", "json").stdout)}

    before, before_actors = groups(), actors()
    assert cli("reconcile", "--db", db).exit_code == 0
    assert groups() == before and actors() == before_actors
    extra = tmp_path / "extra.txt"
    extra.write_text("Jake Sullivan said North Korea would pay a price for arming Russia.\n"
                     "The harbour master said the quay was unsafe.\n", "utf-8")
    assert cli("ingest", extra, "--db", db, "--event", "seeds").exit_code == 0
    after = groups()
    assert all(after[c] == g for c, g in before.items())  # untouched or joined: same id
    assert all(actors()[a] == i for a, i in before_actors.items())
    new_ids = {g for c, g in after.items() if c not in before}
    assert new_ids - set(before.values())  # the new statement got an id of its own
    assert max(new_ids) > max(before.values())


def _manifest_case(tmp_path: Path, manifest: object) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Police said the road was closed.\n", "utf-8")
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return folder


def test_manifests_of_every_known_shape(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shapes = [{"a.txt": {"outlet": "Coast Gazette"}},
              {"articles": {"a.txt": {"outlet": "Coast Gazette"}}},
              [{"file": "a.txt", "outlet": "Coast Gazette"}],
              {"articles": [{"file": "a.txt", "outlet": "Coast Gazette"}]}]
    for n, shape in enumerate(shapes):
        folder = _manifest_case(tmp_path / str(n), shape)
        db = tmp_path / f"{n}.db"
        assert cli("ingest", folder, "--db", db).exit_code == 0
        (claim,) = json.loads(cli("claims", "--db", db, "-f", "json").stdout)
        assert claim["outlet"] == "Coast Gazette", shape


def test_a_manifest_of_no_known_shape_is_named_and_ignored(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _manifest_case(tmp_path, {"articles": 42})
    r = cli("ingest", folder / "a.txt", "--db", tmp_path / "l.db")
    assert r.exit_code == 0, r.output  # a named file is ingested all the same
    assert "Warning: [SL108]" in r.stderr and "manifest.json: not a manifest" in r.stderr


def test_an_html_reader_that_cannot_load_is_one_line(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import builtins

    real = builtins.__import__

    def no_clean(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "lxml.html" and args and args[2] and "clean" in args[2]:
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_clean)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Police said the road was closed.</p></body></html>", "utf-8")
    r = cli("ingest", page, "--db", tmp_path / "l.db")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.stderr.startswith("Error: [SL306]") and len(r.stderr.strip().splitlines()) == 1


def test_markdown_structure_never_leaks_into_the_prose(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    md = tmp_path / "storm.md"
    md.write_text("Storm hits the coast\n====================\n\nTuesday, 4 March 2025\n\n"
                  "The mayor said the sea wall had held. See [the map][m].\n\n"
                  "| district | homes |\n|---|---|\n| East | 40 |\n\n"
                  "```\nPolice said this is code, not prose.\n```\n\n"
                  "Sub heading\n-----------\n\n[m]: http://example.com/map\n", "utf-8")
    db = tmp_path / "l.db"
    assert cli("ingest", md, "--db", db).exit_code == 0
    con = sqlite3.connect(db)
    title, date, text = con.execute("SELECT title, date, text FROM article").fetchone()
    assert (title, date) == ("Storm hits the coast", "2025-03-04")
    assert text == "The mayor said the sea wall had held. See the map."
    claims = json.loads(cli("claims", "--db", db, "-f", "json").stdout)
    assert [c["content"] for c in claims] == ["the sea wall had held"]


def test_dates_are_normalised() -> None:
    from summitledger.ingest.published import iso_time

    assert iso_time("Tuesday, 4 March 2025") == "2025-03-04"
    assert iso_time("2025-03-04T09:30:00Z") == "2025-03-04T09:30:00+00:00"  # a time is kept
    assert iso_time("Sep 13th 2023") == "2023-09-13"
    assert iso_time("sometime soon") == "sometime soon"
