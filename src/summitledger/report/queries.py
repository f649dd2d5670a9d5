"""Report: read-only queries over the ledger, returning typed rows.

``claims``, ``diff`` and ``actors`` never write; they open the ledger read-only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic_core import ArgsKwargs
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from summitledger.errors import UNKNOWN_ACTOR, UNKNOWN_OUTLET, QueryError
from summitledger.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimGroup,
    ClaimRecord,
)
from summitledger.store.backend import search_clause


def _actor_ids(session: Session, name: str) -> set[int]:
    """Actors one of whose names contains ``name`` as whole words, case-insensitively."""
    needle = f" {' '.join(name.lower().split())} "
    ids = set()
    for alias in session.exec(select(ActorAlias)).all():
        if needle in f" {alias.alias.lower()} " or needle in f" {alias.norm} ":
            ids.add(alias.actor_id)
    return ids


def _did_you_mean(name: str, choices: list[str]) -> str:
    """'; did you mean X or Y?' for the closest names (rapidfuzz), or ''."""
    from rapidfuzz import fuzz, process

    near = [c for c, score, _ in process.extract(name, sorted(set(choices)),
                                                 scorer=fuzz.WRatio, limit=3) if score >= 70]
    return f"; did you mean {' or '.join(repr(c) for c in near)}?" if near else ""


def actor_ids(session: Session, name: str) -> set[int]:
    """The actors ``name`` names (whole words of any of their names), or QueryError
    SL402 with the closest names."""
    ids = _actor_ids(session, name)
    if not ids:
        aliases = [a.alias for a in session.exec(select(ActorAlias)).all()]
        raise QueryError(f"no actor '{name}' in the ledger{_did_you_mean(name, aliases)} "
                         "(see 'summitledger actors')", code=UNKNOWN_ACTOR)
    return ids


def outlet_names(session: Session, name: str) -> list[str]:
    """The outlets ``name`` names by whole words ('Economist' is The Economist), or
    QueryError SL401 with the closest names."""
    known = _outlets(session)
    exact = [o for o in known if o.lower() == name.lower()]
    if exact:
        return exact
    needle = f" {' '.join(name.lower().split())} "
    found = [o for o in known if needle in f" {' '.join(o.lower().split())} "]
    if not found:
        raise QueryError(f"no outlet '{name}' in the ledger{_did_you_mean(name, known)} "
                         f"(outlets: {', '.join(known) or 'none'})", code=UNKNOWN_OUTLET)
    return found


def _record_columns() -> dict[str, Any]:
    """The SQL expression behind each ClaimRecord field, in the record's field order."""
    return {
        "id": Claim.id, "article": Article.file, "article_hash": Article.content_hash,
        "outlet": Article.outlet, "date": Article.date, "speaker": Claim.speaker,
        "actor": func.coalesce(func.nullif(Actor.name, ""), Claim.actor_key), "cue": Claim.cue,
        "type": Claim.type, "content": Claim.content, "quote": Claim.quote,
        "sentence": Claim.sentence,
        "status": func.coalesce(ClaimGroup.status, ""), "group": Claim.group_id,
        "start": Claim.content_start, "end": Claim.content_end, "rule": Claim.rule,
        "pipeline": Claim.pipeline, "channel": Claim.channel,
        "extractor": Article.extractor, "lexicon": Article.lexicon, "polarity": Claim.polarity,
    }


def claims(
    engine: Engine,
    actor: str | None = None,
    outlet: str | None = None,
    status: str | None = None,
    type: str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[ClaimRecord]:
    """Claims, filtered, in article then text order (one SQL query, indexed by actor):
    ``search`` keeps those whose content, quotation or speaker hold every word (the
    full-text index), ``limit`` the first N. An unknown actor or outlet raises
    QueryError with the closest names."""
    with Session(engine) as session:
        q = (
            select(*_record_columns().values())
            .join(Article, Claim.article_id == Article.id)
            .outerjoin(Actor, Claim.actor_id == Actor.id)
            .outerjoin(ClaimGroup, Claim.group_id == ClaimGroup.id)
            .order_by(Article.file, Claim.idx, Claim.id)
        )
        if actor:
            q = q.where(col(Claim.actor_id).in_(actor_ids(session, actor)))
        if outlet:
            q = q.where(col(Article.outlet).in_(outlet_names(session, outlet)))
        if search:  # every word, read as words (never as the search engine's syntax)
            q = q.where(search_clause(session.connection(), col(Claim.id), search))
        if limit is not None:
            q = q.limit(limit)
        if status:
            q = q.where(ClaimGroup.status == status)
        if type:
            q = q.where(Claim.type == type)
        rows = session.connection().execute(q).all()
    # one validation call for the whole list, each record straight from its row's values
    return _CLAIM_LIST.validate_python([ArgsKwargs(tuple(r)) for r in rows])


_CLAIM_LIST = TypeAdapter(list[ClaimRecord])


class ActorRow(BaseModel):
    id: int
    actor: str
    kind: str
    aliases: list[str]
    claims: int
    outlets: list[str]


def actors(engine: Engine) -> list[ActorRow]:
    with Session(engine) as session:
        aliases: dict[int, list[str]] = defaultdict(list)
        for a in session.exec(select(ActorAlias).order_by(ActorAlias.alias)).all():
            aliases[a.actor_id].append(a.alias)
        counts: dict[int, int] = defaultdict(int)
        outlets: dict[int, set[str]] = defaultdict(set)
        for actor_id, outlet in session.exec(
            select(Claim.actor_id, Article.outlet).join(Article, Claim.article_id == Article.id)
        ).all():
            if actor_id is not None:
                counts[actor_id] += 1
                outlets[actor_id].add(outlet)
        return [
            ActorRow(id=a.id, actor=a.name, kind=a.kind, aliases=aliases[a.id],
                     claims=counts[a.id], outlets=sorted(outlets[a.id]))
            for a in session.exec(select(Actor).order_by(Actor.name)).all()
        ]


class GroupRow(BaseModel):
    group: int
    actor: str
    status: str
    statement: str
    outlets: list[str]
    claims: list[int]
    reason: dict


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


def _groups(session: Session) -> list[GroupRow]:
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for cid, gid, outlet in session.exec(
        select(Claim.id, Claim.group_id, Article.outlet).join(Article, Claim.article_id == Article.id)
    ).all():
        if gid is not None:
            members[gid].append((cid, outlet))
    names = actor_names(session)
    rows = []
    for g in session.exec(select(ClaimGroup).order_by(ClaimGroup.id)).all():
        rows.append(GroupRow(
            group=g.id, actor=names.get(g.actor_id, ""), status=g.status, statement=g.statement,
            outlets=sorted({o for _, o in members[g.id]}),
            claims=sorted(c for c, _ in members[g.id]),
            reason=json.loads(g.reason or "{}")))
    return rows


def article_files(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(Article.file)).all())


