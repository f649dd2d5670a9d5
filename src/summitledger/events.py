"""Event names: what an event is called when the user does not say, and which names
are usable. Shared by ingest (``--event``, a manifest's ``event``, the folder's name)
and the migration that puts an older ledger's articles into one event.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePath

from summitledger.errors import BAD_EVENT, InputError
from summitledger.safe import printable

#: The name of the event when nothing names one (standard input, a file in a folder
#: whose every name is generic).
DEFAULT_EVENT = "default"
#: ``--event all`` on a reading command means every event, so no event is called that.
ALL_EVENTS = "all"
#: Folder names that say what a folder holds, not which story: an event is named by the
#: nearest folder above them ('bridge-collapse/articles' is 'bridge-collapse').
GENERIC_FOLDERS = frozenset({
    "article", "articles", "text", "texts", "txt", "html", "pages", "page", "data", "input",
    "inputs", "raw", "files", "docs", "documents", "stories", "news", "coverage", "sources",
    "downloads", "download", "tmp", "temp", "in", "src", "corpus", "copy", "feed", "feeds",
})
MAX_NAME = 100  # characters; an event name is a label, not a description


def from_parts(parts: Sequence[str]) -> str:
    """The event a folder's path names: its last part that is not a generic folder name
    ('articles', 'data', ...), else :data:`DEFAULT_EVENT`."""
    for part in reversed([p for p in parts if p not in ("", ".", "..", "/", "\\")]):
        name = part.strip()
        if name and name.lower() not in GENERIC_FOLDERS and not name.endswith(":\\"):
            return name[:MAX_NAME]
    return DEFAULT_EVENT


def folder_event(given: Path) -> str:
    """The event of an article ingested from ``given`` (a folder, or a file: its folder)
    when neither ``--event`` nor a manifest names one."""
    folder = given if given.is_dir() else given.parent
    return from_parts(Path(os.path.abspath(folder)).parts)


def stored_event(path: str, file: str) -> str:
    """The event :func:`folder_event` gave an article already stored with ``path`` (where
    it was read from) and ``file`` (its name inside the folder given): the folder given
    is ``path`` without ``file``. Used to name an older ledger's one event."""
    folder = path[: -len(file)] if file and path.endswith(file) else str(PurePath(path).parent)
    return from_parts(PurePath(folder).parts)


def checked_name(name: str) -> str:
    """``name`` as an event is called, or InputError SL112: empty, over 100 characters,
    with control characters, or 'all' (which reading commands take as every event)."""
    clean = " ".join(name.split())
    if not clean or clean != printable(clean) or len(clean) > MAX_NAME:
        raise InputError(f"'{printable(name)[:MAX_NAME]}' cannot name an event (give 1 to "
                         f"{MAX_NAME} printable characters)", code=BAD_EVENT)
    if clean.lower() == ALL_EVENTS:
        raise InputError(f"'{clean}' cannot name an event: reading commands take "
                         "--event all for every event", code=BAD_EVENT)
    return clean
