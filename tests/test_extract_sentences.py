"""One sentence (or a few) in, the expected claims out: each case names its rule."""

from __future__ import annotations

import pytest

from summitledger.extract import extract_text

# (case, text, [(actor, type, content)])
CASES = [
    ("direct-after-cue", 'Putin replied, "That\'s exactly why we came here."',
     [("Putin", "direct", "That's exactly why we came here.")]),
    ("direct-before-cue", '"We are ready to help," Putin said.',
     [("Putin", "direct", "We are ready to help,")]),
    ("inverted-cue-apposition", '"We are ready," said Dmitry Peskov, the Kremlin spokesman.',
     [("Dmitry Peskov", "direct", "We are ready,")]),
    ("colon-cue", 'Mr Lavrov told reporters: "The talks went well."',
     [("Lavrov", "direct", "The talks went well.")]),
    ("mixed-fragment", 'The Kremlin claimed that the two had "very substantive" discussions.',
     [("Kremlin", "mixed", 'the two had "very substantive" discussions')]),
    ("indirect-that", "A Kremlin spokesperson said that no statement would be forthcoming.",
     [("Kremlin", "indirect", "no statement would be forthcoming")]),
    ("indirect-no-that", "Officials said the regime was sending artillery shells.",
     [("officials", "indirect", "the regime was sending artillery shells")]),
    ("cue-with-object", "Mr Biden told reporters that sanctions would follow.",
     [("Biden", "indirect", "sanctions would follow")]),
    ("stance-warn-of", "The Americans have warned repeatedly of a deal.",
     [("US officials", "indirect", "a deal")]),
    ("stance-call-for", "The minister has called for sending arms to Ukraine.",
     [("minister", "indirect", "sending arms to Ukraine")]),
    ("let-it-be-known", "The ministry let it be known that there would be consequences.",
     [("ministry", "indirect", "there would be consequences")]),
    ("according-to", "According to the Pentagon, the shells were delivered by rail.",
     [("Pentagon", "indirect", "the shells were delivered by rail")]),
    ("participle-inherits-subject",
     'Kim raised a toast, promising that Russia would punish "evil forces".',
     [("Kim", "mixed", 'Russia would punish "evil forces"')]),
    ("spokesperson-speaks-for-body", "A White House spokeswoman said talks would resume.",
     [("White House", "indirect", "talks would resume")]),
    ("named-spokesman-not-his-principal", "Putin's spokesman Dmitry Peskov said talks would resume.",
     [("Dmitry Peskov", "indirect", "talks would resume")]),
    ("quoted-as-saying", 'Kim was quoted by KCNA as saying that the talks had opened "a new chapter".',
     [("Kim", "mixed", 'the talks had opened "a new chapter"')]),
    ("called-x-y", 'The Kremlin called the talks "very substantive".',
     [("Kremlin", "mixed", 'the talks "very substantive"')]),
    ("american-stop-inside-quote", 'Ms. Kim said that the warnings were "nonsense."',
     [("Kim", "mixed", 'the warnings were "nonsense."')]),
    ("clause-cut-at-comma",  # the parser makes the part after the comma a second ccomp
     "The coastguard said 30 people were rescued on Sunday, many of them children pulled "
     "from the water by fishermen.",
     [("Coastguard", "indirect", "30 people were rescued on Sunday, many of them children "
       "pulled from the water by fishermen")]),
    ("second-clause-own-cue", "The company said sales fell, a spokesman added.",
     [("Spokesman", "indirect", "The company said sales fell"),
      ("Company", "indirect", "sales fell")]),
    ("denied-doing", "Russia has denied violating sanctions.",
     [("Russia", "indirect", "violating sanctions")]),
]

NOT_CLAIMS = [
    ("hedged-narration", "The hermit kingdom is thought to have a large stockpile of shells."),
    ("passive-said", "The regime is said to be short of food."),
    ("modal-speculation", "Russia may agree to send North Korea advanced arms."),
    ("journalist-inference", "That suggests co-operation may be coming to an end."),
    ("question-put", 'A reporter asked Putin about helping North Korea "launch its own satellites".'),
    ("negated-cue", "Putin did not say whether a deal had been signed."),
    ("scare-quotes", 'The so-called "special military operation" continued.'),
]


@pytest.mark.parametrize("case,text,expected", CASES, ids=[c[0] for c in CASES])
def test_extracts(case: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    claims = extract_text(text).claims
    got = [(c.actor, c.type, c.content) for c in claims]
    assert len(got) == len(expected), f"{case}: {got}"
    for (actor, ctype, content), c in zip(expected, claims, strict=False):
        assert actor.lower() in c.actor.lower(), f"{case}: actor {c.actor!r}"
        assert c.type == ctype, f"{case}: type {c.type}"
        assert c.content.strip(" ,") == content.strip(" ,"), f"{case}: content {c.content!r}"


@pytest.mark.parametrize("case,text", NOT_CLAIMS, ids=[c[0] for c in NOT_CLAIMS])
def test_not_claims(case: str, text: str) -> None:
    assert extract_text(text).claims == [], case


def test_offsets_point_into_the_text() -> None:
    text = 'Putin replied, "That\'s exactly why we came here."'
    ex = extract_text(text)
    c = ex.claims[0]
    assert text[c.content_start : c.content_end] == c.content
    assert text[c.speaker_start : c.speaker_end] == c.speaker
    assert text[c.cue_start : c.cue_end] == c.cue
    assert c.sentence_start <= c.content_start < c.content_end <= c.sentence_end
    assert ex.pipeline.startswith("en_core_web_sm")
    assert c.rule
