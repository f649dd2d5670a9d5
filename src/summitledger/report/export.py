"""Exports other tools take: schema.org ``Claim`` objects in JSON-LD, and flat rows.

JSON-LD: one ``Claim`` per group (a statement by one actor), its ``author`` the actor,
its ``appearance`` every article that reports it, with outlet and date. The context is
inline (``{"@vocab": "https://schema.org/"}``) so nothing is fetched to read it.
Flat formats (jsonl, csv) are the ``claims`` records, columns in :data:`COLUMNS` order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from summitledger import report
from summitledger.models import Actor, Article, Claim, ClaimGroup, ClaimRecord
from summitledger.report.output import as_dict, field_names
from summitledger.safe import web_url

#: Column order of the flat exports; stable: columns may be added at the end only.
COLUMNS = list(field_names(ClaimRecord))
CONTEXT = {"@vocab": "https://schema.org/", "summitledger": "urn:summitledger:"}
KIND_TYPE = {"person": "Person", "organisation": "Organization", "group": "Organization"}


def jsonld_nodes(engine: Engine) -> Iterator[dict[str, Any]]:
    """The ledger's statements as schema.org Claim nodes, one group at a time: claims
    are read in group order with only the columns a node needs (never article texts),
    so memory stays flat however large the ledger."""
    with Session(engine) as session:
        actors = {a.id: a for a in session.exec(select(Actor)).all()}
        groups = {g.id: g for g in session.exec(select(ClaimGroup)).all()}
        rows = session.exec(
            select(Claim.group_id, Claim.article_id, Claim.sentence, Article.content_hash,
                   Article.title, Article.file, Article.outlet, Article.date, Article.url)
            .join(Article, Claim.article_id == Article.id)
            .where(col(Claim.group_id).is_not(None))
            .order_by(Claim.group_id, Article.file, Claim.idx))
        current: int | None = None
        appearances: list[dict[str, Any]] = []
        seen: set[int] = set()
        for gid, aid, sentence, digest, title, file, outlet, date, url in rows:
            if gid != current:
                if current is not None:
                    yield _node(groups[current], actors, appearances)
                current, appearances, seen = gid, [], set()
            if aid in seen:
                continue
            seen.add(aid)
            work: dict[str, Any] = {
                "@type": "NewsArticle", "@id": f"summitledger:article:{digest}",
                "name": title or file, "publisher": {"@type": "Organization", "name": outlet},
                "text": sentence}
            if date:
                work["datePublished"] = date
            if web_url(url):  # a ledger from an older version may hold any URL
                work["url"] = web_url(url)
            appearances.append(work)
        if current is not None:
            yield _node(groups[current], actors, appearances)


def _node(g: ClaimGroup, actors: dict[int | None, Actor],
          appearances: list[dict[str, Any]]) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Claim", "@id": f"summitledger:group:{g.id}", "text": g.statement,
        "appearance": appearances,
        "additionalProperty": [
            {"@type": "PropertyValue", "name": "status", "value": g.status},
            {"@type": "PropertyValue", "name": "independentSources", "value": g.n_sources},
        ],
    }
    actor = actors.get(g.actor_id) if g.actor_id else None
    if actor is not None:
        node["author"] = {"@type": KIND_TYPE.get(actor.kind, "Thing"), "name": actor.name}
    return node


def jsonld(engine: Engine) -> dict[str, Any]:
    """The ledger's statements as one JSON-LD graph of schema.org Claims (in memory)."""
    return {"@context": CONTEXT, "@graph": list(jsonld_nodes(engine))}


def write_jsonld(engine: Engine, out: TextIO) -> None:
    """The JSON-LD document written as it is read, node by node."""
    out.write('{\n  "@context": ' + json.dumps(CONTEXT) + ',\n  "@graph": [')
    for n, node in enumerate(jsonld_nodes(engine)):
        out.write(("," if n else "") + "\n    " + json.dumps(node, ensure_ascii=False))
    out.write("\n  ]\n}\n")


def flat(engine: Engine) -> list[dict[str, Any]]:
    """Every claim as a flat record, columns in :data:`COLUMNS` order."""
    return [as_dict(r) for r in report.claims(engine)]
