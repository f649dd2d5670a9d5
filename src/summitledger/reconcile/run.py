"""Reconcile: actors across the ledger, groups of matching claims, their statuses, and the
figure series (:mod:`figures`).

Runs over the whole ledger in one transaction after every ingest (and on demand), so
the result does not depend on the order articles came in.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable

from pydantic import BaseModel
from sqlalchemy import delete, func, insert, text, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from summitledger.models import (
    Actor,
    ActorAlias,
    ActorJoin,
    ActorOverride,
    Article,
    ArticleAlias,
    Claim,
    ClaimGroup,
)
from summitledger.nlp.names import PLURAL, SINGULAR, role_key
from summitledger.reconcile.matching import MATCHER, Group
from summitledger.reconcile.plan import ClaimRow, Inputs, Plan, plan, prepare_inputs
from summitledger.store.backend import RECONCILE_LOCK, rebuild_search, serialise
from summitledger.store.engine import mark_reconciled, unreconciled_mark
from summitledger.store.figures import save_series

PRONOUNS = SINGULAR | PLURAL | {"i", "we", "you", "it"}


class ReconcileSummary(BaseModel):
    articles: int
    claims: int
    actors: int
    groups: int
    by_status: dict[str, int]
    matcher: str = MATCHER


def _claim_rows(conn: Connection) -> list[ClaimRow]:
    return [ClaimRow(*r) for r in conn.execute(
        select(Claim.id, Claim.article_id, Claim.actor_key, Claim.actor_kind, Claim.speaker,
               Claim.content, Claim.quote, Claim.lemmas, Claim.topic,
               Claim.polarity, Claim.type, Claim.cue, Claim.frame, Claim.idx, Article.outlet,
               Article.file, Article.content_hash)
        .join(Article, Claim.article_id == Article.id).order_by(Article.file, Claim.idx)
    ).all()]


def _inputs(conn: Connection, rows: list[ClaimRow]
            ) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Role aliases articles taught, in a canonical order (never the order articles
    were stored in: a role two people hold in different articles goes the same way
    whichever was ingested first), and the user's overrides with names as keys."""
    aliases = [(r.actor, r.alias, r.file) for r in conn.execute(
        select(ArticleAlias.actor, ArticleAlias.alias, Article.file)
        .join(Article, ArticleAlias.article_id == Article.id)
        .order_by(Article.file, Article.content_hash, ArticleAlias.actor, ArticleAlias.alias))]
    speakers = {r.speaker.lower(): r.actor_key for r in rows}
    overrides = [(r.action, speakers.get(r.a.lower(), r.a), speakers.get(r.b.lower(), r.b))
                 for r in conn.execute(select(ActorOverride).order_by(ActorOverride.id))]
    return aliases, overrides


def load_inputs(engine: Engine) -> Inputs:
    """What :func:`plan.finish` works from, read from a ledger without changing it
    (``summitledger eval --leave-one-out`` tries models on it)."""
    with engine.connect() as conn:
        rows = _claim_rows(conn)
        aliases, overrides = _inputs(conn, rows)
        return prepare_inputs(rows, aliases, overrides, _texts(conn), _published(conn))


def _actors(conn: Connection, rows: list[ClaimRow], done: Plan,
            aliases: list[tuple[str, str, str]]) -> dict[str, int]:
    """Rebuild the actor tables from the plan: each actor with every name it went by
    and why each joined. Returns canonical name -> actor id."""
    mapping = done.resolution.mapping
    names: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}
    for r in rows:
        canon = done.actor_of.get(r.id, mapping.get(r.actor_key, r.actor_key))
        names.setdefault(canon, set()).add(r.actor_key)
        if r.speaker.lower() not in PRONOUNS:
            names[canon].add(r.speaker)
        kinds.setdefault(canon, done.resolution.kinds.get(canon, r.actor_kind))
    for person, alias, _ in aliases:
        canon = mapping.get(person, person)
        if canon in names:
            names[canon].add(alias)
    old = dict(conn.execute(select(Actor.name, Actor.id)).all())
    top = _high_water(conn, "actor", max(old.values(), default=0))
    ids = _stable_ids(sorted(names), lambda canon: [old[canon]] if canon in old else [], top)
    _save_high_water(conn, "actor", max([top, *ids.values()]))
    conn.execute(delete(ActorJoin))
    conn.execute(delete(ActorAlias))
    conn.execute(delete(Actor))
    if ids:
        conn.execute(insert(Actor), [{"id": i, "name": c, "kind": kinds.get(c, "unknown")}
                                     for c, i in ids.items()])
        conn.execute(insert(ActorAlias), [
            {"actor_id": i, "alias": a, "norm": role_key(a)}
            for c, i in ids.items() for a in sorted(names[c] | {c})])
        joins = [{"actor_id": ids[mapping[j.a]], "a": j.a, "b": j.b, "reason": j.reason}
                 for j in done.resolution.joins if mapping.get(j.a) in ids]
        moved = sorted({(done.actor_of[r.id], r.actor_key, done.infos[r.id].id)
                        for r in rows if done.actor_of.get(r.id) not in
                        (None, mapping.get(r.actor_key, r.actor_key))})
        joins += [{"actor_id": ids[canon], "a": key, "b": canon,
                   "reason": f"its claim {cid} states what {canon} said (one statement)"}
                  for canon, key, cid in moved if canon in ids]
        joins += _taught(rows, done, aliases, ids)
        if joins:
            conn.execute(insert(ActorJoin), joins)
    return ids


