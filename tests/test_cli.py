"""The real CLI through typer's CliRunner, on a real ledger file."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from summitledger import report
from summitledger.cli.main import app
from summitledger.report.output import as_dict
from summitledger.store.engine import open_ledger

from .conftest import EVAL, GOLD, ROOT, SEEDS

RECORD_FIELDS = {"id", "article", "outlet", "speaker", "actor", "cue", "type", "content",
                 "quote", "sentence", "status", "group"}


def test_ingest_then_claims_by_actor(cli, _isolated_ledger: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("ingest", SEEDS)
    assert r.exit_code == 0, r.output
    assert "added" in r.stderr and "ledger: 2 articles" in r.stderr
    assert _isolated_ledger.exists()
    r = cli("claims", "--actor", "putin", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert {row["outlet"] for row in rows} == {"The Economist", "003_5de13dea81f391c1"}
    assert any(row["content"] == "That's exactly why we came here." and row["type"] == "direct"
               for row in rows)
    assert all(row["actor"] == "Vladimir Putin" for row in rows)
    assert RECORD_FIELDS <= set(rows[0])


def test_reingest_says_nothing_changed(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("ingest", SEEDS)
    assert r.exit_code == 0
    assert "nothing changed" in r.stderr


@pytest.mark.parametrize("actor,fragment", [
    ("Jake Sullivan", "pay a price for this"),
    ("Sullivan", "pay a price for this"),
    ("Kremlin", "very substantive"),
    ("Mr Kim", "sacred fight against the West"),
    ("North Korean leader", "sacred fight against the West"),
])
def test_actor_aliases(cli, seeded: Path, actor: str, fragment: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("claims", "--actor", actor, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert any(fragment in row["content"] for row in rows), rows


def test_claim_filters_and_formats(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("claims", "--type", "direct", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and all(row["type"] == "direct" for row in rows)
    r = cli("claims", "--outlet", "the economist", "--format", "jsonl")
    assert {json.loads(x)["outlet"] for x in r.stdout.splitlines()} == {"The Economist"}
    r = cli("claims", "--status", "single-source", "--format", "json")
    assert all(row["status"] == "single-source" for row in json.loads(r.stdout))
    r = cli("claims", "--status", "maybe")
    assert r.exit_code == 2
    r = cli("claims")  # piped: plain tab-separated table
    assert r.stdout.splitlines()[1].split("\t")[:3] == ["id", "outlet", "actor"]


def test_claim_records_hold_the_ledgers_values(seeded: Path) -> None:
    """Each record field comes from its own column: read back with plain sqlite3."""
    engine = open_ledger(seeded, readonly=True)
    try:
        records = report.claims(engine)
    finally:
        engine.dispose()
    con = sqlite3.connect(seeded)
    expected = {}
    for row in con.execute(
        "SELECT c.id, a.file, a.content_hash, a.outlet, a.date, c.speaker, "
        "COALESCE(NULLIF(ac.name, ''), c.actor_key), c.cue, c.type, c.content, c.quote, "
        "a.text, c.sentence_start, c.sentence_end, COALESCE(g.status, ''), c.group_id, "
        "c.content_start, c.content_end, c.rule, c.pipeline, c.channel, a.extractor, a.lexicon, "
        "c.polarity, e.name "
        "FROM claim c "
        "JOIN article a ON a.id = c.article_id LEFT JOIN actor ac ON ac.id = c.actor_id "
        "LEFT JOIN claim_group g ON g.id = c.group_id LEFT JOIN event e ON e.id = a.event_id"
    ):
        (cid, file, digest, outlet, date, speaker, actor, cue, ctype, content, quote, text,
         s0, s1, status, group, start, end, rule, pipeline, channel, extractor, lexicon,
         polarity, event) = row
        expected[cid] = {
            "id": cid, "article": file, "article_hash": digest, "outlet": outlet, "date": date,
            "speaker": speaker, "actor": actor, "cue": cue, "type": ctype, "content": content,
            "quote": quote, "sentence": text[s0:s1], "status": status, "group": group,
            "start": start, "end": end, "rule": rule, "pipeline": pipeline, "channel": channel,
            "extractor": extractor, "lexicon": lexicon, "polarity": polarity, "event": event}
    con.close()
    assert len(records) == len(expected) > 10
    for record in records:
        assert as_dict(record) == expected[record.id]
        assert list(as_dict(record)) == list(expected[record.id])  # documented field order
    assert [r.article for r in records] == sorted(r.article for r in records)


def test_output_is_deterministic(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("claims", "-f", "jsonl").stdout == cli("claims", "-f", "jsonl").stdout


def test_diff_two_outlets_and_all(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("diff", "The Economist", "003_5de13dea81f391c1", "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert set(d["only"]) == {"The Economist", "003_5de13dea81f391c1"}
    assert d["only"]["The Economist"]
    r = cli("diff", "--format", "json")
    d = json.loads(r.stdout)
    assert d["matrix"]["Vladimir Putin"]["The Economist"] >= 1
    r = cli("diff")
    assert "claims by actor and outlet" in r.stdout
    r = cli("diff", "Pravda", "The Economist")
    assert r.exit_code == 1 and "Error: [SL401]" in r.stderr
    assert cli("diff", "--exit-code").exit_code == 1


def test_actors_list_merge_split(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(cli("actors", "--format", "json").stdout)
    kim = next(r for r in rows if r["actor"] == "Kim Jong Un")
    assert "Mr Kim" in kim["aliases"] and kim["claims"] >= 3
    assert set(kim["outlets"]) == {"The Economist", "003_5de13dea81f391c1"}
    r = cli("actors", "merge", "Kremlin", "Vladimir Putin")
    assert r.exit_code == 0, r.output
    names = {r["actor"] for r in json.loads(cli("actors", "-f", "json").stdout)}
    assert "Kremlin" not in names or "Vladimir Putin" not in names
    r = cli("actors", "split", "Vladimir Putin", "Kremlin")
    assert r.exit_code == 0, r.output
    names = {r["actor"] for r in json.loads(cli("actors", "-f", "json").stdout)}
    assert {"Kremlin", "Vladimir Putin"} <= names
    r = cli("actors", "merge", "Nobody Atall", "Kremlin")
    assert r.exit_code == 1 and "SL402" in r.stderr


def test_db_option_and_env(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.db"
    assert cli("ingest", SEEDS / "003_5de13dea81f391c1.txt", "--db", other).exit_code == 0
    assert other.exists()
    monkeypatch.setenv("SUMMITLEDGER_DB", str(other))
    rows = json.loads(cli("claims", "-f", "json").stdout)
    assert {r["article"] for r in rows} == {"003_5de13dea81f391c1.txt"}


def test_bad_input_one_line_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("ingest", tmp_path / "missing.txt")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: [SL101]") and r.stderr.count("\n") == 1
    bad = tmp_path / "x.db"
    bad.write_text("garbage" * 200)
    r = cli("claims", "--db", bad)
    assert r.exit_code == 1 and "SL201" in r.stderr


def test_read_commands_need_a_ledger(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("claims", "--db", tmp_path / "none.db")
    assert r.exit_code == 1 and "SL204" in r.stderr
    assert not (tmp_path / "none.db").exists()


def test_folder_with_skipped_files_exits_3(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Putin said that the talks went well.\n")
    (tmp_path / "in" / "b.txt").write_bytes(b"\xff\xfe\x00\x00")
    r = cli("ingest", tmp_path / "in")
    assert r.exit_code == 3
    assert "Warning:" in r.stderr and "b.txt" in r.stderr


def test_ledger_schema_version_checked(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(seeded)
    con.execute("INSERT INTO _migrations (id, name, applied_at) VALUES (999, 'future', '')")
    con.commit()
    con.close()
    r = cli("claims")
    assert r.exit_code == 1 and "SL202" in r.stderr and "newer" in r.stderr


def test_eval_command_on_seeds(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("eval", GOLD, SEEDS, "--format", "json")
    assert r.exit_code == 0, r.output
    overall = json.loads(r.stdout)["overall"]
    # the floors the project holds on every gold set (issue 10), not today's score
    assert overall["f1"] >= 0.9
    assert overall["actor_accuracy"] >= 0.9


FLOORS = {"f1": 0.9, "actor_accuracy": 0.9,
          # every set here has cross-outlet pairs: the reconcile floors of issue 11
          "group_f1": 0.85, "status_accuracy": 0.9}
EVAL_SETS = ["seeds", "harbour-bridge-collapse", "teachers-strike", "lake-ferry-capsizing"]
# Below the floors when the new sets arrived (lake-ferry-capsizing; harbour-bridge's police
# injured group now 'updated'): each is held as a strict xfail until the issue that lifts
# it lands, so a pass there fails the run and the mark must go.
BELOW_FLOOR = {
    # the updated status is in (issue 22, landed); what misses now is grouping
    # (paraphrases apart, a contradiction's two sides in two groups)
    ("lake-ferry-capsizing", "status_accuracy"): "issue 21 (task 17): grouping",
    ("harbour-bridge-collapse", "status_accuracy"): "issue 21 (task 17): grouping rework in progress",
}


@pytest.fixture(scope="module")
def eval_scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`summitledger eval eval/` once: the project's own copy of every development set."""
    from typer.testing import CliRunner

    db = tmp_path_factory.mktemp("eval") / "unused.db"
    r = CliRunner().invoke(app, ["eval", str(EVAL), "--format", "json", "--db", str(db)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {s["name"] for s in data["sets"]} == set(EVAL_SETS)
    assert data["overall"]["gold"] == sum(s["overall"]["gold"] for s in data["sets"])
    return {s["name"]: s["overall"] for s in data["sets"]}


@pytest.mark.slow
@pytest.mark.parametrize("name,metric", [
    pytest.param(n, m, id=f"{n}-{m}", marks=[pytest.mark.xfail(strict=True, reason=BELOW_FLOOR[n, m])]
                 if (n, m) in BELOW_FLOOR else [])
    for n in EVAL_SETS for m in FLOORS])
def test_eval_scores_every_set_above_the_floors(eval_scores: dict, name: str, metric: str) -> None:
    assert eval_scores[name][metric] >= FLOORS[metric], (name, metric, eval_scores[name][metric])


# issue 22: the figure series floors on the development events (every one has figures.json)
FIGURE_FLOORS = {"figures_f1": 0.9, "figures_status_accuracy": 0.9, "figures_coverage": 0.9}


@pytest.mark.slow
@pytest.mark.parametrize("name,metric", [(n, m) for n in EVAL_SETS[1:] for m in FIGURE_FLOORS])
def test_eval_figures_above_the_floors(eval_scores: dict, name: str, metric: str) -> None:
    assert eval_scores[name][metric] >= FIGURE_FLOORS[metric], (name, metric,
                                                                 eval_scores[name][metric])


@pytest.mark.slow
def test_eval_table_names_every_set(cli) -> None:  # type: ignore[no-untyped-def]
    table = cli("eval", EVAL / "events" / "teachers-strike", EVAL / "gold").stdout
    assert "# eval: teachers-strike" in table and "# eval: every set" in table


def test_eval_takes_a_cue_lexicon(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    art = tmp_path / "a.txt"
    art.write_text("The harbour master grumbled that the quay was unsafe.\n", "utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.jsonl").write_text(json.dumps({"actor": "harbour master",
                                              "content": "the quay was unsafe"}) + "\n")
    cues = tmp_path / "cues.json"
    cues.write_text(json.dumps({"verbs": {"grumble": ["ccomp"]}}), "utf-8")
    plain = json.loads(cli("eval", gold, "--articles", art, "-f", "json").stdout)
    extra = json.loads(cli("eval", gold, "--articles", art, "--cues", cues, "-f", "json").stdout)
    assert plain["overall"]["matched"] == 0 and extra["overall"]["matched"] == 1


def test_every_command_is_documented() -> None:
    import typer.main

    readme = (ROOT / "README.md").read_text("utf-8")
    group = typer.main.get_command(app)
    names = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        names.append(name)
        names += [f"{name} {sub}" for sub in getattr(cmd, "commands", {})]
    for name in names:
        assert f"summitledger {name}" in readme, f"README does not document '{name}'"


def test_every_error_code_is_in_the_readme() -> None:
    """The codes errors.py defines are all in the README's list, each once."""
    import re

    from summitledger import errors

    readme = (ROOT / "README.md").read_text("utf-8")
    listed = readme[readme.index("### Error codes"):]
    codes = [v for v in vars(errors).values() if isinstance(v, str) and re.fullmatch(r"SL\d{3}", v)]
    assert len(codes) > 30
    missing = [c for c in codes if f"`{c}`" not in listed]
    assert not missing, f"not in the README's error codes: {missing}"


def test_help_teaches(cli) -> None:  # type: ignore[no-untyped-def]
    for cmd in ("ingest", "claims", "diff", "actors", "eval", "reconcile"):
        r = cli(cmd, "--help")
        assert r.exit_code == 0
        assert "Example" in r.stdout or cmd in ("reconcile",), cmd


def test_unknown_names_are_errors_that_suggest(cli, seeded) -> None:  # type: ignore[no-untyped-def]
    r = cli("claims", "--actor", "Puttin")
    assert r.exit_code == 1 and r.stderr.startswith("Error: [SL402]")
    assert "did you mean" in r.stderr and "Putin" in r.stderr
    r = cli("claims", "--outlet", "Economistt")
    assert r.exit_code == 1 and r.stderr.startswith("Error: [SL401]") and "The Economist" in r.stderr
    r = cli("diff", "Economistt")
    assert r.exit_code == 1 and "[SL401]" in r.stderr


def test_outlets_match_by_whole_words(cli, seeded) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(cli("claims", "--outlet", "economist", "-f", "json").stdout)
    assert rows and {r["outlet"] for r in rows} == {"The Economist"}
    assert cli("diff", "Economist", "-f", "json").exit_code in (0, 1)


def test_search_limit_and_polarity(cli, seeded) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(cli("claims", "--search", "arms deal", "-f", "json").stdout)
    assert found and all("arms" in (r["content"] + r["quote"]).lower() or
                         "arms" in r["speaker"].lower() for r in found)
    assert json.loads(cli("claims", "--search", 'quote " and (', "-f", "json").stdout) == []
    two = json.loads(cli("claims", "--limit", "2", "-f", "json").stdout)
    assert len(two) == 2
    rows = json.loads(cli("claims", "-f", "json").stdout)
    assert {r["polarity"] for r in rows} <= {1, -1}
    negated = [r for r in rows if "no statement" in r["content"]]
    assert negated and negated[0]["polarity"] == -1


def test_short_help_option(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("claims", "-h")
    assert r.exit_code == 0 and "--search" in r.stdout
    assert "\n    summitledger claims --actor Putin\n" in r.stdout  # examples keep their lines


def test_eval_takes_any_folder_of_gold_files_it_is_given(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "my-annotations"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"actor": "police",
                                                "content": "the road was closed"}) + "\n")
    art = tmp_path / "a.txt"
    art.write_text("Police said the road was closed.\n", "utf-8")
    r = cli("eval", folder, "--articles", art, "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["overall"]["matched"] == 1
    (folder / "b.jsonl").write_text('{"speaker": "x"}\n')
    r = cli("eval", folder, "--articles", art)
    assert r.exit_code == 1 and "content is missing" in r.stderr


def test_eval_finds_every_kind_of_article_ingest_reads(tmp_path: Path) -> None:
    """eval looks for a gold set's articles by the extensions ingest reads, in any case
    ('.markdown' and '.TXT' too), and by no others."""
    from summitledger.cli.eval_cmd import articles_for
    from summitledger.ingest.readers import EXTENSIONS

    gold = tmp_path / "gold"
    gold.mkdir()
    for stem in ("a", "b", "c"):
        (gold / f"{stem}.jsonl").write_text(json.dumps({"content": "x"}) + "\n")
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in ("a.markdown", "b.TXT", "c.docx"):
        (articles / name).write_text("Police said the road was closed.\n", "utf-8")
    assert [f.name for f in articles_for(gold)] == ["a.markdown", "b.TXT"]
    assert {".markdown", ".md", ".txt", ".html", ".htm", ".jsonl"} == set(EXTENSIONS)


def test_shell_completion_is_offered(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("--help")
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout
