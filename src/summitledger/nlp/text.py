"""Text normalised the same way for every stage: Unicode, spaces, controls, paragraphs.

Ingest stores articles in this form, and extraction's library entry point
(``extract_text``) applies it to a bare string, so both see the same characters.
"""

from __future__ import annotations

import re
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




#: A mark repeated more than this many times running ('!!!!!!', '————', '&&&&') is kept
#: this many times: decoration, not prose. spaCy's tokenizer takes such a run apart one
#: mark at a time, rescanning the rest each time, so its work grows with the square of
#: the run (60 KB of '&' took 407 s).
REPEAT_MAX = 3
#: A run of punctuation and symbols (no letter, digit or white space) longer than this is
#: cut to its first marks, for the same reason ('!?!?!?...', '(&(&(&...'); the longest
#: in prose is a few marks ('."' + closing bracket).
MARKS_MAX = 10
#: A stretch without white space longer than this gets a space after every this many
#: characters: the tokenizer's work on one token grows with the square of its length,
#: and no word or web address in an article is this long.
STRETCH_MAX = 200
_MARK = r"(?:[^\w\s]|_)"
_REPEAT = re.compile(rf"({_MARK})\1{{{REPEAT_MAX},}}")
_MARKS = re.compile(rf"{_MARK}{{{MARKS_MAX + 1},}}")
_STRETCH = re.compile(rf"\S{{{STRETCH_MAX + 1},}}")


def tame(text: str) -> str:
    """``text`` with the runs that make tokenising quadratic bounded: repeated marks cut
    to :data:`REPEAT_MAX`, runs of marks to :data:`MARKS_MAX`, and stretches without
    white space split every :data:`STRETCH_MAX` characters; so the work per paragraph
    grows with its length, whatever it holds. Prose is left as it is."""
    text = _REPEAT.sub(lambda m: m.group(1) * REPEAT_MAX, text)
    text = _MARKS.sub(lambda m: m.group(0)[:MARKS_MAX], text)
    return _STRETCH.sub(lambda m: " ".join(m.group(0)[i : i + STRETCH_MAX] for i in
                                           range(0, len(m.group(0)), STRETCH_MAX)), text)


def prose(text: str) -> str:
    """An article's text as the ledger stores and parses it: :func:`normalise`d, one
    paragraph a line (:func:`paragraphs`), long runs :func:`tame`d."""
    return tame(paragraphs(normalise(text)))
