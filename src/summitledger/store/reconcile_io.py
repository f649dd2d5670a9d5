"""What reconcile reads from the ledger and writes back: the only SQL reconcile needs.

Reconcile (:mod:`summitledger.reconcile.run`) works on plain rows: each event's claims
(:class:`ClaimRow`, with the stored embedding), the role aliases its articles taught,
the user's overrides, its articles' texts and times; it writes the actor tables, the
groups and each claim's group and actor, the articles' sources, the claims' embeddings
it had to make, and the ids it gave (kept in ``meta`` so an id never comes back).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, func, insert, text, update
from sqlalchemy.engine import Connection
from sqlmodel import col, select

from summitledger.models import (
    Actor,
    ActorAlias,
    ActorJoin,
    ActorOverride,
    Article,
    ArticleAlias,
    Claim,
    ClaimGroup,
    Event,
)
from summitledger.store.backend import is_postgres

Ev = int | None  # an event's id (None: articles stored before events, never left over)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """What reconcile reads of a stored claim."""

    id: int
    article_id: int
    actor_key: str
    actor_kind: str
    speaker: str
    content: str
    quote: str
    lemmas: str
    topic: str
    polarity: int
    type: str
    cue: str
    frame: str
    idx: int
    outlet: str
    file: str
    content_hash: str
    embedding: bytes | None = None


@dataclass
class EventInput:
    """What reconcile works from for one event."""

    rows: list[ClaimRow] = field(default_factory=list)
    aliases: list[tuple[str, str, str]] = field(default_factory=list)
    overrides: list[tuple[str, str, str]] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)
    published: dict[int, str] = field(default_factory=dict)  # article id -> its time


#: columns of a claim row whose values repeat across claims (actors, cues, outlets, an
#: article's file and hash): read once per distinct value, not once per claim
_REPEATED = (2, 3, 4, 10, 11, 14, 15, 16)


def _claim_rows(conn: Connection) -> list[tuple[Ev, ClaimRow]]:
    seen: dict[str, str] = {}
    out = []
    for r in conn.execute(
        select(Claim.id, Claim.article_id, Claim.actor_key, Claim.actor_kind, Claim.speaker,
               Claim.content, Claim.quote, Claim.lemmas, Claim.topic,
               Claim.polarity, Claim.type, Claim.cue, Claim.frame, Claim.idx, Article.outlet,
               Article.file, Article.content_hash, Claim.embedding, Article.event_id)
        .join(Article, Claim.article_id == Article.id)
        .order_by(Article.file, Article.content_hash, Claim.idx)):
        values = list(r[:-1])
        for k in _REPEATED:  # one string object per distinct value: a million rows share them
            values[k] = seen.setdefault(values[k], values[k])
        out.append((r[-1], ClaimRow(*values)))
    return out


def read_events(conn: Connection) -> dict[Ev, EventInput]:
    """Each event's claims, the role aliases its articles taught in a canonical order
    (never the order articles were stored in: a role two people hold in different
    articles goes the same way whichever was ingested first), the user's overrides that
    name two of its names (speakers as their keys), and its articles' texts and times;
    events in id order."""
    events: dict[Ev, EventInput] = defaultdict(EventInput)
    for ev, row in _claim_rows(conn):
        events[ev].rows.append(row)
    for actor, alias, file, ev in conn.execute(
            select(ArticleAlias.actor, ArticleAlias.alias, Article.file, Article.event_id)
            .join(Article, ArticleAlias.article_id == Article.id)
            .order_by(Article.file, Article.content_hash, ArticleAlias.actor, ArticleAlias.alias)):
        events[ev].aliases.append((actor, alias, file))
    for aid, body, date, ev in conn.execute(
            select(Article.id, Article.text, Article.date, Article.event_id)):
        events[ev].texts[aid] = body
        events[ev].published[aid] = date  # its publication time as stored, or ''
    overrides = conn.execute(select(ActorOverride).order_by(ActorOverride.id)).all()
    for e in events.values():
        speakers = {r.speaker.lower(): r.actor_key for r in e.rows}
        keys = {r.actor_key for r in e.rows} | {a[0] for a in e.aliases}  # what overrides name
        known = set(speakers) | {r.actor_key.lower() for r in e.rows} | {
            x.lower() for a in e.aliases for x in a[:2]}
        e.overrides = [(o.action, *(n if n in keys else speakers.get(n.lower(), n) for n in (o.a, o.b)))
                       for o in overrides if o.a.lower() in known and o.b.lower() in known]
    return dict(sorted(events.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))


def read_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": key}).scalar()


def write_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) "
                      "ON CONFLICT(key) DO UPDATE SET value = :v"), {"k": key, "v": value})


def earlier_groups(conn: Connection) -> dict[int, set[tuple[str, int]]]:
    """Each stored group's claims, as (article hash, position in the article)."""
    before: dict[int, set[tuple[str, int]]] = defaultdict(set)
    for gid, digest, idx in conn.execute(
            select(Claim.group_id, Article.content_hash, Claim.idx)
            .join(Article, Claim.article_id == Article.id)
            .where(col(Claim.group_id).is_not(None))):
        before[gid].add((digest, idx))
    return before


