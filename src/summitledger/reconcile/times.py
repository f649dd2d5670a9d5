"""When a figure was given: the article's publication time (a copy's is its original's),
or the text's own time for it ('on Saturday evening', 'by Sunday afternoon',
'yesterday'), read against the publication time. Pure functions.

A time is a :class:`When`: a day, and a moment when the input gives one. Two times
with moments compare by moment (offsets honoured); otherwise by day, so two reports of
one day with no hour given are of the same time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# the hour a part of the day stands for, so that 'Sunday evening' comes after 'Sunday
# afternoon' and 'Monday morning' before a Monday article of 10:05
PARTS = {"dawn": 6, "morning": 9, "midday": 12, "noon": 12, "lunchtime": 13,
         "afternoon": 15, "evening": 19, "tonight": 21, "night": 22, "overnight": 2}
LOOKBACK = timedelta(days=7)  # a text's own time further back is an event's date, not a report's
_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m\b|(\d{1,2})[:.](\d{2})")


@dataclass(frozen=True)
class When:
    """A day, and the moment when known (aware or naive as the input gave it)."""

    day: date
    at: datetime | None = None

    @property
    def key(self) -> tuple[float, int]:
        """A sort key: the moment in UTC seconds (naive read as UTC), else the day's start."""
        if self.at is None:
            moment = datetime(self.day.year, self.day.month, self.day.day, tzinfo=UTC)
            return moment.timestamp(), 0
        at = self.at if self.at.tzinfo else self.at.replace(tzinfo=UTC)
        return at.timestamp(), 1

    def before(self, other: When) -> bool:
        """Strictly earlier: by moment when both have one, else by day."""
        if self.at is not None and other.at is not None and \
                (self.at.tzinfo is None) == (other.at.tzinfo is None):
            return self.at < other.at
        return self.day < other.day

    def same(self, other: When) -> bool:
        return not self.before(other) and not other.before(self)

    def iso(self) -> str:
        return self.at.isoformat() if self.at is not None else self.day.isoformat()


def parse_when(value: str) -> When | None:
    """A stored publication time ('2025-09-21T19:05:00+03:00' or '2025-09-21')."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return When(parsed.date(), parsed if len(value) > 10 else None)


def _hour(text: str) -> tuple[int, int] | None:
    m = _CLOCK.search(text)
    if m is None:
        words = set(re.findall(r"[a-z]+", text))
        return next(((hour, 0) for part, hour in PARTS.items() if part in words), None)
    if m.group(3):
        hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
        return hour, int(m.group(2) or 0)
    return int(m.group(4)), int(m.group(5))


def _day(text: str, pub: date) -> date | None:
    words = re.findall(r"[a-z]+|\d+", text.lower())
    if {"next", "tomorrow", "coming"} & set(words):
        return None  # a day to come: no time a figure is reported as of
    if "yesterday" in words or "last" in words and "night" in words:
        return pub - timedelta(days=1)
    if {"today", "tonight", "this"} & set(words):
        return pub
    for n, name in enumerate(WEEKDAYS):
        if name in words:  # the latest such day on or before publication
            return pub - timedelta(days=(pub.weekday() - n) % 7)
    month = next((i + 1 for w in words for i, m in enumerate(MONTHS) if w.startswith(m)
                  and len(w) >= 3), None)
    day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
    if month and day:
        try:
            found = date(pub.year, month, day)
        except ValueError:
            return None
        return found if found <= pub else date(pub.year - 1, month, day)
    if _hour(text) is not None:
        return pub
    return None


def text_time(text: str, published: When) -> When | None:
    """The text's own time for a figure ('on Monday evening', 'by 6pm', 'yesterday'),
    read against the publication time; None when it names no day the report can be of
    (no day, a future day, or more than a week before publication)."""
    if not text:
        return None
    day = _day(text, published.day)
    if day is None or day > published.day or published.day - day > LOOKBACK:
        return None
    hour = _hour(text.lower())
    if hour is None and day == published.day:
        return published  # 'on Monday' in a Monday article says no more than its date
    if hour is None or published.at is None:
        return When(day)
    at = published.at.replace(year=day.year, month=day.month, day=day.day, hour=hour[0],
                              minute=hour[1], second=0, microsecond=0)
    return When(day, min(at, published.at))


def report_time(published: When | None, own: str) -> When | None:
    """When a figure is reported as of: the text's own time for it, else publication."""
    if published is None:
        return None
    return text_time(own, published) or published
