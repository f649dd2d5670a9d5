"""Relays and titles in one article (our own sentences, several kinds of news).

A claim passed on by news media or a report is the original speaker's, with the relayer
as its channel; a title alone ("the deputy head") is the person last named with it; a
common noun for a body ("the company", "the operator") is the body last named that it
fits. Each case: the text, then (actor words, content start, channel) of every claim.
"""

from __future__ import annotations

import pytest

from summitledger.extract import extract_doc, load_lexicon
from summitledger.nlp.pipeline import load_pipeline
from summitledger.settings import Settings


def _claims(text: str):  # type: ignore[no-untyped-def]
    nlp = load_pipeline(Settings.from_env().model)
    return extract_doc(nlp(text), nlp, load_lexicon(None)).claims


RELAYS = [
    # a nested claim reported by an agency: the inner speaker's, the agency its channel
    ("The interior minister has promised a full inquiry into the fire, Xantha News "
     "reported, citing state television.",
     [("minister", "a full inquiry", "Xantha News")]),
    ("Nine miners were trapped underground, the mining ministry said, according to the "
     "state news agency Tamra.",
     [("ministry", "Nine miners were trapped", "the state news agency Tamra")]),
    # "reported, citing X, that": X speaks
    ("The Daily Ledger reported, citing hospital staff, that 14 patients had been moved.",
     [("hospital staff", "14 patients had been moved", "The Daily Ledger")]),
    # "quoted X as saying": X speaks, the one who quotes is the channel
    ("The dam had been inspected in May, Radio Corvel quoted an engineer as saying.",
     [("engineer", "The dam had been inspected in May", "Radio Corvel")]),
    ("The agency quoted the chief executive as saying that the plant would reopen.",
     [("chief executive", "the plant would reopen", "agency")]),
    # "according to B" after a cue is the channel, wherever it stands
    ("The ministry said, according to state media, that 40 people were arrested.",
     [("ministry", "40 people were arrested", "state media")]),
    # not relays: a union citing its sources speaks for itself; police reporting what
    # a suspect told them keep their own claim
    ("Citing ticket sellers on the quay, the union said at least 210 people had boarded.",
     [("union", "at least 210 people had boarded", "")]),
]


@pytest.mark.parametrize(("text", "expected"), RELAYS, ids=[c[1][0][0] for c in RELAYS])
def test_a_relayed_claim_is_the_original_speakers(text: str, expected: list) -> None:
    claims = _claims(text)
    got = [(c.actor.lower(), c.content, c.channel) for c in claims]
    assert len(claims) == len(expected), got
    for c, (actor, content, channel) in zip(claims, expected, strict=True):
        assert all(w in c.actor.lower() for w in actor.split()), got
        assert c.content.startswith(content), got
        named = set(channel.lower().split()) - {"the", "a", "an"}
        assert bool(channel) == bool(c.channel), got
        assert not channel or named & set(c.channel.lower().split()), got


TITLES = [
    ("Stepan Kolodey, deputy head of the State Rescue Service, led the search. The deputy "
     "head said divers would keep working through the night.", "Stepan Kolodey"),
    ("Russian President Vladimir Putin met the delegation. The president said the talks "
     "had been useful.", "Vladimir Putin"),
    ("Mara Voss, the chief fire officer of Lindgate, arrived at noon. The chief fire "
     "officer said the blaze was under control.", "Mara Voss"),
    ("Radim Palenko, chief executive of Oskel Lines, spoke in the port. The operator "
     "denied that it had been warned.", "Oskel Lines"),
    ("In a statement, operator Brisk Ferries said the vessel had passed its inspection. "
     "The company said 154 people were on board.", "Brisk Ferries"),
    ("The Ministry of Health said 30 people were in hospital. The ministry said the "
     "water was safe to drink.", "Ministry of Health"),
]


@pytest.mark.parametrize(("text", "actor"), TITLES, ids=[c[1] for c in TITLES])
def test_a_title_or_description_alone_is_the_one_last_named_with_it(text: str, actor: str) -> None:
    claims = _claims(text)
    assert claims and claims[-1].actor == actor, [(c.speaker, c.actor) for c in claims]


@pytest.mark.parametrize("text", [
    # a body of another kind is not "the company"
    "The State Rescue Service said 112 people were saved. The company said it would help.",
    # a title nobody in the article holds stays a title
    "Anna Berg, a witness, saw the crash. The deputy head said the road would reopen.",
])
def test_a_description_that_fits_nobody_stays_itself(text: str) -> None:
    claims = _claims(text)
    assert claims[-1].actor.lower() == claims[-1].speaker.lower().removeprefix("the "), \
        [(c.speaker, c.actor) for c in claims]
