"""Figure series at rest: every reconcile replaces them whole, in its own transaction."""

from __future__ import annotations

from sqlalchemy import delete, insert
from sqlalchemy.engine import Connection

from summitledger.models import FigureReportRow, FigureSeries, FigureSeriesRow


def save_series(conn: Connection, series: list[FigureSeries], first: int = 1,
                replace: bool = True) -> None:
    """Replace the ledger's figure series with ``series`` (ids follow their order from
    ``first``), or add them to it (``replace`` False)."""
    if replace:
        conn.execute(delete(FigureReportRow))
        conn.execute(delete(FigureSeriesRow))
    if not series:
        return
    conn.execute(insert(FigureSeriesRow), [
        {"id": n, "quantity": s.quantity, "status": s.status, "n_reports": len(s.reports),
         "n_sources": s.sources, "latest_claim": s.latest.claim, "latest_value": s.latest.text,
         "latest_actor": s.latest.actor, "latest_outlet": s.latest.outlet,
         "latest_time": s.latest.time,
         "reason": s.reason.to_json()}
        for n, s in enumerate(series, first)])
    conn.execute(insert(FigureReportRow), [
        {"series_id": n, "claim_id": r.claim, "position": k, "value": r.value, "op": r.op,
         "text": r.text, "unit": r.unit, "time": r.time, "actor": r.actor, "updated": r.update}
        for n, s in enumerate(series, first) for k, r in enumerate(s.reports)])
