"""Comparing outlets (``summitledger diff``): what both carry, what only one does, where
they contradict each other, figures one source updated, a quotation worded differently
and disputes.

Only what involves the outlets compared is reported: with two outlets, a contradiction
between one of them and a third outlet is not theirs.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from summitledger.errors import UNKNOWN_OUTLET, QueryError
from summitledger.models import Actor, Article, Claim, ClaimGroup
from summitledger.report.names import event_id, in_event, outlet_names, outlets_of
from summitledger.verdict import Verdict


class GroupRow(BaseModel):
    group: int
    actor: str
    status: str
    statement: str
    outlets: list[str]
    claims: list[int]
    reason: Verdict


class DiffReport(BaseModel):
    outlets: list[str]
    both: list[GroupRow]
    only: dict[str, list[GroupRow]]
    contradictions: list[GroupRow]
    updated: list[GroupRow]  # one source's figure that moved over time (not a contradiction)
    worded_differently: list[GroupRow]  # one quotation, different words
    disputes: list[GroupRow]  # another actor asserts the opposite
    matrix: dict[str, dict[str, int]]  # actor -> outlet -> claims

    @property
    def differs(self) -> bool:
        return bool(self.contradictions or self.worded_differently or any(self.only.values()))


def group_rows(session: Session, event: int | None = None) -> list[GroupRow]:
    """Every group of ``event`` (None: of every event) with its outlets and claims."""
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for cid, gid, outlet in session.exec(
        select(Claim.id, Claim.group_id, Article.outlet).join(Article, Claim.article_id == Article.id)
        .where(in_event(Article.event_id, event))
    ).all():
        if gid is not None:
            members[gid].append((cid, outlet))
    names = {a.id: a.name for a in session.exec(select(Actor)).all()}
    rows = []
    for g in session.exec(select(ClaimGroup).where(in_event(ClaimGroup.event_id, event))
                          .order_by(ClaimGroup.id)).all():
        rows.append(GroupRow(
            group=g.id, actor=names.get(g.actor_id, ""), status=g.status, statement=g.statement,  # type: ignore[arg-type]
            outlets=sorted({o for _, o in members[g.id]}),
            claims=sorted(c for c, _ in members[g.id]),
            reason=Verdict.stored(g.reason, g.status)))
    return rows


def _sides(g: GroupRow) -> set[str]:
    """The outlets of a contradicted group's contradicting claims (all its outlets when
    the verdict names no sides)."""
    return {s.outlet for s in g.reason.sides} or set(g.outlets)


def _worded(g: GroupRow, scope: set[str], pair: bool) -> bool:
    """Do the outlets compared word the group's quotation differently? With two outlets,
    each must carry it and the two use different wordings; otherwise one in scope uses
    a wording not every outlet uses."""
    variants = [set(v.outlets) for v in g.reason.variants]
    if pair:
        return scope <= set(g.outlets) and any(len(scope & v) == 1 for v in variants)
    return bool(scope & set(g.outlets)) and any(
        scope & v and len(v) < len(g.outlets) for v in variants)


def diff(engine: Engine, a: str | None = None, b: str | None = None,
         event: str | None = None) -> DiffReport:
    """Groups both outlets report, those only one does, contradictions; and the matrix,
    within ``event`` (None: every event). With no outlets named, each outlet is compared
    against all the others; one outlet may not be compared with itself."""
    with Session(engine) as session:
        eid = event_id(session, event)
        known = outlets_of(session, eid)
        chosen = []
        for name in (a, b):
            if name is None:
                continue
            found = outlet_names(session, name, eid)
            if len(found) > 1:
                raise QueryError(f"'{name}' names {len(found)} outlets ({', '.join(found)}); "
                                 "give one", code=UNKNOWN_OUTLET)
            chosen.append(found[0])
        if len(chosen) == 2 and chosen[0] == chosen[1]:
            raise QueryError(f"'{a}' and '{b}' are one outlet ({chosen[0]}); compare two "
                             "outlets, or give one to compare it with the rest",
                             code=UNKNOWN_OUTLET)
        groups = group_rows(session, eid)
        matrix: dict[str, dict[str, int]] = defaultdict(lambda: {o: 0 for o in known})
        for actor_name, outlet in session.exec(
            select(Actor.name, Article.outlet).join(Claim, Claim.actor_id == Actor.id)
            .join(Article, Claim.article_id == Article.id)
            .where(in_event(Article.event_id, eid))
        ).all():
            matrix[actor_name][outlet] += 1
    contradicted = [g for g in groups if g.status == "contradicted"]
    if len(chosen) == 2:
        left, right = chosen
        both = [g for g in groups if left in g.outlets and right in g.outlets]
        only = {o: [g for g in groups if o in g.outlets and (left if o == right else right)
                    not in g.outlets] for o in (left, right)}
        # theirs only: both sides of the contradiction are among the two outlets
        contra = [g for g in contradicted if _sides(g) <= {left, right}]
        shown = [left, right]
    else:
        focus = chosen[0] if chosen else None
        shown = [focus] if focus else known
        both = [g for g in groups if len(g.outlets) >= 2 and (focus is None or focus in g.outlets)]
        only = {o: [g for g in groups if g.outlets == [o]] for o in shown}
        contra = [g for g in contradicted if focus is None or focus in _sides(g)]
    scope = set(shown)
    moved = [g for g in groups if g.status == "updated" and scope & set(g.outlets)]
    worded = [g for g in groups if _worded(g, scope, len(chosen) == 2)]
    disputed = [g for g in groups if scope & set(g.outlets) and g.reason.disputed_by]
    return DiffReport(outlets=shown, both=both, only=only, contradictions=contra, updated=moved,
                      worded_differently=worded, disputes=disputed,
                      matrix={k: dict(v) for k, v in sorted(matrix.items())})
