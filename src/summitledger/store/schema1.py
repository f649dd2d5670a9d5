"""The ledger's schema as migration 1 created it, frozen: never edit this file.

Later migrations (:mod:`migrations`) bring it to the current tables; a
fresh ledger and a migrated one go through the same steps, so they end alike (a test
compares a fresh ledger with the tables ``models.py`` declares).
"""

SCHEMA_1 = """
CREATE TABLE _migrations (
	id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	applied_at VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE actor (
	id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_actor_name ON actor (name);
CREATE TABLE actor_override (
	id INTEGER NOT NULL,
	action VARCHAR NOT NULL,
	a VARCHAR NOT NULL,
	b VARCHAR NOT NULL,
	created_at VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE article (
	id INTEGER NOT NULL,
	file VARCHAR NOT NULL,
	path VARCHAR NOT NULL,
	stem VARCHAR NOT NULL,
	outlet VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	date VARCHAR NOT NULL,
	url VARCHAR NOT NULL,
	content_hash VARCHAR NOT NULL,
	text VARCHAR NOT NULL,
	pipeline VARCHAR NOT NULL,
	ingested_at VARCHAR NOT NULL,
	PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_article_content_hash ON article (content_hash);
CREATE INDEX ix_article_file ON article (file);
CREATE INDEX ix_article_outlet ON article (outlet);
CREATE INDEX ix_article_stem ON article (stem);
CREATE TABLE meta (
	"key" VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	PRIMARY KEY ("key")
);
CREATE TABLE actor_alias (
	id INTEGER NOT NULL,
	actor_id INTEGER NOT NULL,
	alias VARCHAR NOT NULL,
	norm VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(actor_id) REFERENCES actor (id) ON DELETE CASCADE
);
CREATE INDEX ix_actor_alias_actor_id ON actor_alias (actor_id);
CREATE INDEX ix_actor_alias_norm ON actor_alias (norm);
CREATE TABLE article_alias (
	id INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	actor VARCHAR NOT NULL,
	alias VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE
);
CREATE INDEX ix_article_alias_article_id ON article_alias (article_id);
CREATE TABLE claim_group (
	id INTEGER NOT NULL,
	actor_id INTEGER,
	status VARCHAR NOT NULL,
	statement VARCHAR NOT NULL,
	n_claims INTEGER NOT NULL,
	n_articles INTEGER NOT NULL,
	n_outlets INTEGER NOT NULL,
	n_sources INTEGER NOT NULL,
	disputed BOOLEAN NOT NULL,
	reason VARCHAR NOT NULL,
	matcher VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(actor_id) REFERENCES actor (id) ON DELETE SET NULL
);
CREATE INDEX ix_claim_group_status ON claim_group (status);
CREATE TABLE sentence (
	id INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	idx INTEGER NOT NULL,
	start INTEGER NOT NULL,
	"end" INTEGER NOT NULL,
	text VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE
);
CREATE INDEX ix_sentence_article_id ON sentence (article_id);
CREATE TABLE claim (
	id INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	sentence_id INTEGER,
	idx INTEGER NOT NULL,
	speaker VARCHAR NOT NULL,
	speaker_start INTEGER NOT NULL,
	speaker_end INTEGER NOT NULL,
	actor_key VARCHAR NOT NULL,
	actor_kind VARCHAR NOT NULL,
	actor_id INTEGER,
	cue VARCHAR NOT NULL,
	cue_start INTEGER NOT NULL,
	cue_end INTEGER NOT NULL,
	type VARCHAR NOT NULL,
	content VARCHAR NOT NULL,
	content_start INTEGER NOT NULL,
	content_end INTEGER NOT NULL,
	quote VARCHAR NOT NULL,
	sentence_start INTEGER NOT NULL,
	sentence_end INTEGER NOT NULL,
	rule VARCHAR NOT NULL,
	pipeline VARCHAR NOT NULL,
	polarity INTEGER NOT NULL,
	lemmas VARCHAR NOT NULL,
	context VARCHAR NOT NULL,
	topic VARCHAR NOT NULL,
	group_id INTEGER,
	PRIMARY KEY (id),
	FOREIGN KEY(article_id) REFERENCES article (id) ON DELETE CASCADE,
	FOREIGN KEY(sentence_id) REFERENCES sentence (id) ON DELETE CASCADE,
	FOREIGN KEY(actor_id) REFERENCES actor (id) ON DELETE SET NULL,
	FOREIGN KEY(group_id) REFERENCES claim_group (id) ON DELETE SET NULL
);
CREATE INDEX ix_claim_actor_id ON claim (actor_id);
CREATE INDEX ix_claim_actor_key ON claim (actor_key);
CREATE INDEX ix_claim_article_id ON claim (article_id);
CREATE INDEX ix_claim_group_id ON claim (group_id);
CREATE INDEX ix_claim_type ON claim (type);
"""


def statements() -> list[str]:
    return [s.strip() for s in SCHEMA_1.split(";") if s.strip()]
