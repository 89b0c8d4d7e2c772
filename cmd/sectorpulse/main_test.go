package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"
	"github.com/sectorpulse/sectorpulse/store"
)

// cli runs the command line in-process with an empty environment (plus
// env) and returns the exit code and the two streams.
func cli(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	io, out, errOut := TestIO(stdin)
	getenv := func(k string) string { return env[k] }
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	code := Main(ctx, args, io, getenv)
	return code, out.String(), errOut.String()
}

// fixtureSite serves testdata pages and a few faulty routes on loopback.
func fixtureSite(t *testing.T) *httptest.Server {
	t.Helper()
	page, err := os.ReadFile("testdata/hk-close.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/markets/hk-close.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4 not a page"))
	})
	mux.HandleFunc("/empty.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><head><title>Nothing</title></head><body></body></html>"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("export is not valid CSV: %v\n%s", err, s)
	}
	return rows
}

func counts(t *testing.T, path string) store.Counts {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestScrapeAnalyzeExportEndToEnd(t *testing.T) {
	srv := fixtureSite(t)
	dbPath := filepath.Join(t.TempDir(), "sp.db")
	pageURL := srv.URL + "/markets/hk-close.html"

	code, _, stderr := cli(t, nil, "", "--db", dbPath, "scrape", "--url", pageURL)
	if code != ExitOK {
		t.Fatalf("scrape exit %d: %s", code, stderr)
	}
	code, _, stderr = cli(t, nil, "", "--db", dbPath, "analyze", "--analyzer", "lexicon")
	if code != ExitOK {
		t.Fatalf("analyze exit %d: %s", code, stderr)
	}
	first := counts(t, dbPath)
	if first.Articles != 1 || first.Analyses != 1 || first.Mentions == 0 || first.SectorScores == 0 || first.IndexMoves != 2 {
		t.Fatalf("after one scrape+analyze: %+v, want 1 article, 1 analysis, mentions, sector scores and 2 index moves", first)
	}

	// Re-running stores nothing new.
	cli(t, nil, "", "--db", dbPath, "scrape", "--url", pageURL)
	code, _, stderr = cli(t, nil, "", "--db", dbPath, "analyze", "--analyzer", "lexicon")
	if code != ExitOK {
		t.Fatalf("second analyze exit %d: %s", code, stderr)
	}
	again := counts(t, dbPath)
	again.Runs, first.Runs = 0, 0
	if again != first {
		t.Errorf("re-run changed counts: %+v, want %+v", again, first)
	}

	code, out, stderr := cli(t, nil, "", "--db", dbPath, "status")
	if code != ExitOK {
		t.Fatalf("status exit %d: %s", code, stderr)
	}
	lines := strings.Split(out, "\n")
	var runLines []string
	for _, l := range lines {
		if f := strings.Fields(l); len(f) > 2 && (f[1] == "scrape" || f[1] == "analyze") {
			runLines = append(runLines, strings.Join(f, " "))
		}
	}
	// Newest first: the second analyze and scrape stored nothing.
	if len(runLines) != 4 || !strings.Contains(runLines[0], "analyze") || !strings.Contains(runLines[0], " ok 0 0 0 0 lexicon 0 ") ||
		!strings.Contains(runLines[1], " ok 0 0 1 0 ") || !strings.Contains(runLines[3], " ok 1 1 0 0 ") {
		t.Errorf("status runs:\n%s", strings.Join(runLines, "\n"))
	}

	// Prices to check the reported moves against: HSI's agree with the
	// article (21815.35 → 22620.33 is +3.69%), HSTECH's close does not.
	dir := t.TempDir()
	hsiCSV := filepath.Join(dir, "hsi.csv")
	techCSV := filepath.Join(dir, "hstech.csv")
	os.WriteFile(hsiCSV, []byte("Date,Close\n2025-02-13,\"21,815.35\"\n2025-02-14,\"22,620.33\"\n"), 0o644)
	os.WriteFile(techCSV, []byte("Date,Close\n2025-02-13,5308.56\n2025-02-14,5590.00\n"), 0o644)
	for _, p := range [][2]string{{"HSI", hsiCSV}, {"HSTECH", techCSV}} {
		if code, _, stderr := cli(t, nil, "", "--db", dbPath, "prices", "import", "--index", p[0], p[1]); code != ExitOK {
			t.Fatalf("prices import %s exit %d: %s", p[0], code, stderr)
		}
	}

	code, out, stderr = cli(t, nil, "", "--db", dbPath, "export", "moves")
	if code != ExitOK {
		t.Fatalf("export moves exit %d: %s", code, stderr)
	}
	rows := readCSV(t, out)
	if got := strings.Join(rows[0], ","); got != "article_id,url,published_at,index_code,index_name,change_pct,level,evidence,change_points,period,price_date,price_close,price_change_pct,matches" {
		t.Errorf("moves header %q", got)
	}
	moves := map[string][]string{}
	for _, r := range rows[1:] {
		moves[r[3]] = r
	}
	if r := moves["HSI"]; r == nil || r[5] != "3.69" || r[6] != "22620.33" || r[2] != "2025-02-14T16:35:00+08:00" ||
		r[10] != "2025-02-14" || r[11] != "22620.33" || r[12] != "3.69" || r[13] != "true" {
		t.Errorf("HSI move row %q, want change 3.69, level 22620.33, published with its +08:00 offset, matching the 2025-02-14 close", r)
	}
	if r := moves["HSTECH"]; r == nil || r[5] != "5.56" || r[6] != "5603.72" || r[11] != "5590" || r[13] != "false" {
		t.Errorf("HSTECH move row %q, want change 5.56, level 5603.72 flagged against the 5590 close", r)
	}

	code, out, stderr = cli(t, nil, "", "--db", dbPath, "export", "mentions", "--format", "csv")
	if code != ExitOK {
		t.Fatalf("export mentions exit %d: %s", code, stderr)
	}
	rows = readCSV(t, out)
	cols := rows[0]
	col := func(name string) int {
		for i, c := range cols {
			if c == name {
				return i
			}
		}
		t.Fatalf("mentions has no column %s", name)
		return -1
	}
	byEntity := map[string][]string{}
	for _, r := range rows[1:] {
		byEntity[r[col("entity")]] = r
	}
	for entity, label := range map[string]string{"Alibaba": "positive", "Tencent": "positive", "NIO": "negative"} {
		r := byEntity[entity]
		if r == nil {
			t.Errorf("no mention of %s in %v", entity, rows)
			continue
		}
		if r[col("label")] != label {
			t.Errorf("%s label %s, want %s (row %q)", entity, r[col("label")], label, r)
		}
		if !strings.Contains(string(mustRead(t, "testdata/hk-close.html")), strings.TrimPrefix(r[col("evidence")], "'")) {
			t.Errorf("%s evidence %q is not in the page", entity, r[col("evidence")])
		}
		if r[col("trading_date")] != "2025-02-17" {
			t.Errorf("%s trading_date %s, want 2025-02-17 (Friday 16:35 HKT is after the close)", entity, r[col("trading_date")])
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRunExitsFourWhenLockIsHeld(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "sp.db")
	lock := flock.New(dbPath + ".lock")
	if ok, err := lock.TryLock(); err != nil || !ok {
		t.Fatalf("take lock: %v %v", ok, err)
	}
	defer lock.Unlock()
	start := time.Now()
	code, _, stderr := cli(t, nil, "", "--db", dbPath, "run", "--file", "testdata/hk-close.html", "--analyzer", "lexicon")
	if code != ExitLocked {
		t.Fatalf("exit %d, want %d: %s", code, ExitLocked, stderr)
	}
	if !strings.Contains(stderr, dbPath+".lock") {
		t.Errorf("message does not name the lock file: %s", stderr)
	}
	if _, err := os.Stat(dbPath); err == nil {
		t.Errorf("locked-out run created the database")
	}
	t.Logf("locked-out run returned after %v", time.Since(start))
}

func TestRunRecordsCountsAndLogsOneSummary(t *testing.T) {
	srv := fixtureSite(t)
	dbPath := filepath.Join(t.TempDir(), "sp.db")
	code, _, stderr := cli(t, nil, "", "--db", dbPath, "--log-format", "json", "run",
		"--url", srv.URL+"/markets/hk-close.html", "--url", srv.URL+"/report.pdf", "--url", srv.URL+"/missing.html", "--analyzer", "lexicon")
	if code != ExitPartial {
		t.Fatalf("exit %d, want %d (partial): %s", code, ExitPartial, stderr)
	}
	var summary string
	for _, line := range strings.Split(stderr, "\n") {
		if strings.Contains(line, `"msg":"run finished"`) {
			summary = line
		}
	}
	for _, want := range []string{`"fetched":1`, `"new":1`, `"near_duplicate":0`, `"failed":2`, `http_404=1`, `not_html=1`, `"analyzed":1`, `"status":"partial"`} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary line lacks %s: %s", want, summary)
		}
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runs, err := db.Runs(context.Background(), 5)
	if err != nil || len(runs) != 1 {
		t.Fatalf("runs %v, %v; want one", runs, err)
	}
	r := runs[0]
	if r.Command != "run" || r.New != 1 || r.Failed != 2 || r.FailedByReason["http_404"] != 1 || r.Analyzed != 1 || r.Status != "partial" || r.EndedAt.IsZero() {
		t.Errorf("recorded run %+v", r)
	}
}

func TestBadInputs(t *testing.T) {
	srv := fixtureSite(t)
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.db")
	junk := bytes.Repeat([]byte("this is not a database "), 400)
	if err := os.WriteFile(corrupt, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.db")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  []string
	}{
		{"missing directory", []string{"--db", filepath.Join(dir, "nope", "sp.db"), "export", "articles"}, ExitUsage, []string{filepath.Join(dir, "nope")}},
		{"corrupt database", []string{"--db", corrupt, "export", "articles"}, ExitFailure, []string{corrupt, "not a SQLite database"}},
		{"unreachable URL", []string{"--db", good, "scrape", "--url", "http://127.0.0.1:1/x.html"}, ExitFailure, []string{"http://127.0.0.1:1/x.html"}},
		{"non-HTML content", []string{"--db", good, "scrape", "--url", srv.URL + "/report.pdf"}, ExitFailure, []string{srv.URL + "/report.pdf", "not_html"}},
		{"empty page", []string{"--db", good, "scrape", "--url", srv.URL + "/empty.html"}, ExitFailure, []string{srv.URL + "/empty.html", "empty"}},
		{"malformed CSV row", []string{"--db", good, "prices", "import", "--index", "HSI", "testdata/prices-bad-row.csv"}, ExitPartial, []string{"testdata/prices-bad-row.csv:4"}},
		{"unknown index code", []string{"--db", good, "prices", "import", "--index", "FTSE", "testdata/prices-bad-row.csv"}, ExitUsage, []string{`"FTSE"`, "HSTECH"}},
		{"unknown export table", []string{"--db", good, "export", "trades"}, ExitUsage, []string{`"trades"`}},
		{"unknown flag", []string{"--db", good, "scrape", "--bogus"}, ExitUsage, []string{"--bogus"}},
		{"unknown command", []string{"--db", good, "frobnicate"}, ExitUsage, []string{"frobnicate"}},
		{"unknown subcommand", []string{"--db", good, "prices", "improt", "x.csv"}, ExitUsage, []string{`"improt"`}},
		{"export into a missing directory", []string{"--db", good, "export", "daily", "--out", filepath.Join(dir, "nope", "d.csv")}, ExitUsage, []string{filepath.Join(dir, "nope")}},
		{"correlate date with a time", []string{"--db", good, "correlate", "--index", "HSI", "--from", "2025-02-04T00:00:00Z"}, ExitUsage, []string{"--from"}},
		{"model without the llm analyzer", []string{"--db", good, "analyze", "--model", "gpt-4o-mini"}, ExitUsage, []string{"--model"}},
		{"config file with an unknown key", []string{"--config", "testdata/config-typo.yaml", "--db", good, "status"}, ExitUsage, []string{"testdata/config-typo.yaml", "api-key"}},
		{"run lock in a missing directory", []string{"--db", filepath.Join(dir, "nope", "sp.db"), "run", "--file", "testdata/hk-close.html"}, ExitUsage, []string{filepath.Join(dir, "nope")}},
		{"extract of a missing file", []string{"extract", filepath.Join(dir, "missing.html")}, ExitFailure, []string{filepath.Join(dir, "missing.html")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := cli(t, nil, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.wantCode, stderr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q: %s", w, stderr)
				}
			}
		})
	}
	if b, _ := os.ReadFile(corrupt); !bytes.Equal(b, junk) {
		t.Error("the corrupt database file was modified")
	}
	// The malformed row's neighbours were imported.
	code, out, _ := cli(t, nil, "", "--db", good, "export", "prices")
	if code != ExitOK || strings.Count(out, "\nHSI,") != 4 {
		t.Errorf("export prices after a bad row: exit %d, want 4 HSI rows:\n%s", code, out)
	}
}

func TestScoreAndExtractShapes(t *testing.T) {
	code, out, stderr := cli(t, nil, "Tencent shares surged 5 percent after strong quarterly results.\n\nChipmakers tumbled after new export curbs.\n", "score", "--analyzer", "lexicon")
	if code != ExitOK {
		t.Fatalf("score exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("score printed %d lines for 2 texts:\n%s", len(lines), out)
	}
	if !strings.Contains(lines[0], `"label":"positive"`) || !strings.Contains(lines[0], `"name":"Tencent"`) {
		t.Errorf("first line: %s", lines[0])
	}
	if !strings.Contains(lines[1], `"label":"negative"`) {
		t.Errorf("second line: %s", lines[1])
	}

	code, out, stderr = cli(t, nil, "", "extract", "--format", "json", "testdata/hk-close.html")
	if code != ExitOK {
		t.Fatalf("extract exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"title":"Hong Kong stocks rally as AI optimism lifts tech giants"`, `"published_at":"2025-02-14T16:35:00+08:00"`, `"language":"en"`} {
		if !strings.Contains(out, want) {
			t.Errorf("extract json lacks %s: %s", want, out)
		}
	}
}

func TestDemoRunsEndToEndAndTwiceAddsNothing(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	code, out, stderr := cli(t, nil, "", "--db", dbPath, "demo")
	if code != ExitOK {
		t.Fatalf("demo exit %d:\n%s\n%s", code, out, stderr)
	}
	for _, want := range []string{"Sector sentiment", "Top entities", "Index moves reported", "Pearson r of daily sector sentiment with HSTECH", "lag -1", "Next:", dbPath} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	first := counts(t, dbPath)
	if first.Articles < 40 || first.Prices == 0 || first.IndexMoves < 25 {
		t.Errorf("demo stored %+v; want ≥ 40 articles, prices and ≥ 25 index moves", first)
	}
	code, out, stderr = cli(t, nil, "", "--db", dbPath, "demo")
	if code != ExitOK {
		t.Fatalf("second demo exit %d: %s", code, stderr)
	}
	again := counts(t, dbPath)
	again.Runs, first.Runs = 0, 0
	if again != first {
		t.Errorf("second demo changed counts: %+v, want %+v", again, first)
	}
	if !strings.Contains(out, " 0 new") {
		t.Errorf("second demo does not report 0 new articles:\n%s", out)
	}
}

func TestExportOutReplacesFileAtomicallyKeepingItsMode(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "sp.db")
	if code, _, stderr := cli(t, nil, "", "--db", dbPath, "prices", "import", "--index", "HSI", "testdata/prices-bad-row.csv"); code != ExitPartial {
		t.Fatalf("import exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "prices.csv")
	if err := os.WriteFile(out, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, nil, "", "--db", dbPath, "export", "prices", "--out", out); code != ExitOK {
		t.Fatalf("export exit %d: %s", code, stderr)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the replaced file's 0640", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), "index_code,trading_date,open,high,low,close\n") || strings.Count(string(b), "\n") != 5 {
		t.Errorf("exported file:\n%s", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestDemoIgnoresConfiguredDatabase(t *testing.T) {
	dir := t.TempDir()
	work := filepath.Join(dir, "work.db")
	demoDB := filepath.Join(dir, "demo.db")
	code, out, stderr := cli(t, map[string]string{"SECTORPULSE_DB": work}, "", "--db", demoDB, "demo")
	if code != ExitOK {
		t.Fatalf("demo exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(work); err == nil {
		t.Errorf("demo wrote into $SECTORPULSE_DB %s", work)
	}
	if !strings.Contains(out, demoDB) {
		t.Errorf("demo does not print its database path")
	}
}

func TestSecretsNeverReachOutputOrDatabase(t *testing.T) {
	const key = "sk-test-0123456789abcdef-secret"
	// The endpoint echoes the bearer token in an error body once, as some
	// proxies do, then answers.
	srv := newFakeOpenAI(t, func(w http.ResponseWriter, n int, body []byte) {
		if n == 0 {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprintf(w, "upstream failed for token %s", key)
			return
		}
		answerWith(w, hkCloseAnswer)
	})
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "sp.db")
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("llm:\n  api_key: "+key+"\n  base_url: "+srv.URL+"/v1\n  model: fake-model\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"OPENAI_API_KEY": key}
	var all strings.Builder
	for _, args := range [][]string{
		{"--config", cfg, "--db", dbPath, "--log-format", "json", "run", "--file", "testdata/hk-close.html"},
		{"--config", cfg, "--db", dbPath, "analyze", "--reanalyze"},
		{"--config", cfg, "--db", dbPath, "export", "mentions", "--format", "jsonl"},
		{"--config", cfg, "--db", dbPath, "export", "sectors"},
		{"--config", cfg, "--db", dbPath, "export", "articles"},
		{"--config", cfg, "--db", dbPath, "status"},
		{"--config", cfg, "score", "--analyzer", "lexicon", "Tencent rose."},
	} {
		code, out, stderr := cli(t, env, "", args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		all.WriteString(out + stderr)
	}
	if srv.calls.Load() != 2 {
		t.Fatalf("requests = %d, want 2 (an error with the echoed key, then an answer)", srv.calls.Load())
	}
	if !strings.Contains(all.String(), "[redacted]") {
		t.Errorf("the retry log should show the echoed key redacted:\n%s", all.String())
	}
	if strings.Contains(all.String(), key) {
		t.Error("the API key appears in the output or logs")
	}
	for _, f := range []string{dbPath, dbPath + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && f == dbPath {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(key)) {
			t.Errorf("the API key is stored in %s", f)
		}
	}
}

func TestExtractShowsRefusedPagesAndReadsZones(t *testing.T) {
	dir := t.TempDir()
	front := `<html><head><title>Markets | Harbour Wire</title></head><body><h1>Markets</h1><ul>`
	for i := range 12 {
		front += fmt.Sprintf(`<li><a href="/markets/2025/02/14/story-%d.html">Hang Seng story number %d of the day</a></li>`, i, i)
	}
	front += `</ul></body></html>`
	bare := `<html lang="en"><head><meta name="pubdate" content="2025-02-14 16:35"></head><body><article><h1>Hang Seng climbs</h1>` +
		`<p>Hong Kong stocks closed higher on Friday as technology shares rallied for a third session and turnover rose to a four-month high, traders said.</p>` +
		`<p>Chipmakers led the gains after a local lab said its new model matched larger rivals at a fraction of the cost.</p></article></body></html>`
	for name, body := range map[string]string{"front.html": front, "bare.html": bare} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := cli(t, nil, "", "extract", "--format", "json", "--timezone", "Asia/Hong_Kong",
		filepath.Join(dir, "front.html"), filepath.Join(dir, "bare.html"))
	if code != ExitPartial {
		t.Errorf("exit %d, want %d (one of two refused): %s", code, ExitPartial, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a line per page, got:\n%s", out)
	}
	if !strings.Contains(lines[0], `"refused":"not_article"`) || !strings.Contains(stderr, "front.html") {
		t.Errorf("refused page: %s\nstderr: %s", lines[0], stderr)
	}
	for _, want := range []string{`"published_at":"2025-02-14T16:35:00+08:00"`, `"date_source":"meta"`, `"date_inferred":true`} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("bare page lacks %s: %s", want, lines[1])
		}
	}
	if strings.Contains(lines[1], "refused") {
		t.Errorf("accepted page marked refused: %s", lines[1])
	}
	if code, _, stderr := cli(t, nil, "", "extract", "--timezone", "Mars/Olympus", filepath.Join(dir, "bare.html")); code != ExitUsage || !strings.Contains(stderr, "Mars/Olympus") {
		t.Errorf("bad zone: exit %d, stderr %s", code, stderr)
	}
}
