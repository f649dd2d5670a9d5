"""One claim once: a claim held inside another's content by the same voice is dropped."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from summitledger.nlp.words import HONORIFICS, NAME_GLUE, PERSONAL

if TYPE_CHECKING:
    from summitledger.models import ClaimDraft

#: how many claims starting before a claim are looked at as ones that may hold it: a
#: content is a sentence or two, so an outer claim is among the last few that start
#: before it, and the work stays linear in a long article
HOLDERS = 64
#: words of two actors' names that do not make them one body
_NOT_NAMES = NAME_GLUE | HONORIFICS | {"s"}


def dedupe(claims: list[ClaimDraft]) -> list[ClaimDraft]:
    """Drop a claim whose content lies inside another's with the same speaker, and a
    claim reported inside another's content ("Residents said they had complained about
    X": the residents' claim, not a second one). ``claims`` come sorted by content
    start; only claims still open at a claim's start can hold it, so the work stays
    linear in a long article."""
    kept: list[ClaimDraft] = []
    active: list[ClaimDraft] = []  # kept claims whose content reaches the current one
    for c in claims:
        active = [k for k in active if k.content_end >= c.content_start]
        if any(k.speaker_start == c.speaker_start and k.content_start <= c.content_start
               and c.content_end <= k.content_end for k in active):
            continue
        kept.append(c)
        active.append(c)
    out: list[ClaimDraft] = []
    by_start = sorted(kept, key=lambda k: k.content_start)
    starts = [k.content_start for k in by_start]
    for c in kept:
        if c.cue:
            lo = min(c.cue_start, c.content_start)
            hi = max(c.cue_end, c.content_end)
            # the outer claims start at or before lo; contents are short, so look back
            # only over those that can still reach hi
            n = bisect.bisect_right(starts, lo)
            held = False
            for k in reversed(by_start[max(0, n - HOLDERS) : n]):
                if k is not c and k.content_end >= hi and _same_voice(k, c):
                    held = True
                    break
            if held:
                continue
        out.append(c)
    return out


def _same_voice(outer: ClaimDraft, inner: ClaimDraft) -> bool:
    """Is the inner claim's speaker the outer's own ('they', or the same body)?"""
    if inner.speaker.lower() in PERSONAL | {"it"}:
        return True
    words = {w for w in outer.actor.lower().split() if w not in _NOT_NAMES}
    return bool(words & {w for w in inner.actor.lower().split() if w not in _NOT_NAMES})
