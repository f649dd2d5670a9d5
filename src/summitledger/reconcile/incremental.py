"""Adding articles to an event without rebuilding it: only the blocks their claims fall in.

Groups never cross blocks (actors that may be one; :mod:`grouping`), and every pair's
features, every candidate rule and the clustering of a block depend on that block's
claims alone, so regrouping the blocks a new article touches gives the partition a full
rebuild gives. What a new article can change beyond its blocks is checked first, and
where it would change more :func:`add_articles` says no, having written nothing, and
the event is rebuilt: the actor forms the event had must keep their actor, vagueness
and block-mates (a new full name can make a bare surname someone's), a new article may
copy at most one existing source, and a block may hold at most :data:`BLOCK_LIMIT`
claims. Then the touched blocks' groups are replaced with their verdicts, the event's
disputes found again from the groups' stored heads, the figure series of the quantities
the blocks give made again, and the event's actor tables rebuilt from its names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from sqlalchemy.engine import Connection

from summitledger.reconcile.actor_tables import Spoken, actor_rows, event_actors, spoken_of
from summitledger.reconcile.actors import Resolution, resolve_actors
from summitledger.reconcile.disputes import Head, candidates, head_of, scored
from summitledger.reconcile.figures import article_times, figure_series, update_rule
from summitledger.reconcile.frames import stored_frame
from summitledger.reconcile.grouping import Signals, cluster, prepare
from summitledger.reconcile.ids import high_water, save_high_water, stable_ids
from summitledger.reconcile.matching import MATCHER, ClaimInfo, Group
from summitledger.reconcile.model import DEFAULT
from summitledger.reconcile.plan import embeddings
from summitledger.reconcile.sources import bands, copies, shingles
from summitledger.reconcile.state import compatible_pairs, forms, head_row, unchanged
from summitledger.reconcile.statement import statement
from summitledger.reconcile.verdicts import verdict
from summitledger.store import incremental_io as io
from summitledger.store.figures import save_series
from summitledger.store.reconcile_io import ClaimRow, Ev, earlier_actors, save_embeddings
from summitledger.verdict import Dispute, Verdict

#: a new article whose blocks hold more claims than this is regrouped with its whole
#: event (and says so): past this, most of a large event would be read anyway
BLOCK_LIMIT = 200_000


def _sources(conn: Connection, ev: Ev, added: set[int], held: dict[int, int | None]
             ) -> tuple[dict[int, int], dict[int, list[int]]] | None:
    """The new articles' sources (None when one would join two existing sources) and
    their bands; the existing articles keep theirs."""
    sh = {a: shingles(t) for a, t in io.texts_of(conn, added).items()}
    keys = {a: bands(s) for a, s in sh.items()}
    mates = io.band_mates(conn, ev, sorted({k for ks in keys.values() for k in ks}), added)
    sh.update({a: shingles(t) for a, t in io.texts_of(conn, mates).items()})
    source = {a: (s if s is not None else a) for a, s in held.items() if a not in added}
    out: dict[int, int] = {}
    for a in sorted(added):
        found = {source.get(m, m) for m in mates if copies(sh[a], sh[m])}
        found |= {out[b] for b in out if copies(sh[a], sh[b])}
        if len(found) > 1 or (found and min(found) > a):
            return None  # it joins two sources, or would become an old source's first
        out[a] = min(found) if found else a
    return out, keys


def _infos(rows: list[ClaimRow], res: Resolution) -> dict[int, ClaimInfo]:
    return {r.id: ClaimInfo(
        id=r.id, article_id=r.article_id, outlet=r.outlet,
        actor=res.mapping.get(r.actor_key, r.actor_key), content=r.content, quote=r.quote,
        lemmas=r.lemmas, topic=r.topic, polarity=r.polarity, type=r.type, cue=r.cue,
        key=(r.file, r.content_hash, r.idx),
        frame=stored_frame(r.frame, r.lemmas, r.polarity, r.cue)) for r in rows}


def _adopt(groups: list[Group], infos: dict[int, ClaimInfo], res: Resolution) -> dict[int, str]:
    """A vague actor's claim in one statement with a specific actor's becomes that
    actor's (as :func:`plan.finish` does)."""
    actor_of: dict[int, str] = {}
    for g in groups:
        named = [infos[m].actor for m in g.members if res.specific(infos[m].actor)]
        actor = Counter(named).most_common(1)[0][0] if named else infos[g.members[0]].actor
        for m in g.members:
            if infos[m].actor != actor and not res.specific(infos[m].actor):
                infos[m] = replace(infos[m], actor=actor)
            actor_of[m] = infos[m].actor
    return actor_of


