"""Reconcile: actors across the ledger, groups of matching claims, their statuses, and the
figure series (:mod:`figures`). Runs over the whole ledger in one transaction after every
ingest (and on demand), so the result does not depend on the order articles came in;
event by event (a :func:`plan` each), as a ledger of each event alone would.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

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
    Event,
    FigureSeries,
)
from summitledger.nlp.names import PLURAL, SINGULAR, role_key
from summitledger.reconcile.ids import group_ids, high_water, save_high_water, stable_ids
from summitledger.reconcile.matching import MATCHER, ClaimInfo, Group
from summitledger.reconcile.plan import ClaimRow, Inputs, Plan, plan, prepare_inputs
from summitledger.reconcile.statement import statement
from summitledger.store.backend import RECONCILE_LOCK, serialise
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


Ev = int | None  # an event's id (None: articles stored before events, never left over)


@dataclass
class EventInput:
    """What :func:`plan` works from for one event, read from the ledger."""

    rows: list[ClaimRow] = field(default_factory=list)
    aliases: list[tuple[str, str, str]] = field(default_factory=list)
    overrides: list[tuple[str, str, str]] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)
    published: dict[int, str] = field(default_factory=dict)  # article id -> its time


def _claim_rows(conn: Connection) -> list[tuple[Ev, ClaimRow]]:
    return [(r[-1], ClaimRow(*r[:-1])) for r in conn.execute(
        select(Claim.id, Claim.article_id, Claim.actor_key, Claim.actor_kind, Claim.speaker,
               Claim.content, Claim.quote, Claim.lemmas, Claim.topic,
               Claim.polarity, Claim.type, Claim.cue, Claim.frame, Claim.idx, Article.outlet,
               Article.file, Article.content_hash, Article.event_id)
        .join(Article, Claim.article_id == Article.id).order_by(Article.file, Article.content_hash, Claim.idx)
    ).all()]


def _inputs(conn: Connection) -> dict[Ev, EventInput]:
    """Each event's claims, the role aliases its articles taught in a canonical order
    (never the order articles were stored in: a role two people hold in different
    articles goes the same way whichever was ingested first), the user's overrides that
    name two of its names (speakers as their keys), and its articles' texts; events in
    id order. Nothing crosses events."""
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


def load_inputs(engine: Engine) -> Inputs:
    """What :func:`plan.finish` works from, read from a ledger of one event unchanged
    (``summitledger eval --leave-one-out`` tries models on it)."""
    with engine.connect() as conn:
        e = EventInput()
        for part in _inputs(conn).values():
            e.rows += part.rows
            e.aliases += part.aliases
            e.overrides += part.overrides
            e.texts.update(part.texts)
            e.published.update(part.published)
        return prepare_inputs(e.rows, e.aliases, e.overrides, e.texts, e.published)


def _actors(conn: Connection, plans: dict[Ev, tuple[EventInput, Plan]]) -> dict[tuple, int]:
    """Rebuild the actor tables from each event's plan: each actor with every name it
    went by and why each joined, an actor never in two events and a name one actor's
    only. Returns (event, canonical name) -> actor id."""
    names: dict[tuple, set[str]] = {}
    kinds: dict[tuple, str] = {}
    keys: dict[tuple, str] = {}  # (event, name form) -> its actor
    claims: Counter[tuple] = Counter()
    for ev, (e, done) in plans.items():
        mapping = done.resolution.mapping
        for r in e.rows:
            canon = (ev, done.actor_of.get(r.id, mapping.get(r.actor_key, r.actor_key)))
            keys[(ev, r.actor_key.lower())] = canon[1]
            names.setdefault(canon, set()).add(r.actor_key)
            claims[canon] += 1
            if r.speaker.lower() not in PRONOUNS:
                names[canon].add(r.speaker)
            kinds.setdefault(canon, done.resolution.kinds.get(canon[1], r.actor_kind))
        for person, alias, _ in e.aliases:
            canon = (ev, mapping.get(person, person))
            if canon in names:
                names[canon].add(alias)
    _one_owner(names, keys, claims)
    old = {(e, n): i for n, i, e in conn.execute(select(Actor.name, Actor.id, Actor.event_id))}
    top = high_water(conn, "actor", max(old.values(), default=0))
    ids = stable_ids(sorted(names, key=lambda k: (k[0] or 0, k[1])),
                      lambda canon: [old[canon]] if canon in old else [], top)
    save_high_water(conn, "actor", max([top, *ids.values()]))
    conn.execute(delete(ActorJoin))
    conn.execute(delete(ActorAlias))
    conn.execute(delete(Actor))
    if ids:
        conn.execute(insert(Actor), [{"id": i, "name": c, "kind": kinds.get((e, c), "unknown"),
                                      "event_id": e} for (e, c), i in ids.items()])
        conn.execute(insert(ActorAlias), [
            {"actor_id": i, "alias": a, "norm": role_key(a)}
            for k, i in ids.items() for a in sorted(names[k] | {k[1]})])
        joins = [j for ev, (e, done) in plans.items() for j in _joins(ev, e, done, ids)]
        if joins:
            conn.execute(insert(ActorJoin), joins)
    return ids


def _joins(ev: Ev, e: EventInput, done: Plan, ids: dict[tuple, int]) -> list[dict]:
    """Why each name form of an event's actors joined it (``actors --why``): the
    resolution's rules, a statement that matched, and what one article made itself (a
    role it taught, "X, deputy head of Y"; a speaker it resolved, 'The governor' in that
    article is X)."""
    mapping = done.resolution.mapping
    joins = [{"actor_id": ids[(ev, mapping[j.a])], "a": j.a, "b": j.b, "reason": j.reason}
             for j in done.resolution.joins if (ev, mapping.get(j.a)) in ids]
    moved = sorted({(done.actor_of[r.id], r.actor_key, done.infos[r.id].id)
                    for r in e.rows if done.actor_of.get(r.id) not in
                    (None, mapping.get(r.actor_key, r.actor_key))})
    joins += [{"actor_id": ids[(ev, canon)], "a": key, "b": canon,
               "reason": f"its claim {cid} states what {canon} said (one statement)"}
              for canon, key, cid in moved if (ev, canon) in ids]
    taught: dict[tuple[str, str], dict] = {}
    for person, alias, file in e.aliases:
        canon = (ev, mapping.get(person, person))
        if canon in ids and alias != person:
            taught.setdefault((alias, person), {
                "actor_id": ids[canon], "a": alias, "b": person,
                "reason": f"{file} names {person} so ('{person}, {alias}')"})
    for r in e.rows:
        canon = (ev, done.actor_of.get(r.id, mapping.get(r.actor_key, r.actor_key)))
        if canon in ids and r.speaker != r.actor_key and r.speaker.lower() not in PRONOUNS:
            taught.setdefault((r.speaker, r.actor_key), {
                "actor_id": ids[canon], "a": r.speaker, "b": r.actor_key,
                "reason": f"the speaker '{r.speaker}' of {r.file} is {r.actor_key} there"})
    return joins + [taught[k] for k in sorted(taught)]


def _one_owner(names: dict[tuple, set[str]], keys: dict[tuple, str],
               claims: Counter[tuple]) -> None:
    """A name is one actor's of its event: the actor of the name form it is ('actors
    split A Mayor': "Mayor" is its own actor's), else the one with the most claims."""
    owners: dict[tuple, list[tuple]] = defaultdict(list)
    for canon, aliases in names.items():
        for a in aliases:
            owners[(canon[0], a.lower())].append(canon)
    for (ev, low), held in owners.items():
        if len(held) < 2:
            continue
        own = (ev, keys[(ev, low)]) if (ev, low) in keys else None
        keep = own if own in held else max(held, key=lambda c: (claims[c], c[1]))
        for canon in held:
            if canon != keep:
                names[canon] = {a for a in names[canon] if a.lower() != low}


def _save_sources(conn: Connection, source_of: dict[int, int]) -> None:
    """Record each article's source (copies of one text share one) on the article."""
    arts = conn.execute(select(Article.id, Article.source_id)).all()
    changed = [{"aid": a.id, "src": source_of[a.id]} for a in arts
               if a.id in source_of and a.source_id != source_of[a.id]]
    if changed:
        conn.execute(text("UPDATE article SET source_id = :src WHERE id = :aid"), changed)


