package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fetchLogRows returns the number of rows in fetch_log or fails the test.
func fetchLogRows(tb testing.TB, db *DB) int {
	tb.Helper()
	var n int
	if err := db.read.QueryRow(`SELECT count(*) FROM fetch_log`).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestFetchStateRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	const feed = "https://news.example.com/rss.xml"
	checked := time.Date(2025, 3, 4, 9, 0, 0, 5, time.UTC)
	changed := time.Date(2025, 3, 4, 8, 0, 0, 0, time.UTC)

	steps := []struct {
		name string
		save FetchState
		want FetchState
	}{
		{
			name: "first save without a change time",
			save: FetchState{URL: feed, Source: "example-wire", ETag: `"v1"`, LastModified: "Tue, 04 Mar 2025 08:00:00 GMT",
				CheckedAt: checked.In(hkt())},
			want: FetchState{URL: feed, Source: "example-wire", ETag: `"v1"`, LastModified: "Tue, 04 Mar 2025 08:00:00 GMT",
				CheckedAt: checked},
		},
		{
			name: "changed",
			save: FetchState{URL: feed, Source: "example-wire", ETag: `"v2"`, LastModified: "Tue, 04 Mar 2025 09:00:00 GMT",
				CheckedAt: checked.Add(time.Hour), ChangedAt: changed.Add(time.Hour).In(hkt())},
			want: FetchState{URL: feed, Source: "example-wire", ETag: `"v2"`, LastModified: "Tue, 04 Mar 2025 09:00:00 GMT",
				CheckedAt: checked.Add(time.Hour), ChangedAt: changed.Add(time.Hour)},
		},
		{
			// Checked again, unchanged: the change time stays, the
			// validators are replaced (here the server dropped its ETag).
			name: "zero change time keeps the stored one",
			save: FetchState{URL: feed, Source: "example-wire", LastModified: "Tue, 04 Mar 2025 09:00:00 GMT",
				CheckedAt: checked.Add(2 * time.Hour)},
			want: FetchState{URL: feed, Source: "example-wire", LastModified: "Tue, 04 Mar 2025 09:00:00 GMT",
				CheckedAt: checked.Add(2 * time.Hour), ChangedAt: changed.Add(time.Hour)},
		},
		{
			name: "changed again",
			save: FetchState{URL: feed, Source: "renamed-wire", ETag: `"v3"`, CheckedAt: checked.Add(3 * time.Hour),
				ChangedAt: changed.Add(3 * time.Hour)},
			want: FetchState{URL: feed, Source: "renamed-wire", ETag: `"v3"`, CheckedAt: checked.Add(3 * time.Hour),
				ChangedAt: changed.Add(3 * time.Hour)},
		},
	}
	for _, tt := range steps {
		t.Run(tt.name, func(t *testing.T) {
			if err := db.SaveFetchState(ctx, tt.save); err != nil {
				t.Fatal(err)
			}
			got, found, err := db.FetchState(ctx, feed)
			if err != nil {
				t.Fatal(err)
			}
			if !found {
				t.Fatal("found: got false, want true")
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}

	for _, u := range []string{"https://news.example.com/sitemap.xml", feed + "?page=2", ""} {
		got, found, err := db.FetchState(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if found || !reflect.DeepEqual(got, FetchState{}) {
			t.Errorf("FetchState(%q) = %+v, %v; want nothing", u, got, found)
		}
	}
}

func TestSaveFetchStateInvalid(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	tests := []struct {
		name string
		s    FetchState
		want string
	}{
		{name: "empty url", s: FetchState{CheckedAt: time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)},
			want: "save fetch state: invalid: empty url"},
		{name: "zero checked time", s: FetchState{URL: "https://x.example/rss", ChangedAt: time.Now()},
			want: "save fetch state https://x.example/rss: invalid: checked time is zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.SaveFetchState(ctx, tt.s)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v, want ErrInvalid", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
			if _, found, err := db.FetchState(ctx, tt.s.URL); err != nil || found {
				t.Errorf("after a rejected save: found %v, error %v; want nothing stored", found, err)
			}
		})
	}
}

func TestLogFetchesInvalid(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	at := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	valid := FetchLogEntry{Source: "example-wire", URL: "https://news.example.com/a", At: at, Outcome: FetchNew}
	tests := []struct {
		name   string
		change func(e *FetchLogEntry)
		want   string
	}{
		{name: "unknown outcome", change: func(e *FetchLogEntry) { e.Outcome = "ok" },
			want: `log fetches: entry 2 (https://news.example.com/a): invalid: outcome "ok" is not new, duplicate, near_duplicate, not_modified, not_article or failed`},
		{name: "empty outcome", change: func(e *FetchLogEntry) { e.Outcome = "" }, want: `entry 2 (https://news.example.com/a): invalid: outcome ""`},
		{name: "outcome in capitals", change: func(e *FetchLogEntry) { e.Outcome = "FAILED" }, want: `invalid: outcome "FAILED"`},
		{name: "store status", change: func(e *FetchLogEntry) { e.Outcome = string(StatusDuplicateURL) },
			want: `invalid: outcome "duplicate_url"`},
		{name: "empty url", change: func(e *FetchLogEntry) { e.URL = "" }, want: "entry 2 (): invalid: empty url"},
		{name: "zero time", change: func(e *FetchLogEntry) { e.At = time.Time{} }, want: "entry 2 (https://news.example.com/a): invalid: fetch time is zero"},
		{name: "negative run id", change: func(e *FetchLogEntry) { e.RunID = -1 }, want: "invalid: negative run id -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := valid
			tt.change(&bad)
			// The bad entry sits between two good ones: none is written.
			err := db.LogFetches(ctx, []FetchLogEntry{valid, bad, valid})
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
			if got := fetchLogRows(t, db); got != 0 {
				t.Errorf("fetch_log rows after a rejected batch = %d, want 0", got)
			}
		})
	}

	t.Run("run that does not exist", func(t *testing.T) {
		bad := valid
		bad.RunID = 42
		err := db.LogFetches(ctx, []FetchLogEntry{valid, bad})
		if err == nil || !strings.Contains(err.Error(), "entry 2 (https://news.example.com/a)") {
			t.Errorf("error = %v, want a foreign key error naming entry 2", err)
		}
		if got := fetchLogRows(t, db); got != 0 {
			t.Errorf("fetch_log rows after a failed batch = %d, want 0", got)
		}
	})

	if err := db.LogFetches(ctx, nil); err != nil {
		t.Errorf("LogFetches(nil) = %v, want nil", err)
	}
}

func TestLogFetchesRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	at := time.Date(2025, 3, 4, 9, 0, 0, 7, time.UTC)
	run, err := db.StartRun(ctx, "scrape", at)
	if err != nil {
		t.Fatal(err)
	}
	es := []FetchLogEntry{
		{RunID: run, Source: "example-wire", URL: "https://news.example.com/a", At: at.In(hkt()), Outcome: FetchNew},
		{RunID: run, Source: "example-wire", URL: "https://news.example.com/b", At: at.Add(time.Second),
			Outcome: FetchFailed, Reason: "timeout"},
		{Source: "", URL: "https://other.example/c", At: at.Add(2 * time.Second), Outcome: FetchNotArticle,
			Reason: "no_text"},
	}
	if err := db.LogFetches(ctx, es); err != nil {
		t.Fatal(err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT run_id, source, url, at, outcome, reason FROM fetch_log ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []FetchLogEntry
	for rows.Next() {
		var e FetchLogEntry
		var runID sql.NullInt64
		var when sql.NullString
		if err := rows.Scan(&runID, &e.Source, &e.URL, &when, &e.Outcome, &e.Reason); err != nil {
			t.Fatal(err)
		}
		e.RunID = runID.Int64
		if e.At, err = parseTime(when); err != nil {
			t.Fatal(err)
		}
		got = append(got, e)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := append([]FetchLogEntry(nil), es...)
	want[0].At = at
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fetch_log:\ngot  %+v\nwant %+v", got, want)
	}
	var nullRuns int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM fetch_log WHERE run_id IS NULL`).Scan(&nullRuns); err != nil {
		t.Fatal(err)
	}
	if nullRuns != 1 {
		t.Errorf("entries without a run stored with run_id NULL: got %d, want 1", nullRuns)
	}
}

// healthFixture stores two sources' articles and fetch log as of now:
// "example-wire" yields articles every hour and never fails;
// "layout-changed" last yielded an article three weeks ago and every fetch
// of the last day found an empty page; "log-only" has no article and one
// failure logged without a reason, two days ago.
func healthFixture(t *testing.T, db *DB, now time.Time) {
	t.Helper()
	ctx := context.Background()
	for i, fetched := range []time.Time{now.Add(-3 * time.Hour), now.Add(-time.Hour)} {
		a := newArticle(i + 1)
		a.FetchedAt = fetched
		mustSave(t, db, a)
	}
	old := newArticle(3)
	old.Source = "layout-changed"
	old.FetchedAt = now.Add(-21 * 24 * time.Hour)
	mustSave(t, db, old)

	run, err := db.StartRun(ctx, "scrape", now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	es := []FetchLogEntry{
		// example-wire: an old timeout, then a good day.
		{Source: "example-wire", URL: "https://news.example.com/markets/0", At: now.Add(-72 * time.Hour),
			Outcome: FetchFailed, Reason: "timeout"},
		{Source: "example-wire", URL: "https://news.example.com/markets/1", At: now.Add(-3 * time.Hour), Outcome: FetchNew},
		{Source: "example-wire", URL: "https://news.example.com/rss", At: now.Add(-2 * time.Hour), Outcome: FetchNotModified},
		{RunID: run, Source: "example-wire", URL: "https://news.example.com/markets/2", At: now.Add(-time.Hour),
			Outcome: FetchNew},
		{RunID: run, Source: "example-wire", URL: "https://news.example.com/markets/1", At: now.Add(-time.Hour),
			Outcome: FetchDuplicate},
		// layout-changed: fine three weeks ago, empty pages all of the last day.
		{Source: "layout-changed", URL: "https://changed.example/news/3", At: now.Add(-21 * 24 * time.Hour),
			Outcome: FetchNew},
		{Source: "layout-changed", URL: "https://changed.example/news/4", At: now.Add(-20 * time.Hour),
			Outcome: FetchFailed, Reason: "empty"},
		{Source: "layout-changed", URL: "https://changed.example/news/5", At: now.Add(-10 * time.Hour),
			Outcome: FetchFailed, Reason: "empty"},
		{RunID: run, Source: "layout-changed", URL: "https://changed.example/news/6", At: now.Add(-time.Hour),
			Outcome: FetchFailed, Reason: "empty"},
		// log-only: one failure, no reason.
		{Source: "log-only", URL: "https://quiet.example/feed", At: now.Add(-48 * time.Hour), Outcome: FetchFailed},
	}
	if err := db.LogFetches(ctx, es); err != nil {
		t.Fatal(err)
	}
}

func TestSourceHealth(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

	none, err := db.SourceHealth(ctx, now.Add(-24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(none) != 0 {
		t.Errorf("SourceHealth of an empty database = %+v, want none", none)
	}

	healthFixture(t, db, now)
	wire := func(fetches, failures, notModified int, byReason map[string]int, lastError string) SourceHealth {
		return SourceHealth{Source: "example-wire", Articles: 2, LastArticleAt: now.Add(-time.Hour),
			LastFetchAt: now.Add(-time.Hour), Fetches: fetches, Failures: failures, FailedByReason: byReason,
			LastError: lastError, NotModified: notModified}
	}
	changed := func(fetches, failures int, byReason map[string]int, lastError string) SourceHealth {
		return SourceHealth{Source: "layout-changed", Articles: 1, LastArticleAt: now.Add(-21 * 24 * time.Hour),
			LastFetchAt: now.Add(-time.Hour), Fetches: fetches, Failures: failures, FailedByReason: byReason,
			LastError: lastError}
	}
	logOnly := func(fetches, failures int, byReason map[string]int, lastError string) SourceHealth {
		return SourceHealth{Source: "log-only", LastFetchAt: now.Add(-48 * time.Hour), Fetches: fetches,
			Failures: failures, FailedByReason: byReason, LastError: lastError}
	}
	const lastEmpty = "empty: https://changed.example/news/6"
	tests := []struct {
		name  string
		since time.Time
		want  []SourceHealth
	}{
		{
			name:  "last day",
			since: now.Add(-24 * time.Hour),
			want: []SourceHealth{
				wire(4, 0, 1, nil, ""),
				changed(3, 3, map[string]int{"empty": 3}, lastEmpty),
				logOnly(0, 0, nil, ""),
			},
		},
		{
			// The window starts at the newest failure: it is included.
			name:  "window starts on an entry",
			since: now.Add(-time.Hour),
			want: []SourceHealth{
				wire(2, 0, 0, nil, ""),
				changed(1, 1, map[string]int{"empty": 1}, lastEmpty),
				logOnly(0, 0, nil, ""),
			},
		},
		{
			name:  "last week",
			since: now.Add(-7 * 24 * time.Hour),
			want: []SourceHealth{
				wire(5, 1, 1, map[string]int{"timeout": 1}, "timeout: https://news.example.com/markets/0"),
				changed(3, 3, map[string]int{"empty": 3}, lastEmpty),
				logOnly(1, 1, map[string]int{"unknown": 1}, "unknown: https://quiet.example/feed"),
			},
		},
		{
			name:  "whole log",
			since: time.Time{},
			want: []SourceHealth{
				wire(5, 1, 1, map[string]int{"timeout": 1}, "timeout: https://news.example.com/markets/0"),
				changed(4, 3, map[string]int{"empty": 3}, lastEmpty),
				logOnly(1, 1, map[string]int{"unknown": 1}, "unknown: https://quiet.example/feed"),
			},
		},
		{
			name:  "future",
			since: now.Add(time.Hour),
			want: []SourceHealth{
				wire(0, 0, 0, nil, ""),
				changed(0, 0, nil, ""),
				logOnly(0, 0, nil, ""),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.SourceHealth(ctx, tt.since.In(hkt()))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got:\n%+v\nwant:\n%+v", got, tt.want)
			}
		})
	}
}

func TestSourceHealthArticlesOnly(t *testing.T) {
	// A database scraped before the fetch log existed still lists its
	// sources, with no fetches.
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	got, err := db.SourceHealth(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := []SourceHealth{{Source: "example-wire", Articles: 1, LastArticleAt: a.FetchedAt}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	at := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	const rss, sitemap = "https://news.example.com/rss", "https://news.example.com/sitemap.xml"
	saves := []struct{ source, location, cursor string }{
		{"example-wire", rss, "2025-03-04T08:00:00Z"},
		{"example-wire", sitemap, "2025-03-04T07:30:00Z"},
		{"other-wire", rss, "page=7"},
		// Later: the feed moved on.
		{"example-wire", rss, "2025-03-04T09:00:00Z"},
	}
	for i, s := range saves {
		if err := db.SaveCursor(ctx, s.source, s.location, s.cursor, at.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name             string
		source, location string
		want             string
		found            bool
	}{
		{name: "replaced", source: "example-wire", location: rss, want: "2025-03-04T09:00:00Z", found: true},
		{name: "other location", source: "example-wire", location: sitemap, want: "2025-03-04T07:30:00Z", found: true},
		{name: "other source", source: "other-wire", location: rss, want: "page=7", found: true},
		{name: "unknown location", source: "other-wire", location: sitemap},
		{name: "unknown source", source: "nobody", location: rss},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found, err := db.Cursor(ctx, tt.source, tt.location)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || found != tt.found {
				t.Errorf("got %q, %v; want %q, %v", got, found, tt.want, tt.found)
			}
		})
	}
	var updated sql.NullString
	if err := db.read.QueryRowContext(ctx, `SELECT updated_at FROM source_cursors WHERE source = ? AND location = ?`,
		"example-wire", rss).Scan(&updated); err != nil {
		t.Fatal(err)
	}
	if got, _ := parseTime(updated); !got.Equal(at.Add(3 * time.Hour)) {
		t.Errorf("updated_at = %v, want %v", got, at.Add(3*time.Hour))
	}
}

func TestSaveCursorInvalid(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	at := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name                     string
		source, location, cursor string
		at                       time.Time
		want                     string
	}{
		{name: "empty source", location: "https://x.example/rss", cursor: "c", at: at, want: "invalid: empty source"},
		{name: "empty location", source: "x", cursor: "c", at: at, want: "invalid: empty location"},
		{name: "zero time", source: "x", location: "https://x.example/rss", cursor: "c", want: "invalid: updated time is zero"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.SaveCursor(ctx, tt.source, tt.location, tt.cursor, tt.at)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
			if _, found, err := db.Cursor(ctx, tt.source, tt.location); err != nil || found {
				t.Errorf("after a rejected save: found %v, error %v; want nothing stored", found, err)
			}
		})
	}
}

// TestMigrateFromSchema2 opens a database left at schema version 2 by an
// older sectorpulse, built the way that version's migrate did (see
// TestMigrateFromSchema1). Open must apply only 0003, keep the rows, and
// leave the new tables empty and usable.
func TestMigrateFromSchema2(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 3 || ms[1].version != 2 || ms[1].name != "llm" || ms[2].version != 3 || ms[2].name != "fetch" {
		t.Fatalf("migrations do not start 0001_init, 0002_llm, 0003_fetch: %d of them", len(ms))
	}
	old, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
		ms[0].sql,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'init', '2025-03-01T00:00:00.000000000Z')`,
		ms[1].sql,
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (2, 'llm', '2025-03-02T00:00:00.000000000Z')`,
		`INSERT INTO sources (id, name, created_at) VALUES (1, 'wire', '2025-03-01T00:00:00.000000000Z')`,
		`INSERT INTO articles (id, source_id, url, canonical_url, fetched_at, content_hash)
			VALUES (1, 1, 'https://x.example/1', 'https://x.example/1', '2025-03-01T00:00:00.000000000Z', 'h1')`,
		`INSERT INTO runs (id, command, started_at, ended_at, fetched, failed_by_reason, status, requests)
			VALUES (1, 'scrape', '2025-03-01T00:00:00.000000000Z', '2025-03-01T00:01:00.000000000Z', 3, '{"timeout":1}', 'partial', 4)`,
		`INSERT INTO llm_answers (content_hash, model, prompt_version, raw, created_at)
			VALUES ('h1', 'm', 'p1', '{}', '2025-03-02T00:00:00.000000000Z')`,
	} {
		if _, err := old.Exec(stmt); err != nil {
			old.Close()
			t.Fatalf("building the schema-2 database: %v\n%s", err, stmt)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open of a schema-2 database: %v", err)
	}
	defer db.Close()

	var versions []string
	rows, err := db.read.QueryContext(ctx, `SELECT version || '_' || name FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		versions = append(versions, v)
	}
	rows.Close()
	if want := []string{"1_init", "2_llm", "3_fetch"}; !reflect.DeepEqual(versions[:min(3, len(versions))], want) {
		t.Errorf("schema_migrations: got %v, want it to start %v", versions, want)
	}

	want := Counts{Sources: 1, Articles: 1, Runs: 1, LLMAnswers: 1}
	if got := counts(t, db); got != want {
		t.Errorf("counts: got %+v, want %+v", got, want)
	}
	if got := fetchLogRows(t, db); got != 0 {
		t.Errorf("fetch_log rows after the upgrade = %d, want 0", got)
	}
	health, err := db.SourceHealth(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	wantHealth := []SourceHealth{{Source: "wire", Articles: 1, LastArticleAt: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}}
	if !reflect.DeepEqual(health, wantHealth) {
		t.Errorf("SourceHealth after the upgrade: got %+v, want %+v", health, wantHealth)
	}

	at := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	if err := db.LogFetches(ctx, []FetchLogEntry{{RunID: 1, Source: "wire", URL: "https://x.example/2", At: at,
		Outcome: FetchFailed, Reason: "empty"}}); err != nil {
		t.Errorf("LogFetches after the upgrade: %v", err)
	}
	if err := db.SaveFetchState(ctx, FetchState{URL: "https://x.example/rss", Source: "wire", ETag: `"e"`,
		CheckedAt: at}); err != nil {
		t.Errorf("SaveFetchState after the upgrade: %v", err)
	}
	if err := db.SaveCursor(ctx, "wire", "https://x.example/rss", "2025-03-03T23:00:00Z", at); err != nil {
		t.Errorf("SaveCursor after the upgrade: %v", err)
	}
}
