"""Exports other tools take: schema.org ``Claim`` objects in JSON-LD, and flat rows.

JSON-LD: actors and outlets as nodes of their own; per statement, its articles, a
``Claim`` (author, one appearance per reporting sentence, ``firstAppearance``) and a
``ClaimReview`` of its coverage (documented as coverage, not truth); figure series as
schema.org ``Observation`` nodes and a ``summitledger:FigureSeries`` extension. The context is
inline (``{"@vocab": "https://schema.org/"}``) so nothing is fetched to read it.
Flat formats (jsonl, csv) are the ``claims`` records, columns in :data:`COLUMNS` order.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, TextIO

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from summitledger.models import Actor, Article, Claim, ClaimGroup, ClaimRecord
from summitledger.report.figures import FigureLine, timeline
from summitledger.report.figures import series as figure_series
from summitledger.report.names import event_id, in_event, outlets_of
from summitledger.report.output import as_dict, field_names
from summitledger.report.queries import claims
from summitledger.safe import web_url

#: Column order of the flat exports; stable: columns may be added at the end only.
COLUMNS = list(field_names(ClaimRecord))
CONTEXT = {"@vocab": "https://schema.org/", "summitledger": "urn:summitledger:"}
KIND_TYPE = {"person": "Person", "organisation": "Organization", "group": "Organization"}
BOUND = {">": "minValue", "<": "maxValue"}  # 'at least 21', 'up to 50,000': a bound, not a value


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "x"


def jsonld_nodes(engine: Engine, event: str | None = None) -> Iterator[dict[str, Any]]:
    """The ledger as JSON-LD nodes, written as read: first every actor and outlet (one
    node each, referred to by ``@id``), then per statement its articles (each once), the
    ``Claim`` with one appearance per reporting sentence (its own ``@id`` and text, part
    of its article) and ``firstAppearance``, and a ``ClaimReview`` giving the coverage
    verdict. Claims are read in group order with only the columns a node needs (never
    article texts), so memory stays flat however large the ledger. ``event``: one
    event's (None: every event's)."""
    with Session(engine) as session:
        eid = event_id(session, event)
        actors = {a.id: a for a in session.exec(
            select(Actor).where(in_event(Actor.event_id, eid))).all()}
        groups = {g.id: g for g in session.exec(
            select(ClaimGroup).where(in_event(ClaimGroup.event_id, eid))).all()}
        for a in sorted(actors.values(), key=lambda a: a.id or 0):
            yield {"@id": f"summitledger:actor:{a.id}", "@type": KIND_TYPE.get(a.kind, "Thing"),
                   "name": a.name}
        for outlet in outlets_of(session, eid):
            yield {"@id": f"summitledger:outlet:{_slug(outlet)}", "@type": "Organization",
                   "name": outlet}
        rows = session.exec(
            select(Claim.group_id, Claim.id, Claim.sentence, Article.content_hash,
                   Article.title, Article.file, Article.outlet, Article.date, Article.url)
            .join(Article, Claim.article_id == Article.id)
            .where(col(Claim.group_id).is_not(None), in_event(Article.event_id, eid))
            .order_by(Claim.group_id, Article.date, Article.file, Claim.idx))
        current: int | None = None
        appearances: list[dict[str, Any]] = []
        seen_articles: set[str] = set()
        for gid, cid, sentence, digest, title, file, outlet, date, url in rows:
            if gid != current:
                if current is not None:
                    yield from _statement(groups[current], appearances)
                current, appearances = gid, []
            article_id = f"summitledger:article:{digest}"
            if digest not in seen_articles:
                seen_articles.add(digest)
                article: dict[str, Any] = {
                    "@id": article_id, "@type": "NewsArticle", "name": title or file,
                    "publisher": {"@id": f"summitledger:outlet:{_slug(outlet)}"}}
                if date:
                    article["datePublished"] = date
                if web_url(url):  # a ledger from an older version may hold any URL
                    article["url"] = web_url(url)
                yield article
            appearances.append({"@id": f"summitledger:appearance:{cid}", "@type": "CreativeWork",
                                "text": sentence, "isPartOf": {"@id": article_id}})
        if current is not None:
            yield from _statement(groups[current], appearances)
        actor_ids = {a.name: a.id for a in actors.values()}
    yield from series_nodes(engine, actor_ids, event)


def series_nodes(engine: Engine, actor_ids: dict[str, int | None],
                 event: str | None = None) -> Iterator[dict[str, Any]]:
    """Figure series: each report a schema.org ``Observation`` (``variableMeasured`` the
    quantity as text; ``value``, or ``minValue`` for 'at least' / 'more than' and
    ``maxValue`` for 'up to' / 'fewer than'; ``unitText``; ``observationDate``;
    ``subjectOf`` the sentence that reports it), with two extension terms in the
    ``summitledger:`` namespace (``reportedBy``, ``valueAsWritten``); each series a
    ``summitledger:FigureSeries`` (``name``, ``summitledger:status``,
    ``summitledger:observation`` in time order, ``summitledger:latest``)."""
    lines: dict[str, list[FigureLine]] = defaultdict(list)
    for line in timeline(engine, event=event):
        lines[line.series].append(line)
    for n, row in enumerate(figure_series(engine, event), 1):
        ids = []
        for r in lines[row.series]:
            node: dict[str, Any] = {
                "@id": f"summitledger:figure:{n}:{r.claim}", "@type": "Observation",
                "variableMeasured": row.series, BOUND.get(r.op, "value"): r.number,
                "subjectOf": {"@id": f"summitledger:appearance:{r.claim}"},
                "summitledger:valueAsWritten": r.value}
            if r.time:
                node["observationDate"] = r.time
            if r.unit:
                node["unitText"] = r.unit
            if actor_ids.get(r.actor) is not None:
                node["summitledger:reportedBy"] = {"@id": f"summitledger:actor:{actor_ids[r.actor]}"}
            ids.append(node["@id"])
            yield node
        if ids:
            yield {"@id": f"summitledger:series:{n}", "@type": "summitledger:FigureSeries",
                   "name": row.series, "summitledger:status": row.status,
                   "summitledger:observation": {"@list": [{"@id": i} for i in ids]},
                   "summitledger:latest": {"@id": ids[-1]}}


def _statement(g: ClaimGroup, appearances: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    claim_id = f"summitledger:group:{g.id}"
    node: dict[str, Any] = {"@type": "Claim", "@id": claim_id, "text": g.statement,
                            "appearance": appearances}
    if appearances:  # rows come oldest article first
        node["firstAppearance"] = {"@id": appearances[0]["@id"]}
    if g.actor_id:
        node["author"] = {"@id": f"summitledger:actor:{g.actor_id}"}
    yield node
    yield {  # the coverage verdict: how the outlets carry it, not whether it is true
        "@type": "ClaimReview", "@id": f"summitledger:review:{g.id}",
        "itemReviewed": {"@id": claim_id},
        "author": {"@type": "Organization", "name": "summitledger coverage ledger"},
        "reviewRating": {"@type": "Rating", "alternateName": g.status,
                         "ratingExplanation": f"coverage, not truth: {g.status}; "
                                              f"{g.n_sources} independent source"
                                              f"{'s' * (g.n_sources != 1)}"}}


def jsonld(engine: Engine, event: str | None = None) -> dict[str, Any]:
    """The ledger (or one event of it) as one JSON-LD graph (in memory)."""
    return {"@context": CONTEXT, "@graph": list(jsonld_nodes(engine, event))}


def write_jsonld(engine: Engine, out: TextIO, event: str | None = None) -> None:
    """The JSON-LD document written as it is read, node by node."""
    out.write('{\n  "@context": ' + json.dumps(CONTEXT) + ',\n  "@graph": [')
    for n, node in enumerate(jsonld_nodes(engine, event)):
        out.write(("," if n else "") + "\n    " + json.dumps(node, ensure_ascii=False))
    out.write("\n  ]\n}\n")


def flat(engine: Engine, event: str | None = None) -> list[dict[str, Any]]:
    """Every claim (of ``event``; None: of every event) as a flat record, columns in
    :data:`COLUMNS` order."""
    return [as_dict(r) for r in claims(engine, event=event)]
