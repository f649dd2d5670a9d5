"""What a reconcile leaves for the next one to add to: each group's head for disputes,
and the version of what made the groups (:data:`STATE`); and which of the event's
earlier names a new article's names move (:func:`changed_forms`).

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
STATE = f"state-4; {MATCHER}; model {DEFAULT.describe()}; all pairs {ALL_PAIRS}"


def forms(resolution: Resolution, with_claims: set[str]) -> dict[str, tuple[str, str, str]]:
    """Name form -> (actor, why it is vague, block) for the forms claims use."""
    actors = sorted({resolution.mapping.get(f, f) for f in with_claims})
    block = actor_blocks(actors, resolution.compatible, set(resolution.vague))
    out = {}
    for f in sorted(with_claims):
        actor = resolution.mapping.get(f, f)
        out[f] = (actor, resolution.vague.get(actor, ""), block[actor])
    return out


def changed_forms(old: dict[str, tuple[str, str, str]], new: dict[str, tuple[str, str, str]],
                  before: Resolution, after: Resolution) -> set[str]:
    """The earlier name forms whose claims a new article's names move: a form that
    changes actor or vagueness, whose block-mates change (a block splits or merges), or
    in a block whose actors' compatibilities change; and with each, every form that
    shared its block before (their groups may hold its claims). Their blocks are
    regrouped whole."""
    changed = {f for f in old if f not in new or new[f][:2] != old[f][:2]}
    by_old: dict[str, set[str]] = {}
    by_new: dict[str, set[str]] = {}
    for f, (_, _, b) in old.items():
        by_old.setdefault(b, set()).add(f)
        by_new.setdefault(new[f][2] if f in new else "", set()).add(f)
    for forms_ in by_old.values():
        if any(by_new.get(new[f][2] if f in new else "", set()) != forms_ for f in forms_):
            changed |= forms_
        actors = sorted({old[f][0] for f in forms_})
        if any(before.compatible(x, y) != after.compatible(x, y)
               for i, x in enumerate(actors) for y in actors[i + 1:]):
            changed |= forms_
    return {f for forms_ in by_old.values() if forms_ & changed for f in forms_}


def head_row(gid: int, head: Head) -> dict:
    """A group's head as the ledger keeps it (:class:`disputes.Head`)."""
    return {"group_id": gid, "claim_id": head.claim, "actor": head.actor,
            "polarity": head.polarity, "deny": head.deny, "negates": head.negates,
            "slots": head.slots, "words": head.words}
