"""summitledger: a cross-source ledger of attributed claims for one news event.

The library works without the CLI::

    from summitledger import Settings, ingest, open_ledger, report
    ingest(["seeds/"], Settings(db="ledger.db"))
    engine = open_ledger("ledger.db", readonly=True)
    for claim in report.claims(engine, actor="Putin"):
        print(claim.actor, claim.cue, claim.content)
"""

from __future__ import annotations

from summitledger import report
from summitledger.errors import LedgerError
from summitledger.reconcile.run import reconcile
from summitledger.settings import Settings
from summitledger.store.engine import open_ledger
from summitledger.version import __version__

# ``from summitledger import ingest`` gives the ingest stage package, which is callable
# as the library's ingest function (see ingest/__init__.py); spaCy loads on first use.

__all__ = ["LedgerError", "Settings", "__version__", "ingest", "open_ledger", "reconcile", "report"]
