"""Numbers of a claim's frame, and figure series in flight and at rest: a quantity of the event (people killed, a crowd,
a sum of money) across every actor and outlet, each report with its claim and time.

Re-exported by :mod:`summitledger.models`, the one place data shapes are looked up.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel
from pydantic import Field as PField
from sqlmodel import Field, SQLModel

from summitledger.series_reason import SeriesReason


class FrameNumber(BaseModel):
    """A number in a claim: its value, what it counts, and how exact it is; and, where it
    gives a quantity of the event (:mod:`summitledger.nlp.quantities`), which one, as
    written, the text's own time for it and whether the text says it moved."""

    value: float
    counts: str = ""  # the noun it counts ('injured', 'school', 'hour'); '' if none
    op: Literal["=", "~", ">", "<"] = "="  # '~' about, '>' more than, '<' fewer than
    quantity: str = ""  # the quantity of the event it gives ('people killed'); '' if none
    text: str = ""  # the value as written, qualifier and unit included ('at least nine')
    unit: str = ""  # 'percent', a currency ('solens', 'dollar'), or '' for a count
    when: str = ""  # the text's own time for the figure ('on Monday evening', 'by noon')
    update: bool = False  # the text says the figure moved ('rose to', 'has now', 'revised')
    start: int = -1  # offsets of ``text`` in the article
    end: int = -1


#: statuses of a figure series, by the rules of the eval README
SERIES_STATUSES: tuple[str, ...] = ("corroborated", "updated", "disputed", "contradicted",
                                    "single-source")


class FigureReport(BaseModel):
    """One report of a figure: the claim, who gave it where, the value (as a number and
    as written) and the time it is reported as of (ISO; a copy's is its original's)."""

    claim: int
    article: int
    actor: str
    outlet: str
    value: float
    op: Literal["=", "~", ">", "<"] = "="
    text: str = ""
    unit: str = ""
    time: str = ""
    update: bool = False  # the text says the figure moved


class FigureSeries(BaseModel):
    """A quantity of the event across every actor and outlet, its reports in time order,
    its status (one of :data:`SERIES_STATUSES`) and why (:class:`SeriesReason`)."""

    quantity: str
    status: str
    reports: list[FigureReport]
    sources: int  # independent sources: (source article, actor) pairs, copies as one
    reason: SeriesReason = PField(default_factory=SeriesReason)

    @property
    def latest(self) -> FigureReport:
        return self.reports[-1]



# --------------------------------------------------------------------------- at rest


class FigureSeriesRow(SQLModel, table=True):
    """A figure series at rest (migration 9): rebuilt by every reconcile."""

    __tablename__ = "figure_series"
    id: int | None = Field(default=None, primary_key=True)
    quantity: str = Field(index=True)
    status: str = Field(index=True)
    n_reports: int
    n_sources: int
    latest_claim: int | None = None
    latest_value: str = ""
    latest_actor: str = ""
    latest_outlet: str = ""
    latest_time: str = ""
    reason: str = ""  # JSON: the rule that gave the status and the pairs behind it


class FigureReportRow(SQLModel, table=True):
    """One report of a series at rest: the claim it comes from and its place in time."""

    __tablename__ = "figure_report"
    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="figure_series.id", ondelete="CASCADE", index=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE", index=True)
    position: int  # 0 the earliest
    value: float
    op: str = "="
    text: str = ""
    unit: str = ""
    time: str = ""
    actor: str = ""
    updated: bool = False  # the text says the figure moved
