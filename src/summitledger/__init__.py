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

from summitledger import report  # noqa: E402
from summitledger.errors import LedgerError  # noqa: E402
from summitledger.reconcile.run import reconcile  # noqa: E402
from summitledger.settings import Settings  # noqa: E402
from summitledger.store.engine import open_ledger  # noqa: E402

if TYPE_CHECKING:
    from summitledger.ingest.run import ingest


def __getattr__(name: str) -> Any:
    # ingest pulls in spaCy; load it only when asked for
    if name == "ingest":
        from summitledger.ingest.run import ingest

        return ingest
    raise AttributeError(name)

__all__ = ["LedgerError", "Settings", "__version__", "ingest", "open_ledger", "reconcile", "report"]
