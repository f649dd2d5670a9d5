"""Reading articles from disk: discovery, size and content checks, decoding.

Everything here is about bytes and text; nothing is parsed by spaCy or written.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from summitledger.errors import (
    BINARY_FILE,
    EMPTY_FILE,
    MISSING_PATH,
    NOT_REGULAR,
    NOT_UTF8,
    NOTHING_TO_INGEST,
    SYMLINK_LOOP,
    TOO_LARGE,
    UNKNOWN_EXTENSION,
    UNREADABLE,
    InputError,
)
from summitledger.files import kind_of, read_regular  # noqa: F401  (ingest's import)
from summitledger.nlp.text import CONTROLS, normalise
from summitledger.safe import origin_key, shown_path  # noqa: F401  (origin_key: ingest's)

#: Article files by kind, as their extensions (in any case) name them: ingest reads
#: these, and ``eval`` finds a gold set's articles by them.
MARKDOWN = (".md", ".markdown")
HTML = (".html", ".htm")
JSONL = ".jsonl"
EXTENSIONS = frozenset({".txt", *MARKDOWN, *HTML, JSONL})
MANIFEST = "manifest.json"
STDIN = "-"
#: How much of a file is searched for NUL bytes before it is decoded: a binary file
#: (an image, a document) shows them in its first kilobytes.
BINARY_HEAD = 8192
#: The encoding charset-normalizer guesses is taken only for text this orderly (its
#: chaos, 0 to 1): above it the guess reads as mojibake.
MAX_CHAOS = 0.1
#: English prose decoded in a one-byte encoding: mostly ASCII, and hardly any
#: characters outside letters, punctuation and spaces (a wrong guess makes symbols).
MIN_ASCII_SHARE = 0.8
MAX_SYMBOL_SHARE = 0.01
#: Control characters in more of a text than this make it a binary file, not an article.
MAX_CONTROL_SHARE = 0.02


@dataclass
class Source:
    """A file to ingest, whether the user named it (else it was found in a folder), and
    its name as users see it: its path relative to the folder given (or as given), with
    control characters and bytes that are not UTF-8 escaped. The article's identity is
    not the name but the file itself (see :func:`origin_key`)."""

    path: Path
    named: bool
    name: str = ""


def _check_named(p: Path) -> None:
    if p.is_symlink():
        try:
            p.resolve(strict=True)
        except (OSError, RuntimeError):
            raise InputError(f"{shown_path(p)}: symlink loop or broken link",
                             code=SYMLINK_LOOP) from None
    try:
        mode = p.stat().st_mode
    except OSError:
        raise InputError(f"{shown_path(p)}: no such file or folder", code=MISSING_PATH) from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InputError(f"{shown_path(p)}: {kind_of(mode)}, not a file to read",
                         code=NOT_REGULAR)


def _walk(top: Path, problems: list[InputError]) -> list[Path]:
    """Files under ``top``, following links once: a link back into a folder already
    walked (a symlink loop) is reported, not followed."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    def unreadable(exc: OSError) -> None:
        problems.append(InputError(f"{shown_path(exc.filename)}: skipped, cannot read this "
                                   f"folder ({exc.strerror or exc})", code=UNREADABLE))

    for root, dirs, files in os.walk(top, followlinks=True, onerror=unreadable):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:
            problems.append(InputError(f"{shown_path(root)}: skipped, symlink loop",
                                       code=SYMLINK_LOOP))
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name == MANIFEST:
                continue
            f = Path(root) / name
            try:
                f.resolve(strict=True)
                mode = f.stat().st_mode
            except (OSError, RuntimeError):
                problems.append(InputError(f"{shown_path(f)}: skipped, symlink loop or broken "
                                           "link", code=SYMLINK_LOOP))
                continue
            if not stat.S_ISREG(mode):  # a FIFO would block, /dev/zero never end
                problems.append(InputError(f"{shown_path(f)}: skipped, {kind_of(mode)}",
                                           code=NOT_REGULAR))
                continue
            found.append(f)
    return sorted(found)