def _taught(rows: list[ClaimRow], done: Plan, aliases: list[tuple[str, str, str]],
            ids: dict[str, int]) -> list[dict]:
    """Joins an article made by itself: a role it taught ("X, deputy head of Y") and a
    speaker it resolved ('The governor' in that article is X)."""
    mapping = done.resolution.mapping
    out: dict[tuple[str, str], dict] = {}
    for person, alias, file in aliases:
        canon = mapping.get(person, person)
        if canon in ids and alias != person:
            out.setdefault((alias, person), {
                "actor_id": ids[canon], "a": alias, "b": person,
                "reason": f"{file} names {person} so ('{person}, {alias}')"})
    for r in rows:
        canon = done.actor_of.get(r.id, mapping.get(r.actor_key, r.actor_key))
        if canon in ids and r.speaker != r.actor_key and r.speaker.lower() not in PRONOUNS:
            out.setdefault((r.speaker, r.actor_key), {
                "actor_id": ids[canon], "a": r.speaker, "b": r.actor_key,
                "reason": f"the speaker '{r.speaker}' of {r.file} is {r.actor_key} there"})
    return [out[k] for k in sorted(out)]


def _texts(conn: Connection) -> dict[int, str]:
    return {a.id: a.text for a in conn.execute(select(Article.id, Article.text))}


def _published(conn: Connection) -> dict[int, str]:
    """Each article's publication time as stored (ISO date or datetime, or '')."""
    return {a.id: a.date for a in conn.execute(select(Article.id, Article.date))}


def _save_sources(conn: Connection, source_of: dict[int, int]) -> None:
    """Record each article's source (copies of one text share one) on the article."""
    arts = conn.execute(select(Article.id, Article.source_id)).all()
    changed = [{"aid": a.id, "src": source_of[a.id]} for a in arts
               if a.id in source_of and a.source_id != source_of[a.id]]
    if changed:
        conn.execute(text("UPDATE article SET source_id = :src WHERE id = :aid"), changed)


def _high_water(conn: Connection, table: str, seen: int) -> int:
    """The highest id ``table`` ever gave (kept in meta), so that an id never comes back
    for something else."""
    row = conn.execute(text("SELECT value FROM meta WHERE key = :k"),
                       {"k": f"{table}_id_max"}).first()
    return max(seen, int(row[0]) if row else 0)


def _save_high_water(conn: Connection, table: str, top: int) -> None:
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) "
                      "ON CONFLICT(key) DO UPDATE SET value = :v"),
                 {"k": f"{table}_id_max", "v": str(top)})


def _stable_ids(items: list, earlier: Callable[[object], list[int]], top: int) -> dict:
    """An id for each item: the first of its earlier ids not yet taken, else a new one
    above every id ever given (``top``)."""
    taken: set[int] = set()
    out = {}
    for item in items:
        old = next((i for i in earlier(item) if i not in taken), None)
        if old is None:
            top += 1
            old = top
        taken.add(old)
        out[item] = old
    return out


