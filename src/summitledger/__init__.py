"""summitledger: a cross-source ledger of attributed claims for one news event.

The library works without the CLI::

    from summitledger import Settings, ingest, open_ledger, report
    ingest(["seeds/"], Settings(db="ledger.db"))
    engine = open_ledger("ledger.db", readonly=True)
    for claim in report.claims(engine, actor="Putin"):
        print(claim.actor, claim.cue, claim.content)
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any  # noqa: E402

# the stage package first (it loads nothing heavy), so that the name below stays the
# library's ingest function however the package is imported later
import summitledger.ingest  # noqa: E402, F401
from summitledger import report  # noqa: E402
from summitledger.errors import LedgerError  # noqa: E402
from summitledger.reconcile.run import reconcile  # noqa: E402
from summitledger.settings import Settings  # noqa: E402
from summitledger.store.engine import open_ledger  # noqa: E402

if TYPE_CHECKING:
    from summitledger.ingest.run import IngestReport


def ingest(*args: Any, **kwargs: Any) -> IngestReport:
    """Ingest files and folders (see :func:`summitledger.ingest.run.ingest`); spaCy loads
    on the first call, not when summitledger is imported."""
    from summitledger.ingest.run import ingest as run

    return run(*args, **kwargs)


__all__ = ["LedgerError", "Settings", "__version__", "ingest", "open_ledger", "reconcile", "report"]
