"""One person's name as different outlets spell it: transliterations and accents.

"Debashish Bardhan" and "Debasish Bardhan", "Yevhen Hrabarenko" and "Yevgeny
Grabarenko", "Recep Erdoğan" and "Recep Erdogan". Names are folded to ASCII (anyascii),
then compared word by word: the family name closely (Jaro-Winkler from rapidfuzz), the
given name loosely (a transliteration moves vowels and 'h'/'g'/'y' about) or by a
phonetic key (jellyfish's Match Rating Approach codex) or by its initial. Only names of
two or more words are compared, so a bare surname never joins on spelling alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jellyfish
from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

#: the family names of one person in two spellings ('Hrabarenko' ~ 'Grabarenko' scores
#: 0.93, 'Bardhan' ~ 'Bardhan' 1.0); different people's surnames rarely reach it
FAMILY_SIMILARITY = 0.90
#: the given names of one person ('Yevhen' ~ 'Evgeni' scores 0.78, 'Lidia' ~ 'Lidiya'
#: 0.97), taken together with the family name above
GIVEN_SIMILARITY = 0.75
#: words that join or qualify names but are not the name ('al-', 'bin', 'van', 'Jr')
PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "van", "von", "der", "den",
                       "de", "da", "di", "du", "la", "le", "jr", "sr", "ii", "iii"})


@lru_cache(maxsize=65536)
def fold(name: str) -> tuple[str, ...]:
    """The words of a name in lower-case ASCII, particles and punctuation dropped:
    'Mohammed al-Rashid' -> ('mohammed', 'rashid')."""
    words = re.split(r"[\s\-’'.]+", anyascii(name).lower())
    return tuple(w for w in words if w and w.isalpha() and w not in PARTICLES)


def _given_alike(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    if JaroWinkler.similarity(a, b) >= GIVEN_SIMILARITY:
        return True
    return len(a) > 2 and len(b) > 2 and jellyfish.match_rating_codex(a) == \
        jellyfish.match_rating_codex(b)


def same_person_name(a: str, b: str) -> bool:
    """Can two full names be one person's, spelled differently? The same number of
    name words, the family names close and every other word alike."""
    fa, fb = fold(a), fold(b)
    if len(fa) < 2 or len(fb) < 2 or fa == fb:
        return len(fa) >= 2 and fa == fb
    if len(fa) != len(fb):
        return False
    if JaroWinkler.similarity(fa[-1], fb[-1]) < FAMILY_SIMILARITY:
        return False
    return all(_given_alike(x, y) for x, y in zip(fa[:-1], fb[:-1], strict=True))
