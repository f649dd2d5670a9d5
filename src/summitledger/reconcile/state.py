"""What a reconcile leaves for the next one to add to: each group's head for disputes,
and the version of what made the groups (:data:`STATE`); and the test that a new
article leaves the event's earlier names as they were (:func:`unchanged`).

A reconcile that finds only articles added, and the event's earlier names unchanged,
regroups just the blocks the new claims fall in (:mod:`incremental`); everything else
rebuilds. Pure functions; :mod:`run` and :mod:`incremental` store the rows.
"""

from __future__ import annotations

from summitledger.reconcile.actors import Resolution
from summitledger.reconcile.candidates import ALL_PAIRS
from summitledger.reconcile.disputes import Head
from summitledger.reconcile.grouping import actor_blocks
from summitledger.reconcile.matching import MATCHER
from summitledger.reconcile.model import DEFAULT

#: what a stored state was made with: another model, candidate rule or resolution makes
#: the next reconcile rebuild instead of adding
STATE = f"state-1; {MATCHER}; model {DEFAULT.describe()}; all pairs {ALL_PAIRS}"


def forms(resolution: Resolution, with_claims: set[str]) -> dict[str, tuple[str, str, str]]:
    """Name form -> (actor, why it is vague, block) for the forms claims use."""
    actors = sorted({resolution.mapping.get(f, f) for f in with_claims})
    block = actor_blocks(actors, resolution.compatible, set(resolution.vague))
    out = {}
    for f in sorted(with_claims):
        actor = resolution.mapping.get(f, f)
        out[f] = (actor, resolution.vague.get(actor, ""), block[actor])
    return out


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


def compatible_pairs(resolution: Resolution, table: dict[str, tuple[str, str, str]],
                     among: set[str]) -> set[tuple[str, str]]:
    """The pairs of actors (of the name forms ``among``) sharing a block that may be one:
    what decides which of a block's claims are compared."""
    by_block: dict[str, set[str]] = {}
    for f in among:
        by_block.setdefault(table[f][2], set()).add(table[f][0])
    return {(a, b) for actors in by_block.values() for a in actors for b in actors
            if a < b and resolution.compatible(a, b)}


def head_row(gid: int, head: Head) -> dict:
    """A group's head as the ledger keeps it (:class:`disputes.Head`)."""
    return {"group_id": gid, "claim_id": head.claim, "actor": head.actor,
            "polarity": head.polarity, "deny": head.deny, "negates": head.negates,
            "slots": " ".join(head.slots), "words": " ".join(head.words)}
