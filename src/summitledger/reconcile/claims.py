"""Claims read for reconcile: a stored row made a :class:`matching.ClaimInfo`, its
actor the event's resolution of its name form, its frame read back; and the actor a
claim takes from the statement it is grouped in (:func:`adopt`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from summitledger.reconcile.actors import Resolution
from summitledger.reconcile.frames import stored_frame
from summitledger.reconcile.matching import ClaimInfo, Group
from summitledger.store.reconcile_io import ClaimRow


def read_infos(rows: list[ClaimRow], res: Resolution) -> dict[int, ClaimInfo]:
    return {r.id: ClaimInfo(
        id=r.id, article_id=r.article_id, outlet=r.outlet,
        actor=res.mapping.get(r.actor_key, r.actor_key), content=r.content, quote=r.quote,
        bag_json=r.lemmas, topic_json=r.topic, polarity=r.polarity, type=r.type, cue=r.cue,
        key=(r.file, r.content_hash, r.idx),
        frame=stored_frame(r.frame, r.lemmas, r.polarity, r.cue)) for r in rows}


def adopt(groups: list[Group], infos: dict[int, ClaimInfo],
          specific: Callable[[str], bool]) -> dict[int, str]:
    """A claim by a title or 'the company' in one statement with a named actor's is that
    actor's (the statement matched): ``infos`` updated in place; claim id -> its actor."""
    actor_of: dict[int, str] = {}
    for g in groups:
        named = [infos[m].actor for m in g.members if specific(infos[m].actor)]
        actor = Counter(named).most_common(1)[0][0] if named else infos[g.members[0]].actor
        for m in g.members:
            if infos[m].actor != actor and not specific(infos[m].actor):
                infos[m] = replace(infos[m], actor=actor)
            actor_of[m] = infos[m].actor
    return actor_of
