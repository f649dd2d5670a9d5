"""Build src/summitledger/data/antonyms.json from WordNet 3.0.

Pairs of adjectives of opposite meaning (WordNet's direct antonym pointers: open/closed,
alive/dead, legal/illegal, valid/invalid, guilty/innocent). Reconcile reads one claim
saying the road is open and another, matched to it as the same statement, saying the road
is closed as a contradiction. A participle is also listed as its verb ("closed" as
"close"), since the parser takes "the road was closed" for the verb. Kept only:
- pairs whose antonym sense is among the three commonest senses of both words, so that
  rare senses do not make contradictions of ordinary words;
- words used more as adjectives than as adverbs ("well", "fast" are mostly adverbs);
- not verbs' antonyms: many are converses that are both true of one event (buy/sell,
  lend/borrow, give/take), which would make contradictions of agreeing reports.

The data comes from Debian's wordnet-base package (``apt-get install wordnet-base``),
which installs the WordNet database in /usr/share/wordnet. The output holds WordNet's
license text, which allows redistribution with it.

    python scripts/build_antonyms.py [/usr/share/wordnet]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SENSES = 3  # a pair counts when its sense is one of the three commonest of both words
OUT = Path(__file__).resolve().parents[1] / "src/summitledger/data/antonyms.json"
MARKER = re.compile(r"\([a-z]+\)$")  # adjective position markers: "(a)", "(p)", "(ip)"


def read_index(folder: Path, pos: str) -> dict[str, list[int]]:
    senses: dict[str, list[int]] = {}
    for line in (folder / f"index.{pos}").read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        lemma, n_syn, n_ptr = parts[0], int(parts[2]), int(parts[3])
        senses[lemma] = [int(o) for o in parts[6 + n_ptr:][:n_syn]]
    return senses


def read_antonyms(folder: Path, pos: str) -> list[tuple[str, int, str, int]]:
    """(word, its synset, antonym, its synset) for every direct antonym pointer."""
    words: dict[int, list[str]] = {}
    pointers: list[tuple[int, int, int, int]] = []
    for line in (folder / f"data.{pos}").read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split(" | ")[0].split()
        offset, n_words = int(parts[0]), int(parts[3], 16)
        words[offset] = [MARKER.sub("", parts[4 + 2 * k]).lower() for k in range(n_words)]
        rest = parts[4 + 2 * n_words:]
        n_ptr = int(rest[0])
        for k in range(n_ptr):
            symbol, target, _, st = rest[1 + 4 * k: 5 + 4 * k]
            if symbol == "!":
                pointers.append((offset, int(st[:2], 16), int(target), int(st[2:], 16)))
    return [(words[a][sa - 1], a, words[b][sb - 1], b) for a, sa, b, sb in pointers
            if a in words and b in words]


def as_verb(word: str, verbs: dict[str, list[int]]) -> str | None:
    """The verb a regular participle comes from ("closed" -> "close", "stopped" -> "stop")."""
    if not word.endswith("ed"):
        return None
    for base in (word[:-1], word[:-2], word[:-3]):
        if base in verbs:
            return base
    return None


def main(folder: Path) -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    adjectives, adverbs = read_index(folder, "adj"), read_index(folder, "adv")
    verbs = read_index(folder, "verb")
    pairs: set[tuple[str, str]] = set()
    participles: set[tuple[str, str]] = set()
    for w, a, v, b in read_antonyms(folder, "adj"):
        if "_" in w or "_" in v or w == v or w in STOP_WORDS or v in STOP_WORDS:
            continue  # phrases ("in_play") and function words ("out") are no claim's state
        if a not in adjectives.get(w, [])[:SENSES] or b not in adjectives.get(v, [])[:SENSES]:
            continue
        if any(len(adverbs.get(x, [])) >= len(adjectives[x]) for x in (w, v)):
            continue
        pairs.add((min(w, v), max(w, v)))
        for x, y in ((w, v), (v, w)):
            verb = as_verb(x, verbs)
            if verb is not None and verb != y:
                participles.add((verb, y))
    license_text = Path("/usr/share/doc/wordnet-base/copyright")
    out = {
        "_doc": "Words of opposite meaning, derived from WordNet 3.0 by "
                "scripts/build_antonyms.py: direct antonyms among adjectives, each in one "
                "of its three commonest senses ('adjectives'), and a participle's verb "
                "with its adjective's antonym ('participles': closed/open as close/open).",
        "_license": "WordNet 3.0 Copyright 2006 by Princeton University. All rights "
                    "reserved. Used under the WordNet 3.0 license"
                    + (" (see /usr/share/doc/wordnet-base/copyright)" if license_text.exists()
                       else ""),
        "adjectives": sorted(pairs),
        # (verb, adjective): the verb's participle is the adjective's antonym
        "participles": sorted(participles),
    }
    OUT.write_text(json.dumps(out, indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"{OUT}: {len(pairs)} pairs of adjectives, {len(participles)} of participles")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))
