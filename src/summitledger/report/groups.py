"""One statement in full: its members with each outlet's sentence and marks, the status
and the reason (``summitledger show``, the HTML report)."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from summitledger.errors import QueryError
from summitledger.models import (
    Article,
    Claim,
    ClaimFrame,
    ClaimGroup,
    Event,
)
from summitledger.report.names import event_id, in_event
from summitledger.report.queries import actor_names
from summitledger.store.frames import stored_frame
from summitledger.verdict import Verdict


class Member(BaseModel):
    claim: int
    outlet: str
    article: str
    speaker: str
    cue: str
    type: str
    content: str
    quote: str
    sentence: str
    marks: list[tuple[int, int, str]]  # (start, end, "speaker"|"cue"|"quote") in sentence
    frame: ClaimFrame  # what the claim asserts, slot by slot (see models.ClaimFrame)


class GroupDetail(BaseModel):
    group: int
    event: str
    actor: str
    status: str
    disputed: bool
    statement: str
    summary: str
    rule: str
    matcher: str
    members: list[Member]
    reason: Verdict  # the status and why (its JSON keys as the ledger keeps them)


def _marks(sentence: str, c: Claim) -> list[tuple[int, int, str]]:
    """Where the speaker, cue and quoted words stand inside the sentence."""
    start, end = c.sentence_start, c.sentence_end
    marks = []
    for a, b, kind in ((c.speaker_start, c.speaker_end, "speaker"), (c.cue_start, c.cue_end, "cue")):
        if start <= a < b <= end:
            marks.append((a - start, b - start, kind))
    if c.quote:
        for frag in c.quote.split(" … "):
            at = sentence.find(frag)
            if at < 0 and " " in frag:  # a quotation joined across a cue: mark its start
                frag = frag.split(" ")[0]
                at = sentence.find(frag)
            if at >= 0:
                marks.append((at, at + len(frag), "quote"))
    return sorted(marks)


def details(engine: Engine, group_ids: list[int] | None = None,
            event: str | None = None) -> list[GroupDetail]:
    """Groups with their members (all groups of ``event`` when ``group_ids`` is None;
    None: of every event), in id order."""
    with Session(engine) as session:
        eid = event_id(session, event)
        q = select(ClaimGroup).where(in_event(ClaimGroup.event_id, eid)).order_by(ClaimGroup.id)
        if group_ids is not None:
            q = q.where(col(ClaimGroup.id).in_(group_ids))
        groups = session.exec(q).all()
        names = actor_names(session)
        events = dict(session.exec(select(Event.id, Event.name)).all())
        cq = (select(Claim, Article.outlet, Article.file)
              .join(Article, Claim.article_id == Article.id)
              .where(in_event(Article.event_id, eid))
              .order_by(Article.outlet, Article.file, Claim.idx))
        if group_ids is not None:
            cq = cq.where(col(Claim.group_id).in_(group_ids))
        members: dict[int, list[Member]] = defaultdict(list)
        for c, outlet, file in session.exec(cq).all():
            if c.group_id is None:
                continue
            members[c.group_id].append(Member(
                claim=c.id, outlet=outlet, article=file, speaker=c.speaker, cue=c.cue,
                type=c.type, content=c.content, quote=c.quote, sentence=c.sentence,
                marks=_marks(c.sentence, c),
                frame=stored_frame(c.frame, c.lemmas, c.polarity, c.cue)))
        out = []
        for g in groups:
            reason = Verdict.stored(g.reason, g.status)
            out.append(GroupDetail(
                group=g.id, event=events.get(g.event_id, ""), actor=names.get(g.actor_id, ""),  # type: ignore[arg-type]
                status=g.status,
                disputed=g.disputed, statement=g.statement, summary=reason.summary,
                rule=reason.rule, matcher=g.matcher, members=members[g.id],
                reason=reason))
        return out


def show(engine: Engine, group_id: int, event: str | None = None) -> GroupDetail:
    """One group: its statement, every outlet's sentence with marks, status and reason
    (a group id is the ledger's own: ``event``, when given, must be the group's)."""
    from summitledger.errors import UNKNOWN_GROUP

    found = details(engine, [group_id], event)
    if not found:
        where = f"event '{event}'" if event else "the ledger"
        raise QueryError(f"no group {group_id} in {where} (see 'summitledger claims')",
                         code=UNKNOWN_GROUP)
    return found[0]
