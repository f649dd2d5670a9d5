"""Outputs other tools take: JSON-LD, flat exports, SQLite views and full-text search,
Datasette, and the HTML report."""

from __future__ import annotations

import csv
import io
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from summitledger.report.export import COLUMNS


def test_jsonld_expands_and_flattens_offline(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    """Expanded and flattened by pyld with no network: no term dropped, actors and
    outlets are nodes with @ids (not repeated blank nodes), each appearance keeps its
    own sentence, every Claim has a ClaimReview of its coverage."""
    from pyld import jsonld

    def no_network(url, options=None):  # type: ignore[no-untyped-def]
        raise AssertionError(f"JSON-LD tried to fetch {url}")

    jsonld.set_document_loader(no_network)
    r = cli("export", "--format", "jsonld")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    S = "https://schema.org/"
    flat = {n["@id"]: n for n in jsonld.flatten(doc)}
    typed = lambda t: [n for n in flat.values() if S + t in n.get("@type", [])]  # noqa: E731
    claims = typed("Claim")
    assert len(claims) == 14 and not any(S + "additionalProperty" in c for c in claims)
    assert len(typed("ClaimReview")) == 14
    names = {flat[c[S + "author"][0]["@id"]][S + "name"][0]["@value"] for c in claims
             if S + "author" in c}
    assert "Vladimir Putin" in names
    both = [c for c in claims if len(c[S + "appearance"]) == 2]
    assert both  # corroborated statements appear in two articles
    texts = {flat[a["@id"]][S + "text"][0]["@value"] for a in both[0][S + "appearance"]}
    assert len(texts) == 2  # each appearance keeps its own sentence
    article = flat[flat[both[0][S + "appearance"][0]["@id"]][S + "isPartOf"][0]["@id"]]
    assert flat[article[S + "publisher"][0]["@id"]][S + "name"][0]["@value"]
    assert all(S + "firstAppearance" in c for c in claims)
    # nothing in the document was dropped by expansion (every key maps to a term)
    terms = {k for n in doc["@graph"] for k in n if not k.startswith("@")}
    expanded_terms = {k for n in jsonld.expand(doc) for k in n if not k.startswith("@")}
    assert {S + t for t in terms} <= expanded_terms


def test_flat_exports_have_the_documented_columns(cli, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("export", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == COLUMNS
    assert COLUMNS[:12] == ["id", "article", "article_hash", "outlet", "date", "speaker", "actor",
                            "cue", "type", "content", "quote", "sentence"]
    assert len(rows) == 17
    out = tmp_path / "claims.jsonl"
    assert cli("export", "-f", "jsonl", "-o", out).exit_code == 0
    first = json.loads(out.read_text("utf-8").splitlines()[0])
    assert list(first) == COLUMNS
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert ", ".join(f"`{c}`" for c in COLUMNS) in readme


def test_views_and_full_text_search(seeded: Path) -> None:
    con = sqlite3.connect(seeded)
    row = con.execute("SELECT actor, outlet, status FROM claims_view WHERE content LIKE "
                      "'%exactly why we came here%'").fetchone()
    assert row == ("Vladimir Putin", "003_5de13dea81f391c1", "corroborated")
    groups = con.execute("SELECT actor, outlets, independent_sources, outlet_names FROM "
                         "groups_view WHERE status = 'corroborated' ORDER BY \"group\"").fetchall()
    assert ("Vladimir Putin", 2, 2, "003_5de13dea81f391c1, The Economist") in groups
    hits = con.execute("SELECT claims_view.actor FROM claim_fts JOIN claims_view ON "
                       "claims_view.id = claim_fts.rowid WHERE claim_fts MATCH 'price'").fetchall()
    assert hits == [("Jake Sullivan",)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_serve_answers_a_canned_query(seeded: Path) -> None:
    pytest.importorskip("datasette")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "summitledger", "serve", "--port", str(port),
                             "--db", str(seeded)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError as exc:
                if time.time() > deadline or proc.poll() is not None:
                    raise AssertionError(proc.stderr.read().decode()) from exc  # type: ignore[union-attr]
                time.sleep(0.3)
        url = f"{base}/{seeded.stem}/said_by_actor.json?actor=Putin&_shape=array"
        rows = json.load(urllib.request.urlopen(url, timeout=10))
        assert {r["outlet"] for r in rows} == {"The Economist", "003_5de13dea81f391c1"}
        by_alias = json.load(urllib.request.urlopen(
            f"{base}/{seeded.stem}/said_by_actor.json?actor=Mr%20Kim&_shape=array", timeout=10))
        assert by_alias and {r["actor"] for r in by_alias} == {"Kim Jong Un"}
        tables = json.load(urllib.request.urlopen(f"{base}/{seeded.stem}.json", timeout=10))
        shown = {t["name"] for t in tables["tables"] if not t["hidden"]}
        assert "claim" in shown and not shown & {"_migrations", "meta", "lexicon", "claim_fts"}
        one = json.load(urllib.request.urlopen(f"{base}/{seeded.stem}/only_one_outlet.json?_shape=array", timeout=10))
        assert len(one) == 12
        meta = json.load(urllib.request.urlopen(f"{base}/-/metadata.json", timeout=10))
        assert meta["databases"][seeded.stem]["tables"]["claims_view"]["facets"] == ["outlet", "actor", "status", "type", "event"]
    finally:
        proc.kill()  # SIGKILL: no chance to clean up
        proc.wait(timeout=20)
    # even killed outright, serve leaves no Datasette behind: nothing answers any more
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)


def test_plain_datasette_finds_the_metadata_through_the_plugin(seeded: Path, tmp_path: Path) -> None:
    """`datasette data/claims.db`, with no --metadata: summitledger's plugin supplies it,
    for the ledger only, not for another database served beside it."""
    pytest.importorskip("datasette")
    import asyncio

    from datasette.app import Datasette

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE meta (x)").connection.commit()

    async def look() -> dict:
        ds = Datasette([str(seeded), str(other)])
        out = {}
        for path in (f"/{seeded.stem}.json", "/other.json",
                     f"/{seeded.stem}/claims_view.json?_search=substantive&_shape=array",
                     f"/{seeded.stem}/said_by_actor.json?actor=Mr%20Kim&_shape=array"):
            r = await ds.client.get(path)
            assert r.status_code == 200, (path, r.text[:300])
            out[path] = r.json()
        out["title"] = ds.metadata("title", database=seeded.stem)
        out["facets"] = ds.metadata("facets", database=seeded.stem, table="claims_view")
        return out

    seen = asyncio.run(look())
    ledger = seen[f"/{seeded.stem}.json"]
    assert {q["name"] for q in ledger["queries"]} >= {"said_by_actor", "contradictions"}
    shown = {t["name"] for t in ledger["tables"] if not t["hidden"]}
    assert "claim" in shown and not shown & {"_migrations", "meta", "lexicon", "claim_fts"}
    assert seen["title"] == f"Claim ledger ({seeded.name})"
    assert seen["facets"] == ["outlet", "actor", "status", "type", "event"]
    hits = seen[f"/{seeded.stem}/claims_view.json?_search=substantive&_shape=array"]
    assert hits and all("substantive" in (h["content"] + h["quote"]).lower() for h in hits)
    assert {r["actor"] for r in seen[f"/{seeded.stem}/said_by_actor.json?actor=Mr%20Kim&_shape=array"]} == {"Kim Jong Un"}
    # a database that is not a ledger keeps its own tables visible and gets no queries
    assert not seen["/other.json"]["queries"]
    assert all(not t["hidden"] for t in seen["/other.json"]["tables"])


def test_serve_without_datasette_says_how(cli, seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "datasette" else real(name, *a))
    r = cli("serve")
    assert r.exit_code == 1
    assert "pip install 'summitledger[serve]'" in r.stderr


def test_report_is_self_contained(cli, seeded: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    r = cli("report", "-o", out, "--title", "Kim meets Putin")
    assert r.exit_code == 0, r.output
    html = out.read_text("utf-8")
    assert "<h1>Kim meets Putin</h1>" in html
    for needle in ("http://", "https://", "<link", "src="):
        assert needle not in html.replace("https://schema.org", ""), needle
    assert html.count('class="group ') == 14
    assert '<mark class="quote">That&#39;s exactly why we came here.</mark>' in html
    assert 'id="matrix"' in html and "@media print" in html and "max-width: 600px" in html


def test_json_export_bom_and_no_python_text_in_csv(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(cli("export", "-f", "json").stdout)
    assert len(rows) > 10 and list(rows[0]) == COLUMNS
    raw = cli("export", "-f", "csv", "--bom").stdout
    assert raw.startswith("\ufeffid,article,")
    shown = list(csv.DictReader(io.StringIO(cli("show", "1", "-f", "csv").stdout)))
    assert json.loads(shown[0]["marks"])[0][2] in ("speaker", "cue", "quote")
    assert "(" not in shown[0]["marks"]