def discover(paths: list[Path]) -> tuple[list[Source], list[InputError]]:
    """Files to ingest under ``paths``; named paths that are wrong raise at once.

    Files found in folders that cannot be ingested are returned as problems to report.
    ``-`` stands for standard input.
    """
    sources: list[Source] = []
    problems: list[InputError] = []
    for p in paths:
        if str(p) == STDIN:
            sources.append(Source(p, named=True))
            continue
        _check_named(p)
        if p.is_dir():
            for f in _walk(p, problems):
                if f.suffix.lower() in EXTENSIONS:
                    sources.append(Source(f, named=False,
                                          name=shown_path(f.relative_to(p).as_posix())))
                else:
                    problems.append(InputError(
                        f"{shown_path(f)}: skipped, unknown extension '{shown_path(f.suffix)}' "
                        f"(ingest reads {', '.join(sorted(EXTENSIONS))})",
                        code=UNKNOWN_EXTENSION))
        else:
            if p.suffix.lower() not in EXTENSIONS:
                raise InputError(
                    f"{shown_path(p)}: unknown extension '{shown_path(p.suffix)}' (ingest "
                    f"reads {', '.join(sorted(EXTENSIONS))})", code=UNKNOWN_EXTENSION)
            sources.append(Source(p, named=True))
    names = [s.path.name for s in sources if s.named]
    for s in sources:
        if s.named and str(s.path) != STDIN:
            # two named files of one name: each is shown by the path as given
            s.name = shown_path(s.path.as_posix() if names.count(s.path.name) > 1
                                else s.path.name)
    if not sources:
        where = ", ".join(shown_path(p) for p in paths)
        raise InputError(f"{where}: nothing to ingest (no {', '.join(sorted(EXTENSIONS))} files)",
                         code=NOTHING_TO_INGEST)
    return sources, problems


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes (or standard input's for ``-``), checked against the size limit
    as they are read (see :func:`read_regular`)."""
    if str(path) != STDIN:
        return read_regular(path, max_bytes)
    try:
        data = sys.stdin.buffer.read(max_bytes + 1)
    except (AttributeError, ValueError, OSError):  # no stdin, or a closed one
        raise InputError("-: standard input is closed; nothing to read",
                         code=UNREADABLE) from None
    if len(data) > max_bytes:
        raise InputError(f"-: over the {max_bytes}-byte limit (SUMMITLEDGER_MAX_BYTES)",
                         code=TOO_LARGE)
    return data


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read in: UTF-8 (with or without BOM), UTF-16 with a
    BOM, else what charset-normalizer finds (cp1252, latin-1, ...) when it is sure."""
    shown = shown_path(path)
    if not data.strip():
        raise InputError(f"{shown}: empty file", code=EMPTY_FILE)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:BINARY_HEAD]:
        raise InputError(f"{shown}: binary file (holds NUL bytes), not an article",
                         code=BINARY_FILE)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    for encoding in ("cp1252", "latin-1"):  # the usual suspects for English news
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, encoding
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.chaos <= MAX_CHAOS and _plausible(str(best)):
        return str(best), best.encoding
    raise InputError(f"{shown}: not UTF-8 (bad byte at offset {bad}) and no other "
                     "encoding fits; convert it to UTF-8", code=NOT_UTF8)


def _plausible(text: str) -> bool:
    """English prose: mostly ASCII, no C1 control characters, few symbols."""
    if not text:
        return False
    ascii_share = sum(1 for c in text if ord(c) < 128) / len(text)
    c1 = any(0x80 <= ord(c) <= 0x9F for c in text)
    odd = sum(1 for c in text if ord(c) >= 128 and unicodedata.category(c)[0] not in "LPZS")
    return ascii_share >= MIN_ASCII_SHARE and not c1 and odd <= MAX_SYMBOL_SHARE * len(text)


def _check_text(path: Path | str, text: str) -> None:
    """Refuse a text with a NUL anywhere, or control characters in more of it than
    :data:`MAX_CONTROL_SHARE` (a binary file); stray ones elsewhere are dropped by :func:`normalise`."""
    path = shown_path(path)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{path}: binary file (NUL character at offset {nul}), not an "
                         "article", code=BINARY_FILE)
    controls = len(text) - len(text.translate(CONTROLS))
    if controls > MAX_CONTROL_SHARE * max(1, len(text)):
        raise InputError(f"{path}: binary file (control characters), not an article",
                         code=BINARY_FILE)
    if not normalise(text).strip():
        raise InputError(f"{path}: empty file (only white space)", code=EMPTY_FILE)
