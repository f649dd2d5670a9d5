"""Text from articles made safe for where it goes: terminals, spreadsheets, links.

Article text, outlet and file names come from anyone. Printed for a person they must
not drive the terminal (escape sequences, OSC titles, bidi overrides); in a CSV cell
they must not start a formula; as a link they must be http(s).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# C0 controls but tab and line feed, DEL, C1 controls, and the bidi embedding, override
# and isolate marks that reorder what a reader sees
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)?|\[[0-?]*[ -/]*[@-~]|.)?")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """``text`` without terminal escape sequences (CSI, OSC titles and links) or other
    control and bidi-override characters; line feeds and tabs are kept."""
    return _UNPRINTABLE.sub("", _ESCAPE_SEQUENCE.sub("", text))


def csv_cell(text: str) -> str:
    """A cell no spreadsheet reads as a formula: one starting with ``= + - @``, tab or
    carriage return gets a leading apostrophe (as OWASP advises)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_value(value: object) -> str:
    """A CSV cell for ``value``: a number as written (-1 stays a number a spreadsheet
    sums), text through :func:`csv_cell`, None empty."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return csv_cell("" if value is None else str(value))


def web_url(url: str) -> str:
    """``url`` if it is an http(s) address, else '' (``javascript:``, ``data:``, ``file:``
    and the rest are dropped)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""
