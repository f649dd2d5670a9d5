"""What Datasette serves from a ledger that is SQL: the canned queries over the ledger's
views, and the look that tells a ledger file from any other SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: Tables every ledger has (and no other database is likely to have all of).
LEDGER_TABLES = {"_migrations", "claim", "claims_view", "groups_view"}

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


def is_ledger_file(path: Path) -> bool:
    """Does the SQLite file at ``path`` hold a summitledger ledger (a read-only look)?"""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return LEDGER_TABLES <= names
