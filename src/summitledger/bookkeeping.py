"""The ledger's tables about itself: the migrations applied, flags kept in ``meta``
(the unreconciled mark, id high-water marks), and every cue lexicon that made claims."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Field, SQLModel


def utcnow() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Migration(SQLModel, table=True):
    __tablename__ = "_migrations"
    id: int = Field(primary_key=True)
    name: str
    applied_at: str = Field(default_factory=utcnow)


class Meta(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class LexiconRow(SQLModel, table=True):
    """Every cue lexicon that made claims in this ledger, by digest."""

    __tablename__ = "lexicon"
    digest: str = Field(primary_key=True)
    body: str  # the lexicon as JSON
