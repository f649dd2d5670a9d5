"""Stage 1, ingest: files in (:mod:`readers`: discovery, checks, decoding; :mod:`formats`:
text, Markdown, HTML, JSON lines and manifests), then :mod:`run` parses, extracts,
stores each article in its own transaction and reconciles.

``from summitledger.ingest import ingest`` is the entry point; it loads spaCy, so it is
imported only when asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summitledger.ingest.run import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from summitledger.ingest import run

        return getattr(run, name)
    raise AttributeError(name)
