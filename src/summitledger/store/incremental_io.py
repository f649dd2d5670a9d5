"""What an incremental reconcile reads and writes: one event's names, the claims of the
blocks a new article touches, the state the last reconcile left (actor forms, bands,
group heads), and the groups it replaces. The only SQL :mod:`reconcile.incremental`
needs; :mod:`reconcile_io` has what a full reconcile needs.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import bindparam, delete, func, insert, text, update
from sqlalchemy.engine import Connection
from sqlmodel import col, select

from summitledger.bookkeeping import ArticleBand, GroupHead, Pending
from summitledger.models import (
    Actor,
    ActorAlias,
    ActorJoin,
    ActorOverride,
    Article,
    ArticleAlias,
    Claim,
    ClaimGroup,
    FigureReportRow,
    FigureSeriesRow,
)
from summitledger.store.reconcile_io import ClaimRow, Ev

#: meta key: what made the groups (:data:`summitledger.reconcile.state.STATE`); a
#: reconcile adds to them only when it would make them the same way
STATE_KEY = "reconcile_state"

# ----------------------------------------------------------------------- the queue


def read_pending(conn: Connection) -> list[tuple[int, int | None]]:
    """(row id, article added or None) of what changed since the last reconcile."""
    return [tuple(r) for r in conn.execute(select(Pending.id, Pending.article_id)
                                           .order_by(Pending.id))]  # type: ignore[misc]


def clear_pending(conn: Connection, upto: int) -> None:
    conn.execute(delete(Pending).where(col(Pending.id) <= upto))


def events_of(conn: Connection, articles: list[int]) -> dict[int, Ev]:
    return dict(conn.execute(select(Article.id, Article.event_id)
                             .where(col(Article.id).in_(articles))).all())  # type: ignore[arg-type]


# ----------------------------------------------------------------------- one event's names


def event_names(conn: Connection, ev: Ev) -> list[tuple[str, str, int, int]]:
    """(name form, kind, article, claims) of the event's claims."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        select(Claim.actor_key, Claim.actor_kind, Claim.article_id, func.count())
        .join(Article, Claim.article_id == Article.id).where(Article.event_id == ev)
        .group_by(Claim.actor_key, Claim.actor_kind, Claim.article_id)
        .order_by(Claim.actor_key, Claim.actor_kind, Claim.article_id))]


def event_aliases(conn: Connection, ev: Ev) -> list[tuple[str, str, str, int]]:
    """(person, role, article file, article id) as :func:`reconcile_io.read_events` orders them."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        select(ArticleAlias.actor, ArticleAlias.alias, Article.file, Article.id)
        .join(Article, ArticleAlias.article_id == Article.id).where(Article.event_id == ev)
        .order_by(Article.file, Article.content_hash, ArticleAlias.actor, ArticleAlias.alias))]


def spoken_outside(conn: Connection, ev: Ev, claims: set[int]
                   ) -> list[tuple[str, str, str, int, int, str]]:
    """(name form, speaker, actor name, claims, first claim id, first file) over the
    event's claims but ``claims`` (their actor as stored)."""
    return [tuple(r) for r in conn.execute(  # type: ignore[misc]
        select(Claim.actor_key, Claim.speaker, Actor.name, func.count(), func.min(Claim.id),
               func.min(Article.file))
        .join(Article, Claim.article_id == Article.id)
        .join(Actor, Claim.actor_id == Actor.id)
        .where(Article.event_id == ev, col(Claim.id).not_in(sorted(claims)))
        .group_by(Claim.actor_key, Claim.speaker, Actor.name))]


def actor_names(conn: Connection, claims: set[int]) -> dict[int, str]:
    """Claim id -> the name of its actor as stored."""
    return dict(conn.execute(select(Claim.id, Actor.name).join(Actor, Claim.actor_id == Actor.id)
                             .where(col(Claim.id).in_(sorted(claims)))).all())  # type: ignore[arg-type]


def has_overrides(conn: Connection) -> bool:
    return conn.execute(select(ActorOverride.id).limit(1)).first() is not None


