"""Numbered migrations, recorded in the ``_migrations`` table: migration 1 is the frozen
DDL of :mod:`schema1`; each later one brings older ledgers, and fresh ones, to the
tables ``models.py`` declares. Append; never edit or reorder a released one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from summitledger.store import schema1
from summitledger.store.backend import is_postgres, pg_search_doc
from summitledger.store.bag_schema import m019_word_bags_as_json
from summitledger.store.event_schema import m012_events
from summitledger.store.incremental_schema import m017_incremental_reconcile, m018_head_words
from summitledger.store.origin_schema import m014_article_origins
from summitledger.store.postgres import pg_view, schema1_statements
from summitledger.store.search_schema import m015_search_triggers, m016_claim_embeddings


def _m001_initial(conn: Connection) -> None:
    """The tables as the first release made them (frozen DDL, never the models of the
    day: see schema1.py; PostgreSQL's spelling of it in postgres.py)."""
    for statement in schema1_statements() if is_postgres(conn) else schema1.statements():
        conn.exec_driver_sql(statement)


def _columns(conn: Connection, table: str) -> set[str]:
    return {c["name"] for c in inspect(conn).get_columns(table)}


def _view(conn: Connection, ddl: str) -> None:
    conn.execute(text(pg_view(ddl) if is_postgres(conn) else ddl))


def _m002_sources(conn: Connection) -> None:
    """Articles record the source they belong to (copies of one text share one)."""
    if "source_id" not in _columns(conn, "article"):
        conn.execute(text("ALTER TABLE article ADD COLUMN source_id INTEGER"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_claim_article_idx ON claim (article_id, idx)"))


# a claim's sentence cut out of its article's text (schema 3 and older kept no copy)
SLICED_SENTENCE = ("substr(article.text, claim.sentence_start + 1, "
                   "claim.sentence_end - claim.sentence_start)")


def _claims_view(sentence: str, event: bool = False) -> str:
    """The ``claims_view`` definition, its sentence column given by ``sentence`` (and,
    from schema 10, the article's event as its last column)."""
    if event:
        return (_claims_view(sentence)
                .replace("article.content_hash AS article_hash",
                         "article.content_hash AS article_hash, event.name AS event")
                .replace("LEFT JOIN actor ON", "LEFT JOIN event ON event.id = article.event_id\n"
                         "    LEFT JOIN actor ON"))
    return f"""CREATE VIEW IF NOT EXISTS claims_view AS
    SELECT claim.id AS id, article.file AS article, article.outlet AS outlet,
           article.date AS date, article.title AS title, article.url AS url,
           claim.speaker AS speaker, COALESCE(actor.name, claim.actor_key) AS actor,
           claim.cue AS cue, claim.type AS type, claim.content AS content,
           claim.quote AS quote, {sentence} AS sentence,
           claim_group.status AS status, claim.group_id AS "group",
           claim_group.disputed AS disputed, claim.rule AS rule,
           claim.pipeline AS pipeline, article.content_hash AS article_hash
    FROM claim JOIN article ON claim.article_id = article.id
    LEFT JOIN actor ON claim.actor_id = actor.id
    LEFT JOIN claim_group ON claim.group_id = claim_group.id"""


VIEWS = [
    _claims_view(SLICED_SENTENCE),
    """CREATE VIEW IF NOT EXISTS groups_view AS
    SELECT g.id AS "group", actor.name AS actor, g.status AS status,
           g.statement AS statement, g.n_claims AS claims, g.n_articles AS articles,
           g.n_outlets AS outlets, g.n_sources AS independent_sources,
           g.disputed AS disputed, json_extract(g.reason, '$.rule') AS rule,
           json_extract(g.reason, '$.summary') AS summary,
           (SELECT group_concat(outlet, ', ') FROM (SELECT DISTINCT a.outlet AS outlet
              FROM claim c JOIN article a ON a.id = c.article_id
              WHERE c.group_id = g.id ORDER BY a.outlet)) AS outlet_names
    FROM claim_group g LEFT JOIN actor ON actor.id = g.actor_id""",
]


def _m003_views_and_search(conn: Connection) -> None:
    """Readable views for Datasette and sqlite-utils; full-text search on claims (an FTS5
    table on SQLite, a GIN index over a ``tsvector`` on PostgreSQL)."""
    for view in VIEWS:
        _view(conn, view)
    if is_postgres(conn):
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_claim_search ON claim "
                          f"USING GIN ({pg_search_doc()})"))
        return
    conn.execute(text(
        "CREATE VIRTUAL TABLE IF NOT EXISTS claim_fts USING fts5("
        "content, quote, speaker, content='claim', content_rowid='id')"))
    conn.execute(text("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')"))


def _m004_claim_sentences(conn: Connection) -> None:
    """Claims keep their sentence's text: listing them no longer slices article texts."""
    if "sentence" not in _columns(conn, "claim"):
        conn.execute(text("ALTER TABLE claim ADD COLUMN sentence VARCHAR NOT NULL DEFAULT ''"))
    conn.execute(text(
        f"UPDATE claim SET sentence = (SELECT {SLICED_SENTENCE} FROM article "
        "WHERE article.id = claim.article_id) WHERE sentence = ''"))
    conn.execute(text("DROP VIEW IF EXISTS claims_view"))
    _view(conn, _claims_view("claim.sentence"))


def _m005_claim_channel(conn: Connection) -> None:
    """Claims record who passed them on ("A said X, according to B": B)."""
    if "channel" not in _columns(conn, "claim"):
        conn.execute(text("ALTER TABLE claim ADD COLUMN channel VARCHAR NOT NULL DEFAULT ''"))


def _m006_claim_frames(conn: Connection) -> None:
    """Claims keep their frame (what they assert, slot by slot) as versioned JSON."""
    if "frame" not in _columns(conn, "claim"):
        conn.execute(text("ALTER TABLE claim ADD COLUMN frame VARCHAR NOT NULL DEFAULT ''"))


def _m007_provenance(conn: Connection) -> None:
    """Articles record the extractor version and the cue lexicon behind their claims;
    the lexicons themselves are kept by digest."""
    have = _columns(conn, "article")
    for column in ("extractor", "lexicon"):
        if column not in have:
            conn.execute(text(f"ALTER TABLE article ADD COLUMN {column} VARCHAR NOT NULL "
                              "DEFAULT ''"))
    conn.execute(text("CREATE TABLE IF NOT EXISTS lexicon (digest VARCHAR NOT NULL "
                      "PRIMARY KEY, body VARCHAR NOT NULL)"))


def _m008_drop_claim_context(conn: Connection) -> None:
    """Claims no longer keep the words of their sentence: nothing read them."""
    if "context" in _columns(conn, "claim"):
        conn.execute(text("ALTER TABLE claim DROP COLUMN context"))


def _m009_passed_over(conn: Connection) -> None:
    """Articles keep the sentences with a cue word that gave no claim (``claims
    --passed-over``); articles stored before have none until extracted again."""
    ident = "GENERATED BY DEFAULT AS IDENTITY" if is_postgres(conn) else "NOT NULL"
    conn.execute(text(f"""CREATE TABLE IF NOT EXISTS passed_over (
	id INTEGER {ident},
	article_id INTEGER NOT NULL,
	sentence_start INTEGER NOT NULL,
	sentence_end INTEGER NOT NULL,
	sentence VARCHAR NOT NULL,
	cue VARCHAR NOT NULL,
	cue_start INTEGER NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE
)"""))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_passed_over_article_id "
                      "ON passed_over (article_id)"))


