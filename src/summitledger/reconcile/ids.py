"""Stable ids: an actor keeps its id while its name does, a group the id of the earlier
group whose claims it holds, and an id once given never comes back for something else
(the highest id each table gave is kept in ``meta``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from sqlalchemy.engine import Connection

from summitledger.reconcile.matching import Group
from summitledger.store.reconcile_io import earlier_groups, read_meta, write_meta


def high_water(conn: Connection, table: str, seen: int) -> int:
    """The highest id ``table`` ever gave (kept in meta), so that an id never comes back
    for something else."""
    return max(seen, int(read_meta(conn, f"{table}_id_max") or 0))


def save_high_water(conn: Connection, table: str, top: int) -> None:
    write_meta(conn, f"{table}_id_max", str(top))


def stable_ids(items: list, earlier: Callable[[object], list[int]], top: int) -> dict:
    """An id for each item: the first of its earlier ids not yet taken, else a new one
    above every id ever given (``top``)."""
    taken: set[int] = set()
    out = {}
    for item in items:
        old = next((i for i in earlier(item) if i not in taken), None)
        if old is None:
            top += 1
            old = top
        taken.add(old)
        out[item] = old
    return out


def group_ids(conn: Connection, groups: list[Group], key_of: dict[int, tuple[str, int]],
              before: dict[int, set[tuple[str, int]]] | None = None) -> list[int]:
    """Ids for the new groups: a group keeps the id of the earlier group whose claims
    (article hash, position) it holds, or most of them; others get new ids. ``before``:
    the earlier groups they replace and their claims (default: every stored group)."""
    before = earlier_groups(conn) if before is None else before
    holder: dict[tuple[str, int], int] = {k: gid for gid, ks in before.items() for k in ks}

    def earlier(n: object) -> list[int]:
        keys = {key_of[m] for m in groups[n].members}  # type: ignore[index]
        overlap = Counter(holder[k] for k in keys if k in holder)
        return [gid for gid, k in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0]))
                if 2 * k >= len(before[gid])]

    top = high_water(conn, "group", max(before, default=0))
    ids = stable_ids(list(range(len(groups))), earlier, top)
    save_high_water(conn, "group", max([top, *ids.values()]))
    return [ids[n] for n in range(len(groups))]
