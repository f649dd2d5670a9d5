"""Report: read-only queries over the ledger, returning typed rows: claims, actors,
outlets. Every one takes ``event`` (a name; None: every event) and never writes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time
from typing import Any

from pydantic import BaseModel, TypeAdapter
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from summitledger.errors import UNKNOWN_GROUP, QueryError
from summitledger.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimGroup,
    ClaimRecord,
    Event,
)
from summitledger.report.names import (
    actor_ids,
    event_id,
    in_event,
    outlet_names,
    outlets_of,
)
from summitledger.store.backend import search_clause
from summitledger.store.rows import records, select_as


def _record_columns() -> dict[str, Any]:
    """The SQL expression behind each ClaimRecord field (by name: see
    :func:`~summitledger.store.rows.select_as`)."""
    return {
        "id": Claim.id, "article": Article.file, "article_hash": Article.content_hash,
        "outlet": Article.outlet, "date": Article.date, "speaker": Claim.speaker,
        "actor": func.coalesce(func.nullif(Actor.name, ""), Claim.actor_key), "cue": Claim.cue,
        "type": Claim.type, "content": Claim.content, "quote": Claim.quote,
        "sentence": Claim.sentence,
        "status": func.coalesce(ClaimGroup.status, ""), "group": Claim.group_id,
        "start": Claim.content_start, "end": Claim.content_end, "rule": Claim.rule,
        "pipeline": Claim.pipeline, "channel": Claim.channel,
        "extractor": Article.extractor, "lexicon": Article.lexicon, "polarity": Claim.polarity,
        "event": func.coalesce(Event.name, ""),
    }


def claims(
    engine: Engine,
    actor: str | None = None,
    outlet: str | None = None,
    status: str | None = None,
    type: str | None = None,
    search: str | None = None,
    limit: int | None = None,
    *,
    event: str | None = None,
    group: int | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[ClaimRecord]:
    """Claims, filtered, in event, article then text order (one SQL query, indexed by
    actor): ``event`` keeps one event's (None: every event's), ``search`` those whose
    content, quotation or speaker hold every word or a word starting so (the full-text
    index), ``group`` one group's, ``since``/``until`` those published in that time (see
    :func:`published_between`), ``limit`` the first N. Names are matched in any case; an
    unknown actor, outlet, event or group raises QueryError with the closest names."""
    with Session(engine) as session:
        eid = event_id(session, event)
        q = (
            select_as(ClaimRecord, _record_columns())
            .join(Article, Claim.article_id == Article.id)
            .outerjoin(Event, Article.event_id == Event.id)
            .outerjoin(Actor, Claim.actor_id == Actor.id)
            .outerjoin(ClaimGroup, Claim.group_id == ClaimGroup.id)
            # two files of one name are told apart by their text, not by when they came
            .order_by(Event.name, Article.file, Article.content_hash, Claim.idx, Claim.id)
        )
        if eid is not None:
            q = q.where(Article.event_id == eid)
        if actor:
            q = q.where(col(Claim.actor_id).in_(actor_ids(session, actor, eid)))
        if outlet:
            q = q.where(col(Article.outlet).in_(outlet_names(session, outlet, eid)))
        # words and prefixes, read as words (never as the search engine's syntax); a
        # search without a word in it ('', '   ') filters nothing
        if search and any(c.isalnum() for c in search):
            q = q.where(search_clause(session.connection(), col(Claim.id), search))
        if group is not None:
            if session.get(ClaimGroup, group) is None:
                raise QueryError(f"no group {group} in the ledger (see 'summitledger claims')",
                                 code=UNKNOWN_GROUP)
            q = q.where(Claim.group_id == group)
        if since or until:
            q = q.where(col(Article.id).in_(published_between(session, since, until)))
        if limit is not None:
            q = q.limit(limit)
        if status:
            q = q.where(func.lower(ClaimGroup.status) == status.lower())
        if type:
            q = q.where(func.lower(Claim.type) == type.lower())
        return records(_CLAIM_LIST, ClaimRecord, session.connection().execute(q))


def when(value: str) -> datetime | date:
    """A time as ``--since``/``--until`` take it: a day ('2025-09-22'), or a moment
    ('2025-09-22T10:00', '2025-09-22T10:00+03:00'). ValueError otherwise."""
    value = value.strip()
    if len(value) == 10:
        return date.fromisoformat(value)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _inside(published: str, since: datetime | date | None, until: datetime | date | None) -> bool:
    """Is an article published at ``published`` (its date as stored) inside the bounds?
    A day bound takes the day as the article gives it (its own time zone); a moment
    bound compares moments (an article dated by day alone is at its midnight, UTC)."""
    try:
        day = date.fromisoformat(published[:10])
        moment = when(published) if len(published) > 10 else datetime.combine(day, time(), UTC)
    except ValueError:
        return False  # no date, or none that can be placed: outside every bound
    at = moment if isinstance(moment, datetime) else datetime.combine(moment, time(), UTC)
    for bound, later in ((since, True), (until, False)):
        if bound is None:
            continue
        if isinstance(bound, datetime):
            ok = at >= bound if later else at <= bound
        else:
            ok = day >= bound if later else day <= bound
        if not ok:
            return False
    return True


def published_between(session: Session, since: str | None, until: str | None) -> list[int]:
    """Ids of the articles published from ``since`` to ``until`` (both included; see
    :func:`when`); an article without a date is in neither."""
    low, high = (when(v) if v else None for v in (since, until))
    return [aid for aid, published in session.exec(select(Article.id, Article.date)).all()
            if _inside(published, low, high)]


_CLAIM_LIST = TypeAdapter(list[ClaimRecord])


class ActorRow(BaseModel):
    id: int
    actor: str
    kind: str
    aliases: list[str]
    claims: int
    outlets: list[str]
    event: str = ""


def actors(engine: Engine, event: str | None = None) -> list[ActorRow]:
    """Each actor of ``event`` (None: of every event) with its names, claims and outlets."""
    with Session(engine) as session:
        eid = event_id(session, event)
        events = dict(session.exec(select(Event.id, Event.name)).all())
        aliases: dict[int, list[str]] = defaultdict(list)
        for a in session.exec(select(ActorAlias).order_by(ActorAlias.alias)).all():
            aliases[a.actor_id].append(a.alias)
        counts: dict[int, int] = defaultdict(int)
        outlets: dict[int, set[str]] = defaultdict(set)
        for actor_id, outlet in session.exec(
            select(Claim.actor_id, Article.outlet).join(Article, Claim.article_id == Article.id)
        ).all():
            if actor_id is not None:
                counts[actor_id] += 1
                outlets[actor_id].add(outlet)
        return [
            ActorRow(id=a.id, actor=a.name, kind=a.kind, aliases=aliases[a.id],
                     claims=counts[a.id], outlets=sorted(outlets[a.id]),
                     event=events.get(a.event_id, ""))  # type: ignore[arg-type]
            for a in session.exec(select(Actor).where(in_event(Actor.event_id, eid))
                                  .order_by(Actor.name, Actor.event_id)).all()
        ]


def article_files(engine: Engine, event: str | None = None) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(Article.file).where(
            in_event(Article.event_id, event_id(session, event)))).all())


def outlets(engine: Engine, event: str | None = None) -> list[str]:
    with Session(engine) as session:
        return outlets_of(session, event_id(session, event))


UNNAMED = " (outlet not named)"  # follows the title or stem of an outlet no article names


def outlet_labels(engine: Engine, event: str | None = None) -> dict[str, str]:
    """Outlet -> what a reader is shown. An outlet no article names (the ledger fell back
    to the file stem) shows its article's title, or its stem, marked as not named, so a
    hash-like file name never stands alone as if it were an outlet."""
    with Session(engine) as session:
        rows = session.exec(select(Article.outlet, Article.stem, Article.title)
                            .where(in_event(Article.event_id, event_id(session, event)))
                            .order_by(Article.file)).all()
    labels: dict[str, str] = {}
    for outlet, stem, title in rows:
        if outlet != stem:
            labels[outlet] = outlet
        elif outlet not in labels:
            labels[outlet] = f"{title or stem}{UNNAMED}"
    return labels


def actor_names(session: Session) -> dict[int, str]:
    return {a.id: a.name for a in session.exec(select(Actor)).all()}