def _group_ids(conn: Connection, groups: list[Group], key_of: dict[int, tuple[str, int]]) -> list[int]:
    """Ids for the new groups: a group keeps the id of the earlier group whose claims
    (article hash, position) it holds, or most of them; others get new ids."""
    before: dict[int, set[tuple[str, int]]] = defaultdict(set)
    for gid, digest, idx in conn.execute(
            select(Claim.group_id, Article.content_hash, Claim.idx)
            .join(Article, Claim.article_id == Article.id)
            .where(col(Claim.group_id).is_not(None))):
        before[gid].add((digest, idx))
    holder: dict[tuple[str, int], int] = {k: gid for gid, ks in before.items() for k in ks}

    def earlier(n: object) -> list[int]:
        keys = {key_of[m] for m in groups[n].members}  # type: ignore[index]
        overlap = Counter(holder[k] for k in keys if k in holder)
        return [gid for gid, k in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0]))
                if 2 * k >= len(before[gid])]

    top = _high_water(conn, "group", max(before, default=0))
    ids = _stable_ids(list(range(len(groups))), earlier, top)
    _save_high_water(conn, "group", max([top, *ids.values()]))
    return [ids[n] for n in range(len(groups))]


def reconcile(engine: Engine, on_wait: Callable[[str], None] | None = None) -> ReconcileSummary:
    """Rebuild actors and claim groups for the whole ledger, in one transaction. Two
    reconciles never interleave: on PostgreSQL the second waits for the first (and says
    so through ``on_wait``); on SQLite the file's write lock does the same."""
    with engine.begin() as conn:
        serialise(conn, RECONCILE_LOCK, on_wait)
        seen = unreconciled_mark(conn)
        rows = _claim_rows(conn)
        aliases, overrides = _inputs(conn, rows)
        done = plan(rows, aliases, overrides, _texts(conn), published=_published(conn))
        actor_ids = _actors(conn, rows, done, aliases)
        _save_sources(conn, done.source_of)
        infos, groups, verdicts = done.infos, done.groups, done.verdicts
        statements, contested = done.statements, done.contested
        gids = _group_ids(conn, groups, {r.id: (r.content_hash, r.idx) for r in rows})
        conn.execute(update(Claim).values(group_id=None))
        conn.execute(delete(ClaimGroup))
        disputed: set[int] = set()
        for a, b, sc in contested:  # positions in ``groups``
            for x, y in ((a, b), (b, a)):
                verdicts[x][1].setdefault("disputed_by", []).append(
                    {"group": gids[y], "actor": infos[groups[y].members[0]].actor,
                     "score": sc, "statement": statements[y]})
                disputed.add(x)
        by_status = done.by_status()
        if groups:
            conn.execute(insert(ClaimGroup), [
                {"id": gids[n], "actor_id": actor_ids.get(infos[g.members[0]].actor),
                 "status": status, "statement": statements[n], "n_claims": len(g.members),
                 "n_articles": reason["articles"], "n_outlets": len(reason["outlets"]),
                 "n_sources": reason["sources"], "disputed": n in disputed, "matcher": MATCHER,
                 "reason": json.dumps(reason, sort_keys=True, ensure_ascii=False)}
                for n, (g, (status, reason)) in enumerate(zip(groups, verdicts, strict=True))])
            conn.execute(text("UPDATE claim SET group_id = :gid, actor_id = :aid WHERE id = :cid"),
                         [{"cid": m, "gid": gids[n], "aid": actor_ids[infos[m].actor]}
                          for n, g in enumerate(groups) for m in g.members])
        save_series(conn, done.figures)
        rebuild_search(conn)
        mark_reconciled(conn, seen)
        n_articles = conn.execute(select(func.count()).select_from(Article)).scalar_one()
    return ReconcileSummary(articles=n_articles, claims=len(rows), actors=len(actor_ids),
                            groups=len(groups), by_status=dict(sorted(by_status.items())))


def ledger_summary(engine: Engine) -> ReconcileSummary:
    """The counts reconcile reports, read without changing anything."""
    with Session(engine) as session:
        statuses = Counter(session.exec(select(ClaimGroup.status)).all())
        matchers = set(session.exec(select(ClaimGroup.matcher)).all())
        def count(table: type) -> int:
            return session.exec(select(func.count()).select_from(table)).one()

        return ReconcileSummary(
            articles=count(Article),
            claims=count(Claim),
            actors=count(Actor),
            groups=sum(statuses.values()),
            by_status=dict(sorted(statuses.items())),
            matcher=", ".join(sorted(matchers)) or MATCHER,
        )
