"""Reconcile: actors across the ledger, groups of matching claims, their statuses, and the
figure series (:mod:`figures`). Runs over the whole ledger in one transaction after every
ingest (and on demand), so the result does not depend on the order articles came in;
event by event (a :func:`plan` each), as a ledger of each event alone would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from pydantic import BaseModel
from sqlalchemy.engine import Engine

from summitledger.models import FigureSeries
from summitledger.reconcile.actor_tables import actor_rows
from summitledger.reconcile.ids import group_ids, high_water, save_high_water
from summitledger.reconcile.matching import MATCHER, ClaimInfo, Group
from summitledger.reconcile.plan import Inputs, plan, prepare_inputs
from summitledger.reconcile.statement import statement
from summitledger.store.backend import RECONCILE_LOCK, serialise
from summitledger.store.engine import mark_reconciled, unreconciled_mark
from summitledger.store.figures import save_series
from summitledger.store.reconcile_io import (
    Ev,
    EventInput,
    article_count,
    drop_empty_events,
    earlier_actors,
    ledger_counts,
    read_events,
    replace_actors,
    replace_groups,
    save_embeddings,
    save_sources,
)
from summitledger.verdict import Dispute, Verdict


class ReconcileSummary(BaseModel):
    articles: int
    claims: int
    actors: int
    groups: int
    by_status: dict[str, int]
    matcher: str = MATCHER


def load_inputs(engine: Engine) -> Inputs:
    """What :func:`plan.finish` works from, read from a ledger of one event unchanged
    (``summitledger eval --leave-one-out`` tries models on it)."""
    with engine.connect() as conn:
        e = EventInput()
        for part in read_events(conn).values():
            e.rows += part.rows
            e.aliases += part.aliases
            e.overrides += part.overrides
            e.texts.update(part.texts)
            e.published.update(part.published)
        return prepare_inputs(e.rows, e.aliases, e.overrides, e.texts, e.published)


def reconcile(engine: Engine, on_wait: Callable[[str], None] | None = None) -> ReconcileSummary:
    """Rebuild actors and claim groups, event by event (nothing crosses events), for the
    whole ledger in one transaction. Two reconciles never interleave: on PostgreSQL the
    second waits for the first (and says so through ``on_wait``); on SQLite the file's
    write lock does the same."""
    with engine.begin() as conn:
        serialise(conn, RECONCILE_LOCK, on_wait)
        seen = unreconciled_mark(conn)
        plans = {ev: (e, plan(e.rows, e.aliases, e.overrides, e.texts, published=e.published))
                 for ev, e in read_events(conn).items()}
        old = earlier_actors(conn)
        top = high_water(conn, "actor", max(old.values(), default=0))
        actor_ids, actors, aliases, joins = actor_rows(plans, old, top)
        save_high_water(conn, "actor", max([top, *actor_ids.values()]))
        replace_actors(conn, actors, aliases, joins)
        rows = [r for e, _ in plans.values() for r in e.rows]
        infos: dict[int, ClaimInfo] = {}
        groups: list[Group] = []
        verdicts: list[Verdict] = []
        contested: list[tuple[int, int, float]] = []
        figures: list[FigureSeries] = []
        event_of: dict[int, Ev] = {}
        for ev, (e, done) in plans.items():  # one event's positions after the others'
            save_sources(conn, done.source_of)
            save_embeddings(conn, done.made)
            infos.update(done.infos)
            contested += [(a + len(groups), b + len(groups), sc) for a, b, sc in done.contested]
            groups += done.groups
            verdicts += done.verdicts
            figures += done.figures
            event_of.update({r.id: ev for r in e.rows})
        speakers = {r.id: r.speaker for r in rows}  # a denial is worded with its speaker
        statements = [statement([infos[m] for m in g.members], speakers) for g in groups]
        gids = group_ids(conn, groups, {r.id: (r.content_hash, r.idx) for r in rows})
        disputed: set[int] = set()
        for a, b, sc in contested:  # positions in ``groups``
            for x, y in ((a, b), (b, a)):
                verdicts[x].disputed_by += (Dispute(
                    group=gids[y], actor=infos[groups[y].members[0]].actor, score=sc,
                    statement=statements[y]),)
                disputed.add(x)
        by_status = Counter(v.status for v in verdicts)

        def actor_of(m: int) -> int | None:
            return actor_ids.get((event_of[m], infos[m].actor))

        replace_groups(conn, [
            {"id": gids[n], "actor_id": actor_of(g.members[0]),
             "event_id": event_of[g.members[0]],
             "status": v.status, "statement": statements[n], "n_claims": len(g.members),
             "n_articles": v.articles, "n_outlets": len(v.outlets),
             "n_sources": v.sources, "disputed": n in disputed, "matcher": MATCHER,
             "reason": v.to_json()}
            for n, (g, v) in enumerate(zip(groups, verdicts, strict=True))],
            [{"cid": m, "gid": gids[n], "aid": actor_of(m)}
             for n, g in enumerate(groups) for m in g.members])
        save_series(conn, figures)
        drop_empty_events(conn)
        mark_reconciled(conn, seen)
        n_articles = article_count(conn)
    return ReconcileSummary(articles=n_articles, claims=len(rows), actors=len(actor_ids),
                            groups=len(groups), by_status=dict(sorted(by_status.items())))


def ledger_summary(engine: Engine) -> ReconcileSummary:
    """The counts reconcile reports, read without changing anything."""
    counts = ledger_counts(engine)
    return ReconcileSummary(articles=counts["articles"], claims=counts["claims"],
                            actors=counts["actors"], groups=sum(counts["statuses"].values()),
                            by_status=counts["statuses"],
                            matcher=", ".join(counts["matchers"]) or MATCHER)
