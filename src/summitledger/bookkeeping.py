"""The ledger's tables about itself: the migrations applied, flags kept in ``meta``
(the unreconciled mark, id high-water marks), and every cue lexicon that made claims."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger
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


class Pending(SQLModel, table=True):
    """What changed since the last reconcile: an article added (``article_id``), or
    anything else (None: a replaced or moved article, a deletion), which rebuilds."""

    __tablename__ = "reconcile_pending"
    id: int | None = Field(default=None, primary_key=True)
    article_id: int | None = Field(default=None)


class ArticleBand(SQLModel, table=True):
    """An article's MinHash band keys (:mod:`summitledger.reconcile.sources`): a new
    article is compared only with the articles sharing one."""

    __tablename__ = "article_band"
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", primary_key=True)
    band: int = Field(sa_type=BigInteger, primary_key=True, index=True)  # signed 64-bit


class GroupHead(SQLModel, table=True):
    """What disputes read of a group's first claim, kept so that adding an article
    compares its groups with the event's others without reading their claims."""

    __tablename__ = "group_head"
    group_id: int = Field(foreign_key="claim_group.id", ondelete="CASCADE", primary_key=True)
    event_id: int | None = Field(default=None, index=True)
    claim_id: int
    actor: str  # lower-cased
    polarity: int
    deny: bool
    negates: str  # the word the negation applies to, or ""
    slots: str  # theme words and the main verb, space-separated
    words: str  # content words, space-separated


class WordCount(SQLModel, table=True):
    """How many of an event's group heads hold a content word (event 0: articles of no
    event): which words are too common to tell two groups apart, kept as groups change."""

    __tablename__ = "head_word_count"
    event_id: int = Field(primary_key=True)
    word: str = Field(primary_key=True)
    count: int
