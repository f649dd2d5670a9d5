"""Writing one file's article and everything extracted from it, in one transaction.

An article is one text, known by the file it came from (and in one event). One whose
text, metadata, event and provenance (pipeline, extractor, cue lexicon) are unchanged
is left alone; a changed one has its rows replaced; one given another event moves
there; a file edited to equal another's text is counted once with it, and its old
text goes unless another file holds it (:mod:`summitledger.store.origins`). Each write
marks the ledger unreconciled in the same transaction (see
:func:`summitledger.store.engine.mark_unreconciled`).
"""

from __future__ import annotations

import bisect
from typing import Literal

from sqlalchemy import delete, func, insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, Row
from sqlmodel import SQLModel, select

from summitledger.events import DEFAULT_EVENT
from summitledger.models import (
    Article,
    ArticleAlias,
    ArticleIn,
    ArticleOrigin,
    Claim,
    Event,
    Extraction,
    IngestOutcome,
    LexiconRow,
    PassedOver,
    Sentence,
    utcnow,
)
from summitledger.store.backend import RECONCILE_LOCK, STORE_LOCK, is_postgres, serialise, share
from summitledger.store.engine import mark_unreconciled
from summitledger.store.origins import (
    META,
    adopt_legacy,
    gone,
    record,
    release,
    shown,
    take_over,
)

Standing = Literal["unchanged", "moved", "changed"]


def same_article(row: Row, art: ArticleIn) -> bool:
    """Same text and the same metadata (:data:`~summitledger.store.origins.META`)."""
    return row.content_hash == art.content_hash and all(
        getattr(row, k) == getattr(art, k) for k in META)


def made_by(row: Row, made: dict[str, str]) -> str:
    """'' if the row's claims were made by the pipeline, extractor and lexicon of this
    run, else what changed ('cue lexicon ab12… -> cd34…')."""
    names = {"pipeline": "pipeline", "extractor": "extractor", "lexicon": "cue lexicon"}
    return "; ".join(f"{names[k]} {getattr(row, k) or 'unknown'} -> {v}"
                     for k, v in made.items() if getattr(row, k) != v)


def standing(row: Row, art: ArticleIn, made: dict[str, str], event: str) -> Standing:
    """How the article stored from ``art``'s own file (``row``, with its event's name as
    ``event``) stands to ``art``, read again into ``event`` by a run that makes claims
    as ``made`` says (empty: not compared): ``unchanged`` (same text, metadata,
    provenance and event: left alone), ``moved`` (the same in another event: it moves
    there as it is) or ``changed`` (extracted again)."""
    if not same_article(row, art) or made_by(row, made):
        return "changed"
    return "unchanged" if row.event == event else "moved"


def unchanged(art: ArticleIn, event: str) -> IngestOutcome:
    return IngestOutcome(file=art.file, status="unchanged", detail="already in the ledger",
                         event=event)


def _insert_many(conn: Connection, model: type[SQLModel], rows: list[dict]) -> None:
    """Rows in bulk: one Core insert, which SQLAlchemy sends as one executemany."""
    if rows:
        conn.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]


def insert_new(conn: Connection, model: type[SQLModel], row: dict) -> None:
    """Insert ``row`` unless a row with its key is there (two writers may race to it)."""
    dialect = postgresql if is_postgres(conn) else sqlite
    conn.execute(dialect.insert(model.__table__).values(**row)  # type: ignore[attr-defined]
                 .on_conflict_do_nothing())


def event_id(conn: Connection, name: str) -> int:
    """The id of the event called ``name``, made if it is new (two writers may race)."""
    insert_new(conn, Event, {"name": name, "created_at": utcnow()})
    return conn.execute(select(Event.id).where(Event.name == name)).scalar_one()


def _counts(conn: Connection, article_id: int) -> tuple[int, int]:
    return tuple(conn.execute(select(func.count()).where(  # type: ignore[return-value]
        table.article_id == article_id)).scalar_one() for table in (Sentence, Claim))


