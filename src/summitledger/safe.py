"""Text from articles made safe for where it goes: terminals, spreadsheets, links.

Article text, outlet and file names come from anyone. Printed for a person they must
not drive the terminal (escape sequences, OSC titles, bidi overrides) nor start a line
of their own (a name holding a line break could forge an ``Error:`` line); in a CSV
cell they must not start a formula; as a link they must be http(s).
"""

from __future__ import annotations

import os
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


_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape_one(m: re.Match[str]) -> str:
    c = m.group(0)
    if c in _ESCAPES:
        return _ESCAPES[c]
    n = ord(c)
    if 0xDC80 <= n <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


_NAME_UNSAFE = re.compile(
    "[\x00-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def escaped(name: str) -> str:
    """``name`` (a file name, an outlet) on one line, as it may be shown anywhere: line
    breaks, tabs and other control or bidi characters as escapes (``\\n``, ``\\x1b``),
    bytes that were not UTF-8 as ``\\xff``. Unlike :func:`printable`, nothing is dropped,
    so two different names stay told apart."""
    return _NAME_UNSAFE.sub(_escape_one, name)


def line_safe(text: str) -> str:
    """``text`` to print on a line of its own making (a table's title, a column, a name):
    :func:`printable`, then what is left of line breaks and tabs :func:`escaped`."""
    return escaped(printable(text))


def shown_path(path: object) -> str:
    """A path as messages show it: :func:`escaped`, whatever bytes its name holds."""
    return escaped(os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path))


def origin_key(path: object) -> str:
    """A file's identity in the ledger: its absolute path with symbolic links resolved,
    as a string that any bytes fit in and that no two paths share (a backslash doubled,
    ``#`` and bytes that are not UTF-8 as ``\\xNN``), so that a ``#`` after it can only
    part the file from a record in it."""
    raw = os.fsencode(os.path.realpath(path))  # type: ignore[arg-type]
    return (raw.replace(b"\\", b"\\\\").replace(b"#", b"\\x23")
            .decode("utf-8", "backslashreplace"))


def key_path(key: str) -> bytes | None:
    """The file path an :func:`origin_key` names (its part before any ``#``, escapes
    undone); None for a key that names no file (standard input's)."""
    if not key.startswith("/"):
        return None
    part, out, i = key.split("#", 1)[0], bytearray(), 0
    while i < len(part):
        if part.startswith("\\\\", i):
            out += b"\\"
            i += 2
        elif part.startswith("\\x", i):
            out.append(int(part[i + 2 : i + 4], 16))
            i += 4
        else:
            out += part[i].encode("utf-8")
            i += 1
    return bytes(out)


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
