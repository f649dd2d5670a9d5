"""What each article of an ingest needs, from what the ledger holds; and what became of
a file first counted as a copy once the run is over (:mod:`summitledger.store.origins`
has the rules)."""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine
from sqlmodel import select

from summitledger.models import Article, ArticleIn, ArticleOrigin, Event, IngestOutcome
from summitledger.store.origins import META
from summitledger.store.writes import made_by, same_article


def settle(engine: Engine, done: list[tuple[ArticleIn, IngestOutcome]],
            known: set[str]) -> None:
    """A file first counted as a copy may own its text by the end of the run (the file
    that had it took another text meanwhile, as when two files swap texts): say so."""
    with engine.connect() as conn:
        owners = set(conn.execute(select(Article.origin)).scalars())
    for art, o in done:
        if o.status == "duplicate" and art.origin in owners:
            o.status = "replaced" if art.origin in known else "added"
            o.detail = "now its own article: the file it copied took another text"


def triage(engine: Engine, articles: list[ArticleIn], made: dict[str, str]
            ) -> tuple[dict[int, IngestOutcome], list[int], list[int], set[str]]:
    """What each article needs, from what the ledger holds (read without the texts):
    an outcome already (unchanged, or a copy already counted), a store without
    extraction (its text is stored already: by another file, or in another event), or
    extraction."""
    with engine.connect() as conn:
        stored = {r.content_hash: r for r in conn.execute(
            select(Article.content_hash, Article.origin, Article.file, Article.outlet,
                   Article.title, Article.date, Article.url, Article.pipeline,
                   Article.extractor, Article.lexicon, Event.name.label("event"))  # type: ignore[attr-defined]
            .outerjoin(Event, Article.event_id == Event.id))}
        held = {r.key: r for r in conn.execute(
            select(ArticleOrigin.key, ArticleOrigin.content_hash, ArticleOrigin.fields))}
    known: dict[int, IngestOutcome] = {}
    stored_only, extract = [], []
    for n, art in enumerate(articles):
        row, mine = stored.get(art.content_hash), held.get(art.origin)
        if row is None:
            extract.append(n)
        elif row.origin == art.origin:
            if same_article(row, art) and not made_by(row, made) and row.event == art.event:  # type: ignore[arg-type]
                known[n] = IngestOutcome(file=art.file, status="unchanged",
                                         detail="already in the ledger", event=art.event)
            elif same_article(row, art) and not made_by(row, made):  # type: ignore[arg-type]
                stored_only.append(n)  # given another event: it moves there as it is
            else:
                extract.append(n)
        elif (mine is not None and mine.content_hash == art.content_hash
              and all(json.loads(mine.fields or "{}").get(k) == getattr(art, k)
                      for k in (*META, "event"))):
            where = f" in event '{row.event}'" if row.event != art.event else ""
            known[n] = IngestOutcome(file=art.file, status="duplicate", event=art.event,
                                     detail=f"same text as {row.file}{where}; counted once")
        else:
            stored_only.append(n)
    return known, stored_only, extract, {a.origin for a in articles if a.origin in held}
