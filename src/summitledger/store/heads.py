"""Each group's head as the ledger keeps it for disputes, and its words indexed by word:
what adding articles reads to judge disputes again without reading every group
(:mod:`summitledger.reconcile.rejudge`), and the groups' faces it rewrites."""

from __future__ import annotations

from sqlalchemy import delete, func, insert
from sqlalchemy.engine import Connection
from sqlmodel import col, select

from summitledger.bookkeeping import GroupHead, HeadWord
from summitledger.models import Actor, ClaimGroup
from summitledger.store.reconcile_io import Ev


def read_heads(conn: Connection, groups: set[int]) -> list[tuple]:
    """(group id, claim id, actor, polarity, deny, negates, slots, words) of ``groups``,
    by group id."""
    return [tuple(r) for r in conn.execute(select(
        GroupHead.group_id, GroupHead.claim_id, GroupHead.actor, GroupHead.polarity,
        GroupHead.deny, GroupHead.negates, GroupHead.slots, GroupHead.words)
        .where(col(GroupHead.group_id).in_(sorted(groups))).order_by(GroupHead.group_id))]


def word_counts(conn: Connection, ev: Ev, words: set[str]) -> dict[str, int]:
    """How many of the event's group heads hold each of ``words``."""
    found = dict(conn.execute(
        select(HeadWord.word, func.count()).where(HeadWord.event_id == ev,
                                                  col(HeadWord.word).in_(sorted(words)))
        .group_by(HeadWord.word)).all())  # type: ignore[arg-type]
    return {w: found.get(w, 0) for w in words}


def holders(conn: Connection, ev: Ev, words: set[str]) -> set[int]:
    """The event's groups whose heads hold one of ``words``."""
    return set(conn.execute(select(HeadWord.group_id).where(
        HeadWord.event_id == ev, col(HeadWord.word).in_(sorted(words))).distinct()).scalars())


def disputed_groups(conn: Connection, ev: Ev) -> set[int]:
    return set(conn.execute(select(ClaimGroup.id).where(
        ClaimGroup.event_id == ev, col(ClaimGroup.disputed).is_(True))).scalars())


def group_faces(conn: Connection, groups: set[int]) -> dict[int, tuple[str, str, str, str]]:
    """Group id -> (statement, its actor's name, reason JSON, status)."""
    return {g: (s, a or "", r, st) for g, s, a, r, st in conn.execute(
        select(ClaimGroup.id, ClaimGroup.statement, Actor.name, ClaimGroup.reason,
               ClaimGroup.status)
        .outerjoin(Actor, ClaimGroup.actor_id == Actor.id)
        .where(col(ClaimGroup.id).in_(sorted(groups))))}


def write_heads(conn: Connection, rows: list[dict]) -> None:
    """Group heads, each row with its ``event_id``, and their words."""
    if rows:
        conn.execute(insert(GroupHead), rows)
        words = [{"group_id": r["group_id"], "word": w, "event_id": r["event_id"]}
                 for r in rows for w in sorted(set(r["words"].split()))]
        if words:
            conn.execute(insert(HeadWord), words)


def clear_heads(conn: Connection) -> None:
    conn.execute(delete(HeadWord))
    conn.execute(delete(GroupHead))
