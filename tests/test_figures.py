"""Figures: the quantity normaliser on a table of phrasings (a real spaCy parse), the
series statuses on one-line made-up articles, and how the figures read in time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summitledger.extract.figures import figures
from summitledger.models import FrameNumber
from summitledger.nlp.quantities import Evidence, grows, quantity

# sentence -> the figures it gives: (quantity, value, op); '' for a number that is no
# figure of the event. Made-up sentences of general news English: disasters, fires,
# protests, strikes, courts, money; none from a development text.
PHRASINGS = [
    ("The fire service put the toll at seven dead.", [("people killed", 7, "=")]),
    ("The mayor said nine people had died.", [("people killed", 9, "=")]),
    ("Officials said the death toll had risen to 2,012.", [("people killed", 2012, "=")]),
    ("The quake killed at least 296 people, officials said.", [("people killed", 296, ">")]),
    ("There were 45 fatalities, the ministry said.", [("people killed", 45, "=")]),
    ("At least 30 lives were lost, the governor said.", [("people killed", 30, ">")]),
    ("The earthquake claimed 1,200 lives, according to the ministry.",
     [("people killed", 1200, "=")]),
    ("Authorities said 1,037 people were confirmed dead.", [("people killed", 1037, "=")]),
    ("The disaster agency said more than 2,000 people had died and 2,059 were injured.",
     [("people killed", 2000, ">"), ("people injured", 2059, "=")]),
    ("The fire service put the number of dead at 11 and the injured at 40.",
     [("people killed", 11, "="), ("people injured", 40, "=")]),
    ("Twelve people were hurt, police said.", [("people injured", 12, "=")]),
    ("Police said 12 people were injured, four of them seriously.",
     [("people injured", 12, "="), ("people seriously injured", 4, "=")]),
    ("Nine people were seriously injured, the ambulance service said.",
     [("people seriously injured", 9, "=")]),
    ("The hospital said 17 people remained in critical condition.",
     [("people critically injured", 17, "=")]),
    ("Doctors said two of the injured were in critical condition.",
     [("people critically injured", 2, "=")]),
    ("Doctors said they had treated eleven people for minor injuries.",
     [("people injured", 11, "=")]),
    ("Two firefighters were injured, the fire service said.", [("firefighters injured", 2, "=")]),
    ("At least 12 children were among the dead, the governor said.",
     [("children killed", 12, ">")]),
    ("Officials said 40 of the dead were children.", [("", 40, "=")]),
    ("Divers had recovered 11 bodies from the fourth floor.",
     [("bodies recovered from fourth floor", 11, "=")]),
    ("Officials said at least 20 people were still missing.", [("people missing", 20, ">")]),
    ("The agency said 26 people were unaccounted for.", [("people missing", 26, "=")]),
    ("Rescuers pulled 30 people alive from the rubble, the agency said.",
     [("people rescued", 30, "=")]),
    ("Some 5,000 people were evacuated from the area, police said.",
     [("people evacuated", 5000, "~")]),
    ("Officials said 12,000 people had been left homeless.", [("people displaced", 12000, "=")]),
    ("Firefighters said 14 workers were trapped inside the factory.",
     [("people trapped", 14, "=")]),
    ("Police said they had arrested three men.", [("people arrested", 3, "=")]),
    ("Police said two crew members were in custody.", [("people arrested", 2, "=")]),
    ("The company said there were 148 passengers and six crew on board.",
     [("people on board", 154, "=")]),
    ("Police said about 35,000 had taken part.", [("crowd size", 35000, "~")]),
    ("Organisers estimated that up to 50,000 people took part in the rally.",
     [("crowd size", 50000, "<")]),
    ("Police said a 3,000-strong crowd marched through the city.", [("crowd size", 3000, "=")]),
    ("The company said 1,200 jobs would be cut.", [("jobs cut", 1200, "=")]),
    ("The union said 300 workers would lose their jobs.", [("jobs cut", 300, "=")]),
    ("The union said 85 per cent of the country's schools had closed.",
     [("share of schools closed", 85, "=")]),
    ("The ministry said fewer than half of the 6,400 schools were shut.",
     [("share of schools closed", 50, "<")]),
    ("The minister said the 3 per cent offer was generous.", [("pay rise offered", 3, "=")]),
    ("The quake measured 7.8 on the Richter scale, seismologists said.",
     [("magnitude", 7.8, "=")]),
    ("The minister said the state would pay 10,000 euros to each family.",
     [("payment per family", 10000, "=")]),
    ("The governor promised half a million rubles to the family of every victim.",
     [("payment per family", 500_000, "=")]),
    ("He said the government would give $5 million in aid.", [("sum of money (aid)", 5e6, "=")]),
    ("The interior ministry said the toll had risen from 1,037 to 2,012.",
     [("", 1037, "="), ("people killed", 2012, "=")]),  # the old value is no report of it
    ("An earthquake struck the region, killing at least 2,012 people, officials said.",
     [("people killed", 2012, ">")]),
    ("The ministry said 2,012 people had died, 1,293 of them in the north.",
     [("people killed", 2012, "="), ("", 1293, "=")]),  # a part of the toll
    # numbers that are no figure of the event
    ("The army said it had deployed 3,000 troops to the region.", [("", 3000, "=")]),
    ("The minister said he had 20 years of experience.", []),
    ("The board said the two-hour meeting had ended.", []),
]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from summitledger.nlp.pipeline import load_pipeline
    from summitledger.settings import Settings

    return load_pipeline(Settings.from_env().model)


def _figures(nlp, text: str) -> list[FrameNumber]:  # type: ignore[no-untyped-def]
    return [n for n in figures(nlp(text)[:]) if n.text]  # plain numbers (durations) have no text


@pytest.mark.parametrize("text,want", PHRASINGS, ids=[t[:40] for t, _ in PHRASINGS])
def test_the_normaliser_names_each_quantity(nlp, text: str, want: list) -> None:  # type: ignore[no-untyped-def]
    got = [(n.quantity, n.value, n.op) for n in _figures(nlp, text)]
    assert got == [(q, pytest.approx(v), op) for q, v, op in want]


def test_a_figure_keeps_its_value_as_written_its_unit_and_the_texts_own_time(nlp) -> None:  # type: ignore[no-untyped-def]
    toll = _figures(nlp, "The death toll climbed to 27 on Monday evening as divers worked.")[0]
    assert (toll.quantity, toll.text, toll.when, toll.update) == (
        "people killed", "27", "on Monday evening", True)
    money = _figures(nlp, "The province would pay 500,000 solens to the family of each victim.")[0]
    assert (money.quantity, money.text, money.unit) == ("payment per family", "500,000 solens", "solens")
    share = _figures(nlp, "The union said 70 per cent of schools had shut.")[0]
    assert (share.text, share.unit) == ("70 per cent", "percent")
    # the time of the event ('when the ferry capsized on Sunday') is not the figure's
    assert _figures(nlp, "At least nine people died when the ferry capsized on Sunday.")[0].when == ""


def test_the_figure_an_earlier_sentence_named(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Police estimated the crowd at 35,000. Organisers put the figure at 110,000.")
    second = list(doc.sents)[1]
    assert [(n.quantity, n.value) for n in figures(second)] == [("crowd size", 110000)]


def test_the_normaliser_on_words_alone() -> None:
    assert quantity(Evidence(thing="people", words=frozenset({"kill"}))) == "people killed"
    assert quantity(Evidence(thing="", words=frozenset({"toll", "death"}))) == "people killed"
    assert quantity(Evidence(thing="passenger", words=frozenset({"board"}))) == "people on board"
    assert quantity(Evidence(thing="train", words=frozenset({"extra"}))) == ""
    assert quantity(Evidence(thing="body", words=frozenset({"recover"}),
                             source="fourth floor")) == "bodies recovered from fourth floor"
    assert grows("people killed") and grows("children injured") and grows("people arrested")
    assert not grows("crowd size") and not grows("share of schools closed")
    assert not grows("payment per family") and grows("bodies recovered from the deck")


# --------------------------------------------------------------------------- series


def _event(tmp: Path, articles: list[tuple[str, str, str]]) -> Path:
    """One-line articles (outlet, date, text) with a manifest; returns the folder."""
    folder = tmp / "event"
    folder.mkdir()
    manifest = {}
    for n, (outlet, date, text) in enumerate(articles):
        name = f"{n:02d}.txt"
        (folder / name).write_text(text + "\n", "utf-8")
        manifest[name] = {"outlet": outlet, "date": date}
    (folder / "manifest.json").write_text(json.dumps({"articles": manifest}), "utf-8")
    return folder


D1, D2, D3 = "2025-05-01T09:00:00+02:00", "2025-05-01T18:00:00+02:00", "2025-05-02T08:00:00+02:00"
SERIES_CASES = {
    "single-source": ("people injured", [("Post", D1, "Police said 12 people were injured in the blast.")]),
    "corroborated": ("people injured", [
        ("Post", D1, "Police said 12 people were injured in the blast."),
        ("Herald", D2, "Twelve people were hurt when the boiler exploded, police said.")]),
    "updated by words": ("people killed", [
        ("Post", D1, "Officials said nine people were killed in the fire."),
        ("Herald", D3, "The death toll has risen to 14, officials said on Friday.")]),
    "updated by a count that grows": ("people injured", [
        ("Post", D1, "Police said 12 people were injured in the blast."),
        ("Herald", D3, "Police said 20 people were injured when the boiler exploded.")]),
    "contradicted: a share that changes": ("share of schools closed", [
        ("Post", D1, "The union said 85 per cent of schools were closed by the strike."),
        ("Herald", D3, "The union said 70 per cent of schools had shut for the day.")]),
    "contradicted: a count lower later": ("people injured", [
        ("Post", D1, "Police said 20 people were injured in the blast."),
        ("Herald", D3, "Police said 12 people were injured when the boiler exploded.")]),
    "disputed: two sources at one time": ("crowd size", [
        ("Post", D1, "Police put the crowd at 35,000 as the march reached the square."),
        ("Herald", D1, "Organisers put the crowd at 110,000 on a day of rain.")]),
    "updated: an old figure repeated is no dispute": ("people killed", [
        ("Post", D1, "Officials said nine people were killed in the fire."),
        ("Herald", D2, "Officials said 14 people were killed when the warehouse burned."),
        ("Gazette", D3, "Nine people were killed in the blaze, officials said on Thursday.")]),
}


@pytest.mark.parametrize("case", list(SERIES_CASES))
def test_each_series_status_by_its_rule(cli, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    want_quantity, articles = SERIES_CASES[case]
    assert cli("ingest", _event(tmp_path, articles)).exit_code == 0
    lines = [json.loads(x) for x in cli("figures", "-f", "jsonl").stdout.splitlines()]
    mine = [x for x in lines if x["series"] == want_quantity]
    assert len(mine) == len(articles), lines
    assert {x["status"] for x in mine} == {case.split(":")[0].split(" by ")[0]}, lines


def test_a_copy_is_the_same_source_at_its_originals_time(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wire = ("Police said 12 people were injured when a boiler exploded at the Harlow works "
            "on Tuesday morning, and that the cause was not yet known to investigators.")
    copy = "Readers across the county woke to the news on Wednesday. " + wire
    folder = _event(tmp_path, [("Wire", D1, wire), ("Copy", D3, copy)])
    assert cli("ingest", folder).exit_code == 0
    lines = [json.loads(x) for x in cli("figures", "-f", "jsonl").stdout.splitlines()]
    assert {x["status"] for x in lines} == {"single-source"}
    assert [x["time"] for x in lines] == [D1, D1]  # the copy reports at the wire's time