# ----------------------------------------------------------------------- claims and articles


def block_briefs(conn: Connection, ev: Ev, forms: set[str]) -> list[tuple]:
    """(id, article, name form, content, quotation, file, article hash, position,
    embedding, group) of the event's claims whose name form is one of ``forms``: what
    finding a block's units and candidates needs, in the stable order."""
    if not forms:
        return []
    return [tuple(r) for r in conn.execute(
        select(Claim.id, Claim.article_id, Claim.actor_key, Claim.content, Claim.quote,
               Article.file, Article.content_hash, Claim.idx, Claim.embedding, Claim.group_id)
        .join(Article, Claim.article_id == Article.id)
        .where(Article.event_id == ev, col(Claim.actor_key).in_(sorted(forms)))
        .order_by(Article.file, Article.content_hash, Claim.idx))]


def claims_by_id(conn: Connection, ids: set[int]) -> list[ClaimRow]:
    return [ClaimRow(*r) for r in conn.execute(
        select(Claim.id, Claim.article_id, Claim.actor_key, Claim.actor_kind, Claim.speaker,
               Claim.content, Claim.quote, Claim.lemmas, Claim.topic,
               Claim.polarity, Claim.type, Claim.cue, Claim.frame, Claim.idx, Article.outlet,
               Article.file, Article.content_hash, Claim.embedding)
        .join(Article, Claim.article_id == Article.id).where(col(Claim.id).in_(sorted(ids)))
        .order_by(Article.file, Article.content_hash, Claim.idx))]


def event_articles(conn: Connection, ev: Ev) -> dict[int, tuple[str, int | None]]:
    """Article id -> (publication time, source) of the event's articles."""
    return {a: (d, s) for a, d, s in conn.execute(
        select(Article.id, Article.date, Article.source_id).where(Article.event_id == ev))}


def texts_of(conn: Connection, ids: set[int]) -> dict[int, str]:
    return dict(conn.execute(select(Article.id, Article.text)
                             .where(col(Article.id).in_(sorted(ids)))).all())  # type: ignore[arg-type]


def band_mates(conn: Connection, ev: Ev, keys: list[int], but: set[int]) -> set[int]:
    """Articles of the event sharing a band with ``keys`` (not those of ``but``)."""
    return {a for (a,) in conn.execute(
        select(ArticleBand.article_id).join(Article, ArticleBand.article_id == Article.id)
        .where(Article.event_id == ev, col(ArticleBand.band).in_(keys))
        .distinct()) if a not in but}


def write_bands(conn: Connection, rows: dict[int, list[int]]) -> None:
    """Replace the bands of these articles."""
    if not rows:
        return
    conn.execute(delete(ArticleBand).where(col(ArticleBand.article_id).in_(sorted(rows))))
    conn.execute(insert(ArticleBand), [{"article_id": a, "band": k}
                                       for a, ks in sorted(rows.items()) for k in ks])


def articles_without_bands(conn: Connection) -> dict[int, str]:
    return dict(conn.execute(select(Article.id, Article.text).where(col(Article.id).not_in(
        select(ArticleBand.article_id)))).all())  # type: ignore[arg-type]


def set_source(conn: Connection, sources: dict[int, int]) -> None:
    if sources:
        conn.execute(update(Article).where(Article.id == bindparam("aid"))
                     .values(source_id=bindparam("src")),
                     [{"aid": a, "src": s} for a, s in sorted(sources.items())])


# ----------------------------------------------------------------------- groups


def groups_of(conn: Connection, claims: set[int]) -> set[int]:
    return {g for (g,) in conn.execute(select(Claim.group_id).where(
        col(Claim.id).in_(sorted(claims)), col(Claim.group_id).is_not(None)).distinct())}


def group_members(conn: Connection, groups: set[int]) -> dict[int, set[tuple[str, int]]]:
    """Each group's claims as (article hash, position)."""
    out: dict[int, set[tuple[str, int]]] = defaultdict(set)
    for gid, digest, idx in conn.execute(
            select(Claim.group_id, Article.content_hash, Claim.idx)
            .join(Article, Claim.article_id == Article.id)
            .where(col(Claim.group_id).in_(sorted(groups)))):
        out[gid].add((digest, idx))
    return out