def _m010_actor_joins(conn: Connection) -> None:
    """Why each name form is part of its actor (``actors --why``): rebuilt by reconcile."""
    key = "SERIAL PRIMARY KEY" if is_postgres(conn) else "INTEGER NOT NULL PRIMARY KEY"
    conn.execute(text(
        f"CREATE TABLE IF NOT EXISTS actor_join (id {key}, actor_id INTEGER NOT NULL "
        "REFERENCES actor (id) ON DELETE CASCADE, a VARCHAR NOT NULL, b VARCHAR NOT NULL, "
        "reason VARCHAR NOT NULL)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_actor_join_actor_id ON actor_join (actor_id)"))
# migration 11's tables, frozen as first released (PostgreSQL: ids are identity columns)
FIGURE_TABLES = [
    """CREATE TABLE IF NOT EXISTS figure_series (
	id INTEGER NOT NULL,
	quantity VARCHAR NOT NULL,
	status VARCHAR NOT NULL,
	n_reports INTEGER NOT NULL,
	n_sources INTEGER NOT NULL,
	latest_claim INTEGER,
	latest_value VARCHAR NOT NULL,
	latest_actor VARCHAR NOT NULL,
	latest_outlet VARCHAR NOT NULL,
	latest_time VARCHAR NOT NULL,
	reason VARCHAR NOT NULL,
	PRIMARY KEY (id)
)""",
    "CREATE INDEX IF NOT EXISTS ix_figure_series_quantity ON figure_series (quantity)",
    "CREATE INDEX IF NOT EXISTS ix_figure_series_status ON figure_series (status)",
    """CREATE TABLE IF NOT EXISTS figure_report (
	id INTEGER NOT NULL,
	series_id INTEGER NOT NULL,
	claim_id INTEGER NOT NULL,
	position INTEGER NOT NULL,
	value FLOAT NOT NULL,
	op VARCHAR NOT NULL,
	text VARCHAR NOT NULL,
	unit VARCHAR NOT NULL,
	time VARCHAR NOT NULL,
	actor VARCHAR NOT NULL,
	updated BOOLEAN NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(series_id) REFERENCES figure_series (id) ON DELETE CASCADE,
	FOREIGN KEY(claim_id) REFERENCES claim (id) ON DELETE CASCADE
)""",
    "CREATE INDEX IF NOT EXISTS ix_figure_report_claim_id ON figure_report (claim_id)",
    "CREATE INDEX IF NOT EXISTS ix_figure_report_series_id ON figure_report (series_id)",
]
FIGURES_VIEW = """CREATE VIEW IF NOT EXISTS figures_view AS
    SELECT s.id AS series, s.quantity AS quantity, s.status AS status,
           r.position AS position, r.time AS time, r.text AS value_as_written,
           r.value AS value, r.op AS op, r.unit AS unit, r.actor AS actor,
           article.outlet AS outlet, article.file AS article, r.claim_id AS claim,
           claim.content AS content, s.latest_value AS latest_value,
           s.latest_actor AS latest_actor, s.n_reports AS reports
    FROM figure_report r JOIN figure_series s ON s.id = r.series_id
    JOIN claim ON claim.id = r.claim_id JOIN article ON article.id = claim.article_id"""


