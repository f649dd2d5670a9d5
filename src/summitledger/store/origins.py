"""Which file an article came from: origins, and the rules that keep one article per text.

An *origin* is a file, or a record of a JSON lines file, known by its absolute path
(:func:`summitledger.safe.origin_key`); it holds the text it had when last
ingested. An article is one text, owned by one origin (whose metadata it shows) and
held by every origin with that text (copies are counted once). An article lives while
some origin holds its text: when its owner takes another text, it passes to another
holder, or goes when there is none. So two different files never replace each other,
and an edited file replaces only its own earlier version.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import delete, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, Row

from summitledger.models import Article, ArticleIn, ArticleOrigin, Event
from summitledger.safe import key_path, origin_key
from summitledger.store.backend import STORE_LOCK, is_postgres, serialise
from summitledger.store.engine import mark_unreconciled
from summitledger.store.origin_schema import LEGACY

#: What a file says about its article, beside its text.
META = ("outlet", "title", "date", "url")
#: What an article shows of the origin that owns it.
SHOWN = ("file", "path", "stem", *META)


def fields_of(art: ArticleIn) -> dict[str, str]:
    return {k: getattr(art, k) for k in SHOWN}


def shown(origin: Row) -> dict[str, str]:
    """What the origin's file showed when last read (:data:`SHOWN`)."""
    fields = json.loads(origin.fields or "{}")
    return {k: str(fields[k]) for k in SHOWN if k in fields}


def record(conn: Connection, art: ArticleIn) -> None:
    """This origin now holds ``art``'s text, with ``art``'s name, metadata and event."""
    row = {"key": art.origin, "content_hash": art.content_hash,
           "fields": json.dumps({**fields_of(art), "event": art.event}, ensure_ascii=False,
                                sort_keys=True)}
    dialect = postgresql if is_postgres(conn) else sqlite
    stmt = dialect.insert(ArticleOrigin.__table__).values(**row)  # type: ignore[attr-defined]
    conn.execute(stmt.on_conflict_do_update(
        index_elements=["key"], set_={k: v for k, v in row.items() if k != "key"}))


def holds_as_is(origin: Row, art: ArticleIn) -> bool:
    """Does ``origin`` hold ``art``'s text with its metadata and event, as last recorded?"""
    fields = json.loads(origin.fields or "{}")
    return origin.content_hash == art.content_hash and all(
        fields.get(k) == getattr(art, k) for k in (*META, "event"))


def gone(origin: Row) -> bool:
    """Is the file behind ``origin`` gone from where it was (moved away, or deleted)?
    Standard input never goes; an article stored before origins were recorded is looked
    for at the path it was read from."""
    if origin.key.startswith(LEGACY):
        path = shown(origin).get("path", "")
        return not path or not os.path.lexists(path.rsplit(":", 1)[0] if ".jsonl:" in path
                                               else path)
    path = key_path(origin.key)
    return path is not None and not os.path.lexists(path)


def adopt_legacy(conn: Connection, art: ArticleIn) -> None:
    """An article stored before origins were recorded becomes this file's when it was
    read from the same path (as given then, or resolved from here)."""
    rows = conn.execute(select(ArticleOrigin).where(ArticleOrigin.key.startswith(LEGACY))).all()
    for r in rows:
        was = shown(r)
        path = was.get("path", "")
        if was.get("file") == art.file and path and (
                path == art.path or origin_key(Path(path)) == art.origin):
            if conn.execute(select(ArticleOrigin.key).where(
                    ArticleOrigin.key == art.origin)).first() is None:
                conn.execute(update(ArticleOrigin).where(ArticleOrigin.key == r.key)
                             .values(key=art.origin))
                conn.execute(update(Article).where(Article.origin == r.key)
                             .values(origin=art.origin))
            return


def take_over(conn: Connection, article_id: int, art: ArticleIn, event_id: int) -> None:
    """The article becomes ``art``'s origin's, showing its name and metadata, in its event."""
    conn.execute(update(Article).where(Article.id == article_id)
                 .values(origin=art.origin, event_id=event_id, **fields_of(art)))


def release(conn: Connection, content_hash: str, keep: frozenset[str] = frozenset()) -> bool:
    """The article of ``content_hash`` when its owner no longer holds that text: it passes
    to another origin holding it (the first by key), or goes with its rows when none does.
    A text in ``keep`` (another file of this run brings it) is left for that file to take.
    True when something changed."""
    art = conn.execute(select(Article.id, Article.origin).where(
        Article.content_hash == content_hash)).first()
    if art is None or content_hash in keep:
        return False
    owner = conn.execute(select(ArticleOrigin.content_hash).where(
        ArticleOrigin.key == art.origin)).scalar()
    if owner == content_hash:
        return False
    heir = conn.execute(select(ArticleOrigin).where(ArticleOrigin.content_hash == content_hash)
                        .order_by(ArticleOrigin.key).limit(1)).first()
    if heir is None:  # its sentences, claims and aliases go with it (ON DELETE CASCADE)
        conn.execute(delete(Article).where(Article.id == art.id))
    else:
        event = json.loads(heir.fields or "{}").get("event")
        eid = conn.execute(select(Event.id).where(Event.name == event)).scalar() if event else None
        conn.execute(update(Article).where(Article.id == art.id).values(
            origin=heir.key, **shown(heir), **({"event_id": eid} if eid is not None else {})))
    mark_unreconciled(conn)
    return True


def sweep(engine: Engine) -> int:
    """Release every article its owner no longer holds (a run killed between storing one
    file's new text and another file taking the old): the next run finishes the job.
    Returns how many articles passed on or went."""
    owned = exists().where(ArticleOrigin.key == Article.origin,
                           ArticleOrigin.content_hash == Article.content_hash)
    with engine.connect() as conn:
        loose = conn.execute(select(Article.content_hash).where(~owned)).scalars().all()
    done = 0
    for content_hash in loose:
        with engine.begin() as conn:
            serialise(conn, STORE_LOCK)
            done += release(conn, content_hash)
    return done
