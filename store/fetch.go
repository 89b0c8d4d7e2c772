package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// FetchState is what the last response of a feed, sitemap or listing page
// said about it, so that the next request can be conditional.
type FetchState struct {
	// URL is the page's URL; Source the name of the source it belongs to.
	URL    string
	Source string
	// ETag and LastModified are the response's validators, sent back as
	// If-None-Match and If-Modified-Since; empty when the server gave none.
	ETag         string
	LastModified string
	// CheckedAt is when the page was last requested; ChangedAt when its
	// body last changed, zero when not known.
	CheckedAt time.Time
	ChangedAt time.Time
}

// FetchState returns the stored state of url; found is false when there is
// none.
func (db *DB) FetchState(ctx context.Context, url string) (s FetchState, found bool, err error) {
	var checked, changed sql.NullString
	err = db.read.QueryRowContext(ctx, `SELECT url, source, etag, last_modified, checked_at, changed_at
		FROM fetch_state WHERE url = ?`, url).Scan(&s.URL, &s.Source, &s.ETag, &s.LastModified, &checked, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return FetchState{}, false, nil
	} else if err != nil {
		return FetchState{}, false, fmt.Errorf("fetch state %s: %w", url, err)
	}
	if s.CheckedAt, s.ChangedAt, err = parseTimes(checked, changed); err != nil {
		return FetchState{}, false, fmt.Errorf("fetch state %s: %w", url, err)
	}
	return s, true, nil
}

