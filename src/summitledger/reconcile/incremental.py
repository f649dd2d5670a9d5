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

import numpy as np
from sqlalchemy.engine import Connection

from summitledger.reconcile.actor_tables import Spoken, actor_rows, event_actors, spoken_of
from summitledger.reconcile.actors import Resolution, resolve_actors
from summitledger.reconcile.claims import adopt, read_infos
from summitledger.reconcile.disputes import head_of
from summitledger.reconcile.embedding import unpack
from summitledger.reconcile.figures import article_times, update_rule
from summitledger.reconcile.grouping import Signals, cluster, prepare
from summitledger.reconcile.ids import group_ids, high_water, save_high_water
from summitledger.reconcile.matching import MATCHER, ClaimInfo, Group
from summitledger.reconcile.model import DEFAULT
from summitledger.reconcile.plan import embeddings
from summitledger.reconcile.regroup import Brief, around
from summitledger.reconcile.rejudge import disputes_again, series_again
from summitledger.reconcile.sources import bands, copies, shingles
from summitledger.reconcile.state import changed_forms, forms, head_row
from summitledger.reconcile.statement import statement
from summitledger.reconcile.verdicts import verdict
from summitledger.store import heads as heads_io
from summitledger.store import incremental_io as io
from summitledger.store.reconcile_io import ClaimRow, Ev, earlier_actors, save_embeddings

#: a new article whose blocks hold more claims than this is regrouped with its whole
#: event (and says so): past this, most of a large event would be read anyway
BLOCK_LIMIT = 200_000
#: an addition that changes the groups of more claims than this rebuilds instead (and
#: says so): the rest of the event's claims are then named one by one in a query
CHANGED_LIMIT = 20_000
#: regrouping more claims than this because new names move earlier ones is told (it
#: takes seconds where adding an article takes less than one)
REGROUP_NOTE = 1_000


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


def _resolutions(conn: Connection, ev: Ev, added: set[int]
                 ) -> tuple[Resolution, list[tuple[str, str, str]], dict, set[str], set[str]]:
    """The event's actor resolution with the new articles, its aliases, each name
    form's actor, vagueness and block, the earlier forms the new names move
    (:func:`state.changed_forms`, against the resolution without the new articles) and
    the forms of the new articles."""
    names = io.event_names(conn, ev)
    aliases = io.event_aliases(conn, ev)
    res = resolve_actors(names, [a[:3] for a in aliases], [])
    before = resolve_actors([n for n in names if n[2] not in added],
                            [a[:3] for a in aliases if a[3] not in added], [])
    table = forms(res, {n[0] for n in names})
    old = forms(before, {n[0] for n in names if n[2] not in added})
    return (res, [a[:3] for a in aliases], table, changed_forms(old, table, before, res),
            {n[0] for n in names if n[2] in added})


