-- 0002_llm: what the LLM analyzer needs to be auditable and frugal.
--
-- analyses and runs gain the request and drop counts of the analyses; two
-- new tables cache every answer paid for and remember what each endpoint
-- accepts. Times are UTC text in the form of 0001_init.

-- input says how much of the article the analyzer read ("full",
-- "truncated:KEPT/TOTAL", "chunked:N"); dropped is a JSON object of reason
-- -> count of answer items left out by validation and grounding.
ALTER TABLE analyses ADD COLUMN input TEXT NOT NULL DEFAULT '';
ALTER TABLE analyses ADD COLUMN requests INTEGER NOT NULL DEFAULT 0 CHECK (requests >= 0);
ALTER TABLE analyses ADD COLUMN dropped TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(dropped));

ALTER TABLE runs ADD COLUMN requests INTEGER NOT NULL DEFAULT 0 CHECK (requests >= 0);
ALTER TABLE runs ADD COLUMN dropped INTEGER NOT NULL DEFAULT 0 CHECK (dropped >= 0);
ALTER TABLE runs ADD COLUMN dropped_by_reason TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(dropped_by_reason));
ALTER TABLE runs ADD COLUMN budget_exhausted INTEGER NOT NULL DEFAULT 0 CHECK (budget_exhausted IN (0, 1));

-- Every LLM answer paid for, so that the same content, model and prompt
-- version is never sent twice.
CREATE TABLE llm_answers (
	content_hash      TEXT NOT NULL CHECK (content_hash <> ''),
	model             TEXT NOT NULL CHECK (model <> ''),
	prompt_version    TEXT NOT NULL CHECK (prompt_version <> ''),
	raw               TEXT NOT NULL,
	mode              TEXT NOT NULL DEFAULT '',
	prompt_tokens     INTEGER NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
	completion_tokens INTEGER NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
	created_at        TEXT NOT NULL,
	PRIMARY KEY (content_hash, model, prompt_version)
) WITHOUT ROWID;

-- What each endpoint and model is known to accept: the response format that
-- works and whether the seed and temperature parameters are taken.
CREATE TABLE llm_endpoints (
	endpoint    TEXT NOT NULL CHECK (endpoint <> ''),
	model       TEXT NOT NULL,
	mode        TEXT NOT NULL CHECK (mode IN ('json_schema', 'json_object', 'text')),
	seed        INTEGER NOT NULL DEFAULT 1 CHECK (seed IN (0, 1)),
	temperature INTEGER NOT NULL DEFAULT 1 CHECK (temperature IN (0, 1)),
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (endpoint, model)
) WITHOUT ROWID;
