"""Publication times as ISO 8601: a date ('2025-03-04') when the input gives a day, a
datetime with its offset ('2025-09-21T19:05:00+03:00') when it gives a time.

Every input's date goes through :func:`iso_time`: a manifest's or front matter's
``date``, a JSON lines record's ``date``, and a saved page's ``article:published_time``,
``datePublished`` (JSON-LD or microdata), read by trafilatura's date finder (htmldate).
Text that is no date is kept as it is.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,2}\s*[ap]\.?m\b", re.I)
_FORMATS = ("%Y-%m-%d", "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y")
# what trafilatura (htmldate) is asked for; a page that gives only a day comes back at
# midnight with no offset, which is read as the day alone
HTML_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _render(value: datetime, with_time: bool) -> str:
    if not with_time:
        return value.date().isoformat()
    return value.replace(microsecond=0).isoformat()


def iso_time(text: str) -> str:
    """'Sep 13th 2023' -> '2023-09-13'; '2025-03-04T09:30:00Z' -> '2025-03-04T09:30:00+00:00';
    'Tue, 04 Mar 2025 09:30:00 GMT' (RFC 2822) keeps its time; other text as it is."""
    raw = text.strip()
    if not raw:
        return raw
    try:  # ISO 8601, 'Z' and offsets included
        parsed = datetime.fromisoformat(raw.replace(" ", "T", 1) if _CLOCK.search(raw) else raw)
        return _render(parsed, "T" in raw or " " in raw)
    except ValueError:
        pass
    clean = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw).replace(",", "").replace(".", "")
    clean = clean.replace("Sept ", "Sep ")
    for fmt in _FORMATS:
        try:
            return datetime.strptime(clean, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return _render(parsedate_to_datetime(raw), True)
    except (TypeError, ValueError, IndexError):
        pass
    # 'Tuesday, 4 March 2025', '4/3/2025 14:30': dateparser (loaded only for dates the
    # formats above miss), day, month and year all required
    import dateparser

    found = dateparser.parse(raw, languages=["en"], settings={
        "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"})
    return _render(found, bool(_CLOCK.search(raw))) if found else raw


def html_time(found: str) -> str:
    """trafilatura's date (asked for in :data:`HTML_FORMAT`): a day alone comes back at
    midnight without an offset."""
    if found.endswith("T00:00:00"):
        return found[:10]
    return iso_time(found)