def _m011_figures(conn: Connection) -> None:
    """Figure series: each quantity of the event across sources, its reports in time
    order and its status; ``figures_view`` for Datasette."""
    for statement in FIGURE_TABLES:
        if is_postgres(conn):
            statement = statement.replace("\tid INTEGER NOT NULL,",
                                          "\tid INTEGER GENERATED BY DEFAULT AS IDENTITY,", 1)
        conn.exec_driver_sql(statement)
    _view(conn, FIGURES_VIEW)


def _m013_word_forms_and_event_views(conn: Connection) -> None:
    """Search finds word forms ('warned' for 'warn'): SQLite's full-text index is rebuilt
    with FTS5's porter stemmer (PostgreSQL's 'english' configuration stems already);
    the views show each row's event."""
    for name in ("claims_view", "groups_view"):
        conn.execute(text(f"DROP VIEW IF EXISTS {name}"))
    _view(conn, _claims_view("claim.sentence", event=True))
    _view(conn, VIEWS[1].replace(
        "g.disputed AS disputed,", "g.disputed AS disputed, event.name AS event,").replace(
        "FROM claim_group g LEFT JOIN actor ON actor.id = g.actor_id",
        "FROM claim_group g LEFT JOIN actor ON actor.id = g.actor_id\n"
        "    LEFT JOIN event ON event.id = g.event_id"))
    if is_postgres(conn):
        return
    conn.execute(text("DROP TABLE IF EXISTS claim_fts"))
    conn.execute(text(
        "CREATE VIRTUAL TABLE claim_fts USING fts5(content, quote, speaker, content='claim', "
        "content_rowid='id', tokenize='porter unicode61')"))
    conn.execute(text("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')"))


#: Numbered migrations. Append; never edit or reorder a released one. Migration 1 is
#: frozen DDL (schema1.py); later ones bring it, and older files, to models.py's tables.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial tables", _m001_initial),
    (2, "article sources", _m002_sources),
    (3, "views and full-text search", _m003_views_and_search),
    (4, "claim sentences", _m004_claim_sentences),
    (5, "claim channel", _m005_claim_channel),
    (6, "claim frames", _m006_claim_frames),
    (7, "article provenance", _m007_provenance),
    (8, "drop claim context", _m008_drop_claim_context),
    (9, "passed-over sentences", _m009_passed_over),
    (10, "actor joins", _m010_actor_joins),
    (11, "figure series", _m011_figures),
    (12, "events", m012_events),
    (13, "search by word forms; event in views", _m013_word_forms_and_event_views),
    (14, "article origins", m014_article_origins),
    (15, "search index kept by triggers", m015_search_triggers),
    (16, "claim embeddings", m016_claim_embeddings),
    (17, "incremental reconcile", m017_incremental_reconcile),
    (18, "group head word counts", m018_head_words),
    (19, "word bags as JSON", m019_word_bags_as_json),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
