"""Claims read for reconcile: a stored row made a :class:`matching.ClaimInfo`, its
actor the event's resolution of its name form, its frame read back."""

from __future__ import annotations

from summitledger.reconcile.actors import Resolution
from summitledger.reconcile.frames import stored_frame
from summitledger.reconcile.matching import ClaimInfo
from summitledger.store.reconcile_io import ClaimRow


def read_infos(rows: list[ClaimRow], res: Resolution) -> dict[int, ClaimInfo]:
    return {r.id: ClaimInfo(
        id=r.id, article_id=r.article_id, outlet=r.outlet,
        actor=res.mapping.get(r.actor_key, r.actor_key), content=r.content, quote=r.quote,
        bag_json=r.lemmas, topic_json=r.topic, polarity=r.polarity, type=r.type, cue=r.cue,
        key=(r.file, r.content_hash, r.idx),
        frame=stored_frame(r.frame, r.lemmas, r.polarity, r.cue)) for r in rows}
