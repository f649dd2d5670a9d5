"""Speakers of every kind, one news sentence each (our own writing, many kinds of news).

Each case: the sentence, words the actor must hold, and words the content must hold.
A speaker is an open class: police, companies, courts, witnesses, documents, pronouns.
"""

from __future__ import annotations

import pytest

from summitledger.extract import extract_doc, load_lexicon
from summitledger.nlp.pipeline import load_pipeline
from summitledger.settings import Settings


def _claims(text: str):  # type: ignore[no-untyped-def]
    nlp = load_pipeline(Settings.from_env().model)
    return extract_doc(nlp(text), nlp, load_lexicon(None)).claims


CASES = [
    # the cases the issue names
    ("Police said two men had been arrested near the station late on Friday.",
     "police", "two men had been arrested near the station"),
    ("The retailer said it would close 40 stores across the north by the end of the year.",
     "retailer", "close 40 stores"),
    ("Organisers put the number of marchers at 25,000.", "organisers", "marchers at 25,000"),
    ("Nurses warned that staff shortages could force the ward to close.",
     "nurses", "staff shortages could force the ward to close"),
    ("Environmental groups expressed concern that the spill could reach the estuary.",
     "groups", "the spill could reach the estuary"),
    ("The ferry operator confirmed that the evening sailing had been cancelled.",
     "operator", "the evening sailing had been cancelled"),
    ("In a statement, the insurer said no customer data had been lost.",
     "insurer", "no customer data had been lost"),
    ('"We were never told what was happening," one commuter said.',
     "commuter", "We were never told what was happening"),
    # courts, companies, bodies, people by role
    ("The court ruled that the dismissal had been unlawful.", "court", "the dismissal had been unlawful"),
    ("The coroner concluded that the death was accidental.", "coroner", "the death was accidental"),
    ("Witnesses said the lorry had been travelling at speed when it left the road.",
     "witnesses", "the lorry had been travelling at speed"),
    ("The airline said all flights from the northern terminal would resume on Saturday.",
     "airline", "all flights from the northern terminal would resume"),
    ("The central bank said inflation would fall below 3 per cent next year.",
     "bank", "inflation would fall below 3 per cent"),
    ("Firefighters said the blaze had started in a storage room on the ground floor.",
     "firefighters", "the blaze had started in a storage room"),
    # cue verbs with a noun phrase, estimates, noun cues
    ("The union vowed further action if the company did not reopen talks.",
     "union", "further action"),
    ("Analysts predicted a sharp fall in profits for the second quarter.",
     "analysts", "a sharp fall in profits"),
    ("The coastguard estimated the damage at 3 million euros.", "coastguard", "the damage at 3 million"),
    ("Shareholders expressed frustration that the board had ignored their proposals.",
     "shareholders", "the board had ignored their proposals"),
    ("The ministry issued a statement saying the vaccine was safe.", "ministry", "the vaccine was safe"),
    ("According to the fire service, the building had no working alarms.",
     "fire service", "the building had no working alarms"),
    # spokespeople, offices and documents speak for their principal
    ("A spokeswoman for the airline said flights would resume on Monday.",
     "airline", "flights would resume on Monday"),
    ("A report by the national audit office found that the project was two years behind schedule.",
     "audit office", "the project was two years behind schedule"),
    ("The state broadcaster Radio Tanland said the vote had been postponed.",
     "radio tanland", "the vote had been postponed"),
    # a mid-clause cue keeps the whole content
    ("The station will remain closed, the operator said, until engineers have checked the track.",
     "operator", "until engineers have checked the track"),
    ("As the minister said, the line will reopen on Monday.", "minister", "the line will reopen"),
]


@pytest.mark.parametrize(("sentence", "actor", "content"), CASES, ids=[c[1] for c in CASES])
def test_speaker_of_every_kind(sentence: str, actor: str, content: str) -> None:
    claims = _claims(sentence)
    assert claims, f"no claim in {sentence!r}"
    hit = [c for c in claims if content.lower() in c.content.lower()]
    assert hit, f"content {content!r} not in {[c.content for c in claims]}"
    assert all(w in hit[0].actor.lower() for w in actor.split()), hit[0].actor


@pytest.mark.parametrize("sentence", [
    "The regulator fined the bank 20 million pounds for misleading customers.",
    "The bridge was closed on Tuesday after cracks were found in its supports.",
    "Thousands of people gathered in the square to watch the fireworks.",
    "The factory employs 400 people and exports most of its goods to Asia.",
    "The union rejected the government's offer of a 3 per cent rise.",
    "Days before either side had confirmed the meeting, the plan was known.",
])
def test_narration_gives_no_claim(sentence: str) -> None:
    assert _claims(sentence) == []


