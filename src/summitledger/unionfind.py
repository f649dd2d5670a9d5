"""Union-find over hashable items, with the reason for every join kept.

Hand-written on purpose (about 40 lines): scipy's ``DisjointSet`` would pull in SciPy for
this alone and keeps no reasons. The root of a set is its least item, so the result
does not depend on the order of the unions.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Join(Generic[T]):
    """Two items joined, and why."""

    a: T
    b: T
    reason: str


@dataclass
class UnionFind(Generic[T]):
    parent: dict[T, T] = field(default_factory=dict)
    joins: list[Join[T]] = field(default_factory=list)

    @classmethod
    def of(cls, items: Iterable[T]) -> UnionFind[T]:
        return cls(parent={x: x for x in items})

    def add(self, x: T) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: T) -> T:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: T, b: T, reason: str = "") -> bool:
        """Join the sets of ``a`` and ``b``; False if they were one already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        lo, hi = (ra, rb) if ra <= rb else (rb, ra)  # type: ignore[operator]
        self.parent[hi] = lo
        self.joins.append(Join(a, b, reason))
        return True

    def sets(self) -> dict[T, list[T]]:
        """Root -> members, members in sorted order."""
        out: dict[T, list[T]] = {}
        for x in sorted(self.parent):  # type: ignore[type-var]
            out.setdefault(self.find(x), []).append(x)
        return out
