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


def make_corpus(n: int, seed: int = 7, sentences: tuple[int, int] = (12, 24)) -> list[tuple[str, str]]:
    """``n`` articles of a few paragraphs each, with file names, reproducible by ``seed``."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lines = [_sentence(rng) for _ in range(rng.randint(*sentences))]
        paras = ["---", f"outlet: {rng.choice(OUTLETS)}", "date: 2023-09-13", "---"]
        for j in range(0, len(lines), 3):
            paras.append(" ".join(lines[j : j + 3]))
        out.append((f"article_{i:05d}.md", "\n".join(paras) + "\n"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in make_corpus(args.articles, args.seed):
        (args.out / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
