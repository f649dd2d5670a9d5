"""Figure series, read: each quantity of the event with its latest value and source and
its status (:func:`series`), and every report of one or all series in time order
(:func:`timeline`), the rows ``summitledger figures`` prints and eval scores."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from summitledger.errors import UNKNOWN_SERIES, QueryError
from summitledger.models import Article, Claim, FigureReportRow, FigureSeriesRow
from summitledger.nlp.quantities import Evidence, quantity
from summitledger.report.names import event_id
from summitledger.series_reason import SeriesReason


class SeriesRow(BaseModel):
    """One series: ``figures`` lists these."""

    series: str  # the quantity ('people killed')
    status: str
    latest: str  # the latest value as written
    actor: str  # who gave it
    outlet: str  # where
    time: str  # as of when
    reports: int
    sources: int  # independent sources (source article and actor)
    claim: int | None  # the latest report's claim
    rule: str  # why the status
    reason: SeriesReason  # the rule and the pairs behind it (updates, disputes, contradictions)


class FigureLine(BaseModel):
    """One report of a series (one line per series and claim): ``figures QUANTITY`` and
    every machine format of ``figures``; eval scores the jsonl form."""

    series: str
    status: str
    position: int  # 0 the earliest
    time: str
    value: str  # as written ('at least nine', '85 per cent')
    number: float
    op: str  # '=', '~' about, '>' more than / at least, '<' fewer than / up to
    unit: str
    actor: str
    outlet: str
    claim: int
    article: str
    content: str
    latest: bool  # the series' latest report


def _rows(session: Session, event: str | None = None) -> list[FigureSeriesRow]:
    """The series of ``event`` (None: of every event; a series is its claims' event's)."""
    eid = event_id(session, event)
    q = select(FigureSeriesRow).order_by(FigureSeriesRow.quantity, FigureSeriesRow.id)
    if eid is not None:
        q = (q.join(Claim, Claim.id == FigureSeriesRow.latest_claim)
             .join(Article, Article.id == Claim.article_id).where(Article.event_id == eid))
    return list(session.exec(q).all())


def series(engine: Engine, event: str | None = None) -> list[SeriesRow]:
    """Every series (of ``event``; None: of every event), by quantity."""
    with Session(engine) as session:
        return [SeriesRow(series=s.quantity, status=s.status, latest=s.latest_value,
                          actor=s.latest_actor, outlet=s.latest_outlet, time=s.latest_time,
                          reports=s.n_reports, sources=s.n_sources, claim=s.latest_claim,
                          rule=(why := SeriesReason.stored(s.reason)).rule, reason=why)
                for s in _rows(session, event)]


def find_series(names: list[str], wanted: str) -> list[str]:
    """The series ``wanted`` names: the quantity itself, or the series whose name holds
    its words ('killed' is 'people killed'); QueryError SL406 with the names there are."""
    low = " ".join(wanted.lower().split())
    exact = [n for n in names if n.lower() == low]
    if exact:
        return exact
    found = [n for n in names if f" {low} " in f" {n.lower()} "]
    if not found:  # the normaliser's words: 'dead' and 'deaths' are people killed
        words = frozenset(w for word in low.split() for w in (word, word.removesuffix("s")))
        found = [n for n in names if n == quantity(Evidence(words=words))]
    if not found:
        raise QueryError(f"no figure series '{wanted}' in the ledger (series: "
                         f"{', '.join(names) or 'none'})", code=UNKNOWN_SERIES)
    return found


def timeline(engine: Engine, quantity: str | None = None,
             event: str | None = None) -> list[FigureLine]:
    """Every report of the series ``quantity`` names (all series when None), of ``event``
    (None: of every event), by series and then in time order."""
    with Session(engine) as session:
        rows = _rows(session, event)
        if quantity is not None:
            keep = set(find_series([r.quantity for r in rows], quantity))
            rows = [r for r in rows if r.quantity in keep]
        out: list[FigureLine] = []
        for s in rows:
            reports = session.exec(
                select(FigureReportRow, Article.outlet, Article.file, Claim.content)
                .join(Claim, Claim.id == FigureReportRow.claim_id)
                .join(Article, Article.id == Claim.article_id)
                .where(FigureReportRow.series_id == s.id)
                .order_by(FigureReportRow.position)).all()
            for r, outlet, file, content in reports:
                out.append(FigureLine(
                    series=s.quantity, status=s.status, position=r.position, time=r.time,
                    value=r.text, number=r.value, op=r.op, unit=r.unit, actor=r.actor,
                    outlet=outlet, claim=r.claim_id, article=file, content=content,
                    latest=r.position == s.n_reports - 1))
        return out
