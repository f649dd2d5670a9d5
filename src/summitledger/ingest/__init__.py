"""Stage 1, ingest: files in (:mod:`readers`: discovery, checks, decoding; :mod:`formats`:
text, Markdown, HTML and JSON lines; :mod:`manifest`), then :mod:`run` parses,
extracts, stores each article in its own transaction and reconciles.

The package is itself the library's entry point: ``from summitledger import ingest``
then ``ingest(["seeds/"], Settings(db="ledger.db"))`` calls :func:`run.ingest`. spaCy
loads on the first call, not on import.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summitledger.ingest.run import IngestReport


class _Stage(types.ModuleType):
    """This package, callable as :func:`summitledger.ingest.run.ingest`."""

    def __call__(self, *args: Any, **kwargs: Any) -> IngestReport:
        from summitledger.ingest.run import ingest

        return ingest(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # ingest.ingest, ingest.IngestReport
        if name in ("ingest", "IngestReport"):
            from summitledger.ingest import run

            return getattr(run, name)
        raise AttributeError(name)


sys.modules[__name__].__class__ = _Stage