def set_reasons(conn: Connection, reasons: dict[int, tuple[str, bool]]) -> None:
    """Group id -> (reason JSON, disputed)."""
    if reasons:
        conn.execute(update(ClaimGroup).where(ClaimGroup.id == bindparam("gid"))
                     .values(reason=bindparam("r"), disputed=bindparam("d")),
                     [{"gid": g, "r": r, "d": d} for g, (r, d) in sorted(reasons.items())])


def replace_some_groups(conn: Connection, gone: set[int], groups: list[dict],
                        members: list[dict]) -> None:
    """Drop the groups ``gone``, add ``groups`` and set their members' group and actor."""
    if gone:
        conn.execute(update(Claim).where(col(Claim.group_id).in_(sorted(gone)))
                     .values(group_id=None))
        conn.execute(delete(GroupHead).where(col(GroupHead.group_id).in_(sorted(gone))))
        conn.execute(delete(ClaimGroup).where(col(ClaimGroup.id).in_(sorted(gone))))
    if groups:
        conn.execute(insert(ClaimGroup), groups)
    if members:
        conn.execute(text("UPDATE claim SET group_id = :gid, actor_id = :aid WHERE id = :cid"),
                     members)


# ----------------------------------------------------------------------- actors and figures


def event_actor_ids(conn: Connection, ev: Ev) -> dict[str, int]:
    return {n: i for n, i in conn.execute(select(Actor.name, Actor.id).where(Actor.event_id == ev))}


def replace_event_actors(conn: Connection, ev: Ev, actors: list[dict], aliases: list[dict],
                         joins: list[dict]) -> None:
    """An event's actor tables: actors updated in place (their ids stay on the claims),
    new ones added, those gone removed; aliases and joins rebuilt."""
    have = event_actor_ids(conn, ev)
    keep = {a["id"] for a in actors}
    ids = sorted(have.values())
    if ids:
        conn.execute(delete(ActorJoin).where(col(ActorJoin.actor_id).in_(ids)))
        conn.execute(delete(ActorAlias).where(col(ActorAlias.actor_id).in_(ids)))
        gone = sorted(set(ids) - keep)
        if gone:
            conn.execute(delete(Actor).where(col(Actor.id).in_(gone)))
    new = [a for a in actors if a["id"] not in set(ids)]
    old = [a for a in actors if a["id"] in set(ids)]
    if old:
        conn.execute(update(Actor).where(Actor.id == bindparam("aid"))
                     .values(name=bindparam("n"), kind=bindparam("k")),
                     [{"aid": a["id"], "n": a["name"], "k": a["kind"]} for a in old])
    for table, rows in ((Actor, new), (ActorAlias, aliases), (ActorJoin, joins)):
        if rows:
            conn.execute(insert(table), rows)


def series_claims(conn: Connection, ev: Ev, quantities: set[str]) -> dict[int, set[int]]:
    """Series id -> its claims, for the event's series of ``quantities``."""
    out: dict[int, set[int]] = defaultdict(set)
    for sid, cid in conn.execute(
            select(FigureSeriesRow.id, FigureReportRow.claim_id)
            .join(FigureReportRow, FigureReportRow.series_id == FigureSeriesRow.id)
            .join(Claim, FigureReportRow.claim_id == Claim.id)
            .join(Article, Claim.article_id == Article.id)
            .where(Article.event_id == ev, col(FigureSeriesRow.quantity).in_(sorted(quantities)))):
        out[sid].add(cid)
    return out


def drop_series(conn: Connection, ids: set[int]) -> None:
    if ids:
        conn.execute(delete(FigureReportRow).where(col(FigureReportRow.series_id).in_(sorted(ids))))
        conn.execute(delete(FigureSeriesRow).where(col(FigureSeriesRow.id).in_(sorted(ids))))


def next_series_id(conn: Connection) -> int:
    return (conn.execute(select(func.max(FigureSeriesRow.id))).scalar() or 0) + 1



