-- 0003_fetch: what incremental scraping remembers between runs.
--
-- Validators for conditional GETs, a log of every URL fetched and what came
-- of it, and per-source cursors, so that an hourly run fetches only what is
-- new and a source that stops yielding articles shows why. Times are UTC
-- text in the form of 0001_init.

-- The validators of the last response of a feed, sitemap or listing page,
-- sent back as If-None-Match and If-Modified-Since. changed_at is when the
-- body last differed; NULL when not known.
CREATE TABLE fetch_state (
	url           TEXT PRIMARY KEY CHECK (url <> ''),
	source        TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	checked_at    TEXT NOT NULL,
	changed_at    TEXT
) WITHOUT ROWID;

-- Every URL a run fetched and what came of it; reason says why a fetch
-- failed or was not an article (e.g. "timeout", "http_404", "empty").
CREATE TABLE fetch_log (
	id      INTEGER PRIMARY KEY,
	run_id  INTEGER REFERENCES runs (id),
	source  TEXT NOT NULL DEFAULT '',
	url     TEXT NOT NULL CHECK (url <> ''),
	at      TEXT NOT NULL,
	outcome TEXT NOT NULL CHECK (outcome IN ('new', 'duplicate', 'near_duplicate', 'not_modified', 'not_article', 'failed')),
	reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX fetch_log_source_at ON fetch_log (source, at);

-- Where a source's last run stopped, per location (a feed or sitemap URL):
-- e.g. the newest item time seen there.
CREATE TABLE source_cursors (
	source     TEXT NOT NULL,
	location   TEXT NOT NULL,
	cursor     TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (source, location)
) WITHOUT ROWID;
