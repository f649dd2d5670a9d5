"""Why a figure series has its status, as one versioned model.

Reconcile (:func:`summitledger.reconcile.figures.judge`) makes a :class:`SeriesReason`
for every series; the ledger keeps it as JSON in ``figure_series.reason``
(:meth:`SeriesReason.to_json`), and the report reads it back through
:meth:`SeriesReason.stored`, as a group's reason is a :class:`summitledger.verdict.Verdict`.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

#: the shape of a series reason's stored JSON; raise it (with a migration) when it changes
SERIES_REASON_VERSION = 1


class SeriesEnd(BaseModel):
    """One report of a pair: its claim, who gave the value and the value as written."""

    actor: str
    claim: int
    value: str


class SeriesPair(BaseModel):
    """Two reports of a series side by side, the earlier first."""

    earlier: SeriesEnd
    later: SeriesEnd


def _empty(value: object) -> bool:
    return not value


class SeriesReason(BaseModel):
    """Why a series has its status: the rule, and the pairs of reports behind it (a later
    value superseding an earlier one, two sources' values that do not fit, one source's
    own values that do not fit). Stored as JSON in ``figure_series.reason``, keys in
    field order (alphabetical, as the dict of schema 16 and older had them), empty lists
    left out; an older row reads as version 1."""

    contradictions: tuple[SeriesPair, ...] = Field((), exclude_if=_empty)
    disputes: tuple[SeriesPair, ...] = Field((), exclude_if=_empty)
    rule: str = ""
    updates: tuple[SeriesPair, ...] = Field((), exclude_if=_empty)
    version: int = SERIES_REASON_VERSION

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def stored(cls, raw: str) -> SeriesReason:
        """A stored reason (an empty one reads as no rule and no pairs)."""
        return cls.model_validate_json(raw or "{}")
