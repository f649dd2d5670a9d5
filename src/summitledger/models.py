"""Every data shape: pydantic models in flight, SQLModel tables at rest; the ledger's
tables about itself (:mod:`summitledger.bookkeeping`), figure series
(:mod:`summitledger.figure_models`) and the rows reports return
(:mod:`summitledger.records`) live in modules of their own, importable from here."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, computed_field
from pydantic import Field as PField
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from summitledger.bookkeeping import LexiconRow, Meta, Migration, utcnow  # noqa: F401
from summitledger.figure_models import (  # noqa: F401
    SERIES_STATUSES,
    FigureReport,
    FigureReportRow,
    FigureSeries,
    FigureSeriesRow,
    FrameNumber,
)
from summitledger.records import ClaimRecord, PassedOverRecord  # noqa: F401
from summitledger.wordbag import WordBag

ClaimType = Literal["direct", "mixed", "indirect"]
STATUSES: tuple[str, ...] = ("corroborated", "single-source", "contradicted", "updated")  # groups
CLAIM_TYPES: tuple[str, ...] = ("direct", "mixed", "indirect")


# --------------------------------------------------------------------------- in flight


class ArticleIn(BaseModel):
    """An article read from disk, normalised, before extraction."""

    file: str  # file name, as users see it
    path: str  # where it was read from
    origin: str = ""  # its identity: the file (absolute path) or record it came from
    stem: str
    outlet: str
    title: str = ""
    date: str = ""
    url: str = ""
    text: str
    content_hash: str
    event: str = ""  # the event it belongs to (set by ingest; not a column of its own)


class SentenceIn(BaseModel):
    idx: int
    start: int
    end: int
    text: str


FRAME_VERSION = 2  # 2: numbers carry their quantity, value as written, time and update


class ClaimFrame(BaseModel):
    """What a claim asserts, slot by slot, for matching and verdicts (stored as JSON)."""

    v: int = FRAME_VERSION
    predicate: str = ""  # the cue's lemma ('say', 'deny', 'put')
    family: str = ""  # the cue's family in the thesaurus ('warn' for caution)
    verb: str = ""  # the main verb of the content ('reopen')
    theme: list[str] = PField(default_factory=list)  # head nouns of the content
    recipients: list[str] = PField(default_factory=list)  # 'to X', 'with X'
    places: list[str] = PField(default_factory=list)
    numbers: list[FrameNumber] = PField(default_factory=list)
    times: list[str] = PField(default_factory=list)  # date keys ('weekday=thursday')
    polarity: int = 1  # -1: the proposition is negated ('no deal was struck', 'denied')
    negates: str = ""  # what the negation applies to: the verb, or the noun of 'no X'
    modality: str = ""  # 'will', 'may', 'must' or '' (asserted as fact)


class ClaimBase(SQLModel):
    """The fields a claim has in flight and at rest (sqlmodel's shared-base pattern):
    :class:`ClaimDraft` adds what extraction knows, :class:`Claim` what the ledger keys.
    Offsets index the article text."""

    speaker: str
    speaker_start: int
    speaker_end: int
    actor_kind: str = "unknown"  # person, organisation, group or unknown
    cue: str
    cue_start: int
    cue_end: int
    type: str = Field(index=True)  # direct, mixed or indirect
    content: str
    content_start: int
    content_end: int
    quote: str = ""  # the quoted words, fragments joined by " … "
    sentence_start: int
    sentence_end: int
    rule: str  # which extraction rule produced it
    polarity: int = 1  # -1 when the proposition is negated (see ClaimFrame.polarity)
    channel: str = ""  # who passed the claim on ("A said X, according to B": B)


class ClaimDraft(ClaimBase):
    """One attributed claim as the extractor found it."""

    actor: str  # canonical within the article ("Vladimir Putin", "Kremlin", "US officials")
    actor_kind: Literal["person", "organisation", "group", "unknown"] = "unknown"
    type: ClaimType
    frame: ClaimFrame = PField(default_factory=ClaimFrame)
    lemmas: WordBag = PField(default_factory=WordBag)  # the content's words, for matching
    topic: WordBag = PField(default_factory=WordBag)  # what a question it answers was about


class RoleAlias(BaseModel):
    """A name an article teaches for an actor ("North Korea's leader" -> "Kim Jong Un")."""

    actor: str
    alias: str


class PassedIn(BaseModel):
    """A sentence holding a cue word outside quotations that gave no claim: what the
    rules passed over (offsets index the article text)."""

    sentence_start: int
    sentence_end: int
    cue: str  # the first cue in the sentence, as written ('said', 'according to')
    cue_start: int


class Extraction(BaseModel):
    sentences: list[SentenceIn]
    claims: list[ClaimDraft]
    aliases: list[RoleAlias] = PField(default_factory=list)
    pipeline: str
    extractor: str = ""  # the extraction rules' version (extract.EXTRACTOR_VERSION)
    lexicon: str = ""  # digest of the cue lexicon used (Lexicon.digest)
    passed: list[PassedIn] = PField(default_factory=list)  # sentences passed over
    embeddings: list[bytes] = PField(default_factory=list)  # one per claim (ingest adds them)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def passed_over(self) -> int:
        """How many sentences with a cue word outside quotations gave no claim."""
        return len(self.passed)


class IngestOutcome(BaseModel):
    file: str
    status: Literal["added", "replaced", "unchanged", "duplicate", "moved", "skipped"]
    detail: str = ""
    sentences: int = 0
    claims: int = 0
    passed_over: int = 0  # sentences with a cue word that gave no claim (see Extraction)
    event: str = ""  # the event the article is in


# --------------------------------------------------------------------------- at rest


class Event(SQLModel, table=True):
    """A news event: its articles are reconciled apart from every other event's."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    created_at: str = Field(default_factory=utcnow)


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    file: str = Field(index=True)
    path: str
    stem: str = Field(index=True)
    outlet: str = Field(index=True)
    title: str = ""
    date: str = ""
    url: str = ""
    content_hash: str = Field(index=True, unique=True)
    text: str
    pipeline: str
    extractor: str = ""  # the extraction rules' version that made its claims
    lexicon: str = ""  # digest of the cue lexicon that made its claims (see LexiconRow)
    ingested_at: str = Field(default_factory=utcnow)
    source_id: int | None = None  # the article whose text this one copies (itself if none)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    origin: str = Field(default="", index=True)  # the ArticleOrigin that owns it (metadata)


class ArticleOrigin(SQLModel, table=True):  # each file or record ingested: store/origins.py
    key: str = Field(primary_key=True)  # its identity (safe.origin_key)
    content_hash: str = Field(index=True)  # the text it held when last ingested
    fields: str = ""  # JSON: its file name, path, stem and metadata as last read


class PassedOver(SQLModel, table=True):
    """A sentence of an article with a cue word that gave no claim (migration 9);
    replaced with the article."""

    __tablename__ = "passed_over"
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    sentence_start: int
    sentence_end: int
    sentence: str  # the text between the offsets
    cue: str
    cue_start: int


class Sentence(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    idx: int
    start: int
    end: int
    text: str


class ArticleAlias(SQLModel, table=True):
    """Role aliases learned from one article; replaced with the article."""

    __tablename__ = "article_alias"
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    actor: str
    alias: str


class Actor(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    kind: str = "unknown"
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)


class ActorAlias(SQLModel, table=True):
    __tablename__ = "actor_alias"
    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", ondelete="CASCADE", index=True)
    alias: str
    norm: str = Field(index=True)


class ActorJoin(SQLModel, table=True):
    """Why two name forms are one actor: a resolution rule's reason, a statement that
    matched, or the user's merge (``summitledger actors --why``); rebuilt by reconcile."""

    __tablename__ = "actor_join"
    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="actor.id", ondelete="CASCADE", index=True)
    a: str
    b: str
    reason: str


class ActorOverride(SQLModel, table=True):
    """A user's decision: merge two actors, or keep a name apart from an actor."""

    __tablename__ = "actor_override"
    id: int | None = Field(default=None, primary_key=True)
    action: str  # "merge" | "split"
    a: str
    b: str
    created_at: str = Field(default_factory=utcnow)


class ClaimGroup(SQLModel, table=True):
    __tablename__ = "claim_group"
    id: int | None = Field(default=None, primary_key=True)
    actor_id: int | None = Field(default=None, foreign_key="actor.id", ondelete="SET NULL")
    status: str = Field(index=True)
    statement: str
    n_claims: int
    n_articles: int
    n_outlets: int
    n_sources: int = 1
    disputed: bool = False  # another actor asserts the opposite
    reason: str = ""  # JSON: the Verdict, how it was reached (verdict.py)
    matcher: str = ""
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)


class Claim(ClaimBase, table=True):
    """A claim at rest: :class:`ClaimBase` with its article, position, actor key, group,
    the sentence's text, the pipeline, and the frame and word bags as JSON."""

    __table_args__ = (Index("ix_claim_article_idx", "article_id", "idx"),)  # migration 2
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    sentence_id: int | None = Field(default=None, foreign_key="sentence.id", ondelete="CASCADE")
    idx: int
    actor_key: str = Field(index=True)
    actor_id: int | None = Field(default=None, foreign_key="actor.id", ondelete="SET NULL",
                                 index=True)
    sentence: str = ""  # the text between the sentence offsets: listing reads no article
    pipeline: str
    frame: str = ""  # ClaimFrame as JSON
    lemmas: str = ""  # WordBag as JSON (wordbag.py; '' when empty)
    topic: str = ""  # WordBag as JSON: what a question the claim answers was about
    embedding: bytes | None = None  # the content's embedding (reconcile/embedding.py packs it)
    group_id: int | None = Field(default=None, foreign_key="claim_group.id",
                                 ondelete="SET NULL", index=True)
