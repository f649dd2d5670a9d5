"""Exports other tools take: schema.org ``Claim`` objects in JSON-LD, and flat rows.

JSON-LD: one ``Claim`` per group (a statement by one actor), its ``author`` the actor,
its ``appearance`` every article that reports it, with outlet and date. The context is
inline (``{"@vocab": "https://schema.org/"}``) so nothing is fetched to read it.
Flat formats (jsonl, csv) are the ``claims`` records, columns in :data:`COLUMNS` order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from . import report
from .models import Actor, Article, Claim, ClaimGroup, ClaimRecord
from .output import as_dict, field_names

#: Column order of the flat exports; stable: columns may be added at the end only.
COLUMNS = list(field_names(ClaimRecord))
CONTEXT = {"@vocab": "https://schema.org/", "summitledger": "urn:summitledger:"}
KIND_TYPE = {"person": "Person", "organisation": "Organization", "group": "Organization"}


def jsonld(engine: Engine) -> dict[str, Any]:
    """The ledger's statements as a JSON-LD graph of schema.org Claims."""
    with Session(engine) as session:
        actors = {a.id: a for a in session.exec(select(Actor)).all()}
        members: dict[int, list[tuple[Claim, Article]]] = defaultdict(list)
        for c, a in session.exec(select(Claim, Article).join(Article, Claim.article_id == Article.id)
                                 .order_by(Article.file, Claim.idx)).all():
            if c.group_id is not None:
                members[c.group_id].append((c, a))
        graph = []
        for g in session.exec(select(ClaimGroup).order_by(ClaimGroup.id)).all():
            actor = actors.get(g.actor_id) if g.actor_id else None
            appearances = []
            seen: set[int] = set()
            for c, a in members[g.id]:
                if a.id in seen:
                    continue
                seen.add(a.id)
                work: dict[str, Any] = {
                    "@type": "NewsArticle", "@id": f"summitledger:article:{a.content_hash}",
                    "name": a.title or a.file, "publisher": {"@type": "Organization", "name": a.outlet},
                    "text": a.text[c.sentence_start : c.sentence_end]}
                if a.date:
                    work["datePublished"] = a.date
                if a.url:
                    work["url"] = a.url
                appearances.append(work)
            node: dict[str, Any] = {
                "@type": "Claim", "@id": f"summitledger:group:{g.id}", "text": g.statement,
                "appearance": appearances,
                "additionalProperty": [
                    {"@type": "PropertyValue", "name": "status", "value": g.status},
                    {"@type": "PropertyValue", "name": "independentSources", "value": g.n_sources},
                ],
            }
            if actor is not None:
                node["author"] = {"@type": KIND_TYPE.get(actor.kind, "Thing"), "name": actor.name}
            graph.append(node)
    return {"@context": CONTEXT, "@graph": graph}


def flat(engine: Engine) -> list[dict[str, Any]]:
    """Every claim as a flat record, columns in :data:`COLUMNS` order."""
    return [as_dict(r) for r in report.claims(engine)]
