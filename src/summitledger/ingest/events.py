"""Which event each article goes to, and whether it fits another event better.

An article's event is ``--event``, else its folder's manifest ``event``, else the event
it is already in when it is read again from the same place, else the name of the folder
given (see :mod:`summitledger.events`); standard input and web pages go to the
ledger's only event, or to 'default'. After storing, an article whose distinctive names are another event's
more than its own is reported (a warning, SL113), never silently mixed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from summitledger.errors import OTHER_EVENT
from summitledger.events import DEFAULT_EVENT, checked_name, folder_event
from summitledger.ingest.manifest import manifest_event
from summitledger.ingest.readers import STDIN, Source
from summitledger.models import ArticleIn
from summitledger.store.articles import texts_by_event

#: A name-like word: capitalised, three letters or more. Events differ by their names
#: (places, people, bodies); words every event uses weigh nothing (see :func:`_weights`).
NAME_WORD = re.compile(r"\b[A-Z][\w'’-]{2,}")
#: How much of an article's distinctive names another event must hold before the article
#: is said to fit it: a quarter of its weight, and twice its own event's share. Chosen on
#: the seeds and development events in one ledger: each article fits its own event at
#: 0.30 to 0.54 and every other event at 0.07 or less.
FIT_FLOOR = 0.25
FIT_RATIO = 2.0
#: The warning names this many of the shared names, the most telling first: enough to
#: show why, short enough for one line.
NAMES_SHOWN = 4


@dataclass
class Pick:
    """The event an article was given, and whether the user named it (``--event`` or a
    manifest) rather than it being taken from the folder's name."""

    name: str | None  # None: nothing names one (standard input, a web page)
    named: bool


def pick(src: Source, event: str | None) -> Pick:
    """The event for the articles of one source, before looking at the ledger."""
    if event:
        return Pick(checked_name(event), True)
    if str(src.path) == STDIN:
        return Pick(None, False)
    given = manifest_event(src.path.parent)
    if given:
        return Pick(checked_name(given), True)
    if src.named:
        return Pick(folder_event(src.path), False)
    folder = Path(src.path.as_posix()[: -len(src.name)] or ".")  # the folder given
    return Pick(folder_event(folder), False)


def pick_page(event: str | None) -> Pick:
    """The event for a web page: ``--event``, else as standard input's (no folder)."""
    return Pick(checked_name(event), True) if event else Pick(None, False)


def place(articles: list[ArticleIn], picks: list[Pick], homes: dict[tuple[str, str], set[str]],
          events: list[str]) -> None:
    """Set each article's event: a named one; else the event it is in when it is read
    again from the same path (``homes``: (file, path) -> events); else its folder's; an
    event is spelt as the ledger spells it, whatever the case given."""
    spelt = {e.lower(): e for e in events}
    for art, p in zip(articles, picks, strict=True):
        name = p.name
        if not p.named:
            home = homes.get((art.file, art.path), set())
            if len(home) == 1:
                name = next(iter(home))
            elif name is None:
                name = events[0] if len(events) == 1 else DEFAULT_EVENT
        art.event = spelt.get((name or DEFAULT_EVENT).lower(), name or DEFAULT_EVENT)


def _words(text: str) -> dict[str, str]:
    """The name-like words of a text, compared in lower case, kept as written."""
    return {w.lower().replace("’", "'"): w for w in NAME_WORD.findall(text)}


def _weights(profiles: dict[str, Counter[str]], words: Iterable[str]) -> dict[str, float]:
    """How distinctive each word is among the events: log(events / events using it)."""
    n = len(profiles)
    return {w: math.log(n / max(1, sum(1 for p in profiles.values() if p[w]))) for w in words}


def misfits(engine: Engine, files: list[tuple[str, str]]) -> list[str]:
    """Warnings (SL113) for the stored articles ``files`` ((file, event) pairs) whose
    distinctive names another event holds far more than their own. Nothing is said
    while the ledger holds one event."""
    if not files:
        return []
    names, rows = texts_by_event(engine)
    if len(names) < 2:
        return []
    words = {(f, names.get(e, "")): _words(t) for f, e, t in rows}
    size: Counter[str] = Counter(ev for _, ev in words)
    profiles: dict[str, Counter[str]] = {ev: Counter() for ev in size}
    for (_, ev), ws in words.items():
        profiles[ev].update(ws.keys())
    out = []
    for key in files:
        own = words.get(key)
        if not own:
            continue
        _, event = key
        weight = _weights(profiles, own)
        total = sum(weight.values())
        if total <= 0:
            continue
        fit: dict[str, float] = {}
        for ev, prof in profiles.items():
            n = size[ev] - (ev == event)  # the article itself is not evidence
            if n:
                fit[ev] = sum(weight[w] * (prof[w] - (ev == event)) / n for w in own) / total
        best = max((e for e in fit if e != event), key=lambda e: (fit[e], e), default=None)
        if best is None:
            continue
        mine = fit.get(event, 0.0)
        if fit[best] >= FIT_FLOOR and fit[best] >= FIT_RATIO * mine:
            shared = sorted((w for w in own if profiles[best][w] and weight[w] > 0),
                            key=lambda w: (-weight[w] * profiles[best][w], w))[:NAMES_SHOWN]
            out.append(f"[{OTHER_EVENT}] {key[0]}: fits event '{best}' better than '{event}' "
                       f"({fit[best]:.2f} against {mine:.2f}; names such as "
                       f"{', '.join(own[w] for w in shared)}); to move it, ingest it again "
                       f"with --event '{best}'")
    return out