def earlier_actors(conn: Connection) -> dict[tuple[Ev, str], int]:
    """(event, name) -> id of each stored actor."""
    return {(e, n): i for n, i, e in conn.execute(select(Actor.name, Actor.id, Actor.event_id))}


def save_sources(conn: Connection, source_of: dict[int, int]) -> None:
    """Record each article's source (copies of one text share one) on the article."""
    arts = conn.execute(select(Article.id, Article.source_id)).all()
    changed = [{"aid": a.id, "src": source_of[a.id]} for a in arts
               if a.id in source_of and a.source_id != source_of[a.id]]
    if changed:
        conn.execute(text("UPDATE article SET source_id = :src WHERE id = :aid"), changed)


def save_embeddings(conn: Connection, made: dict[int, bytes]) -> None:
    """Keep the embeddings reconcile had to make (claims stored before embeddings were)."""
    if made:
        conn.execute(update(Claim).where(Claim.id == bindparam("cid"))
                     .values(embedding=bindparam("emb")),
                     [{"cid": k, "emb": v} for k, v in sorted(made.items())])


def clear_rebuilt(conn: Connection) -> None:
    """Empty what a rebuild writes anew: every claim's group and actor, the groups and
    the actor tables. The claims are let go of in one statement first, so that deleting
    a group or an actor finds nothing that points at it (letting the foreign keys null
    them took a statement's work per group and per actor)."""
    conn.execute(update(Claim).values(group_id=None, actor_id=None))
    conn.execute(delete(ClaimGroup))
    conn.execute(delete(ActorJoin))
    conn.execute(delete(ActorAlias))
    conn.execute(delete(Actor))


def replace_actors(conn: Connection, actors: list[dict], aliases: list[dict],
                   joins: list[dict]) -> None:
    """The actor tables (emptied by :func:`clear_rebuilt`) written: actors (id, name,
    kind, event_id), their aliases and the joins that made them."""
    for table, rows in ((Actor, actors), (ActorAlias, aliases), (ActorJoin, joins)):
        if rows:
            conn.execute(insert(table), rows)


def replace_groups(conn: Connection, groups: list[dict], members: list[dict]) -> None:
    """The groups (emptied by :func:`clear_rebuilt`) written, and each claim's group and
    actor (``members``: cid, gid, aid), set through a temporary table in one UPDATE (a
    statement per claim is slow on a million claims)."""
    if groups:
        conn.execute(insert(ClaimGroup), groups)
    if not members:
        return
    if is_postgres(conn):
        conn.execute(text("CREATE TEMP TABLE claim_in_group (cid INTEGER PRIMARY KEY, "
                          "gid INTEGER, aid INTEGER) ON COMMIT DROP"))
    else:
        conn.execute(text("DROP TABLE IF EXISTS temp.claim_in_group"))
        conn.execute(text("CREATE TEMP TABLE claim_in_group (cid INTEGER PRIMARY KEY, "
                          "gid INTEGER, aid INTEGER)"))
    conn.execute(text("INSERT INTO claim_in_group (cid, gid, aid) VALUES (:cid, :gid, :aid)"),
                 members)
    conn.execute(text("UPDATE claim SET group_id = t.gid, actor_id = t.aid "
                      "FROM claim_in_group AS t WHERE claim.id = t.cid"))
    conn.execute(text("DROP TABLE claim_in_group"))


def drop_empty_events(conn: Connection) -> None:
    """An event holds articles; one left with none (all moved away) is gone."""
    conn.execute(delete(Event).where(col(Event.id).not_in(
        select(Article.event_id).where(col(Article.event_id).is_not(None)))))


def article_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(Article)).scalar_one()


def ledger_counts(conn: Connection) -> dict:
    """Articles, claims and actors, groups by status, and the matchers that made them."""
    def count(table: type) -> int:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()

    statuses = dict(conn.execute(select(ClaimGroup.status, func.count())
                                 .group_by(ClaimGroup.status)).all())  # type: ignore[arg-type]
    matchers = set(conn.execute(select(ClaimGroup.matcher).distinct()).scalars())
    return {"articles": count(Article), "claims": count(Claim), "actors": count(Actor),
            "statuses": dict(sorted(statuses.items())), "matchers": sorted(matchers)}