def _resolutions(conn: Connection, ev: Ev, added: set[int]
                 ) -> tuple[Resolution, list[tuple[str, str, str]], dict, dict] | None:
    """The event's actor resolution with the new articles and without; None when the
    names the event had would change actor, vagueness or block-mates."""
    names = io.event_names(conn, ev)
    aliases = io.event_aliases(conn, ev)
    res = resolve_actors(names, [a[:3] for a in aliases], [])
    before = resolve_actors([n for n in names if n[2] not in added],
                            [a[:3] for a in aliases if a[3] not in added], [])
    table = forms(res, {n[0] for n in names})
    earlier = {n[0] for n in names if n[2] not in added}
    old = forms(before, earlier)
    if not unchanged(old, table) or \
            compatible_pairs(before, old, earlier) != compatible_pairs(res, table, earlier):
        return None
    return res, [a[:3] for a in aliases], table, {n[0]: n[2] for n in names}


def add_articles(conn: Connection, ev: Ev, added: set[int], say: Callable[[str], None]) -> bool:
    """Add the claims of articles ``added`` (already stored) to event ``ev``'s groups;
    False, having written nothing, when the event must be rebuilt instead."""
    if io.has_overrides(conn):
        return False  # the user's overrides name speakers as any claim wrote them
    found = _resolutions(conn, ev, added)
    if found is None:
        say("a new name changes who an earlier name is: rebuilding the groups")
        return False
    res, aliases, table, _ = found
    new_forms = {f for f, _, art, _ in io.event_names(conn, ev) if art in added}
    touched = {table[f][2] for f in new_forms}
    block_forms = {f for f, (_, _, b) in table.items() if b in touched}
    rows = io.block_rows(conn, ev, block_forms)
    if len(rows) > BLOCK_LIMIT:
        say(f"the new claims fall among {len(rows)} claims of one actor: rebuilding the groups")
        return False
    held = io.event_articles(conn, ev)
    sources = _sources(conn, ev, added, {a: s for a, (_, s) in held.items()})
    if sources is None:
        say("a new article joins two sources: rebuilding the groups")
        return False
    new_sources, new_bands = sources
    source_of = {a: (s if s is not None else a) for a, (_, s) in held.items()} | new_sources
    published = {a: d for a, (d, _) in held.items()}
    infos = _infos(rows, res)
    emb, made = embeddings(rows, infos)
    signals = Signals(list(infos.values()), emb)
    groups = cluster(prepare(list(infos.values()), signals, res.compatible, res.specific),
                     DEFAULT)
    actor_of = _adopt(groups, infos, res)
    moved = update_rule(article_times(list(infos.values()), source_of, published))
    verdicts = [verdict(g, infos, source_of, moved) for g in groups]
    said = {r.id: r.speaker for r in rows}
    statements = [statement([infos[m] for m in g.members], said) for g in groups]
    gone = io.groups_of(conn, set(infos))
    gids = _group_ids(conn, groups, {r.id: (r.content_hash, r.idx) for r in rows}, gone)
    spoken = [Spoken(*s) for s in io.spoken_outside(conn, ev, block_forms)]
    actor_ids = _actors(conn, ev, res, aliases, spoken + spoken_of(rows, actor_of, res.mapping))
    io.replace_some_groups(conn, gone, [
        {"id": gids[n], "actor_id": actor_ids.get(infos[g.members[0]].actor), "event_id": ev,
         "status": v.status, "statement": statements[n], "n_claims": len(g.members),
         "n_articles": v.articles, "n_outlets": len(v.outlets),
         "n_sources": v.sources, "disputed": False, "matcher": MATCHER,
         "reason": v.to_json()}
        for n, (g, v) in enumerate(zip(groups, verdicts, strict=True))],
        [{"cid": m, "gid": gids[n], "aid": actor_ids.get(infos[m].actor)}
         for n, g in enumerate(groups) for m in g.members])
    io.write_heads(conn, [{"event_id": ev, **head_row(gids[n], head_of(infos[g.members[0]]))}
                          for n, g in enumerate(groups)])
    io.write_bands(conn, new_bands)
    io.set_source(conn, new_sources)
    save_embeddings(conn, made)
    _disputes(conn, ev, res, infos, emb)
    _figures(conn, ev, infos, source_of, published, res)
    return True


