"""What the ledger holds of its articles, as an ingest reads it around its writes: each
stored text and the file that owns it, what each file last held, where each file's
article is, which articles are near-copies of another, and every article's text by
event. Reads only; :mod:`writes` does the writing."""

from __future__ import annotations

from sqlalchemy.engine import Engine, Row
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from summitledger.models import Article, ArticleOrigin, Event


def stored_texts(engine: Engine) -> tuple[dict[str, Row], dict[str, Row]]:
    """Each stored article by its text's hash (without the text: owner, file, metadata,
    provenance and event name), and what each origin holds, by its key."""
    with engine.connect() as conn:
        stored = {r.content_hash: r for r in conn.execute(
            select(Article.content_hash, Article.origin, Article.file, Article.outlet,
                   Article.title, Article.date, Article.url, Article.pipeline,
                   Article.extractor, Article.lexicon, Event.name.label("event"))  # type: ignore[attr-defined]
            .outerjoin(Event, Article.event_id == Event.id))}
        held = {r.key: r for r in conn.execute(
            select(ArticleOrigin.key, ArticleOrigin.content_hash, ArticleOrigin.fields))}
    return stored, held


def owners(engine: Engine) -> set[str]:
    """The origins that own an article."""
    with engine.connect() as conn:
        return set(conn.execute(select(Article.origin)).scalars())


def homes(engine: Engine) -> tuple[dict[tuple[str, str], set[str]], list[str]]:
    """The events each file's article is in, by (file, path) as the ledger shows them;
    and every event's name, sorted."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(Article.file, Article.path, Event.name.label("event"))  # type: ignore[attr-defined]
            .outerjoin(Event, Article.event_id == Event.id)).all()
        events = sorted(conn.execute(select(Event.name)).scalars())
    found: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        found.setdefault((r.file, r.path), set()).add(r.event)
    return found, events


def copies(engine: Engine, origins: set[str] | None = None) -> dict[str, str | None]:
    """The file of the source article each near-copy is counted with, by the copy's
    origin (a wire story two outlets ran is one source); ``origins``: only these."""
    source = aliased(Article)
    query = (select(Article.origin, source.file).join(source, Article.source_id == source.id)
             .where(Article.source_id != Article.id))
    if origins is not None:
        query = query.where(col(Article.origin).in_(sorted(origins)))
    with engine.connect() as conn:
        return {origin: file for origin, file in conn.execute(query)}


def texts_by_event(engine: Engine) -> tuple[dict[int, str], list[Row]]:
    """Every event's name by id, and every article's file, event id and text; no
    articles are read while the ledger holds fewer than two events."""
    with engine.connect() as conn:
        names = dict(conn.execute(select(Event.id, Event.name)).all())
        if len(names) < 2:
            return names, []
        return names, list(conn.execute(select(Article.file, Article.event_id,
                                                Article.text)).all())