def reconcile(engine: Engine, on_wait: Callable[[str], None] | None = None) -> ReconcileSummary:
    """Rebuild actors and claim groups, event by event (nothing crosses events), for the
    whole ledger in one transaction. Two reconciles never interleave: on PostgreSQL the
    second waits for the first (and says so through ``on_wait``); on SQLite the file's
    write lock does the same."""
    with engine.begin() as conn:
        serialise(conn, RECONCILE_LOCK, on_wait)
        seen = unreconciled_mark(conn)
        plans = {ev: (e, plan(e.rows, e.aliases, e.overrides, e.texts, published=e.published))
                 for ev, e in _inputs(conn).items()}
        actor_ids = _actors(conn, plans)
        rows = [r for e, _ in plans.values() for r in e.rows]
        infos: dict[int, ClaimInfo] = {}
        groups: list[Group] = []
        verdicts: list[tuple[str, dict]] = []
        contested: list[tuple[int, int, float]] = []
        figures: list[FigureSeries] = []
        event_of: dict[int, Ev] = {}
        for ev, (e, done) in plans.items():  # one event's positions after the others'
            _save_sources(conn, done.source_of)
            infos.update(done.infos)
            contested += [(a + len(groups), b + len(groups), sc) for a, b, sc in done.contested]
            groups += done.groups
            verdicts += done.verdicts
            figures += done.figures
            event_of.update({r.id: ev for r in e.rows})
        speakers = {r.id: r.speaker for r in rows}  # a denial is worded with its speaker
        statements = [statement([infos[m] for m in g.members], speakers) for g in groups]
        gids = group_ids(conn, groups, {r.id: (r.content_hash, r.idx) for r in rows})
        conn.execute(update(Claim).values(group_id=None))
        conn.execute(delete(ClaimGroup))
        disputed: set[int] = set()
        for a, b, sc in contested:  # positions in ``groups``
            for x, y in ((a, b), (b, a)):
                verdicts[x][1].setdefault("disputed_by", []).append(
                    {"group": gids[y], "actor": infos[groups[y].members[0]].actor,
                     "score": sc, "statement": statements[y]})
                disputed.add(x)
        by_status = Counter(status for status, _ in verdicts)

        def actor_of(m: int) -> int | None:
            return actor_ids.get((event_of[m], infos[m].actor))

        if groups:
            conn.execute(insert(ClaimGroup), [
                {"id": gids[n], "actor_id": actor_of(g.members[0]),
                 "event_id": event_of[g.members[0]],
                 "status": status, "statement": statements[n], "n_claims": len(g.members),
                 "n_articles": reason["articles"], "n_outlets": len(reason["outlets"]),
                 "n_sources": reason["sources"], "disputed": n in disputed, "matcher": MATCHER,
                 "reason": json.dumps(reason, sort_keys=True, ensure_ascii=False)}
                for n, (g, (status, reason)) in enumerate(zip(groups, verdicts, strict=True))])
            conn.execute(text("UPDATE claim SET group_id = :gid, actor_id = :aid WHERE id = :cid"),
                         [{"cid": m, "gid": gids[n], "aid": actor_of(m)}
                          for n, g in enumerate(groups) for m in g.members])
        save_series(conn, figures)
        # an event holds articles; one left with none (all moved away) is gone
        conn.execute(delete(Event).where(col(Event.id).not_in(
            select(Article.event_id).where(col(Article.event_id).is_not(None)))))
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
