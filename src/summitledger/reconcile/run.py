"""Reconcile: actors across the ledger, groups of matching claims, their statuses, and the
figure series (:mod:`figures`). Runs over the whole ledger in one transaction after every
ingest (and on demand), so the result does not depend on the order articles came in;
event by event (a :func:`plan` each), as a ledger of each event alone would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from pydantic import BaseModel
from sqlalchemy.engine import Connection, Engine

from summitledger.models import FigureSeries
from summitledger.reconcile.actor_tables import actor_rows, event_actors, spoken_of
from summitledger.reconcile.disputes import Head
from summitledger.reconcile.ids import group_ids, high_water, save_high_water
from summitledger.reconcile.incremental import add_articles
from summitledger.reconcile.matching import MATCHER, ClaimInfo, Group
from summitledger.reconcile.plan import Inputs, plan, prepare_inputs
from summitledger.reconcile.rejudge import dispute_order
from summitledger.reconcile.sources import bands, shingles
from summitledger.reconcile.state import STATE, head_row
from summitledger.reconcile.statement import statement
from summitledger.store.backend import RECONCILE_LOCK, serialise
from summitledger.store.engine import mark_reconciled, unreconciled_mark
from summitledger.store.figures import save_series
from summitledger.store.heads import clear_heads, write_counts, write_heads
from summitledger.store.incremental_io import (
    STATE_KEY,
    articles_without_bands,
    clear_pending,
    events_of,
    read_pending,
    write_bands,
)
from summitledger.store.reconcile_io import (
    Ev,
    EventInput,
    article_count,
    clear_rebuilt,
    drop_empty_events,
    earlier_actors,
    earlier_groups,
    ledger_counts,
    read_events,
    read_meta,
    replace_actors,
    replace_groups,
    save_embeddings,
    save_sources,
    write_meta,
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


def reconcile(engine: Engine, on_wait: Callable[[str], None] | None = None, *,
              full: bool = False, say: Callable[[str], None] | None = None) -> ReconcileSummary:
    """Bring actors, claim groups and figure series up to date, in one transaction.

    When all that changed since the last reconcile is articles added, their claims are
    added to the blocks they fall in (:mod:`incremental`), which gives what a rebuild
    gives; otherwise (or with ``full``) everything is rebuilt, event by event (nothing
    crosses events). Without ``full``, a ledger with nothing left to reconcile (another
    process's reconcile took it in while this one waited) is left as it is. ``say``
    hears why an addition became a rebuild. Two reconciles never interleave: on PostgreSQL the second waits for the first (and says so through
    ``on_wait``); on SQLite the file's write lock does the same."""
    with engine.begin() as conn:
        serialise(conn, RECONCILE_LOCK, on_wait)
        seen = unreconciled_mark(conn)
        pending = read_pending(conn)
        upto = max((p for p, _ in pending), default=0)
        if not full and seen is None and not pending:
            # another process's reconcile, which this one waited for, took in what this
            # one was called for: nothing is left to do
            return _summary(ledger_counts(conn))
        if not full and _added(conn, pending, say or (lambda _: None)):
            clear_pending(conn, upto)
            mark_reconciled(conn, seen)
            return _summary(ledger_counts(conn))
        plans = {ev: (e, plan(e.rows, e.aliases, e.overrides, e.texts, published=e.published))
                 for ev, e in read_events(conn).items()}
        old = earlier_actors(conn)
        before = earlier_groups(conn)  # read before the rebuild lets go of them
        clear_rebuilt(conn)
        top = high_water(conn, "actor", max(old.values(), default=0))
        actor_ids, actors, aliases, joins = actor_rows(
            {ev: event_actors(spoken_of(e.rows, done.actor_of, done.resolution.mapping),
                              done.resolution, e.aliases) for ev, (e, done) in plans.items()},
            old, top)
        save_high_water(conn, "actor", max([top, *actor_ids.values()]))
        replace_actors(conn, actors, aliases, joins)
        rows = [r for e, _ in plans.values() for r in e.rows]
        infos: dict[int, ClaimInfo] = {}
        groups: list[Group] = []
        heads: list[Head] = []
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
            heads += done.heads
            verdicts += done.verdicts
            figures += done.figures
            event_of.update({r.id: ev for r in e.rows})
        speakers = {r.id: r.speaker for r in rows}  # a denial is worded with its speaker
        statements = [statement([infos[m] for m in g.members], speakers) for g in groups]
        gids = group_ids(conn, groups, {r.id: (r.content_hash, r.idx) for r in rows}, before)
        disputed: set[int] = set()
        for a, b, sc in contested:  # positions in ``groups``
            for x, y in ((a, b), (b, a)):
                verdicts[x].disputed_by += (Dispute(
                    group=gids[y], actor=infos[groups[y].members[0]].actor, score=sc,
                    statement=statements[y]),)
                disputed.add(x)
        for x in disputed:
            verdicts[x].disputed_by = tuple(sorted(verdicts[x].disputed_by, key=dispute_order))
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
        clear_heads(conn)
        write_heads(conn, [{"event_id": event_of[g.members[0]], **head_row(gids[n], h)}
                           for n, (g, h) in enumerate(zip(groups, heads, strict=True))])
        counts: dict[Ev, Counter[str]] = {}
        for g, h in zip(groups, heads, strict=True):
            counts.setdefault(event_of[g.members[0]], Counter()).update(h.words)
        write_counts(conn, counts)
        keys = {a: k for _, done in plans.values() for a, k in done.bands.items()}
        write_bands(conn, {a: keys[a] if a in keys else bands(shingles(t))
                           for a, t in articles_without_bands(conn).items()})
        write_meta(conn, STATE_KEY, STATE)
        drop_empty_events(conn)
        clear_pending(conn, upto)
        mark_reconciled(conn, seen)
        n_articles = article_count(conn)
    return ReconcileSummary(articles=n_articles, claims=len(rows), actors=len(actor_ids),
                            groups=len(groups), by_status=dict(sorted(by_status.items())))


def _added(conn: Connection, pending: list[tuple[int, int | None]],
           say: Callable[[str], None]) -> bool:
    """Add the articles ``pending`` names to their events' groups, when that is all that
    changed and the ledger's groups were made as this version makes them; False (the
    ledger is rebuilt) otherwise."""
    added = [a for _, a in pending]
    if not added or None in added or read_meta(conn, STATE_KEY) != STATE:
        return False
    by_event: dict[Ev, set[int]] = {}
    for aid, ev in sorted(events_of(conn, [a for a in added if a is not None]).items()):
        by_event.setdefault(ev, set()).add(aid)
    return all(add_articles(conn, ev, arts, say) for ev, arts in sorted(
        by_event.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))


def ledger_summary(engine: Engine) -> ReconcileSummary:
    """The counts reconcile reports, read without changing anything."""
    with engine.connect() as conn:
        return _summary(ledger_counts(conn))


def _summary(counts: dict) -> ReconcileSummary:
    return ReconcileSummary(articles=counts["articles"], claims=counts["claims"],
                            actors=counts["actors"], groups=sum(counts["statuses"].values()),
                            by_status=counts["statuses"],
                            matcher=", ".join(counts["matchers"]) or MATCHER)
