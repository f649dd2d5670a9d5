"""Stage 3, reconcile: actors joined across the ledger (:mod:`actors`), claims grouped
by what they assert (:mod:`matching` words and frames, :mod:`embedding` meaning,
:mod:`grouping` pairs and scores, :mod:`clustering` average link) and verdicts
(:mod:`verdicts`); :mod:`run` does it over the whole ledger in one transaction.
"""

from summitledger.reconcile.run import ReconcileSummary, ledger_summary, reconcile

__all__ = ["ReconcileSummary", "ledger_summary", "reconcile"]
