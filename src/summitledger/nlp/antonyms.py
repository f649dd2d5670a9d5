"""Words of opposite meaning: open/closed, alive/dead, legal/illegal, valid/invalid.

The table is ``data/antonyms.json``, built from WordNet 3.0 by
``scripts/build_antonyms.py``: adjectives' direct antonyms, and a participle's verb with
its adjective's antonym ("the road was closed" holds the verb "close", the opposite of
"open"). Reconcile reads two claims of one statement whose states are opposites as a
contradiction (:mod:`summitledger.reconcile.verdicts`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from summitledger.wordbag import WordBag


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(adjective -> its antonyms, verb -> the adjectives its participle is opposite to)."""
    raw = resources.files("summitledger").joinpath("data/antonyms.json").read_text("utf-8")
    data = json.loads(raw)
    adjectives: dict[str, set[str]] = {}
    for a, b in data["adjectives"]:
        adjectives.setdefault(a, set()).add(b)
        adjectives.setdefault(b, set()).add(a)
    participles: dict[str, set[str]] = {}
    for verb, adjective in data["participles"]:
        participles.setdefault(verb, set()).add(adjective)
    return ({k: frozenset(v) for k, v in adjectives.items()},
            {k: frozenset(v) for k, v in participles.items()})


def _one_way(x: WordBag, y: WordBag) -> tuple[str, str] | None:
    adjectives, participles = _table()
    own, other = set(x.modifiers), set(y.modifiers)
    for word in sorted(own - other):
        for opposite in sorted((adjectives.get(word, frozenset()) & other) - own):
            return word, opposite
    for verb in sorted(set(x.verbs) - set(y.verbs)):
        for opposite in sorted((participles.get(verb, frozenset()) & other) - own):
            return verb, opposite
    return None


def opposed(a: WordBag, b: WordBag) -> tuple[str, str] | None:
    """A state word of ``a`` whose opposite ``b`` holds, where neither holds both (a
    report of "open and closed lanes" opposes nothing): (a's word, b's word), else None."""
    found = _one_way(a, b)
    if found is not None:
        return found
    back = _one_way(b, a)
    return (back[1], back[0]) if back is not None else None
