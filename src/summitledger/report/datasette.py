"""Datasette metadata for a ledger: titles, descriptions, facets and canned queries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

QUERIES: dict[str, dict[str, str]] = {
    "said_by_actor": {
        "title": "What an actor is reported to have said, by outlet",
        "description": "Every claim of one actor, found by any name it goes by ('Mr Kim' "
                       "finds Kim Jong Un), outlet by outlet.",
        "sql": "SELECT outlet, speaker, actor, cue, type, content, status, \"group\", article "
               "FROM claims_view WHERE id IN (SELECT claim.id FROM claim JOIN actor_alias "
               "ON actor_alias.actor_id = claim.actor_id WHERE lower(actor_alias.alias) "
               "LIKE '%' || lower(:actor) || '%') ORDER BY outlet, article, id",
    },
    "only_one_outlet": {
        "title": "Claims only one outlet carries",
        "description": "Statements reported by a single outlet, with the outlet.",
        "sql": "SELECT \"group\", actor, status, statement, outlet_names AS outlet "
               "FROM groups_view WHERE outlets = 1 ORDER BY outlet_names, actor, \"group\"",
    },
    "contradictions": {
        "title": "Contradictions",
        "description": "Statements whose reports disagree, each outlet's version beside it.",
        "sql": "SELECT g.\"group\", g.actor, g.rule, c.outlet, c.content, c.sentence "
               "FROM groups_view g JOIN claims_view c ON c.\"group\" = g.\"group\" "
               "WHERE g.status = 'contradicted' ORDER BY g.\"group\", c.outlet, c.id",
    },
    "latest_figures": {
        "title": "The latest value of every figure",
        "description": "Each quantity of the event with its latest value, who gave it, "
                       "where and when, and the series' status.",
        "sql": "SELECT quantity, latest_value, latest_actor, latest_outlet, latest_time, "
               "status, n_reports AS reports FROM figure_series ORDER BY quantity",
    },
    "search": {
        "title": "Search claims",
        "description": "Full-text search over claim content, quotations and speakers.",
        "sql": "SELECT claims_view.* FROM claim_fts JOIN claims_view "
               "ON claims_view.id = claim_fts.rowid WHERE claim_fts MATCH :q ORDER BY rank",
    },
}


def database_metadata(db: Path) -> dict[str, Any]:
    """The metadata of one ledger database: titles, facets, hidden tables, queries."""
    return {
        "title": f"Claim ledger ({db.name})",
        "tables": {
            "claims_view": {
                "title": "Claims",
                "description": "Every attributed claim with its article, outlet, actor "
                               "and group status.",
                "facets": ["outlet", "actor", "status", "type", "event"],
                "fts_table": "claim_fts", "fts_pk": "id",  # the search box searches claims
            },
            "groups_view": {
                "title": "Statements",
                "description": "Groups of claims that state the same thing, with how "
                               "many outlets and independent sources report them.",
                "facets": ["status", "actor", "event"],
            },
            "figures_view": {
                "title": "Figures",
                "description": "Each quantity of the event (people killed, injured, a "
                               "crowd, a sum) as a series across sources: every report "
                               "in time order with its value as written, actor, outlet "
                               "and claim, and the series' status (corroborated, updated, "
                               "disputed, contradicted or single-source).",
                "facets": ["quantity", "status", "actor", "outlet"],
                "sort": "series",
            },
            "claim": {"description": "Claims as stored (offsets into article text).",
                      "fts_table": "claim_fts", "fts_pk": "id"},
            "article": {"description": "Articles: outlet, title, date, text, hash."},
            "actor": {"description": "Actors; names they go by are in actor_alias."},
            # the machinery, not what a reader browses
            **{t: {"hidden": True} for t in (
                "_migrations", "meta", "lexicon", "sentence", "article_alias", "figure_report",
                "actor_override", "claim_fts", "claim_fts_data", "claim_fts_idx",
                "claim_fts_docsize", "claim_fts_config")},
        },
        "queries": QUERIES,
    }
