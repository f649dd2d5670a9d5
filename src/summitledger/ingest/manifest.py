"""Manifests: outlet, title, date and URL for the files of a folder, in four shapes,
and the event the folder's articles belong to (a top-level ``"event"``)."""

from __future__ import annotations

import json
from pathlib import Path

from summitledger.errors import (
    BAD_MANIFEST,
)
from summitledger.ingest.readers import MANIFEST


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


def manifest_problem(folder: Path) -> str | None:
    """Why the folder's ``manifest.json`` cannot be used (it is then ignored), or None."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        _manifest_entries(json.loads(path.read_text("utf-8")))
    except (ValueError, TypeError, OSError, UnicodeDecodeError) as exc:
        return f"[{BAD_MANIFEST}] {path}: not a manifest ({exc}); ignored"
    return None


def load_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """``manifest.json`` of a folder: file name -> outlet, title, date, url ({} when
    there is none, or one of no known shape: see :func:`manifest_problem`)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        return _manifest_entries(json.loads(path.read_text("utf-8")))
    except (ValueError, TypeError, OSError, UnicodeDecodeError):
        return {}


def manifest_event(folder: Path) -> str | None:
    """The event a folder's ``manifest.json`` names (``{"event": "...", "articles": ...}``),
    or None."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (ValueError, OSError, UnicodeDecodeError):
        return None
    event = data.get("event") if isinstance(data, dict) else None
    return event if isinstance(event, str) and event.strip() else None
