"""Adding articles to an event without rebuilding it: only the blocks their claims fall in.

Groups never cross blocks (actors that may be one; :mod:`grouping`), and every pair's
features, every candidate rule and the clustering of a block depend on that block's
claims alone, so regrouping the blocks a new article touches gives the partition a full
rebuild gives. What a new article can change beyond its blocks is checked first, and
where it would change more the event is rebuilt instead (:func:`add_articles` says no):
the actor forms the last reconcile saw must keep their actor, vagueness and block-mates
(a new full name can make a bare surname someone's), and a new article may copy at most
one existing source (joining two makes their articles one source). Then the groups of
the touched blocks are replaced, their verdicts and disputes made, the figure series of
the quantities they give made again, and the event's actor tables rebuilt from its
names.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from sqlalchemy.engine import Connection

from summitledger.reconcile.actor_tables import PRONOUNS, joins_of
from summitledger.reconcile.actors import Resolution, resolve_actors
from summitledger.reconcile.disputes import disputes
from summitledger.reconcile.figures import article_times, figure_series, update_rule
from summitledger.reconcile.frames import stored_frame
from summitledger.reconcile.grouping import Signals, cluster, prepare
from summitledger.reconcile.ids import high_water, save_high_water, stable_ids
from summitledger.reconcile.matching import MATCHER, ClaimInfo, Group
from summitledger.reconcile.model import DEFAULT
from summitledger.reconcile.plan import embeddings
from summitledger.reconcile.sources import bands, copies, shingles
from summitledger.reconcile.state import forms, form_rows, head_row, unchanged
from summitledger.reconcile.statement import statement
from summitledger.reconcile.verdicts import verdict
from summitledger.store import incremental_io as io
from summitledger.store.figures import save_series
from summitledger.store.reconcile_io import ClaimRow, Ev, save_embeddings

#: a new article whose blocks hold more claims than this is not worth adding to: the
#: event is rebuilt (and says so), which costs no more
BLOCK_LIMIT = 200_000


def _overrides(conn: Connection, speakers: list[tuple], names: set[str],
               aliases: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The user's overrides that name two of the event's names (as :func:`read_events`)."""
    said = {s.lower(): f for f, s, *_ in speakers}
    keys = names | {a[0] for a in aliases}
    known = set(said) | {n.lower() for n in names} | {x.lower() for a in aliases for x in a[:2]}
    return [(act, *(n if n in keys else said.get(n.lower(), n) for n in (a, b)))
            for act, a, b in io.overrides(conn) if a.lower() in known and b.lower() in known]


def _sources(conn: Connection, ev: Ev, added: set[int], held: dict[int, int | None]
             ) -> tuple[dict[int, int], dict[int, list[int]]] | None:
    """The new articles' sources (None when one joins two existing sources) and their
    bands; the existing articles keep theirs."""
    texts = io.texts_of(conn, added)
    sh = {a: shingles(t) for a, t in texts.items()}
    keys = {a: bands(s) for a, s in sh.items()}
    mates = io.band_mates(conn, ev, sorted({k for ks in keys.values() for k in ks}), added)
    sh.update({a: shingles(t) for a, t in io.texts_of(conn, mates).items()})
    source = {a: (s if s is not None else a) for a, s in held.items() if a not in added}
    out: dict[int, int] = {}
    for a in sorted(added):
        found = {source.get(m, m) for m in mates if copies(sh[a], sh[m])}
        found |= {out[b] for b in out if copies(sh[a], sh[b])}
        if len(found) > 1:
            return None
        out[a] = min(found | {a}) if found else a
        if found and out[a] != min(found):
            return None  # the new article would become an old source's first
    return out, keys


def _infos(rows: list[ClaimRow], res: Resolution) -> dict[int, ClaimInfo]:
    return {r.id: ClaimInfo(
        id=r.id, article_id=r.article_id, outlet=r.outlet,
        actor=res.mapping.get(r.actor_key, r.actor_key), content=r.content, quote=r.quote,
        lemmas=r.lemmas, topic=r.topic, polarity=r.polarity, type=r.type, cue=r.cue,
        key=(r.file, r.content_hash, r.idx),
        frame=stored_frame(r.frame, r.lemmas, r.polarity, r.cue)) for r in rows}


def add_articles(conn: Connection, ev: Ev, added: set[int], say: Callable[[str], None]) -> bool:
    """Add the claims of articles ``added`` (already stored) to event ``ev``'s groups;
    False, having written nothing, when the event must be rebuilt instead."""
    names = io.event_names(conn, ev)
    aliases = io.event_aliases(conn, ev)
    speakers = io.event_speakers(conn, ev)
    ovr = _overrides(conn, speakers, {n[0] for n in names}, aliases)
    res = resolve_actors(names, aliases, ovr)
    table = forms(res, {n[0] for n in names})
    old = io.read_forms(conn, ev)
    if not old or not unchanged(old, table):
        return False
    touched = {table[f][2] for f, _, art, _ in names if art in added}
    rows = io.block_rows(conn, ev, {f for f, (_, _, b) in table.items() if b in touched})
    if len(rows) > BLOCK_LIMIT:
        say(f"the new claims fall in blocks of {len(rows)} claims: regrouping the event")
        return False
    held = io.event_articles(conn, ev)
    found = _sources(conn, ev, added, {a: s for a, (_, s) in held.items()})
    if found is None:
        return False
    new_sources, new_bands = found
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
    actor_ids = _actors(conn, ev, res, speakers, aliases, actor_of, infos)
    disputed = _disputes(conn, ev, groups, gids, gone, infos, statements, verdicts)
    io.replace_some_groups(conn, gone, [
        {"id": gids[n], "actor_id": actor_ids.get(infos[g.members[0]].actor), "event_id": ev,
         "status": status, "statement": statements[n], "n_claims": len(g.members),
         "n_articles": reason["articles"], "n_outlets": len(reason["outlets"]),
         "n_sources": reason["sources"], "disputed": n in disputed, "matcher": MATCHER,
         "reason": json.dumps(reason, sort_keys=True, ensure_ascii=False)}
        for n, (g, (status, reason)) in enumerate(zip(groups, verdicts, strict=True))],
        [{"cid": m, "gid": gids[n], "aid": actor_ids.get(infos[m].actor)}
         for n, g in enumerate(groups) for m in g.members])
    io.write_heads(conn, ev, [head_row(gids[n], g, infos) for n, g in enumerate(groups)])
    io.write_forms(conn, ev, form_rows(table))
    io.write_bands(conn, new_bands)
    io.set_source(conn, new_sources)
    save_embeddings(conn, made)
    _figures(conn, ev, infos, source_of, published, res)
    return True


def _adopt(groups: list[Group], infos: dict[int, ClaimInfo], res: Resolution) -> dict[int, str]:
    """A vague actor's claim in one statement with a specific actor's becomes that
    actor's (as :func:`plan.finish` does)."""
    actor_of: dict[int, str] = {}
    for g in groups:
        named = [infos[m].actor for m in g.members if res.specific(infos[m].actor)]
        actor = Counter(named).most_common(1)[0][0] if named else infos[g.members[0]].actor
        for m in g.members:
            if infos[m].actor != actor and not res.specific(infos[m].actor):
                infos[m].actor = actor
            actor_of[m] = infos[m].actor
    return actor_of


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
