"""What a reconcile leaves for the next one to add to, computed from a plan: each name
form's actor and block, each group's head for disputes, and the ledger's state version.

A reconcile that finds the actor forms of an event unchanged, and articles only added,
regroups just the blocks the new claims fall in (:mod:`incremental`); everything else
rebuilds. Pure functions; :mod:`run` and :mod:`incremental` store the rows.
"""

from __future__ import annotations

from summitledger.nlp.nouns import thesaurus
from summitledger.reconcile.actors import Resolution
from summitledger.reconcile.candidates import ALL_PAIRS, bits_for
from summitledger.reconcile.grouping import actor_blocks
from summitledger.reconcile.matching import ClaimInfo, Group
from summitledger.reconcile.model import DEFAULT

#: what a stored state was made with: another model, candidate rule or resolution makes
#: the next reconcile rebuild instead of adding
STATE = f"state-1; model {DEFAULT.describe()}; all pairs {ALL_PAIRS}"


def forms(resolution: Resolution, with_claims: set[str]) -> dict[str, tuple[str, str, str]]:
    """Name form -> (actor, why it is vague, block) for the forms claims use."""
    actors = sorted({resolution.mapping.get(f, f) for f in with_claims})
    block = actor_blocks(actors, resolution.compatible, set(resolution.vague))
    out = {}
    for f in sorted(with_claims):
        actor = resolution.mapping.get(f, f)
        out[f] = (actor, resolution.vague.get(actor, ""), block[actor])
    return out


def form_rows(table: dict[str, tuple[str, str, str]]) -> list[dict]:
    return [{"form": f, "actor": a, "vague": v, "block": b} for f, (a, v, b) in sorted(table.items())]


def unchanged(old: dict[str, tuple[str, str, str]], new: dict[str, tuple[str, str, str]]) -> bool:
    """Do the forms the last reconcile saw keep their actor, vagueness and block-mates?
    (New forms may join a block; a block of old forms may not split or merge.)"""
    if any(f not in new or new[f][:2] != old[f][:2] for f in old):
        return False
    mates_old: dict[str, set[str]] = {}
    mates_new: dict[str, set[str]] = {}
    for f, (a, _, b) in old.items():
        mates_old.setdefault(b, set()).add(a)
        mates_new.setdefault(new[f][2], set()).add(a)
    return sorted(map(sorted, mates_old.values())) == sorted(map(sorted, mates_new.values()))


def size_class(n: int) -> int:
    """A block's size class: every pair below ALL_PAIRS statements, else the bits of its
    hashing; a block that changes class is regrouped whole (it is anyway)."""
    return 0 if n <= ALL_PAIRS else bits_for(n)


def head_row(gid: int, g: Group, infos: dict[int, ClaimInfo]) -> dict:
    """A group's head for disputes: what :mod:`disputes` reads of its first claim."""
    head = infos[g.members[0]]
    table = thesaurus()
    frame = head.frame
    slots = {table.get(t, t) for t in frame.theme if t}
    if frame.verb:
        slots.add(table.get(frame.verb, frame.verb))
    return {"group_id": gid, "claim_id": head.id, "actor": head.actor,
            "polarity": frame.polarity, "deny": frame.family == "deny",
            "negates": table.get(frame.negates, frame.negates) if frame.negates else "",
            "slots": " ".join(sorted(slots))}
