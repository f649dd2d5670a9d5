"""Actors: one actor across articles, user merges and splits, an extendable lexicon."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summitledger.extract import extract_text, load_lexicon
from summitledger.nlp.names import country_of, name_key, role_key
from summitledger.reconcile.actors import cluster_actors


def test_role_keys_ignore_articles_possessives_and_demonyms() -> None:
    assert role_key("North Korea's leader") == role_key("the North Korean leader")
    assert role_key("America’s national security adviser") == "us national security adviser"


def test_name_keys_and_countries() -> None:
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un")
    assert country_of("US officials") == country_of("US") == "US"
    assert country_of("Vladimir Putin") == ""


def test_cluster_joins_surnames_roles_and_country_bodies() -> None:
    mapping = cluster_actors(
        [("Kim Jong Un", "person"), ("Kim", "person"), ("North Korean leader", "person"),
         ("Kim Jong-un", "person"), ("Putin", "person"), ("Vladimir Putin", "person"),
         ("US officials", "group"), ("US", "organisation"), ("Kremlin", "organisation")],
        aliases=[("Kim Jong Un", "North Korea's leader")],
    )
    assert {mapping[k] for k in ("Kim", "North Korean leader", "Kim Jong-un")} == {mapping["Kim Jong Un"]}
    assert mapping["Putin"] == "Vladimir Putin"
    assert mapping["US"] == mapping["US officials"]
    assert mapping["Kremlin"] == "Kremlin"


def test_ambiguous_surname_is_not_joined() -> None:
    mapping = cluster_actors([("Kim", "person"), ("Kim Jong Un", "person"),
                              ("Kim Yo Jong", "person")])
    assert mapping["Kim"] == "Kim"


def test_overrides_merge_and_split() -> None:
    keys = [("Putin", "person"), ("Vladimir Putin", "person"), ("Kremlin", "organisation")]
    merged = cluster_actors(keys, overrides=[("merge", "Kremlin", "Vladimir Putin")])
    assert merged["Kremlin"] == merged["Putin"]
    split = cluster_actors(keys, overrides=[("split", "Vladimir Putin", "Putin")])
    assert split["Putin"] == "Putin" and split["Vladimir Putin"] == "Vladimir Putin"


def test_one_actor_across_articles(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    texts = {
        "a.txt": "Kim Jong Un, North Korea's leader, arrived by train. Mr Kim said the visit was a success.",
        "b.txt": "The North Korean leader said ties with Moscow were strong.",
        "c.txt": "Kim said that the food was excellent.",
        "d.txt": "American officials said a deal was close. Washington warned of sanctions.",
        "e.txt": "US officials said shells would move by rail.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    assert cli("ingest", tmp_path).exit_code == 0
    rows = json.loads(cli("actors", "-f", "json").stdout)
    kim = [r for r in rows if r["actor"] == "Kim Jong Un"]
    assert len(kim) == 1 and kim[0]["claims"] == 3
    assert {"Kim", "Mr Kim", "The North Korean leader"} <= set(kim[0]["aliases"])
    us = [r for r in rows if "US" in r["actor"]]
    assert len(us) == 1 and us[0]["claims"] == 3
    claims = json.loads(cli("claims", "--actor", "the north korean leader", "-f", "json").stdout)
    assert len(claims) == 3


def test_cue_lexicon_extends_from_a_file(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    text = "Mr Kim grumbled that the food was cold."
    assert extract_text(text).claims == []
    extra = tmp_path / "cues.json"
    extra.write_text(json.dumps({"verbs": {"grumble": ["ccomp"]}}), encoding="utf-8")
    claims = extract_text(text, lexicon=load_lexicon(extra)).claims
    assert [(c.cue, c.content) for c in claims] == [("grumbled", "the food was cold")]
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    assert cli("ingest", tmp_path / "a.txt", "--cues", extra).exit_code == 0
    assert json.loads(cli("claims", "-f", "json").stdout)[0]["cue"] == "grumbled"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = cli("ingest", tmp_path / "a.txt", "--cues", bad)
    assert r.exit_code == 1 and "SL302" in r.stderr


def test_lexicon_can_remove_a_verb(tmp_path: Path) -> None:
    extra = tmp_path / "cues.json"
    extra.write_text(json.dumps({"verbs": {}, "remove": ["say"]}), encoding="utf-8")
    assert extract_text("Putin said the talks went well.", lexicon=load_lexicon(extra)).claims == []


def test_split_refuses_what_it_cannot_mean_and_overrides_can_be_undone(cli, seeded) -> None:  # type: ignore[no-untyped-def]
    import json

    r = cli("actors", "split", "Kim Jong Un", "Vladimir Putin")  # never joined
    assert r.exit_code == 1 and r.stderr.startswith("Error: [SL405]")
    r = cli("actors", "merge", "Kim Jong Un", "Mr Kim")  # one actor already
    assert r.exit_code == 1 and "[SL405]" in r.stderr

    def actor_of(name: str) -> str:
        rows = json.loads(cli("claims", "--actor", name, "-f", "json").stdout)
        return rows[0]["actor"]

    assert cli("actors", "merge", "Kremlin", "Vladimir Putin").exit_code == 0
    assert actor_of("Kremlin") == actor_of("Vladimir Putin")  # a merge regroups
    listed = json.loads(cli("actors", "overrides", "-f", "json").stdout)
    assert [(o["action"], o["a"], o["b"]) for o in listed] == [("merge", "Kremlin", "Vladimir Putin")]
    assert cli("actors", "reset", "99").exit_code == 1
    assert cli("actors", "reset", str(listed[0]["id"])).exit_code == 0
    assert json.loads(cli("actors", "overrides", "-f", "json").stdout) == []
    assert actor_of("Kremlin") != actor_of("Vladimir Putin")
    assert cli("actors", "reset").exit_code != 0  # neither ids nor --all


@pytest.mark.parametrize(("body", "message"), [
    ('{"verbs": {"grumble": "ccomp"}}', "verbs.grumble must be a list"),
    ("[1]", "a JSON object"),
    ("{not json", "not a cue lexicon"),
])
def test_a_bad_cue_lexicon_is_one_plain_line(cli, tmp_path, body: str, message: str) -> None:  # type: ignore[no-untyped-def]
    cues = tmp_path / "cues.json"
    cues.write_text(body, "utf-8")
    art = tmp_path / "a.txt"
    art.write_text("Police said the road was closed.\n", "utf-8")
    r = cli("ingest", art, "--cues", cues, "--db", tmp_path / "l.db")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.stderr.startswith("Error: [SL302]") and message in r.stderr
    assert "validation error" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