def _group_ids(conn: Connection, groups: list[Group], key_of: dict[int, tuple[str, int]],
               gone: set[int]) -> list[int]:
    """A new group keeps the id of the replaced group whose claims it holds (or most of
    them), as :func:`ids.group_ids` does over the whole ledger."""
    before = io.group_members(conn, gone)
    holder = {k: gid for gid, ks in before.items() for k in ks}

    def earlier(n: object) -> list[int]:
        keys = {key_of[m] for m in groups[n].members}  # type: ignore[index]
        overlap = Counter(holder[k] for k in keys if k in holder)
        return [gid for gid, k in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0]))
                if 2 * k >= len(before[gid])]

    top = high_water(conn, "group", max(gone, default=0))
    ids = stable_ids(list(range(len(groups))), earlier, top)
    save_high_water(conn, "group", max([top, *ids.values()]))
    return [ids[n] for n in range(len(groups))]


def _actors(conn: Connection, ev: Ev, res: Resolution, aliases: list[tuple[str, str, str]],
            spoken: list[Spoken]) -> dict[str, int]:
    """The event's actor tables rebuilt from what its claims say; actor name -> id."""
    old = {k: i for k, i in earlier_actors(conn).items() if k[0] == ev}
    top = high_water(conn, "actor", max(old.values(), default=0))
    ids, actors, names, joins = actor_rows(
        {ev: event_actors(sorted(spoken, key=lambda s: (s.form, s.speaker, s.actor)),
                          res, aliases)}, old, top)
    save_high_water(conn, "actor", max([top, *ids.values()]))
    io.replace_event_actors(conn, ev, actors, names, joins)
    return {name: i for (_, name), i in ids.items()}


def _disputes(conn: Connection, ev: Ev, res: Resolution, infos: dict[int, ClaimInfo],
              emb: np.ndarray) -> None:
    """The event's disputes found again from its groups' heads (``infos``: the regrouped
    claims, ``emb`` their embeddings in that order); the groups whose disputes changed
    get their reasons and flags rewritten."""
    stored = io.read_heads(conn, ev)
    heads = [Head(claim=c, actor=a, polarity=p, deny=bool(d), negates=n,
                  slots=tuple(s.split()), words=tuple(w.split()))
             for _, c, a, p, d, n, s, w in stored]
    gid = [r[0] for r in stored]
    pairs = candidates(heads)
    need = sorted({heads[i].claim for p in pairs for i in p})
    contested: list[tuple[int, int, float]] = []
    if pairs:
        rows = io.claims_by_id(conn, set(need) - set(infos))
        more = _infos(rows, res)
        more_emb, _ = embeddings(rows, more)
        at = {c: n for n, c in enumerate(infos)}
        pos = {r.id: n for n, r in enumerate(rows)}
        claims = [infos[c] if c in infos else more[c] for c in need]
        vectors = np.stack([emb[at[c]] if c in at else more_emb[pos[c]] for c in need])
        signals = Signals(claims, vectors)
        contested = scored(heads, pairs, lambda a, b: signals.pairs(a, b, [False] * len(a)))
    touched = io.disputed_groups(conn, ev) | {gid[i] for a, b, _ in contested for i in (a, b)}
    faces = io.group_faces(conn, touched)
    by: dict[int, list[Dispute]] = {g: [] for g in touched}
    for a, b, sc in contested:
        for x, y in ((a, b), (b, a)):
            by[gid[x]].append(Dispute(group=gid[y], actor=faces[gid[y]][1], score=sc,
                                      statement=faces[gid[y]][0]))
    changes = {}
    for g in sorted(touched):
        verdict_of = Verdict.stored(faces[g][2], faces[g][3])
        entries = sorted(by[g], key=dispute_order)
        if verdict_of.disputed_by != entries:
            verdict_of.disputed_by = entries
            changes[g] = (verdict_of.to_json(), bool(entries))
    io.set_reasons(conn, changes)


def dispute_order(entry: Dispute) -> tuple:
    """Disputes of a group, strongest first (then by statement): the same in a full
    reconcile and one that adds articles."""
    return (-entry.score, entry.statement, entry.actor)


def _figures(conn: Connection, ev: Ev, infos: dict[int, ClaimInfo], source_of: dict[int, int],
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
    more = _infos(rows, res)
    for c, info in more.items():
        if c in named:
            more[c] = replace(info, actor=named[c])
    claims = sorted([*infos.values(), *more.values()], key=lambda c: c.key)
    series = [s for s in figure_series(claims, source_of, published) if s.quantity in quantities]
    io.drop_series(conn, set(held))
    save_series(conn, series, first=io.next_series_id(conn), replace=False)
