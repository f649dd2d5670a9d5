"""Writing one article and everything extracted from it, in one transaction.

An article is known by its event and its file name. One whose text, metadata and
provenance (pipeline, extractor, cue lexicon) are unchanged is left alone; a changed
one has its rows replaced; one given another event moves there; an article edited to
equal another loses its old rows. Each write marks the ledger unreconciled in the same
transaction (see :func:`summitledger.store.engine.mark_unreconciled`).
"""

from __future__ import annotations

import bisect

from sqlalchemy import delete, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel, select

from summitledger.events import DEFAULT_EVENT
from summitledger.models import (
    Article,
    ArticleAlias,
    ArticleIn,
    Claim,
    Event,
    Extraction,
    IngestOutcome,
    LexiconRow,
    PassedOver,
    Sentence,
    utcnow,
)
from summitledger.store.backend import is_postgres
from summitledger.store.engine import mark_unreconciled


def same_article(row: Article, art: ArticleIn) -> bool:
    return (row.content_hash, row.outlet, row.title, row.date, row.url) == (
        art.content_hash, art.outlet, art.title, art.date, art.url)


def made_by(row: Article, made: dict[str, str]) -> str:
    """'' if the row's claims were made by the pipeline, extractor and lexicon of this
    run, else what changed ('cue lexicon ab12… -> cd34…')."""
    names = {"pipeline": "pipeline", "extractor": "extractor", "lexicon": "cue lexicon"}
    return "; ".join(f"{names[k]} {getattr(row, k) or 'unknown'} -> {v}"
                     for k, v in made.items() if getattr(row, k) != v)


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


def store(engine: Engine, art: ArticleIn, ex: Extraction,
          lexicon_body: str | None = None) -> IngestOutcome:
    """Write one article and everything extracted from it into its event (``art.event``),
    in one transaction (``lexicon_body``: the cue lexicon as JSON, kept by its digest)."""
    event = art.event or DEFAULT_EVENT
    with engine.begin() as conn:
        eid = event_id(conn, event)
        rows = conn.execute(
            select(Article.id, Article.file, Article.content_hash, Article.outlet,
                   Article.title, Article.date, Article.url, Article.pipeline,
                   Article.extractor, Article.lexicon, Article.event_id, Event.name)
            .outerjoin(Event, Article.event_id == Event.id)
            .where((Article.file == art.file) | (Article.content_hash == art.content_hash))
        ).all()
        old = next((r for r in rows if r.file == art.file and r.event_id == eid), None)
        twin = next((r for r in rows if r.content_hash == art.content_hash), None)
        made = {"pipeline": ex.pipeline, "extractor": ex.extractor, "lexicon": ex.lexicon}
        if old is not None and same_article(old, art) and not made_by(old, made):  # type: ignore[arg-type]
            return IngestOutcome(file=art.file, status="unchanged", detail="already in the ledger",
                                 event=event)
        moved = ""
        if twin is not None and twin.file == art.file and twin.event_id != eid and old is None:
            moved = f"moved from event '{twin.name}'"  # the same article, given another event
            old = twin
        elif twin is not None and twin.id != getattr(old, "id", None):
            if old is not None:  # edited to equal another article: its old text goes
                conn.execute(delete(Article).where(Article.id == old.id))
                mark_unreconciled(conn)
            where = f" in event '{twin.name}'" if twin.event_id != eid else ""
            return IngestOutcome(file=art.file, status="duplicate", event=event,
                                 detail=f"same text as {twin.file}{where}; counted once")
        status = "replaced" if old is not None else "added"
        changed = made_by(old, made) if old is not None and same_article(old, art) else ""  # type: ignore[arg-type]
        changed = "; ".join(x for x in (moved, changed) if x)
        if old is not None:  # its sentences, claims and aliases go with it (ON DELETE CASCADE)
            conn.execute(delete(Article).where(Article.id == old.id))
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
                 **c.model_dump(exclude={"actor", "frame"})}
                for n, c in enumerate(ex.claims)])
        _insert_many(conn, PassedOver, [
            {"article_id": article_id, "sentence": art.text[p.sentence_start:p.sentence_end],
             **p.model_dump()} for p in ex.passed])
        mark_unreconciled(conn)
        if lexicon_body is not None:
            insert_new(conn, LexiconRow, {"digest": ex.lexicon, "body": lexicon_body})
        if ex.aliases:
            _insert_many(conn, ArticleAlias, [{"article_id": article_id, "actor": a.actor,
                                               "alias": a.alias} for a in ex.aliases])
    detail = f"extracted again: {changed}" if changed and not moved else changed
    return IngestOutcome(file=art.file, status=status, sentences=len(ex.sentences),
                         claims=len(ex.claims), passed_over=ex.passed_over, detail=detail,
                         event=event)


def sentence_of(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1
