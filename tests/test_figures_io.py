"""Figures where users meet them: publication time from every input format, the text's
own time, the `figures` command, eval's figure scores, Datasette, JSON-LD and the
updated status of statement groups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summitledger.ingest.published import iso_time
from summitledger.reconcile.times import parse_when, text_time

from .conftest import EVAL

LINE = "Police said 12 people were injured when the boiler exploded."


@pytest.mark.parametrize("raw,want", [
    ("2025-09-21T19:05:00+03:00", "2025-09-21T19:05:00+03:00"),
    ("2025-03-04T09:30:00Z", "2025-03-04T09:30:00+00:00"),
    ("2025-09-21 19:05", "2025-09-21T19:05:00"),
    ("2025-09-21", "2025-09-21"),
    ("Tue, 04 Mar 2025 09:30:00 GMT", "2025-03-04T09:30:00+00:00"),
    ("Tuesday, 4 March 2025", "2025-03-04"),
    ("4 March 2025 14:30", "2025-03-04T14:30:00"),
    ("Sep 13th 2023", "2023-09-13"),
    ("sometime soon", "sometime soon"),
])
def test_publication_times_keep_their_time_and_offset(raw: str, want: str) -> None:
    assert iso_time(raw) == want


def _html(head: str) -> str:
    return (f"<html><head><title>Blast</title>{head}</head><body><article><h1>Blast</h1>"
            f"<p>{LINE}</p><p>Firefighters said the works would stay shut on Wednesday.</p>"
            "</article></body></html>")


@pytest.mark.parametrize("name,body,want", [
    ("front.md", f"---\noutlet: Post\ndate: 2025-05-01T09:00:00+02:00\n---\n\n{LINE}\n",
     "2025-05-01T09:00:00+02:00"),
    ("lines.jsonl", json.dumps({"id": "a", "outlet": "Post", "date": "2025-05-01T07:00:00Z",
                                "text": LINE}) + "\n", "2025-05-01T07:00:00+00:00"),
    ("meta.html", _html('<meta property="article:published_time" '
                        'content="2025-05-01T09:00:00+02:00">'), "2025-05-01T09:00:00+02:00"),
    ("ld.html", _html('<script type="application/ld+json">{"@context": "https://schema.org", '
                      '"@type": "NewsArticle", "datePublished": "2025-05-01T09:00:00-04:00"}'
                      '</script>'), "2025-05-01T09:00:00-04:00"),
    ("day.html", _html('<meta property="article:published_time" content="2025-05-01">'),
     "2025-05-01"),
])
def test_each_input_format_gives_its_publication_time(cli, tmp_path: Path, name: str, body: str,
                                                      want: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(body, "utf-8")
    assert cli("ingest", path).exit_code == 0
    claims = json.loads(cli("claims", "-f", "json").stdout)
    assert claims and {c["date"] for c in claims} == {want}
    assert want in cli("claims").stdout  # the table shows it too


def test_a_manifest_datetime_is_kept(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(LINE + "\n", "utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps(
        {"a.txt": {"outlet": "Post", "date": "2025-09-21T19:05:00+03:00"}}), "utf-8")
    assert cli("ingest", tmp_path).exit_code == 0
    assert json.loads(cli("claims", "-f", "json").stdout)[0]["date"] == "2025-09-21T19:05:00+03:00"


@pytest.mark.parametrize("own,want", [
    ("on Monday evening", "2025-09-22T19:00:00+03:00"),
    ("by Sunday afternoon", "2025-09-21T15:00:00+03:00"),
    ("last night", "2025-09-21T22:00:00+03:00"),
    ("yesterday", "2025-09-21"),
    ("on Monday", "2025-09-22T19:40:00+03:00"),  # the publication day: no more than its time
    ("on Saturday", "2025-09-20"),
    ("next Friday", None),  # a day after publication is no time a figure is as of
    ("in March", None),
])
def test_the_texts_own_time_is_read_against_publication(own: str, want: str | None) -> None:
    published = parse_when("2025-09-22T19:40:00+03:00")  # a Monday
    got = text_time(own, published)  # type: ignore[arg-type]
    assert (got.iso() if got else None) == want


def test_times_of_one_day_without_hours_are_one_time() -> None:
    a, b, c = parse_when("2025-03-11"), parse_when("2025-03-11"), parse_when("2025-03-12")
    assert a.same(b) and a.before(c) and not c.before(a)  # type: ignore[union-attr]
    x, y = parse_when("2025-09-22T11:40:00+01:00"), parse_when("2025-09-22T13:00:00+03:00")
    assert y.before(x)  # type: ignore[union-attr]  # offsets honoured: 10:00 UTC before 10:40 UTC


# --------------------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from summitledger.ingest.run import ingest
    from summitledger.settings import Settings

    db = tmp_path_factory.mktemp("ferry") / "ferry.db"
    ingest([EVAL / "events" / "lake-ferry-capsizing" / "articles"], Settings(db=db))
    return db


def test_figures_lists_each_series_and_its_timeline(cli, ferry: Path) -> None:  # type: ignore[no-untyped-def]
    listing = cli("figures", "--db", ferry)
    assert listing.exit_code == 0
    head, *rows = listing.stdout.splitlines()[1:]
    assert head.split("\t") == ["series", "latest", "actor", "outlet", "time", "status", "reports"]
    killed = next(r.split("\t") for r in rows if r.startswith("people killed\t"))
    assert killed[1] == "27" and killed[5] == "updated"  # the last toll reported is the latest
    timeline = cli("figures", "people killed", "--db", ferry).stdout.splitlines()
    assert timeline[0] == "# figures: people killed (updated)"
    values = [r.split("\t")[1] for r in timeline[2:]]
    assert values[0].lower() == "at least nine" and values[-1] == "27"
    times = [r.split("\t")[0] for r in timeline[2:]]
    assert times == sorted(times, key=lambda t: parse_when(t).key)  # type: ignore[union-attr]


def test_figures_machine_formats_carry_series_and_status(cli, ferry: Path) -> None:  # type: ignore[no-untyped-def]
    lines = [json.loads(x) for x in cli("figures", "--db", ferry, "-f", "jsonl").stdout.splitlines()]
    assert lines and all({"article", "content", "series", "status", "claim"} <= set(x) for x in lines)
    assert {x["series"] for x in lines} >= {"people killed", "people missing", "people on board"}
    csv_rows = cli("figures", "dead", "--db", ferry, "-f", "csv").stdout.splitlines()
    assert csv_rows[0].startswith("series,status,") and len(csv_rows) == 1 + sum(
        1 for x in lines if x["series"] == "people killed")  # 'dead' names people killed
    r = cli("figures", "fatal shipwreck", "--db", ferry)
    assert r.exit_code == 1 and r.stderr.startswith("Error: [SL406]") and "people killed" in r.stderr


def test_eval_scores_the_figures_of_a_set(cli, ferry: Path) -> None:  # type: ignore[no-untyped-def]
    gold = EVAL / "events" / "lake-ferry-capsizing" / "gold"
    out = json.loads(cli("eval", gold, "--db", ferry, "-f", "json").stdout)["overall"]
    for key in ("figures_f1", "figures_status_accuracy", "figures_coverage"):
        assert 0.9 <= out[key] <= 1.0, (key, out[key])
    seeds = json.loads(cli("eval", EVAL / "gold", "-f", "json").stdout)["overall"]
    assert seeds["figures_f1"] is None  # no figures.json: nothing scored


def test_the_figure_scores_follow_the_rules() -> None:
    from summitledger.report.evaluate_figures import score_figures

    gold = [{"quantity": "people killed", "status": "updated", "members": [("a", 0), ("b", 0)]},
            {"quantity": "people seriously injured", "status": "single-source",
             "members": [("a", 1)]},
            {"quantity": "people injured", "status": "updated", "members": [("a", 1), ("b", 1)]}]
    matched = {("a", 0): 1, ("b", 0): 2, ("a", 1): 3, ("b", 1): 4, ("a", 2): 5}
    lines = [{"claim": 1, "series": "killed", "status": "updated"},
             {"claim": 2, "series": "killed", "status": "updated"},
             {"claim": 3, "series": "injured", "status": "updated"},
             {"claim": 4, "series": "injured", "status": "updated"},
             {"claim": 3, "series": "seriously injured", "status": "single-source"},
             {"claim": 5, "series": "killed", "status": "updated"}]  # a pair no gold has
    c = score_figures(gold, matched, lines)
    assert (c.tp, c.fp, c.fn) == (2, 2, 0)
    assert (c.status_ok, c.members, c.covered, c.gold_members) == (5, 5, 5, 5)


# --------------------------------------------------------------------------- elsewhere


def test_figures_view_and_jsonld_observations(cli, ferry: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from pyld import jsonld

    from summitledger.report.datasette import database_metadata

    rows = sqlite3.connect(ferry).execute(
        "SELECT quantity, status, value_as_written, actor FROM figures_view "
        "WHERE quantity = 'people killed' ORDER BY position").fetchall()
    assert rows[-1][1:3] == ("updated", "27")
    assert database_metadata(ferry)["tables"]["figures_view"]["facets"] == [
        "quantity", "status", "actor", "outlet"]

    def no_network(url, options=None):  # type: ignore[no-untyped-def]
        raise AssertionError(f"JSON-LD tried to fetch {url}")

    jsonld.set_document_loader(no_network)
    doc = json.loads(cli("export", "-f", "jsonld", "--db", ferry).stdout)
    S = "https://schema.org/"
    flat = {n["@id"]: n for n in jsonld.flatten(doc)}
    series = [n for n in flat.values() if "urn:summitledger:FigureSeries" in n.get("@type", [])]
    killed = next(n for n in series if n[S + "name"][0]["@value"] == "people killed")
    observations = [flat[o["@id"]] for o in killed["urn:summitledger:observation"][0]["@list"]]
    assert all(S + "Observation" in o["@type"] for o in observations)
    assert observations[0][S + "minValue"][0]["@value"] == 9  # 'at least nine' is a bound
    latest = flat[killed["urn:summitledger:latest"][0]["@id"]]
    assert latest[S + "value"][0]["@value"] == 27 and S + "observationDate" in latest


def test_a_count_reported_higher_later_makes_an_updated_group(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """One source's figure that grew is 'updated', not 'contradicted' (claims --status,
    show and diff say so); a figure that fell with no word of revision stays contradicted."""
    def ledger(first: str, second: str, name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "a.txt").write_text(f"Police said {first} people were injured in the blast.\n")
        (folder / "b.txt").write_text(f"Police said {second} people were injured in the blast "
                                      "at the Harlow works.\n")
        (folder / "manifest.json").write_text(json.dumps({
            "a.txt": {"outlet": "Post", "date": "2025-05-01"},
            "b.txt": {"outlet": "Herald", "date": "2025-05-02"}}))
        db = tmp_path / f"{name}.db"
        assert cli("ingest", folder, "--db", db).exit_code == 0
        return db

    grew = ledger("12", "20", "grew")
    rows = json.loads(cli("claims", "--db", grew, "--status", "updated", "-f", "json").stdout)
    assert len(rows) == 2 and len({r["group"] for r in rows}) == 1
    shown = cli("show", str(rows[0]["group"]), "--db", grew).stdout
    assert "status: updated" in shown and "updated: claim" in shown
    assert "# figures one source updated" in cli("diff", "--db", grew).stdout
    fell = ledger("20", "12", "fell")
    assert {r["status"] for r in json.loads(cli("claims", "--db", fell, "-f", "json").stdout)} == {
        "contradicted"}