def store(engine: Engine, art: ArticleIn, ex: Extraction | None = None,
          lexicon_body: str | None = None,
          keep: frozenset[str] = frozenset()) -> IngestOutcome | None:
    """Write one file's article and everything extracted from it into its event
    (``art.event``), in one transaction (``lexicon_body``: the cue lexicon as JSON, kept
    by its digest); the rules are in :mod:`summitledger.store.origins`. Without ``ex``,
    only what needs no extraction is done (a copy of a text already stored, a file that
    moved, an article given another event) and None says the text must be extracted
    first. ``keep``: texts other files of this run bring."""
    event = art.event or DEFAULT_EVENT
    with engine.begin() as conn:
        serialise(conn, STORE_LOCK)  # PostgreSQL: origins are shared between writers
        # and no article enters while a reconcile reads the ledger (it holds this alone)
        share(conn, RECONCILE_LOCK)
        eid = event_id(conn, event)
        adopt_legacy(conn, art)
        before = conn.execute(select(ArticleOrigin.content_hash).where(
            ArticleOrigin.key == art.origin)).scalar()
        twin = conn.execute(
            select(Article.id, Article.file, Article.origin, Article.content_hash,
                   Article.outlet, Article.title, Article.date, Article.url,
                   Article.pipeline, Article.extractor, Article.lexicon,
                   Event.name.label("event"))  # type: ignore[attr-defined]
            .outerjoin(Event, Article.event_id == Event.id)
            .where(Article.content_hash == art.content_hash)).first()
        old_id, moved_event = None, ""
        if twin is not None and twin.origin == art.origin:
            made = {"pipeline": ex.pipeline, "extractor": ex.extractor,
                    "lexicon": ex.lexicon} if ex is not None else {}
            if twin.event != event:
                moved_event = f"moved from event '{twin.event}'"
            state = standing(twin, art, made, event)
            if state != "changed":
                record(conn, art)
                if state == "unchanged":
                    return unchanged(art, event)
                conn.execute(update(Article).where(Article.id == twin.id).values(event_id=eid))
                mark_unreconciled(conn)  # the same article, given another event: as it is
                sentences, claims = _counts(conn, twin.id)
                return IngestOutcome(file=art.file, status="replaced", sentences=sentences,
                                     claims=claims, detail=moved_event, event=event)
            if ex is None:
                return None
            old_id = twin.id
        elif twin is not None:
            owner = conn.execute(select(ArticleOrigin).where(
                ArticleOrigin.key == twin.origin)).first()
            holds = owner is not None and owner.content_hash == twin.content_hash
            moved = holds and gone(owner)  # type: ignore[arg-type]
            if not holds or moved:  # its file moved here, or holds another text now
                take_over(conn, twin.id, art, eid)
                if moved:
                    conn.execute(delete(ArticleOrigin).where(ArticleOrigin.key == owner.key))  # type: ignore[union-attr]
                mark_unreconciled(conn)
            record(conn, art)
            if before is not None and before != art.content_hash:
                release(conn, before, keep)  # this file's earlier text
            if moved:
                was = shown(owner).get("path", "elsewhere")  # type: ignore[arg-type]
                return IngestOutcome(file=art.file, status="moved", event=event,
                                     detail=f"moved from {was}; nothing extracted again")
            if holds:
                where = f" in event '{twin.event}'" if twin.event != event else ""
                return IngestOutcome(file=art.file, status="duplicate", event=event,
                                     detail=f"same text as {twin.file}{where}; counted once")
            sentences, claims = _counts(conn, twin.id)
            return IngestOutcome(
                file=art.file, status="added" if before is None else "replaced",
                sentences=sentences, claims=claims, event=event,
                detail=f"its text was in the ledger already (from {twin.file})")
        if ex is None:
            return None
        made = {"pipeline": ex.pipeline, "extractor": ex.extractor, "lexicon": ex.lexicon}
        status = "replaced" if old_id is not None or before is not None else "added"
        changed = made_by(twin, made) if old_id is not None and same_article(twin, art) else ""
        changed = "; ".join(x for x in (moved_event, changed) if x)
        if old_id is not None:  # its sentences, claims and aliases go with it (ON DELETE CASCADE)
            conn.execute(delete(Article).where(Article.id == old_id))
        article_id = conn.execute(
            insert(Article).values(**art.model_dump(exclude={"event"}), event_id=eid,
                                   ingested_at=utcnow(), **made)
        ).inserted_primary_key[0]
        _insert_many(conn, Sentence, [{"article_id": article_id, **s.model_dump()}
                                      for s in ex.sentences])
        sent_ids = [r[0] for r in conn.execute(
            select(Sentence.id).where(Sentence.article_id == article_id).order_by(Sentence.idx))]
        starts = [s.start for s in ex.sentences]
        if ex.claims:
            _insert_many(conn, Claim, [
                {"article_id": article_id, "idx": n, "pipeline": ex.pipeline, "actor_key": c.actor,
                 "sentence_id": sent_ids[max(0, sentence_of(starts, c.sentence_start))] if sent_ids else None,
                 "sentence": art.text[c.sentence_start:c.sentence_end],
                 "frame": c.frame.model_dump_json(),
                 "lemmas": c.lemmas.to_json(), "topic": c.topic.to_json(),
                 "embedding": ex.embeddings[n] if n < len(ex.embeddings) else None,
                 **c.model_dump(exclude={"actor", "frame", "lemmas", "topic"})}
                for n, c in enumerate(ex.claims)])
        _insert_many(conn, PassedOver, [
            {"article_id": article_id, "sentence": art.text[p.sentence_start:p.sentence_end],
             **p.model_dump()} for p in ex.passed])
        record(conn, art)
        if before is not None and before != art.content_hash:
            release(conn, before, keep)  # this file's earlier text
        mark_unreconciled(conn, added=article_id if status == "added" else None)
        if lexicon_body is not None:
            insert_new(conn, LexiconRow, {"digest": ex.lexicon, "body": lexicon_body})
        if ex.aliases:
            _insert_many(conn, ArticleAlias, [{"article_id": article_id, "actor": a.actor,
                                               "alias": a.alias} for a in ex.aliases])
    detail = f"extracted again: {changed}" if changed and not moved_event else changed
    return IngestOutcome(file=art.file, status=status, sentences=len(ex.sentences),
                         claims=len(ex.claims), passed_over=ex.passed_over, detail=detail,
                         event=event)


def sentence_of(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1
