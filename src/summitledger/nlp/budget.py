"""Time budgets: how long each text of a batch may take to parse and extract.

Texts are parsed in batches, their paragraphs mixed in one ``nlp.pipe``; a batch's
time is charged to the texts whose parts were in it, by their share of its characters
(a slow part's neighbours are charged some of its time: the limits are generous). A text over its
budget gets no more work (its remaining parts are fed to spaCy empty) and its caller
refuses it, so one pathological article cannot stall the others. The check falls
between parts, never inside one: :func:`summitledger.nlp.text.tame` bounds each part's
work.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

#: Every article may take this long, whatever its length (loading a pipeline's first
#: batch, a slow machine shared with others).
BASE_SECONDS = 30.0
#: ... and one second more per this many characters: the slowest rate measured for
#: real articles is about 26,000 characters a second (a 1.1 MB article in 42 s), so
#: this leaves five times that.
CHARS_PER_SECOND = 5_000


def article_seconds(text: str, fixed: float | None = None) -> float:
    """An article's budget: ``fixed`` (``SUMMITLEDGER_ARTICLE_SECONDS``) when given, else
    :data:`BASE_SECONDS` plus a second per :data:`CHARS_PER_SECOND` characters."""
    return fixed if fixed is not None else BASE_SECONDS + len(text) / CHARS_PER_SECOND


class Budget:
    """Seconds spent on each of a run of texts, against each one's limit."""

    def __init__(self, limits: Sequence[float]) -> None:
        self.limits = list(limits)
        self.spent = [0.0] * len(self.limits)
        self._last = time.monotonic()

    def start(self) -> None:
        """Time from now on is charged (what went before was someone else's)."""
        self._last = time.monotonic()

    def charge(self, n: int) -> None:
        """Charge the time since the last charge to text ``n``."""
        now = time.monotonic()
        self.spent[n] += now - self._last
        self._last = now

    def share(self, texts: list[int], sizes: list[int]) -> None:
        """Charge the time since the last charge to ``texts``, worked on together, each
        by its share of ``sizes`` (characters)."""
        now = time.monotonic()
        total = sum(sizes) or 1
        for n, size in zip(texts, sizes, strict=True):
            self.spent[n] += (now - self._last) * size / total
        self._last = now

    def over(self, n: int) -> bool:
        return self.spent[n] > self.limits[n]
