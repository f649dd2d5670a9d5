"""Manifests: outlet, title, date and URL for the files of a folder, in four shapes,
and the event the folder's articles belong to (a top-level ``"event"``)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from summitledger.errors import (
    BAD_MANIFEST,
    InputError,
)
from summitledger.ingest.readers import MANIFEST, read_regular
from summitledger.safe import shown_path

#: A manifest is metadata, a few hundred bytes a file: anything over this is not one
#: (and is never read whole into memory).
MANIFEST_MAX_BYTES = 20_000_000
#: Why a manifest is refused is said on one warning line, cut to this many characters.
WHY_CHARS = 200


def _manifest_entries(data: object) -> dict[str, dict[str, str]]:
    """The shapes a manifest may take: ``{"file.txt": {...}}``, ``{"articles": {...}}``,
    ``[{"file": "file.txt", ...}]`` or ``{"articles": [{"file": ...}]}``. TypeError or
    ValueError when it is none of them. A top-level ``"event"`` name is not a file."""
    if isinstance(data, dict) and isinstance(data.get("event"), str):
        data = {k: v for k, v in data.items() if k != "event"}
    if isinstance(data, dict) and "articles" in data:
        data = data["articles"]
    if isinstance(data, list):
        out = {}
        for rec in data:
            if not isinstance(rec, dict) or not isinstance(rec.get("file"), str):
                raise TypeError("a list entry without a 'file' name")
            out[rec["file"]] = {k: v for k, v in rec.items() if k != "file"}
        data = out
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise TypeError("neither file names to records nor a list of records")
    return {str(k): {str(a): str(b) for a, b in v.items()
                     if isinstance(b, str | int | float) and not isinstance(b, bool)}
            for k, v in data.items()}


def _json(path: Path) -> object:
    """The JSON of the manifest at ``path`` (None when there is none); ValueError saying
    why when it cannot be read. Only a regular file is read, and no more than
    :data:`MANIFEST_MAX_BYTES` of it; JSON nested past the parser's depth is refused,
    not a crash."""
    if not path.exists() and not path.is_symlink():
        return None
    try:
        data = read_regular(path, MANIFEST_MAX_BYTES)
    except InputError as exc:
        raise ValueError(str(exc.args[0]).removeprefix(f"{shown_path(path)}: ")) from None
    return _parsed(data)


@lru_cache(maxsize=4)
def _parsed(data: bytes) -> object:
    """A manifest's JSON from its bytes, parsed once for all the files of a folder."""
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ValueError("JSON nested too deep") from None
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None


def _read(path: Path) -> dict[str, dict[str, str]] | None:
    """The entries of the manifest at ``path``; None when there is none; ValueError or
    TypeError saying why when it cannot be used."""
    data = _json(path)
    return None if data is None else _manifest_entries(data)


def manifest_problem(folder: Path) -> str | None:
    """Why the folder's ``manifest.json`` cannot be used (it is then ignored), or None."""
    path = folder / MANIFEST
    try:
        _read(path)
    except (ValueError, TypeError) as exc:
        why = " ".join(str(exc).split())[:WHY_CHARS]
        return f"[{BAD_MANIFEST}] {shown_path(path)}: not a manifest ({why}); ignored"
    return None


def load_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """``manifest.json`` of a folder: file name -> outlet, title, date, url ({} when
    there is none, or one of no known shape: see :func:`manifest_problem`)."""
    try:
        return _read(folder / MANIFEST) or {}
    except (ValueError, TypeError):
        return {}


def manifest_event(folder: Path) -> str | None:
    """The event a folder's ``manifest.json`` names (``{"event": "...", "articles": ...}``),
    or None."""
    try:  # read as the entries are: bounded, never a crash (manifest_problem says why)
        data = _json(folder / MANIFEST)
    except ValueError:
        return None
    event = data.get("event") if isinstance(data, dict) else None
    return event if isinstance(event, str) and event.strip() else None