def add_articles(conn: Connection, ev: Ev, added: set[int], say: Callable[[str], None]) -> bool:
    """Add the claims of articles ``added`` (already stored) to event ``ev``'s groups;
    False, having written nothing, when the event must be rebuilt instead."""
    if io.has_overrides(conn):
        return False  # the user's overrides name speakers as any claim wrote them
    res, aliases, table, moved_forms, new_forms = _resolutions(conn, ev, added)
    whole = {table[f][2] for f in moved_forms}  # blocks regrouped whole
    touched = whole | {table[f][2] for f in new_forms}
    block = io.block_briefs(conn, ev, {f for f, (_, _, b) in table.items() if b in touched})
    if len(block) > BLOCK_LIMIT:
        say(f"the new claims fall among {len(block)} claims of one actor: rebuilding the groups")
        return False
    held = io.event_articles(conn, ev)
    sources = _sources(conn, ev, added, {a: s for a, (_, s) in held.items()})
    if sources is None:
        say("a new article joins two sources: rebuilding the groups")
        return False
    new_sources, new_bands = sources
    source_of = {a: (s if s is not None else a) for a, (_, s) in held.items()} | new_sources
    published = {a: d for a, (d, _) in held.items()}
    new_claims = {b[0] for b in block if b[1] in added}
    infos: dict[int, ClaimInfo] = {}
    vectors: dict[int, np.ndarray] = {}
    groups: list[Group] = []
    made: dict[int, bytes] = {}
    read: dict[int, ClaimRow] = {}
    for b in sorted(touched):
        part = _regroup(conn, [x for x in block if table[x[2]][2] == b],
                        None if b in whole else new_claims, res, read)
        infos.update(part[0])
        vectors.update(part[1])
        groups += part[2]
        made.update(part[3])
    if len(infos) > CHANGED_LIMIT:
        say(f"the new claims change the groups of {len(infos)} claims: rebuilding the groups")
        return False
    n = sum(1 for x in block if table[x[2]][2] in whole)
    if n > REGROUP_NOTE:
        say(f"new names change who {len(moved_forms)} earlier name form(s) are: "
            f"regrouping the {n} claims of their blocks")
    rows = [read[c] for c in infos]
    emb = np.stack([vectors[c] for c in infos]) if infos else np.zeros((0, 1), np.float32)
    actor_of = adopt(groups, infos, res.specific)
    moved = update_rule(article_times(list(infos.values()), source_of, published))
    verdicts = [verdict(g, infos, source_of, moved) for g in groups]
    said = {r.id: r.speaker for r in rows}
    statements = [statement([infos[m] for m in g.members], said) for g in groups]
    gone = io.groups_of(conn, set(infos))
    gone_words = {r[0]: r[-1] for r in heads_io.read_heads(conn, gone)}
    gids = group_ids(conn, groups, {r.id: (r.content_hash, r.idx) for r in rows},
                     io.group_members(conn, gone))
    spoken = [Spoken(*s) for s in io.spoken_outside(conn, ev, set(infos))]
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
    heads = {gids[n]: head_of(infos[g.members[0]]) for n, g in enumerate(groups)}
    heads_io.write_heads(conn, [{"event_id": ev, **head_row(g, h)} for g, h in heads.items()])
    delta = Counter(w for h in heads.values() for w in h.words)
    delta.subtract(Counter(w for ws in gone_words.values() for w in ws))
    heads_io.add_word_counts(conn, ev, dict(delta))
    io.write_bands(conn, new_bands)
    io.set_source(conn, new_sources)
    save_embeddings(conn, made)
    disputes_again(conn, ev, res, infos, emb, heads, gone_words)
    series_again(conn, ev, infos, source_of, published, res)
    return True


def _regroup(conn: Connection, block: list[tuple], new: set[int] | None, res: Resolution,
             read: dict[int, ClaimRow]
             ) -> tuple[dict[int, ClaimInfo], dict[int, np.ndarray], list[Group], dict[int, bytes]]:
    """One touched block (:func:`io.block_briefs`): the claims whose groups change (read,
    their rows kept in ``read``), their embeddings, their groups, and the embeddings
    made for claims stored without one. Only the components the new claims join
    (:func:`regroup.around`), or the whole block where that cannot hold (``new`` None:
    the new names move earlier ones; a claim stored without an embedding, a unit's new
    first claim, a new size class)."""

    def infos_of(ids: list[int]) -> dict[int, ClaimInfo]:
        rows = io.claims_by_id(conn, set(ids) - set(read))
        read.update({r.id: r for r in rows})
        return read_infos([read[i] for i in ids], res)

    vectors, missing = unpack([b[8] for b in block])
    if new is not None and not missing:
        briefs = [Brief(i, res.mapping.get(f, f), content, quote, art, (fl, digest, idx))
                  for i, art, f, content, quote, fl, digest, idx, _, _ in block]
        emb = {b[0]: vectors[n] for n, b in enumerate(block)}
        found = around(briefs, new & set(emb), emb, infos_of, res.compatible, res.specific,
                       {b[0]: b[9] for b in block if b[9] is not None}, DEFAULT)
        if found is not None:
            infos, groups = found
            return infos, {c: emb[c] for c in infos}, groups, {}
    infos = infos_of([b[0] for b in block])
    rows = [read[b[0]] for b in block]
    vectors, made = embeddings(rows, infos)
    groups = cluster(prepare(list(infos.values()), Signals(list(infos.values()), vectors),
                             res.compatible, res.specific), DEFAULT)
    return infos, {r.id: vectors[n] for n, r in enumerate(rows)}, groups, made


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