// SaveFetchState stores s, replacing the state of the same URL: Source,
// ETag, LastModified and CheckedAt are replaced, empty ones included, while
// a zero ChangedAt keeps the stored one. It rejects an empty URL or a zero
// CheckedAt.
func (db *DB) SaveFetchState(ctx context.Context, s FetchState) error {
	switch {
	case s.URL == "":
		return fmt.Errorf("save fetch state: %w: empty url", ErrInvalid)
	case s.CheckedAt.IsZero():
		return fmt.Errorf("save fetch state %s: %w: checked time is zero", s.URL, ErrInvalid)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO fetch_state (url, source, etag, last_modified, checked_at,
			changed_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET source = excluded.source, etag = excluded.etag,
			last_modified = excluded.last_modified, checked_at = excluded.checked_at,
			changed_at = COALESCE(excluded.changed_at, fetch_state.changed_at)`,
		s.URL, s.Source, s.ETag, s.LastModified, formatTime(s.CheckedAt), nullTime(s.ChangedAt)); err != nil {
		return fmt.Errorf("save fetch state %s: %w", s.URL, err)
	}
	return nil
}

// The outcomes of a fetch recorded in the fetch log.
const (
	// FetchNew: the page was an article and was stored.
	FetchNew = "new"
	// FetchDuplicate: the page was an article already stored, by URL or
	// content.
	FetchDuplicate = "duplicate"
	// FetchNearDuplicate: the page was stored as a near-duplicate of a
	// stored article.
	FetchNearDuplicate = "near_duplicate"
	// FetchNotModified: the server answered 304 Not Modified.
	FetchNotModified = "not_modified"
	// FetchNotArticle: the page was fetched but holds no article.
	FetchNotArticle = "not_article"
	// FetchFailed: the fetch or the extraction failed; the entry's reason
	// says why.
	FetchFailed = "failed"
)

// FetchLogEntry records one URL fetched and what came of it.
type FetchLogEntry struct {
	// RunID is the run that fetched the URL, zero for none.
	RunID int64
	// Source is the name of the source the URL belongs to.
	Source string
	// URL is the URL fetched; At when.
	URL string
	At  time.Time
	// Outcome is one of FetchNew, FetchDuplicate, FetchNearDuplicate,
	// FetchNotModified, FetchNotArticle or FetchFailed.
	Outcome string
	// Reason says why a fetch failed or was not an article, e.g. "timeout"
	// or "empty"; it may be empty.
	Reason string
}

// LogFetches appends es to the fetch log in one transaction. It checks
// every entry first (URL set, At not zero, RunID not negative, Outcome one
// of the Fetch constants) and on any error, which names the entry by its
// position in es counted from 1, writes nothing. A RunID that names no run
// fails the whole batch too.
func (db *DB) LogFetches(ctx context.Context, es []FetchLogEntry) error {
	for i, e := range es {
		if err := checkFetchLogEntry(e); err != nil {
			return fmt.Errorf("log fetches: entry %d (%s): %w", i+1, e.URL, err)
		}
	}
	if len(es) == 0 {
		return nil
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("log fetches: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO fetch_log (run_id, source, url, at, outcome, reason)
		VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("log fetches: %w", err)
	}
	defer stmt.Close()
	for i, e := range es {
		if _, err := stmt.ExecContext(ctx, sql.NullInt64{Int64: e.RunID, Valid: e.RunID != 0}, e.Source, e.URL,
			formatTime(e.At), e.Outcome, e.Reason); err != nil {
			return fmt.Errorf("log fetches: entry %d (%s): %w", i+1, e.URL, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("log fetches: commit: %w", err)
	}
	return nil
}

// checkFetchLogEntry checks e against the fetch_log table's rules.
func checkFetchLogEntry(e FetchLogEntry) error {
	switch e.Outcome {
	case FetchNew, FetchDuplicate, FetchNearDuplicate, FetchNotModified, FetchNotArticle, FetchFailed:
	default:
		return fmt.Errorf("%w: outcome %q is not %s, %s, %s, %s, %s or %s", ErrInvalid, e.Outcome, FetchNew,
			FetchDuplicate, FetchNearDuplicate, FetchNotModified, FetchNotArticle, FetchFailed)
	}
	switch {
	case e.URL == "":
		return fmt.Errorf("%w: empty url", ErrInvalid)
	case e.At.IsZero():
		return fmt.Errorf("%w: fetch time is zero", ErrInvalid)
	case e.RunID < 0:
		return fmt.Errorf("%w: negative run id %d", ErrInvalid, e.RunID)
	}
	return nil
}

// unknownReason stands, in SourceHealth, for the empty reason of a failure.
const unknownReason = "unknown"

// SourceHealth says how a source has fared: when it last yielded an
// article and, over a window of recent fetches, how often and why fetching
// from it failed.
type SourceHealth struct {
	// Source is the source's name.
	Source string
	// Articles counts the source's stored articles, near-duplicates
	// included; LastArticleAt is when the newest of them was fetched, zero
	// when there is none.
	Articles      int
	LastArticleAt time.Time
	// LastFetchAt is the time of the source's newest fetch log entry, in
	// the window or not; zero when there is none.
	LastFetchAt time.Time
	// Fetches counts the source's fetch log entries in the window, whatever
	// their outcome; Failures those that failed.
	Fetches  int
	Failures int
	// FailedByReason counts the failures in the window by reason; a failure
	// logged without a reason counts as "unknown". Nil when there is none.
	FailedByReason map[string]int
	// LastError is the reason and URL ("empty: https://…") of the newest
	// failure in the window, empty when there is none.
	LastError string
	// NotModified counts the fetches in the window answered 304 Not
	// Modified.
	NotModified int
}

// SourceHealth returns the health of every source that has stored articles
// or fetch log entries, sorted by name. The window is the fetch log entries
// at or after since; a zero since takes the whole log. Entries logged
// without a source are reported under the empty name.
func (db *DB) SourceHealth(ctx context.Context, since time.Time) ([]SourceHealth, error) {
	from := formatTime(since)
	rows, err := db.read.QueryContext(ctx, `WITH
		art AS (
			SELECT s.name AS source, count(*) AS n, max(a.fetched_at) AS last
			FROM articles a JOIN sources s ON s.id = a.source_id GROUP BY s.name
		),
		log AS (
			SELECT source, max(at) AS last, sum(at >= ?) AS fetches,
				sum(at >= ? AND outcome = 'failed') AS failures,
				sum(at >= ? AND outcome = 'not_modified') AS not_modified
			FROM fetch_log GROUP BY source
		),
		reasons AS (
			SELECT source, json_group_object(reason, n) AS by_reason FROM (
				SELECT source, CASE reason WHEN '' THEN ? ELSE reason END AS reason, count(*) AS n
				FROM fetch_log WHERE outcome = 'failed' AND at >= ? GROUP BY 1, 2
			) GROUP BY source
		),
		newest AS (
			SELECT source, reason, url FROM (
				SELECT source, reason, url,
					row_number() OVER (PARTITION BY source ORDER BY at DESC, id DESC) AS k
				FROM fetch_log WHERE outcome = 'failed' AND at >= ?
			) WHERE k = 1
		)
		SELECT n.source, COALESCE(art.n, 0), art.last, log.last, COALESCE(log.fetches, 0),
			COALESCE(log.failures, 0), COALESCE(reasons.by_reason, '{}'), newest.reason, newest.url,
			COALESCE(log.not_modified, 0)
		FROM (SELECT source FROM art UNION SELECT source FROM log) n
			LEFT JOIN art ON art.source = n.source
			LEFT JOIN log ON log.source = n.source
			LEFT JOIN reasons ON reasons.source = n.source
			LEFT JOIN newest ON newest.source = n.source
		ORDER BY n.source`, from, from, from, unknownReason, from, from)
	if err != nil {
		return nil, fmt.Errorf("source health: %w", err)
	}
	defer rows.Close()
	var out []SourceHealth
	for rows.Next() {
		var h SourceHealth
		var lastArticle, lastFetch, reason, url sql.NullString
		var byReason string
		if err := rows.Scan(&h.Source, &h.Articles, &lastArticle, &lastFetch, &h.Fetches, &h.Failures, &byReason,
			&reason, &url, &h.NotModified); err != nil {
			return nil, fmt.Errorf("source health: %w", err)
		}
		if h.LastArticleAt, h.LastFetchAt, err = parseTimes(lastArticle, lastFetch); err != nil {
			return nil, fmt.Errorf("source health %q: %w", h.Source, err)
		}
		if h.FailedByReason, err = decodeCounts(byReason); err != nil {
			return nil, fmt.Errorf("source health %q: %w", h.Source, err)
		}
		if url.Valid {
			if reason.String == "" {
				reason.String = unknownReason
			}
			h.LastError = reason.String + ": " + url.String
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("source health: %w", err)
	}
	return out, nil
}

// Cursor returns the cursor stored for source at location, e.g. the time
// of the newest item seen in a feed; found is false when there is none.
func (db *DB) Cursor(ctx context.Context, source, location string) (cursor string, found bool, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT cursor FROM source_cursors WHERE source = ? AND location = ?`,
		source, location).Scan(&cursor)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	} else if err != nil {
		return "", false, fmt.Errorf("cursor %s %s: %w", source, location, err)
	}
	return cursor, true, nil
}

// SaveCursor stores cursor for source at location as of at, replacing the
// stored one. It rejects an empty source or location or a zero at.
func (db *DB) SaveCursor(ctx context.Context, source, location, cursor string, at time.Time) error {
	switch {
	case source == "":
		return fmt.Errorf("save cursor %s: %w: empty source", location, ErrInvalid)
	case location == "":
		return fmt.Errorf("save cursor %s: %w: empty location", source, ErrInvalid)
	case at.IsZero():
		return fmt.Errorf("save cursor %s %s: %w: updated time is zero", source, location, ErrInvalid)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO source_cursors (source, location, cursor, updated_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (source, location) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
		source, location, cursor, formatTime(at)); err != nil {
		return fmt.Errorf("save cursor %s %s: %w", source, location, err)
	}
	return nil
}
