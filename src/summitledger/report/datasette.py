"""Datasette metadata for a ledger: titles, descriptions, facets, and the canned queries
(their SQL is the store's: :mod:`summitledger.store.datasette`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summitledger.store.datasette import QUERIES


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
