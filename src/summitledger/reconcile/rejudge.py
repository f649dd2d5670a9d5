"""What adding articles makes an event judge again beyond the regrouped claims: its
disputes, found again over every group's stored head, and the figure series of the
quantities the regrouped claims give, made again from every claim giving them
(:mod:`incremental` calls both after replacing the groups)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np
from sqlalchemy.engine import Connection

from summitledger.reconcile.actors import Resolution
from summitledger.reconcile.claims import read_infos
from summitledger.reconcile.disputes import COMMON_THEME, Head, candidates, head_table, scored
from summitledger.reconcile.figures import figure_series
from summitledger.reconcile.grouping import Signals
from summitledger.reconcile.matching import ClaimInfo
from summitledger.reconcile.plan import embeddings
from summitledger.store import heads as heads_io
from summitledger.store import incremental_io as io
from summitledger.store.figures import save_series
from summitledger.store.reconcile_io import Ev
from summitledger.verdict import Dispute, Verdict


def disputes_again(conn: Connection, ev: Ev, res: Resolution, infos: dict[int, ClaimInfo],
                   emb: np.ndarray, added: dict[int, Head], gone: dict[int, tuple[str, ...]]
                   ) -> None:
    """The event's disputes after its groups ``gone`` (id -> their heads' words) were
    replaced by the groups ``added`` (id -> head; ``infos``: their claims, ``emb`` those
    claims' embeddings in that order). A pair of groups can change only if one of them
    is new or they share a word whose use crossed :data:`disputes.COMMON_THEME`; those
    pairs are judged again (:func:`disputes.candidates` over just them and their
    partners, with the event's word counts), every other pair keeps its verdict; the
    groups whose disputes changed get their reasons and flags rewritten."""
    changed = {w for h in added.values() for w in h.words} | {w for ws in gone.values() for w in ws}
    counts = heads_io.word_counts(conn, ev, changed)
    delta = Counter(w for h in added.values() for w in h.words)
    delta.subtract(Counter(w for ws in gone.values() for w in ws))
    flipped = {w for w in changed
               if (counts[w] <= COMMON_THEME) != (counts[w] - delta[w] <= COMMON_THEME)}
    # a dispute pairs a negated head with an affirmed one: a new head's partners are the
    # heads of the other sign holding one of its usable words, and a pair of earlier heads
    # sharing a word whose use crossed the line holds a negated head with that word
    fresh = {sign: {w for h in added.values() if h.polarity * sign > 0 for w in h.words
                    if counts[w] <= COMMON_THEME} for sign in (-1, 1)}
    negated = heads_io.holders(conn, ev, fresh[1] | flipped, -1)
    crossed = {w for held in negated.values() for w in held if w in flipped}
    affirmed = heads_io.holders(conn, ev, fresh[-1] | crossed, 1)
    near = set(added) | set(negated) | set(affirmed)
    stored = heads_io.read_heads(conn, near)
    heads = [Head(claim=c, actor=a, polarity=p, deny=bool(d), negates=n,
                  slots=s, words=w)
             for _, c, a, p, d, n, s, w in stored]
    gid = [r[0] for r in stored]
    words = {w for h in heads for w in h.words}
    counts |= heads_io.word_counts(conn, ev, words - set(counts))
    pairs = candidates(head_table(heads, {w: counts[w] <= COMMON_THEME for w in words}))
    now: dict[tuple[int, int], float] = {}
    if pairs:
        need = sorted({heads[i].claim for p in pairs for i in p})
        rows = io.claims_by_id(conn, set(need) - set(infos))
        more = read_infos(rows, res)
        more_emb, _ = embeddings(rows, more)
        at = {c: n for n, c in enumerate(infos)}
        pos = {r.id: n for n, r in enumerate(rows)}
        claims = [infos[c] if c in infos else more[c] for c in need]
        vectors = np.stack([emb[at[c]] if c in at else more_emb[pos[c]] for c in need])
        signals = Signals(claims, vectors)
        now = {(min(gid[a], gid[b]), max(gid[a], gid[b])): sc for a, b, sc in
               scored([h.claim for h in heads], pairs, lambda a, b: signals.pairs(a, b, [False] * len(a)))}
    before: dict[tuple[int, int], float] = {}
    for g, (_, _, reason, status) in heads_io.group_faces(conn, heads_io.disputed_groups(conn, ev)).items():
        for d in Verdict.stored(reason, status).disputed_by:
            before[(min(g, d.group), max(g, d.group))] = d.score
    redone = set(gone) | set(added)
    kept = {p: sc for p, sc in before.items() if not redone & set(p)
            and not (p[0] in near and p[1] in near)}
    after = kept | now
    _rewrite(conn, {g for p in [*before, *after] for g in p} - set(gone) | set(added), after)


def _rewrite(conn: Connection, groups: set[int], pairs: dict[tuple[int, int], float]) -> None:
    """Each of ``groups`` given the disputes ``pairs`` hold for it, where they changed."""
    faces = heads_io.group_faces(conn, groups)
    by: dict[int, list[Dispute]] = {g: [] for g in faces}
    for (a, b), sc in pairs.items():
        for x, y in ((a, b), (b, a)):
            if x in by and y in faces:
                by[x].append(Dispute(group=y, actor=faces[y][1], score=sc, statement=faces[y][0]))
    changes = {}
    for g in sorted(faces):
        verdict_of = Verdict.stored(faces[g][2], faces[g][3])
        entries = tuple(sorted(by[g], key=dispute_order))
        if verdict_of.disputed_by != entries:
            verdict_of.disputed_by = entries
            changes[g] = (verdict_of.to_json(), bool(entries))
    io.set_reasons(conn, changes)


def dispute_order(entry: Dispute) -> tuple:
    """Disputes of a group, strongest first (then by statement): the same in a full
    reconcile and one that adds articles."""
    return (-entry.score, entry.statement, entry.actor)


def series_again(conn: Connection, ev: Ev, infos: dict[int, ClaimInfo], source_of: dict[int, int],
             published: dict[int, str], res: Resolution) -> None:
    """The event's series of the quantities the regrouped claims give, made again from
    every claim giving them."""
    quantities = {n.quantity for c in infos.values() for n in c.frame.numbers if n.quantity}
    if not quantities:
        return
    held = io.series_claims(conn, ev, quantities)
    others = {c for cs in held.values() for c in cs} - set(infos)
    rows = io.claims_by_id(conn, others)
    named = io.actor_names(conn, others)
    more = read_infos(rows, res)
    for c, info in more.items():
        if c in named:
            more[c] = replace(info, actor=named[c])
    claims = sorted([*infos.values(), *more.values()], key=lambda c: c.key)
    series = [s for s in figure_series(claims, source_of, published) if s.quantity in quantities]
    io.drop_series(conn, set(held))
    save_series(conn, series, first=io.next_series_id(conn), replace=False)
