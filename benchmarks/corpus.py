"""A reproducible corpus of synthetic news articles about one summit, for benchmarks
and fault tests. ``make_corpus(n, seed)`` returns (file name, text) pairs; the same
seed gives the same corpus. Run it to write a folder: ``python benchmarks/corpus.py
OUT_DIR --articles 200 --seed 7``.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PEOPLE = [
    ("Vladimir Putin", "Putin", "Russia's president"), ("Kim Jong Un", "Kim", "North Korea's leader"),
    ("Dmitry Peskov", "Peskov", "the Kremlin spokesman"),
    ("Sergei Lavrov", "Lavrov", "Russia's foreign minister"),
    ("Jake Sullivan", "Sullivan", "America's national security adviser"),
    ("Antony Blinken", "Blinken", "America's secretary of state"),
    ("Yoon Suk-yeol", "Yoon", "South Korea's president"),
    ("Fumio Kishida", "Kishida", "Japan's prime minister"),
    ("Sergei Shoigu", "Shoigu", "Russia's defence minister"),
    ("Choe Son Hui", "Choe", "North Korea's foreign minister"),
]
BODIES = ["The Kremlin", "The White House", "South Korea's foreign ministry", "US officials",
          "Japanese officials", "The Pentagon", "North Korean state media", "Analysts"]
CUES = ["said", "told reporters", "warned", "insisted", "claimed", "added", "noted", "argued"]
SUBJECTS = ["the talks", "the meeting", "the summit", "the visit", "co-operation", "the agreement",
            "the arms trade", "the sanctions regime", "the satellite programme", "the railway link"]
PREDICATES = ["would continue next year", "had been very substantive", "posed a threat to the region",
              "would not change anything", "was a historic moment", "broke UN resolutions",
              "would help both countries", "lasted {n} hours", "involved {n} officials",
              "would be reviewed in {n} weeks", "was planned for months", "had been a success"]
QUOTES = ["We will continue our dialogue", "There is no hurry", "Our friendship is eternal",
          "This is a dangerous step", "Nothing was signed today", "We came here to work",
          "Any deal would break the rules", "The region will not accept this"]
NARRATION = ["The armoured train arrived in the morning.", "Security around the cosmodrome was tight.",
             "The two men toured the launch facilities.", "Markets in Seoul barely moved.",
             "The meeting was the first between the two men since 2019.",
             "Russia needs shells for its war in Ukraine.", "Talks continued late into the evening.",
             "The hermit kingdom is thought to hold large stocks of munitions."]
OUTLETS = ["Daily Planet", "Evening Star", "Morning Post", "The Sentinel", "Harbour Times",
           "Capital Courier", "The Observer Wire", "Northern Herald"]
FRAGMENTS = ["very substantive", "a mistake", "historic", "useful"]


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    full, short, role = rng.choice(PEOPLE)
    pred = rng.choice(PREDICATES).format(n=rng.randint(2, 9))
    subject = rng.choice(SUBJECTS)
    if kind < 0.25:
        cue = rng.choice(["said", "added", "told reporters"])
        return f'"{rng.choice(QUOTES)}," {short} {cue}.'
    if kind < 0.40:
        return f"{full}, {role}, {rng.choice(CUES)} that {subject} {pred}."
    if kind < 0.52:
        cue = rng.choice(["said", "claimed", "warned"])
        return f"{rng.choice(BODIES)} {cue} that {subject} {pred}."
    if kind < 0.60:
        body = rng.choice(BODIES).lower().replace("the ", "", 1)
        return f"According to {body}, {subject} {pred}."
    if kind < 0.70:
        return f'Mr {short} said {subject} was "{rng.choice(FRAGMENTS)}".'
    return rng.choice(NARRATION)


# Background sentences for the realistic corpus: what news prose mostly is (places,
# figures, history, movements), with names but no reporting cue or quotation.
PLACES = ["Vladivostok", "Khasan", "the Amur region", "Pyongyang", "Seoul", "Tokyo", "Moscow",
          "Tsiolkovsky", "the Tumen river", "the Sea of Japan", "Rason", "Beijing"]
GOODS = ["artillery shells", "grain", "coal", "fuel oil", "fertiliser", "timber", "seafood",
         "rocket parts", "textiles", "steel"]
MONTHS = ["January", "March", "May", "July", "August", "October", "December"]
BACKGROUND = [
    "{full} travelled to {place} in {month}, accompanied by {n} officials.",
    "The armoured train crossed the border near {place} early on {day}.",
    "{place} lies about {big} kilometres from {place2}.",
    "Exports of {goods} from {place} rose by {n}% in {month}.",
    "The two leaders last met in {place} in {year}.",
    "Trade between the two countries fell to ${big} million in {year}.",
    "The launch site was built in {year} at a cost of ${big} million.",
    "Ships loaded with {goods} left {place} for {place2} in {month}.",
    "Snow fell across {place} on {day}, delaying {n} flights.",
    "The region has a population of about {n} million people.",
    "A {n}-metre rocket stood on the pad behind the two delegations.",
    "Prices of {goods} in {place} doubled over the following {n} months.",
    "The motorcade passed through {place} shortly after noon.",
    "Both countries have been under sanctions since {year}.",
    "{full} arrived in {place} on {day} with a delegation of {n}.",
    "Security was tightened around {place} for the duration of the visit.",
    "Rail traffic between {place} and {place2} resumed in {year} after a {n}-year pause.",
    "The talks at the cosmodrome lasted about {n} hours, followed by a dinner.",
    "Visitors were kept {n} kilometres away from the launch pad.",
    "The visit came {n} weeks after a failed satellite launch in {month}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _background(rng: random.Random) -> str:
    place, place2 = rng.sample(PLACES, 2)
    text = rng.choice(BACKGROUND).format(
        full=rng.choice(PEOPLE)[0], place=place, place2=place2, month=rng.choice(MONTHS),
        day=rng.choice(DAYS), goods=rng.choice(GOODS), n=rng.randint(2, 40),
        big=rng.randint(50, 900), year=rng.randint(1995, 2022))
    return text[0].upper() + text[1:]


def make_corpus(n: int, seed: int = 7, sentences: tuple[int, int] = (12, 24),
                claim_share: float | None = None) -> list[tuple[str, str]]:
    """``n`` articles of a few paragraphs each, with file names, reproducible by ``seed``.

    ``claim_share`` None: the dense corpus (seven sentences in ten attribute a claim,
    three to a paragraph). A share: a sentence attributes a claim with that chance and
    is background prose otherwise, one to three sentences to a paragraph, as in real
    coverage, where most sentences carry no claim."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        count = rng.randint(*sentences)
        if claim_share is None:
            lines = [_sentence(rng) for _ in range(count)]
        else:
            lines = [_claim(rng) if rng.random() < claim_share else _background(rng)
                     for _ in range(count)]
        paras = ["---", f"outlet: {rng.choice(OUTLETS)}", "date: 2023-09-13", "---"]
        j = 0
        while j < len(lines):
            step = 3 if claim_share is None else rng.randint(1, 3)
            paras.append(" ".join(lines[j : j + step]))
            j += step
        # markdown: a blank line between paragraphs (lines next to each other are one)
        out.append((f"article_{i:05d}.md", "\n".join(paras[:4]) + "\n" + "\n\n".join(paras[4:]) + "\n"))
    return out


def _claim(rng: random.Random) -> str:
    """A sentence that attributes a claim (the dense corpus's kinds, without narration)."""
    while True:
        s = _sentence(rng)
        if s not in NARRATION:
            return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--claim-share", type=float, default=None,
                    help="realistic density: the chance a sentence attributes a claim")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in make_corpus(args.articles, args.seed, claim_share=args.claim_share):
        (args.out / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