def outlets(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return _outlets(session)


def _outlets(session: Session) -> list[str]:
    return sorted(set(session.exec(select(Article.outlet)).all()))


UNNAMED = " (outlet not named)"  # follows the title or stem of an outlet no article names


def outlet_labels(engine: Engine) -> dict[str, str]:
    """Outlet -> what a reader is shown. An outlet no article names (the ledger fell back
    to the file stem) shows its article's title, or its stem, marked as not named, so a
    hash-like file name never stands alone as if it were an outlet."""
    with Session(engine) as session:
        rows = session.exec(select(Article.outlet, Article.stem, Article.title)
                            .order_by(Article.file)).all()
    labels: dict[str, str] = {}
    for outlet, stem, title in rows:
        if outlet != stem:
            labels[outlet] = outlet
        elif outlet not in labels:
            labels[outlet] = f"{title or stem}{UNNAMED}"
    return labels


def actor_names(session: Session) -> dict[int, str]:
    return {a.id: a.name for a in session.exec(select(Actor)).all()}


def diff(engine: Engine, a: str | None = None, b: str | None = None) -> DiffReport:
    """Groups both outlets report, those only one does, contradictions; and the matrix.

    With no outlets named, each outlet is compared against all the others.
    """
    with Session(engine) as session:
        known = _outlets(session)
        chosen = []
        for name in (a, b):
            if name is None:
                continue
            found = outlet_names(session, name)
            if len(found) > 1:
                raise QueryError(f"'{name}' names {len(found)} outlets ({', '.join(found)}); "
                                 "give one", code=UNKNOWN_OUTLET)
            chosen.append(found[0])
        groups = _groups(session)
        matrix: dict[str, dict[str, int]] = defaultdict(lambda: {o: 0 for o in known})
        for actor_name, outlet in session.exec(
            select(Actor.name, Article.outlet).join(Claim, Claim.actor_id == Actor.id)
            .join(Article, Claim.article_id == Article.id)
        ).all():
            matrix[actor_name][outlet] += 1
    if len(chosen) == 2:
        left, right = chosen
        both = [g for g in groups if left in g.outlets and right in g.outlets]
        only = {o: [g for g in groups if o in g.outlets and (left if o == right else right)
                    not in g.outlets] for o in (left, right)}
        contra = [g for g in groups if g.status == "contradicted"
                  and (left in g.outlets or right in g.outlets)]
        shown = [left, right]
    else:
        focus = chosen[0] if chosen else None
        shown = [focus] if focus else known
        both = [g for g in groups if len(g.outlets) >= 2 and (focus is None or focus in g.outlets)]
        only = {o: [g for g in groups if g.outlets == [o]] for o in shown}
        contra = [g for g in groups if g.status == "contradicted"
                  and (focus is None or focus in g.outlets)]
    scope = set(shown)
    moved = [g for g in groups if g.status == "updated" and scope & set(g.outlets)]

    def carried(g: GroupRow) -> bool:
        return bool(scope & set(g.outlets))

    worded = [g for g in groups if carried(g) and any(
        len(scope & set(v["outlets"])) and len(set(v["outlets"])) < len(g.outlets)
        for v in g.reason.get("variants", []))]
    disputed = [g for g in groups if carried(g) and g.reason.get("disputed_by")]
    return DiffReport(outlets=shown, both=both, only=only, contradictions=contra, updated=moved,
                      worded_differently=worded, disputes=disputed,
                      matrix={k: dict(v) for k, v in sorted(matrix.items())})
