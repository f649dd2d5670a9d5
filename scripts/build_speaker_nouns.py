"""Build src/summitledger/data/speaker_nouns.json from WordNet 3.0.

A noun can speak when one of its commonest senses is a person (WordNet's lexicographer
file noun.person) or a social group: an organisation, a body, a people (noun.group
senses under social_group, people or organization). Documents that speak for their
author ("a statement", "a report by X") are listed separately: the nouns under
statement, report, document and written record's kin (noun.communication).

The data comes from Debian's wordnet-base package (``apt-get install wordnet-base``),
which installs the WordNet database in /usr/share/wordnet. The output holds WordNet's
license text, which allows redistribution with it.

    python scripts/build_speaker_nouns.py [/usr/share/wordnet]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PERSON, GROUP, COMMUNICATION = 18, 14, 10
SENSES = 3  # a noun qualifies by one of its three commonest senses
GROUP_ROOTS = ("social_group", "people", "organization")
NOT_GROUPS = ("gathering",)  # a dinner, a wedding, a summit: occasions, not speakers
DOCUMENT_ROOTS = ("statement", "report", "document", "announcement", "study",
                  "opinion", "judgment", "message")
OUT = Path(__file__).resolve().parents[1] / "src/summitledger/data/speaker_nouns.json"


def read_index(folder: Path) -> dict[str, list[int]]:
    senses: dict[str, list[int]] = {}
    for line in (folder / "index.noun").read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        lemma, n_syn, n_ptr = parts[0], int(parts[2]), int(parts[3])
        offsets = parts[6 + n_ptr:]
        senses[lemma] = [int(o) for o in offsets[:n_syn]]
    return senses


def read_data(folder: Path) -> tuple[dict[int, int], dict[int, list[int]]]:
    lexfile: dict[int, int] = {}
    hypernyms: dict[int, list[int]] = {}
    for line in (folder / "data.noun").read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split(" | ")[0].split()
        offset, lex = int(parts[0]), int(parts[1])
        n_words = int(parts[3], 16)
        rest = parts[4 + 2 * n_words:]
        n_ptr = int(rest[0])
        ptrs = rest[1:1 + 4 * n_ptr]
        lexfile[offset] = lex
        hypernyms[offset] = [int(ptrs[i + 1]) for i in range(0, len(ptrs), 4)
                             if ptrs[i] in ("@", "@i")]
    return lexfile, hypernyms


def under(offset: int, roots: set[int], hypernyms: dict[int, list[int]]) -> bool:
    seen, stack = set(), [offset]
    while stack:
        o = stack.pop()
        if o in roots:
            return True
        if o not in seen:
            seen.add(o)
            stack.extend(hypernyms.get(o, []))
    return False


def main(folder: Path) -> None:
    index = read_index(folder)
    lexfile, hypernyms = read_data(folder)
    groups = {index[r][0] for r in GROUP_ROOTS}
    occasions = {index[r][0] for r in NOT_GROUPS}
    documents = {index[r][0] for r in DOCUMENT_ROOTS}
    persons, bodies, docs = set(), set(), set()
    for lemma, offsets in index.items():
        if not lemma.replace("-", "").isalpha() or not lemma.islower():
            continue
        for o in offsets[:SENSES]:
            if lexfile[o] == PERSON:
                persons.add(lemma)
            elif (lexfile[o] == GROUP and under(o, groups, hypernyms)
                  and not under(o, occasions, hypernyms)):
                bodies.add(lemma)
        if lexfile[offsets[0]] == COMMUNICATION and under(offsets[0], documents, hypernyms):
            docs.add(lemma)
    license_text = Path("/usr/share/doc/wordnet-base/copyright")
    out = {
        "_doc": "Nouns that can speak, derived from WordNet 3.0 by "
                "scripts/build_speaker_nouns.py: 'person' (one of the three commonest "
                "senses is a person), 'body' (one of them is an organisation, body or "
                "people), 'document' (the commonest sense is a statement, report or "
                "document, which speaks for its author). American spellings; the "
                "extractor also tries British ones.",
        "_license": "WordNet 3.0 Copyright 2006 by Princeton University. All rights "
                    "reserved. Used under the WordNet 3.0 license"
                    + (" (see /usr/share/doc/wordnet-base/copyright)" if license_text.exists()
                       else "") + ": permission to use, copy, modify and distribute "
                    "this database for any purpose and without fee is granted, with "
                    "this notice. THE DATABASE IS PROVIDED 'AS IS', WITHOUT WARRANTY.",
        "person": sorted(persons),
        "body": sorted(bodies - persons),
        "document": sorted(docs - persons - bodies),
    }
    OUT.write_text(json.dumps(out, indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"{OUT}: {len(persons)} person, {len(out['body'])} body, "
          f"{len(out['document'])} document nouns")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))
