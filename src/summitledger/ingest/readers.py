"""Reading articles from disk: discovery, size and content checks, decoding.

Everything here is about bytes and text; nothing is parsed by spaCy or written.
"""

from __future__ import annotations

import codecs
import os
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from summitledger.errors import (
    BINARY_FILE,
    EMPTY_FILE,
    MISSING_PATH,
    NOT_UTF8,
    NOTHING_TO_INGEST,
    SYMLINK_LOOP,
    TOO_LARGE,
    UNKNOWN_EXTENSION,
    UNREADABLE,
    InputError,
)
from summitledger.nlp.text import CONTROLS, normalise

EXTENSIONS = {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"}
MANIFEST = "manifest.json"
STDIN = "-"


@dataclass
class Source:
    """A file to ingest, whether the user named it (else it was found in a folder), and
    its name in the ledger: its path relative to the folder given, so that two files
    of one name in different subfolders are two articles."""

    path: Path
    named: bool
    name: str = ""


def _check_named(p: Path) -> None:
    if p.is_symlink():
        try:
            p.resolve(strict=True)
        except (OSError, RuntimeError):
            raise InputError(f"{p}: symlink loop or broken link", code=SYMLINK_LOOP) from None
    if not p.exists():
        raise InputError(f"{p}: no such file or folder", code=MISSING_PATH)


def _walk(top: Path, problems: list[InputError]) -> list[Path]:
    """Files under ``top``, following links once: a link back into a folder already
    walked (a symlink loop) is reported, not followed."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    def unreadable(exc: OSError) -> None:
        problems.append(InputError(f"{exc.filename}: skipped, cannot read this folder "
                                   f"({exc.strerror or exc})", code=UNREADABLE))

    for root, dirs, files in os.walk(top, followlinks=True, onerror=unreadable):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:
            problems.append(InputError(f"{root}: skipped, symlink loop", code=SYMLINK_LOOP))
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
            except (OSError, RuntimeError):
                problems.append(InputError(f"{f}: skipped, symlink loop or broken link",
                                           code=SYMLINK_LOOP))
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
                    sources.append(Source(f, named=False, name=f.relative_to(p).as_posix()))
                else:
                    problems.append(InputError(
                        f"{f}: skipped, unknown extension '{f.suffix}' "
                        f"(ingest reads {', '.join(sorted(EXTENSIONS))})",
                        code=UNKNOWN_EXTENSION))
        else:
            if p.suffix.lower() not in EXTENSIONS:
                raise InputError(
                    f"{p}: unknown extension '{p.suffix}' (ingest reads "
                    f"{', '.join(sorted(EXTENSIONS))})", code=UNKNOWN_EXTENSION)
            sources.append(Source(p, named=True))
    names = [s.path.name for s in sources if s.named]
    for s in sources:
        if s.named and str(s.path) != STDIN:
            # two named files of one name: each is known by the path as given
            s.name = s.path.as_posix() if names.count(s.path.name) > 1 else s.path.name
    if not sources:
        where = ", ".join(str(p) for p in paths)
        raise InputError(f"{where}: nothing to ingest (no {', '.join(sorted(EXTENSIONS))} files)",
                         code=NOTHING_TO_INGEST)
    return sources, problems


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes (or standard input's for ``-``), checked against the size limit."""
    try:
        if str(path) == STDIN:
            try:
                data = sys.stdin.buffer.read(max_bytes + 1)
            except (AttributeError, ValueError, OSError):  # no stdin, or a closed one
                raise InputError("-: standard input is closed; nothing to read",
                                 code=UNREADABLE) from None
            size = len(data)
        else:
            size = path.stat().st_size
            data = b"" if size > max_bytes else path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: cannot read (permission denied)", code=UNREADABLE) from None
    except IsADirectoryError:
        raise InputError(f"{path}: cannot read (is a folder)", code=UNREADABLE) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})", code=UNREADABLE) from None
    if size > max_bytes:
        raise InputError(f"{path}: {size} bytes is over the {max_bytes}-byte limit "
                         "(SUMMITLEDGER_MAX_BYTES)", code=TOO_LARGE)
    return data


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read in: UTF-8 (with or without BOM), UTF-16 with a
    BOM, else what charset-normalizer finds (cp1252, latin-1, ...) when it is sure."""
    if not data.strip():
        raise InputError(f"{path}: empty file", code=EMPTY_FILE)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (holds NUL bytes), not an article",
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
    if best is not None and best.chaos <= 0.1 and _plausible(str(best)):
        return str(best), best.encoding
    raise InputError(f"{path}: not UTF-8 (bad byte at offset {bad}) and no other "
                     "encoding fits; convert it to UTF-8", code=NOT_UTF8)


def _plausible(text: str) -> bool:
    """English prose: mostly ASCII, no C1 control characters, few symbols."""
    if not text:
        return False
    ascii_share = sum(1 for c in text if ord(c) < 128) / len(text)
    c1 = any(0x80 <= ord(c) <= 0x9F for c in text)
    odd = sum(1 for c in text if ord(c) >= 128 and unicodedata.category(c)[0] not in "LPZS")
    return ascii_share >= 0.8 and not c1 and odd <= 0.01 * len(text)


def _check_text(path: Path | str, text: str) -> None:
    """Refuse a text with a NUL anywhere, or control characters in more than 2% of it
    (a binary file); stray ones elsewhere are dropped by :func:`normalise`."""
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"{path}: binary file (NUL character at offset {nul}), not an "
                         "article", code=BINARY_FILE)
    controls = len(text) - len(text.translate(CONTROLS))
    if controls > 0.02 * max(1, len(text)):
        raise InputError(f"{path}: binary file (control characters), not an article",
                         code=BINARY_FILE)
    if not normalise(text).strip():
        raise InputError(f"{path}: empty file (only white space)", code=EMPTY_FILE)
