"""A group's verdict: its status and the reason for it, as one versioned model.

Reconcile (:func:`summitledger.reconcile.verdicts.verdict`) makes a :class:`Verdict` for
every group; the ledger keeps its status in ``claim_group.status`` and the rest, as JSON
(:meth:`Verdict.to_json`), in ``claim_group.reason``; every reader gets it back through
:meth:`Verdict.stored`. The JSON keeps the keys the reason dict of schema 16 and older
had (``outlets``, ``articles``, ``sources``, ``summary``, ``rule``, ``links``, and when
there are any ``copies``, ``variants``, ``contradiction``, ``updates``,
``disputed_by``), plus ``version``: a ledger's older rows read as version 1, and the SQL
views that read ``$.rule`` and ``$.summary`` out of it (``groups_view``) need no change.
Fields are declared in alphabetical order, the order the stored JSON's keys had, so
``show --format json`` prints them as before.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

#: the shape of the stored JSON; raise it (with a migration in store/) when it changes
VERDICT_VERSION = 1


def _empty(value: object) -> bool:
    return not value


class VerdictLink(BaseModel):
    """Two members the grouping linked, the pair's score and what drove it."""

    a: int
    b: int
    score: float
    why: str


class Side(BaseModel):
    """One claim's side of a contradiction or an update: the words that differ."""

    claim: int
    outlet: str
    words: str


class Conflict(BaseModel):
    """Two claims' values side by side: a contradiction, or a figure one source updated
    (then in time order, the earlier figure first)."""

    rule: str
    sides: list[Side]


class Variant(BaseModel):
    """One wording of a quotation and who carried it."""

    claims: list[int]
    outlets: list[str]
    quote: str


class Dispute(BaseModel):
    """Another actor's group that asserts the opposite, and how closely it matched."""

    actor: str
    group: int
    score: float
    statement: str


class Verdict(BaseModel):
    """A group's status and why: its outlets, articles and independent sources, the rule
    that gave the status and what lies behind it. Lists that are empty (and a missing
    contradiction) are left out of the JSON, as the reason dict left them out; ``links``
    is always there. Lists are tuples: reconcile holds one verdict per group, most of
    them with nothing behind them, and an empty tuple is shared where a list is not."""

    articles: int = 1
    contradiction: Conflict | None = Field(None, exclude_if=lambda v: v is None)
    copies: tuple[tuple[int, ...], ...] = Field((), exclude_if=_empty)  # article ids
    disputed_by: tuple[Dispute, ...] = Field((), exclude_if=_empty)
    links: tuple[VerdictLink, ...] = ()
    outlets: tuple[str, ...] = ()
    rule: str = ""
    sources: int = 1  # independent sources (outlets carrying copies of one text are one)
    status: str = Field("", exclude=True)  # kept in its own column, not in the JSON
    summary: str = ""  # '2 articles, 2 independent sources'
    updates: tuple[Conflict, ...] = Field((), exclude_if=_empty)
    variants: tuple[Variant, ...] = Field((), exclude_if=_empty)
    version: int = VERDICT_VERSION

    @property
    def sides(self) -> list[Side]:
        """The contradiction's sides (none when nothing contradicts)."""
        return list(self.contradiction.sides) if self.contradiction is not None else []

    def to_json(self) -> str:
        """The JSON the ledger keeps in ``claim_group.reason``: compact, keys in the order
        of the fields (alphabetical, as the reason dict's were)."""
        return self.model_dump_json()

    @classmethod
    def stored(cls, reason: str, status: str) -> Verdict:
        """The verdict of a stored group: its ``reason`` JSON and its ``status`` column
        (an empty reason reads as a verdict with nothing behind it)."""
        verdict = cls.model_validate_json(reason or "{}")
        verdict.status = status
        return verdict
