"""Each group's head as the ledger keeps it for disputes, and how many heads hold each word:
what adding articles reads to judge disputes again without reading every group
(:mod:`summitledger.reconcile.rejudge`), and the groups' faces it rewrites."""

from __future__ import annotations

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy.engine import Connection
from sqlmodel import col, select

from summitledger.bookkeeping import GroupHead, WordCount
from summitledger.models import Actor, ClaimGroup
from summitledger.store.reconcile_io import Ev


def read_heads(conn: Connection, groups: set[int]) -> list[tuple]:
    """(group id, claim id, actor, polarity, deny, negates, slots, words) of ``groups``,
    by group id; slots and words as tuples of words."""
    return [(*r[:6], _words(r[6]), _words(r[7])) for r in conn.execute(select(
        GroupHead.group_id, GroupHead.claim_id, GroupHead.actor, GroupHead.polarity,
        GroupHead.deny, GroupHead.negates, GroupHead.slots, GroupHead.words)
        .where(col(GroupHead.group_id).in_(sorted(groups))).order_by(GroupHead.group_id))]


def _words(column: str) -> tuple[str, ...]:
    """A head's words as its column keeps them (one space between words: a word is a
    lemma, or lemmas joined by ``_``, never holding a space)."""
    return tuple(column.split())


def _event(ev: Ev) -> int:
    return ev or 0  # the counts of articles of no event are kept as event 0


def word_counts(conn: Connection, ev: Ev, words: set[str]) -> dict[str, int]:
    """How many of the event's group heads hold each of ``words``."""
    found = dict(conn.execute(
        select(WordCount.word, WordCount.count).where(
            WordCount.event_id == _event(ev), col(WordCount.word).in_(sorted(words)))).all())  # type: ignore[arg-type]
    return {w: found.get(w, 0) for w in words}


def add_word_counts(conn: Connection, ev: Ev, delta: dict[str, int]) -> None:
    """Change the event's word counts by ``delta`` (heads added minus heads gone)."""
    have = dict(conn.execute(select(WordCount.word, WordCount.count).where(
        WordCount.event_id == _event(ev), col(WordCount.word).in_(sorted(delta)))).all())
    rows = [{"e": _event(ev), "w": w, "n": have.get(w, 0) + d}
            for w, d in sorted(delta.items()) if d]
    new = [r for r in rows if r["w"] not in have]
    old = [r for r in rows if r["w"] in have]
    if new:
        conn.execute(insert(WordCount), [{"event_id": r["e"], "word": r["w"], "count": r["n"]}
                                         for r in new])
    if old:
        conn.execute(update(WordCount).where(WordCount.event_id == bindparam("e"),
                                             WordCount.word == bindparam("w"))
                     .values(count=bindparam("n")), old)


def holders(conn: Connection, ev: Ev, words: set[str], sign: int) -> dict[int, set[str]]:
    """The event's groups whose heads hold one of ``words`` and are negated (``sign``
    -1) or affirmed (1), each with the words of ``words`` it holds (one read of those
    heads' words: cheaper than a pattern per word over every head)."""
    if not words:
        return {}
    event = GroupHead.event_id.is_(None) if ev is None else GroupHead.event_id == ev  # type: ignore[union-attr]
    side = GroupHead.polarity < 0 if sign < 0 else GroupHead.polarity > 0
    out = {}
    for g, held in conn.execute(select(GroupHead.group_id, GroupHead.words).where(event, side)):
        found = words.intersection(_words(held))
        if found:
            out[g] = found
    return out


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
    """Group heads, each row with its ``event_id``; ``slots`` and ``words`` tuples of words."""
    if rows:
        conn.execute(insert(GroupHead), [
            {**r, "slots": " ".join(r["slots"]), "words": " ".join(r["words"])} for r in rows])


def write_counts(conn: Connection, counts: dict[Ev, dict[str, int]]) -> None:
    """Every event's word counts, replacing what was kept."""
    conn.execute(delete(WordCount))
    rows = [{"event_id": _event(ev), "word": w, "count": n}
            for ev, c in counts.items() for w, n in sorted(c.items())]
    if rows:
        conn.execute(insert(WordCount), rows)


def clear_heads(conn: Connection) -> None:
    conn.execute(delete(GroupHead))
