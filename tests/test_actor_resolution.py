"""Actor resolution across an event: spellings, titles, collective voices, vagueness.

Names here are our own inventions, except where a case is about a real pattern of
transliteration (Russian and Ukrainian spellings of one name, 'al-' particles).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summitledger.reconcile.actors import resolve_actors
from summitledger.reconcile.actors.spelling import same_person_name

from .conftest import EVAL


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Debashish Bardhan", "Debasish Bardhan", True),
    ("Yevhen Hrabarenko", "Yevgeny Grabarenko", True),
    ("Evgeni Hrabarenko", "Yevhen Hrabarenko", True),
    ("Mohammed al-Rashid", "Mohammed Al Rashid", True),
    ("Recep Erdoğan", "Recep Erdogan", True),
    ("J. Okafor", "Jude Okafor", True),  # an initial
    ("Kim Jong Un", "Kim Yo Jong", False),
    ("Kim Jong Un", "Kim Jong Il", False),
    ("Anna Berg", "Anna Borg", False),
    ("Marta Vance", "Peter Vance", False),  # one family, two people
    ("Putin", "Vladimir Putin", False),  # a bare surname never joins on spelling
])
def test_one_persons_name_spelled_two_ways(a: str, b: str, same: bool) -> None:
    assert same_person_name(a, b) is same


def test_names_one_article_gives_side_by_side_stay_two_people() -> None:
    keys = [("Anna Berg", "person", 1), ("Anne Berg", "person", 1),
            ("Anne Berg", "person", 2)]
    mapping = resolve_actors(keys).mapping
    assert mapping["Anna Berg"] != mapping["Anne Berg"]
    apart = resolve_actors([("Anna Berg", "person", 1), ("Anne Berg", "person", 2)])
    assert apart.mapping["Anna Berg"] == apart.mapping["Anne Berg"]
    (join,) = apart.why(apart.mapping["Anna Berg"])
    assert "spelled differently" in join.reason


def test_a_title_alone_joins_the_one_person_whose_role_it_fits() -> None:
    res = resolve_actors(
        [("Mara Voss", "person", 1), ("Provincial governor", "person", 2),
         ("Deputy head", "unknown", 3), ("Ivo Tamm", "person", 1)],
        aliases=[("Mara Voss", "governor of Lindgate province", "a.txt"),
                 ("Ivo Tamm", "deputy head of the coastguard", "a.txt")])
    assert res.mapping["Provincial governor"] == "Mara Voss"
    assert res.mapping["Deputy head"] == "Ivo Tamm"
    assert any("fits only the role" in j.reason for j in res.why("Mara Voss"))


def test_a_title_two_people_hold_stays_vague_and_may_be_either() -> None:
    res = resolve_actors(
        [("Mara Voss", "person", 1), ("Ivo Tamm", "person", 2), ("The minister", "person", 3)],
        aliases=[("Mara Voss", "minister of health", "a.txt"),
                 ("Ivo Tamm", "minister of transport", "b.txt")])
    title = res.mapping["The minister"]
    assert title not in ("Mara Voss", "Ivo Tamm")
    assert res.vague[title] == "title"
    assert res.compatible(title, "Mara Voss") and res.compatible(title, "Ivo Tamm")
    assert not res.compatible("Mara Voss", "Ivo Tamm")


def test_one_governments_collective_voice_is_one_actor() -> None:
    names = ["officials", "Authorities", "Local officials", "Provincial administration",
             "Provincial government of Lindgate", "Police", "Hospital officials"]
    res = resolve_actors([(n, "group", k) for k, n in enumerate(names)])
    voice = {res.mapping[n] for n in names[:5]}
    assert voice == {"Provincial government of Lindgate"}
    assert res.mapping["Police"] == "Police"
    assert res.mapping["Hospital officials"] == "Hospital officials"


def test_officials_of_several_governments_stay_apart() -> None:
    res = resolve_actors([("US officials", "group", 1), ("Russia officials", "group", 2),
                          ("officials", "group", 3)])
    assert len({res.mapping[n] for n in ("US officials", "Russia officials", "officials")}) == 3
    assert res.vague["officials"] == "collective"
    assert res.compatible("officials", "US officials")


def test_the_company_may_be_a_business_but_not_a_service_or_a_person() -> None:
    res = resolve_actors([("Company", "unknown", 1), ("Brisk Ferries", "organisation", 2),
                          ("State Rescue Service", "organisation", 2),
                          ("Mara Voss", "person", 3)])
    assert res.vague["Company"] == "business"
    assert res.compatible("Company", "Brisk Ferries")
    assert not res.compatible("Company", "State Rescue Service")
    assert not res.compatible("Company", "Mara Voss")


def test_actors_why_explains_every_join(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Yevhen Hrabarenko, governor of Lindgate province, said the ferry should never "
        "have sailed.\n\nThe governor said all sailings were suspended.\n", "utf-8")
    (folder / "b.txt").write_text(
        "Lindgate Governor Yevgeny Grabarenko said those responsible would answer for it.\n",
        "utf-8")
    (folder / "c.txt").write_text(
        "The provincial governor has promised half a million to every family.\n", "utf-8")
    db = tmp_path / "l.db"
    assert cli("ingest", folder, "--db", db).exit_code == 0
    actors = json.loads(cli("actors", "--db", db, "-f", "json").stdout)
    (gov,) = [a for a in actors if "Hrabarenko" in a["actor"] or "Grabarenko" in a["actor"]]
    assert {"Yevhen Hrabarenko", "Yevgeny Grabarenko"} <= set(gov["aliases"])
    why = json.loads(cli("actors", "--why", "provincial governor", "--db", db, "-f", "json").stdout)
    reasons = " | ".join(r["reason"] for r in why)
    assert "spelled differently" in reasons and "fits only the role" in reasons
    assert {r["actor"] for r in why} == {gov["actor"]}
    bad = cli("actors", "--why", "Nobody Atall", "--db", db)
    assert bad.exit_code == 1 and "SL402" in bad.stderr


def test_a_messy_event_has_one_actor_per_speaker(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The development event built messy (eval/events/lake-ferry-capsizing): one governor
    under three spellings and titles, one provincial government under seven names."""
    db = tmp_path / "ferry.db"
    assert cli("ingest", EVAL / "events" / "lake-ferry-capsizing" / "articles", "--db", db).exit_code == 0
    actors = {a["actor"]: set(a["aliases"])
              for a in json.loads(cli("actors", "--db", db, "-f", "json").stdout)}
    governor = [a for a, names in actors.items() if "Yevgeny Grabarenko" in names]
    assert len(governor) == 1
    assert {"Yevhen Hrabarenko", "Evgeni Hrabarenko", "The provincial governor"} <= actors[governor[0]]
    voice = [a for a, names in actors.items() if "Officials" in names]
    assert len(voice) == 1
    assert {"Authorities", "Local officials", "The administration"} <= {
        n[:1].upper() + n[1:] for n in actors[voice[0]]}