def test_said_x_and_that_y_gives_two_claims() -> None:
    claims = _claims("The prosecutor said the accused had planned the fraud for years "
                     "and that he had hidden the money abroad.")
    assert [c.content for c in claims] == ["the accused had planned the fraud for years",
                                           "he had hidden the money abroad"]
    assert {c.actor for c in claims} == {"Prosecutor"}


def test_pronoun_takes_the_latest_speaker_not_a_name_inside_a_quote() -> None:
    text = ("A spokeswoman for Kestrel Engineering said the company had done no work on the "
            "span. \"We will cooperate with Mayor Ann Lee and the inquiry,\" she said.")
    claims = _claims(text)
    assert [c.actor for c in claims] == ["Kestrel Engineering", "Kestrel Engineering"]


def test_office_speaks_for_the_role_holder() -> None:
    text = ("Mayor Ann Lee visited the site on Monday. The mayor's office said the bridge "
            "would stay shut.")
    (claim,) = _claims(text)
    assert claim.actor == "Ann Lee"


def test_continued_quotation_is_a_claim_of_the_same_speaker() -> None:
    text = '"I never thought I would need a placard," the teacher said. "Now I have three."'
    claims = _claims(text)
    assert [c.content for c in claims] == ["I never thought I would need a placard",
                                           "Now I have three."]
    assert claims[0].actor == claims[1].actor == "Teacher"


def test_sentences_never_cross_a_paragraph_break() -> None:
    nlp = load_pipeline(Settings.from_env().model)
    doc = nlp("Bridge falls into the harbour\n\nPolice said seven people had died")
    assert [s.text.strip() for s in doc.sents] == [
        "Bridge falls into the harbour", "Police said seven people had died"]


def test_ingest_reports_sentences_passed_over(tmp_path, cli=None) -> None:  # type: ignore[no-untyped-def]
    """A sentence with a cue word that gives no claim is counted, per article, in
    ``ingest --format json``."""
    import json

    from typer.testing import CliRunner

    from summitledger.cli.main import app

    art = tmp_path / "a.txt"
    art.write_text("The union rejected the offer on Monday.\n\n"
                   "Police said two men had been arrested.\n", "utf-8")
    r = CliRunner().invoke(app, ["ingest", str(art), "--db", str(tmp_path / "l.db"), "-f", "json"])
    assert r.exit_code == 0, r.output
    (outcome,) = json.loads(r.stdout)["outcomes"]
    assert outcome["claims"] == 1 and outcome["passed_over"] == 1


def test_according_to_after_a_cue_is_the_channel_not_the_speaker(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """'A said X, according to B' is A's claim; B is recorded as the channel, and the
    claims listing carries it."""
    import json

    from typer.testing import CliRunner

    from summitledger.cli.main import app

    text = ("The harbour master said the channel would stay closed for a week, "
            "according to a transcript released by the port.")
    (claim,) = _claims(text)
    assert "harbour master" in claim.actor.lower()
    assert claim.content.startswith("the channel would stay closed")
    assert claim.channel == "a transcript released by the port"
    art = tmp_path / "a.txt"
    art.write_text(text + "\n", "utf-8")
    db = str(tmp_path / "l.db")
    assert CliRunner().invoke(app, ["ingest", str(art), "--db", db]).exit_code == 0
    r = CliRunner().invoke(app, ["claims", "--db", db, "-f", "json"])
    assert [c["channel"] for c in json.loads(r.stdout)] == ["a transcript released by the port"]


def test_an_acronym_joins_its_full_name_in_the_article() -> None:
    text = ("The Rail Accident Investigation Branch (RAIB) said it had opened an inquiry. "
            "A RAIB spokeswoman said the signal had failed.")
    assert [c.actor for c in _claims(text)] == ["Rail Accident Investigation Branch"] * 2


def test_an_acronym_joins_its_full_name_across_the_ledger() -> None:
    from summitledger.reconcile.actors import cluster_actors

    joined = cluster_actors([("NTSB", "organisation"), ("NTSB", "organisation"),
                             ("National Transport Safety Board", "organisation"),
                             ("NTS", "organisation"), ("Ann Lee", "person")])
    assert joined["NTSB"] == joined["National Transport Safety Board"] == \
        "National Transport Safety Board"
    assert joined["NTS"] == "NTS" and joined["Ann Lee"] == "Ann Lee"
