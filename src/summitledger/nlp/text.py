"""Text normalised the same way for every stage: Unicode, spaces, controls, paragraphs.

Ingest stores articles in this form, and extraction's library entry point
(``extract_text``) applies it to a bare string, so both see the same characters.
"""

from __future__ import annotations

import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t\f\v"), " ")
# other control characters (C0 but line breaks, DEL, C1) never reach the ledger
CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f, *range(0x80, 0xa0)],
                          None)
_ENDS = set(".!?:;\"”’')]…")


def paragraphs(text: str) -> str:
    """Prose with one paragraph a line. With blank lines in the text, they part the
    paragraphs and a single line break inside one is a wrapped line; without any, each
    line is a paragraph."""
    lines = [line.strip() for line in text.split("\n")]
    if "" not in lines[1:-1] or not any(lines):
        # no blank lines: a line is a paragraph, unless it stops mid-sentence and the
        # next goes on in lower case (a wrapped line)
        out: list[str] = []
        for line in (x for x in lines if x):
            if out and out[-1][-1] not in _ENDS and line[0].islower():
                out[-1] += " " + line
            else:
                out.append(line)
        return "\n".join(out)
    paras, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paras.append(" ".join(current))
            current = []
    return "\n".join(paras)


def normalise(text: str) -> str:
    """Unicode NFC, LF line ends, plain spaces, no zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH).translate(_SPACES)
    return text.translate(CONTROLS)


