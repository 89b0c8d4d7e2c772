-- 0001_init: the first sectorpulse schema.
--
-- Times are UTC text in a fixed-width RFC 3339 form
-- (2006-01-02T15:04:05.000000000Z) so that text order is time order, except
-- articles.published_at, which keeps the page's own offset.

CREATE TABLE sources (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
	kind       TEXT NOT NULL DEFAULT '',
	url        TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);

CREATE TABLE articles (
	id            INTEGER PRIMARY KEY,
	source_id     INTEGER NOT NULL REFERENCES sources (id),
	url           TEXT NOT NULL CHECK (url <> ''),
	canonical_url TEXT NOT NULL UNIQUE CHECK (canonical_url <> ''),
	title         TEXT NOT NULL DEFAULT '',
	byline        TEXT NOT NULL DEFAULT '',
	published_at  TEXT,
	published_utc TEXT,
	fetched_at    TEXT NOT NULL,
	language      TEXT NOT NULL DEFAULT '',
	text          TEXT NOT NULL DEFAULT '',
	words         INTEGER NOT NULL DEFAULT 0 CHECK (words >= 0),
	content_hash  TEXT NOT NULL,
	fingerprint   INTEGER NOT NULL DEFAULT 0,
	duplicate_of  INTEGER REFERENCES articles (id),
	CHECK ((published_at IS NULL) = (published_utc IS NULL))
);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published_utc ON articles (published_utc);
CREATE INDEX articles_fetched_at ON articles (fetched_at);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
-- The four 16-bit bands of the SimHash fingerprint: two fingerprints at most
-- 3 bits apart agree on at least one band, so the near-duplicate check looks
-- up candidates by band instead of scanning (see store/article.go).
CREATE INDEX articles_fp_band0 ON articles ((fingerprint & 65535));
CREATE INDEX articles_fp_band1 ON articles (((fingerprint >> 16) & 65535));
CREATE INDEX articles_fp_band2 ON articles (((fingerprint >> 32) & 65535));
CREATE INDEX articles_fp_band3 ON articles (((fingerprint >> 48) & 65535));

CREATE TABLE entities (
	id               INTEGER PRIMARY KEY,
	name             TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
	kind             TEXT NOT NULL DEFAULT '',
	aliases          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases)),
	tickers          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tickers)),
	sectors          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sectors)),
	first_article_id INTEGER REFERENCES articles (id),
	origin           TEXT NOT NULL CHECK (origin IN ('gazetteer', 'discovered', 'user')),
	created_at       TEXT NOT NULL
);

CREATE TABLE sectors (
	id    TEXT PRIMARY KEY CHECK (id <> ''),
	name  TEXT NOT NULL DEFAULT '',
	hsics TEXT NOT NULL DEFAULT '',
	gics  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE analyses (
	id                INTEGER PRIMARY KEY,
	article_id        INTEGER NOT NULL REFERENCES articles (id),
	analyzer          TEXT NOT NULL CHECK (analyzer <> ''),
	model             TEXT NOT NULL DEFAULT '',
	prompt_version    TEXT NOT NULL DEFAULT '',
	created_at        TEXT NOT NULL,
	prompt_tokens     INTEGER NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
	completion_tokens INTEGER NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
	sentiment         REAL NOT NULL CHECK (sentiment BETWEEN -1 AND 1),
	confidence        REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
	raw               TEXT NOT NULL DEFAULT '',
	UNIQUE (article_id, analyzer, model, prompt_version)
);
CREATE INDEX analyses_latest ON analyses (article_id, analyzer, created_at, id);

CREATE TABLE mentions (
	id          INTEGER PRIMARY KEY,
	analysis_id INTEGER NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
	entity_id   INTEGER NOT NULL REFERENCES entities (id),
	entity      TEXT NOT NULL,
	kind        TEXT NOT NULL DEFAULT '',
	ticker      TEXT NOT NULL DEFAULT '',
	sectors     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sectors)),
	sentiment   REAL NOT NULL CHECK (sentiment BETWEEN -1 AND 1),
	confidence  REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
	relevance   REAL NOT NULL CHECK (relevance BETWEEN 0 AND 1),
	evidence    TEXT NOT NULL DEFAULT '',
	ev_start    INTEGER NOT NULL CHECK (ev_start >= 0),
	ev_end      INTEGER NOT NULL CHECK (ev_end >= ev_start)
);
CREATE INDEX mentions_analysis ON mentions (analysis_id);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE sector_scores (
	id          INTEGER PRIMARY KEY,
	analysis_id INTEGER NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
	sector_id   TEXT NOT NULL REFERENCES sectors (id),
	sentiment   REAL NOT NULL CHECK (sentiment BETWEEN -1 AND 1),
	confidence  REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
	relevance   REAL NOT NULL CHECK (relevance BETWEEN 0 AND 1),
	evidence    TEXT NOT NULL DEFAULT '',
	ev_start    INTEGER NOT NULL CHECK (ev_start >= 0),
	ev_end      INTEGER NOT NULL CHECK (ev_end >= ev_start)
);
CREATE INDEX sector_scores_analysis ON sector_scores (analysis_id);
CREATE INDEX sector_scores_sector ON sector_scores (sector_id);

CREATE TABLE index_moves (
	id          INTEGER PRIMARY KEY,
	analysis_id INTEGER NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
	article_id  INTEGER NOT NULL REFERENCES articles (id),
	index_code  TEXT NOT NULL CHECK (index_code <> ''),
	change_pct  REAL CHECK (change_pct IS NULL OR change_pct >= -100),
	level       REAL CHECK (level IS NULL OR level >= 0),
	evidence    TEXT NOT NULL DEFAULT '',
	ev_start    INTEGER NOT NULL CHECK (ev_start >= 0),
	ev_end      INTEGER NOT NULL CHECK (ev_end >= ev_start)
);
CREATE INDEX index_moves_analysis ON index_moves (analysis_id);
CREATE INDEX index_moves_article ON index_moves (article_id, index_code);

CREATE TABLE prices (
	index_code   TEXT NOT NULL CHECK (index_code <> ''),
	trading_date TEXT NOT NULL CHECK (trading_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	open         REAL NOT NULL DEFAULT 0 CHECK (open >= 0),
	high         REAL NOT NULL DEFAULT 0 CHECK (high >= 0),
	low          REAL NOT NULL DEFAULT 0 CHECK (low >= 0),
	close        REAL NOT NULL CHECK (close > 0),
	PRIMARY KEY (index_code, trading_date)
) WITHOUT ROWID;
CREATE INDEX prices_trading_date ON prices (trading_date);

CREATE TABLE runs (
	id                INTEGER PRIMARY KEY,
	command           TEXT NOT NULL CHECK (command <> ''),
	started_at        TEXT NOT NULL,
	ended_at          TEXT,
	fetched           INTEGER NOT NULL DEFAULT 0 CHECK (fetched >= 0),
	new               INTEGER NOT NULL DEFAULT 0 CHECK (new >= 0),
	duplicate         INTEGER NOT NULL DEFAULT 0 CHECK (duplicate >= 0),
	failed            INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0),
	failed_by_reason  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(failed_by_reason)),
	analyzer          TEXT NOT NULL DEFAULT '',
	analyzed          INTEGER NOT NULL DEFAULT 0 CHECK (analyzed >= 0),
	skipped           INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0),
	analyze_failed    INTEGER NOT NULL DEFAULT 0 CHECK (analyze_failed >= 0),
	prompt_tokens     INTEGER NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
	completion_tokens INTEGER NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
	status            TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'partial', 'failed')),
	error             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX runs_started_at ON runs (started_at);
