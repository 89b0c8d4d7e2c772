package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// requestLog records the requests a fake price server receives.
type requestLog struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (l *requestLog) add(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reqs = append(l.reqs, r.Clone(r.Context()))
}

func (l *requestLog) all() []*http.Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*http.Request(nil), l.reqs...)
}

// priceServer serves handler on loopback and records every request.
func priceServer(t *testing.T, handler http.HandlerFunc) (*httptest.Server, *requestLog) {
	t.Helper()
	log := &requestLog{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, log
}

// logRecords returns the JSON log records of stderr whose msg is msg.
func logRecords(t *testing.T, stderr, msg string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for _, line := range strings.Split(stderr, "\n") {
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %v: %s", err, line)
		}
		if rec["msg"] == msg {
			recs = append(recs, rec)
		}
	}
	return recs
}

// exportedPrices runs `export prices` and returns "CODE DATE CLOSE" per row.
func exportedPrices(t *testing.T, args ...string) []string {
	t.Helper()
	code, out, stderr := cli(t, nil, "", append(args, "export", "prices")...)
	if code != ExitOK {
		t.Fatalf("export prices exit %d: %s", code, stderr)
	}
	rows := readCSV(t, out)
	if got := strings.Join(rows[0], ","); got != "index_code,trading_date,open,high,low,close" {
		t.Fatalf("prices header %q", got)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0]+" "+r[1]+" "+r[5])
	}
	return got
}

func TestPricesFetchYahooStoresGoodClosesAndReportsNullRow(t *testing.T) {
	chart := mustRead(t, "testdata/market/yahoo_hsi.json")
	srv, reqs := priceServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(chart)
	})
	dbPath := filepath.Join(t.TempDir(), "sp.db")
	fetch := []string{"--db", dbPath, "--log-format", "json", "prices", "fetch", "--index", "HSI", "--source", "yahoo",
		"--from", "2025-02-03", "--to", "2025-02-07", "--base-url", srv.URL}

	code, out, stderr := cli(t, nil, "", fetch...)
	if code != ExitPartial {
		t.Fatalf("exit %d, want %d (one null close): %s", code, ExitPartial, stderr)
	}
	if out != "" {
		t.Errorf("fetch wrote to stdout: %q", out)
	}
	if !strings.Contains(stderr, "2025-02-06: no close (null)") {
		t.Errorf("stderr does not name the null row's date 2025-02-06:\n%s", stderr)
	}
	got := reqs.all()
	if len(got) != 1 {
		t.Fatalf("server got %d requests, want 1", len(got))
	}
	r := got[0]
	if p := r.URL.EscapedPath(); p != "/v8/finance/chart/%5EHSI" {
		t.Errorf("path %s, want /v8/finance/chart/%%5EHSI", p)
	}
	// 00:00 HKT of --from, 00:00 HKT of the day after --to.
	q := r.URL.Query()
	for k, want := range map[string]string{"period1": "1738512000", "period2": "1738944000", "interval": "1d"} {
		if q.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, q.Get(k), want)
		}
	}
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "sectorpulse/") {
		t.Errorf("User-Agent %q", ua)
	}

	want := []string{"HSI 2025-02-03 20217.26", "HSI 2025-02-04 20789.96", "HSI 2025-02-05 20597.09", "HSI 2025-02-07 21133.54"}
	if got := exportedPrices(t, "--db", dbPath); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("stored prices\n%v\nwant\n%v", got, want)
	}
	if got := exportedPrices(t, "--db", dbPath, "--index", "HSI"); len(got) != 4 {
		t.Errorf("export prices --index HSI: %d rows, want 4", len(got))
	}
	before := counts(t, dbPath)

	code, _, stderr = cli(t, nil, "", fetch...)
	if code != ExitPartial {
		t.Fatalf("second fetch exit %d, want %d: %s", code, ExitPartial, stderr)
	}
	recs := logRecords(t, stderr, "prices fetched")
	if len(recs) != 1 {
		t.Fatalf("%d 'prices fetched' lines, want 1:\n%s", len(recs), stderr)
	}
	for k, want := range map[string]float64{"rows": 4, "inserted": 0, "updated": 0, "unchanged": 4, "bad_rows": 1} {
		if recs[0][k] != want {
			t.Errorf("second fetch %s = %v, want %v", k, recs[0][k], want)
		}
	}
	if after := counts(t, dbPath); after.Prices != before.Prices || after.Prices != 4 {
		t.Errorf("prices after a second fetch: %d, want %d (was %d)", after.Prices, 4, before.Prices)
	}
}

func TestPricesFetchStooq(t *testing.T) {
	spx := mustRead(t, "testdata/market/stooq_spx.csv")
	srv, reqs := priceServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/q/d/l/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/csv")
		switch r.URL.Query().Get("s") {
		case "^spx":
			w.Write(spx)
		default:
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "No data")
		}
	})
	wantSPX := []string{"SPX 2025-03-03 5849.72", "SPX 2025-03-04 5778.15", "SPX 2025-03-05 5842.63",
		"SPX 2025-03-06 5738.52", "SPX 2025-03-07 5770.2"}

	t.Run("range", func(t *testing.T) {
		dbPath := filepath.Join(t.TempDir(), "sp.db")
		code, _, stderr := cli(t, nil, "", "--db", dbPath, "prices", "fetch", "--index", "SPX", "--source", "stooq",
			"--from", "2025-03-03", "--to", "2025-03-07", "--base-url", srv.URL)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		got := reqs.all()
		q := got[len(got)-1].URL.Query()
		for k, want := range map[string]string{"s": "^spx", "d1": "20250303", "d2": "20250307", "i": "d"} {
			if q.Get(k) != want {
				t.Errorf("%s = %q, want %q", k, q.Get(k), want)
			}
		}
		// 2025-02-28 is outside --from..--to and dropped.
		if got := exportedPrices(t, "--db", dbPath); strings.Join(got, "|") != strings.Join(wantSPX, "|") {
			t.Errorf("stored\n%v\nwant\n%v", got, wantSPX)
		}
	})

	t.Run("default dates", func(t *testing.T) {
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Fatal(err)
		}
		dbPath := filepath.Join(t.TempDir(), "sp.db")
		start := time.Now().In(ny)
		code, _, stderr := cli(t, nil, "", "--db", dbPath, "prices", "fetch", "--index", "SPX", "--source", "stooq", "--base-url", srv.URL)
		end := time.Now().In(ny)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		got := reqs.all()
		q := got[len(got)-1].URL.Query()
		d2 := q.Get("d2")
		if d2 != start.Format("20060102") && d2 != end.Format("20060102") {
			t.Errorf("d2 = %s, want today in New York (%s)", d2, end.Format("20060102"))
		}
		to, err := time.Parse("20060102", d2)
		if err != nil {
			t.Fatalf("d2 %q: %v", d2, err)
		}
		if want := to.AddDate(-10, 0, 0).Format("20060102"); q.Get("d1") != want {
			t.Errorf("d1 = %s, want ten years before d2: %s", q.Get("d1"), want)
		}
		// The fixture's six rows all lie in the ten years.
		if n := counts(t, dbPath).Prices; n != 6 {
			t.Errorf("stored %d prices, want 6", n)
		}
	})

	t.Run("no data", func(t *testing.T) {
		dbPath := filepath.Join(t.TempDir(), "sp.db")
		code, _, stderr := cli(t, nil, "", "--db", dbPath, "prices", "fetch", "--index", "DJIA", "--source", "stooq",
			"--from", "2025-03-03", "--to", "2025-03-07", "--base-url", srv.URL)
		// Every item failed and the input was valid: failure, not usage.
		if code != ExitFailure {
			t.Errorf("exit %d, want %d: %s", code, ExitFailure, stderr)
		}
		for _, want := range []string{`stooq answered "No data" for symbol ^dji`, srv.URL + "/q/d/l/?s=%5Edji"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr)
			}
		}
		if n := counts(t, dbPath).Prices; n != 0 {
			t.Errorf("stored %d prices, want 0", n)
		}
	})

	t.Run("one of two fails", func(t *testing.T) {
		dbPath := filepath.Join(t.TempDir(), "sp.db")
		code, _, stderr := cli(t, nil, "", "--db", dbPath, "prices", "fetch", "--index", "DJIA", "--index", "SPX", "--source", "stooq",
			"--from", "2025-03-03", "--to", "2025-03-07", "--base-url", srv.URL)
		if code != ExitPartial {
			t.Errorf("exit %d, want %d: %s", code, ExitPartial, stderr)
		}
		if !strings.Contains(stderr, "^dji") || !strings.Contains(stderr, "1 failed") {
			t.Errorf("stderr does not report the DJIA failure:\n%s", stderr)
		}
		if got := exportedPrices(t, "--db", dbPath); strings.Join(got, "|") != strings.Join(wantSPX, "|") {
			t.Errorf("stored\n%v\nwant only SPX\n%v", got, wantSPX)
		}
	})
}

func TestPricesImportColumnOverrides(t *testing.T) {
	const file = "testdata/market/csi300_zh_dmy.csv"
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string // stored prices
		wantErr  []string
	}{
		{"chinese names, day first", []string{"--date-col", "交易日期", "--close-col", "收盘点位", "--date-format", "dmy"}, ExitOK,
			[]string{"CSI300 2025-02-03 3781.26", "CSI300 2025-02-04 3795.08", "CSI300 2025-02-05 3832.94"}, nil},
		{"column number, month first", []string{"--date-col", "1", "--close-col", "7", "--date-format", "mdy"}, ExitOK,
			[]string{"CSI300 2025-03-02 3781.26", "CSI300 2025-04-02 3795.08", "CSI300 2025-05-02 3832.94"}, nil},
		{"undetected header", nil, ExitUsage, nil, []string{file + ":1", "--date-col"}},
		{"order undecidable", []string{"--date-col", "交易日期", "--close-col", "收盘点位"}, ExitUsage, nil, []string{`"03/02/2025"`, "dmy or mdy"}},
		{"bad date column", []string{"--date-col", "日期", "--close-col", "收盘点位", "--date-format", "dmy"}, ExitUsage, nil,
			[]string{`--date-col "日期"`, `1 "交易日期"`}},
		{"bad close column", []string{"--date-col", "交易日期", "--close-col", "9", "--date-format", "dmy"}, ExitUsage, nil,
			[]string{`--close-col "9"`}},
		{"bad date format", []string{"--date-col", "交易日期", "--close-col", "收盘点位", "--date-format", "yyyy"}, ExitUsage, nil,
			[]string{`"yyyy"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbPath := filepath.Join(t.TempDir(), "sp.db")
			args := append([]string{"--db", dbPath, "prices", "import", "--index", "CSI300"}, tt.args...)
			code, _, stderr := cli(t, nil, "", append(args, file)...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tt.wantCode, stderr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q: %s", w, stderr)
				}
			}
			if got := exportedPrices(t, "--db", dbPath); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("stored %v, want %v", got, tt.want)
			}
		})
	}
}

func TestConfigAddsExchangesAndIndexes(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "sp.db")
	cfg := filepath.Join(dir, "config.yaml")
	const good = `exchanges:
  - code: LSE
    name: London Stock Exchange
    time_zone: Europe/London
    close: "16:30"
indexes:
  - code: FTSE
    name: FTSE 100
    exchange: LSE
    currency: GBP
    yahoo: ^FTSE
    aliases: [Footsie]
`
	if err := os.WriteFile(cfg, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := cli(t, nil, "", "--config", cfg, "prices", "indexes", "--format", "jsonl")
	if code != ExitOK {
		t.Fatalf("prices indexes exit %d: %s", code, stderr)
	}
	var ftse *indexJSON
	codes := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ix indexJSON
		if err := json.Unmarshal([]byte(line), &ix); err != nil {
			t.Fatalf("line is not JSON: %v: %s", err, line)
		}
		codes[ix.Code] = true
		if ix.Code == "FTSE" {
			ftse = &ix
		}
	}
	if ftse == nil {
		t.Fatalf("FTSE not listed:\n%s", out)
	}
	if !codes["HSI"] || !codes["SPX"] {
		t.Errorf("built-in indexes lost: %v", codes)
	}
	if ftse.Exchange != "LSE" || ftse.TimeZone != "Europe/London" || ftse.Close != "16:30" || ftse.Currency != "GBP" ||
		ftse.Yahoo != "^FTSE" || !strings.Contains(strings.Join(ftse.Aliases, ","), "Footsie") {
		t.Errorf("FTSE listed as %+v", *ftse)
	}

	code, _, stderr = cli(t, nil, "", "--config", cfg, "--db", dbPath, "prices", "import", "--index", "Footsie", "testdata/market/ftse.csv")
	if code != ExitOK {
		t.Fatalf("import --index Footsie exit %d: %s", code, stderr)
	}
	want := []string{"FTSE 2025-03-03 8871.31", "FTSE 2025-03-04 8759.68", "FTSE 2025-03-05 8755.84"}
	if got := exportedPrices(t, "--config", cfg, "--db", dbPath); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("stored %v, want %v", got, want)
	}
	// Without the config file FTSE is unknown.
	if code, _, stderr := cli(t, nil, "", "--db", dbPath, "prices", "import", "--index", "Footsie", "testdata/market/ftse.csv"); code != ExitUsage || !strings.Contains(stderr, "Footsie") {
		t.Errorf("import without the config: exit %d, want %d naming Footsie: %s", code, ExitUsage, stderr)
	}

	bad := filepath.Join(dir, "bad.yaml")
	// The index on the unknown exchange is the mapping starting on line 7.
	badYAML := good + `  - code: OMXS30
    name: OMX Stockholm 30
    exchange: NASDAQSTO
`
	if err := os.WriteFile(bad, []byte(badYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(good, "\n") + 1
	for _, args := range [][]string{
		{"--config", bad, "prices", "indexes"},
		{"--config", bad, "--db", dbPath, "prices", "import", "--index", "FTSE", "testdata/market/ftse.csv"},
	} {
		code, _, stderr := cli(t, nil, "", args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d: %s", args, code, ExitUsage, stderr)
		}
		for _, w := range []string{fmt.Sprintf("%s:%d", bad, line), "NASDAQSTO"} {
			if !strings.Contains(stderr, w) {
				t.Errorf("%v: stderr lacks %q: %s", args, w, stderr)
			}
		}
	}
}

func correlateCSV(t *testing.T, db string, args ...string) [][]string {
	t.Helper()
	code, out, stderr := cli(t, nil, "", append([]string{"--db", db, "correlate", "--index", "HSTECH", "--format", "csv"}, args...)...)
	if code != ExitOK {
		t.Fatalf("correlate %v exit %d: %s", args, code, stderr)
	}
	if strings.Contains(out, "NaN") {
		t.Errorf("correlate %v prints NaN:\n%s", args, out)
	}
	rows := readCSV(t, out)
	for _, r := range rows {
		for _, cell := range r {
			if strings.TrimLeft(cell, "+-") == "Inf" {
				t.Errorf("correlate %v prints an infinity in row %v", args, r)
			}
		}
	}
	return rows
}

// column returns the index of name in header.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, c := range header {
		if c == name {
			return i
		}
	}
	t.Fatalf("no column %s in %v", name, header)
	return -1
}

func TestCorrelateOnDemoData(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, stderr := cli(t, nil, "", "--db", db, "demo"); code != ExitOK {
		t.Fatalf("demo exit %d: %s", code, stderr)
	}

	t.Run("default lags and methods", func(t *testing.T) {
		rows := correlateCSV(t, db, "--sector", "tech.ai")
		h := rows[0]
		if got := strings.Join(h, ","); !strings.HasSuffix(got, ",p_adjusted,note") || !strings.HasPrefix(got, "index_code,sector,lag,method,n,r,p_value") {
			t.Errorf("header %s", got)
		}
		if len(rows)-1 != 33 {
			t.Fatalf("%d rows, want 33 (lags -5..5 × 3 methods)", len(rows)-1)
		}
		lagC, methodC, pC, paC, rC := column(t, h, "lag"), column(t, h, "method"), column(t, h, "p_value"), column(t, h, "p_adjusted"), column(t, h, "r")
		seen := map[string]bool{}
		withP := 0
		for _, r := range rows[1:] {
			if r[0] != "HSTECH" || r[1] != "tech.ai" {
				t.Errorf("row %v", r)
			}
			seen[r[lagC]+"/"+r[methodC]] = true
			if r[pC] == "" {
				continue
			}
			withP++
			var p, pa, rv float64
			if _, err := fmt.Sscan(r[pC], &p); err != nil {
				t.Fatalf("p %q: %v", r[pC], err)
			}
			if _, err := fmt.Sscan(r[paC], &pa); err != nil {
				t.Fatalf("p_adjusted %q: %v", r[paC], err)
			}
			if _, err := fmt.Sscan(r[rC], &rv); err != nil || rv < -1 || rv > 1 {
				t.Errorf("r %q out of [-1, 1]", r[rC])
			}
			if pa < p || pa > 1 {
				t.Errorf("lag %s %s: p_adjusted %v < p %v or > 1", r[lagC], r[methodC], pa, p)
			}
		}
		for lag := -5; lag <= 5; lag++ {
			for _, m := range []string{"pearson", "spearman", "kendall"} {
				if !seen[fmt.Sprintf("%d/%s", lag, m)] {
					t.Errorf("no row for lag %d %s", lag, m)
				}
			}
		}
		if withP == 0 {
			t.Error("no row has a p-value")
		}
	})

	t.Run("kendall lag 0", func(t *testing.T) {
		rows := correlateCSV(t, db, "--sector", "tech.ai", "--method", "kendall", "--lags", "0")
		if len(rows) != 2 || rows[1][column(t, rows[0], "method")] != "kendall" || rows[1][column(t, rows[0], "lag")] != "0" {
			t.Errorf("rows %v, want one kendall lag-0 row", rows)
		}
	})

	t.Run("jsonl", func(t *testing.T) {
		code, out, stderr := cli(t, nil, "", "--db", db, "correlate", "--index", "HSTECH", "--sector", "tech.ai", "--format", "jsonl")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 33 {
			t.Errorf("%d lines, want 33", len(lines))
		}
		for _, l := range lines {
			var rec struct {
				Index  string   `json:"index_code"`
				Sector string   `json:"sector"`
				Lag    *int     `json:"lag"`
				R      *float64 `json:"r"`
			}
			if err := json.Unmarshal([]byte(l), &rec); err != nil {
				t.Fatalf("not JSON: %v: %s", err, l)
			}
			if rec.Index != "HSTECH" || rec.Sector != "tech.ai" || rec.Lag == nil || *rec.Lag < -5 || *rec.Lag > 5 {
				t.Errorf("line %s", l)
			}
		}
	})

	t.Run("rolling", func(t *testing.T) {
		rows := correlateCSV(t, db, "--sector", "tech.ai", "--rolling", "10")
		if got := strings.Join(rows[0], ","); got != "index_code,sector,method,lag,date,window,n,r,p_value,note" {
			t.Errorf("rolling header %s", got)
		}
		// The demo has no 10 sessions in a row with tech.ai news, so the
		// default --min-n 10 leaves no window; --min-n 5 does.
		rows = correlateCSV(t, db, "--sector", "tech.ai", "--rolling", "10", "--min-n", "5")
		if len(rows) < 2 {
			t.Fatal("--rolling 10 --min-n 5: no rows")
		}
		for _, r := range rows[1:] {
			var n int
			fmt.Sscan(r[6], &n)
			if r[5] != "10" || r[3] != "0" || n < 5 || n > 10 {
				t.Errorf("row %v: want window 10, lag 0, 5 ≤ n ≤ 10", r)
			}
		}
	})

	t.Run("granger", func(t *testing.T) {
		// Gaps in the demo's sentiment break every lag chain; --fill zero
		// counts those days as neutral.
		rows := correlateCSV(t, db, "--sector", "tech.ai", "--granger", "--fill", "zero")
		h := rows[0]
		dirC, lagC, pC := column(t, h, "direction"), column(t, h, "lag"), column(t, h, "p_value")
		dirs := map[string]bool{}
		for _, r := range rows[1:] {
			dirs[r[dirC]] = true
			var lag int
			if _, err := fmt.Sscan(r[lagC], &lag); err != nil || lag < 1 || lag > 5 || r[pC] == "" {
				t.Errorf("row %v: want a lag in 1..5 and a p-value", r)
			}
		}
		if len(rows) != 3 || !dirs["sentiment->returns"] || !dirs["returns->sentiment"] {
			t.Errorf("granger rows %v, want both directions", rows)
		}
		// Without --fill every sector still gets both directions.
		rows = correlateCSV(t, db, "--granger")
		per := map[string]int{}
		for _, r := range rows[1:] {
			per[r[1]]++
		}
		for s, n := range per {
			if n != 2 {
				t.Errorf("sector %s has %d granger rows, want 2", s, n)
			}
		}
	})

	t.Run("events", func(t *testing.T) {
		rows := correlateCSV(t, db, "--sector", "tech.ai", "--events")
		h := strings.Join(rows[0], ",")
		if !strings.Contains(h, ",ar_m1,ar_0,ar_p1,ar_p2,ar_p3") {
			t.Errorf("events header %s", h)
		}
		if len(rows) != 3 {
			t.Errorf("events rows %v, want positive and negative", rows)
		}
	})

	t.Run("table", func(t *testing.T) {
		code, out, stderr := cli(t, nil, "", "--db", db, "correlate", "--index", "HSTECH", "--sector", "tech.ai", "--lags", "0:1")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		if len(lines) != 7 {
			t.Fatalf("%d lines, want header + 6:\n%s", len(lines), out)
		}
		head := lines[0]
		if !strings.HasPrefix(head, "index ") {
			t.Fatalf("header %q", head)
		}
		cols := map[string]int{}
		for _, name := range []string{"sector", "method", "lag", "95% CI", "from"} {
			i := strings.Index(head, "  "+name+" ")
			if i < 0 {
				t.Fatalf("header lacks column %q: %q", name, head)
			}
			cols[name] = i + 2
		}
		for _, l := range lines[1:] {
			for name, at := range cols {
				if len(l) <= at || l[at-1] != ' ' || l[at] == ' ' {
					t.Errorf("column %s does not start at byte %d in %q", name, at, l)
				}
			}
			if !strings.HasPrefix(l[cols["sector"]:], "tech.ai ") || !strings.HasPrefix(l[cols["from"]:], "20") {
				t.Errorf("misaligned row %q", l)
			}
		}
	})

	t.Run("out file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "corr.csv")
		code, out, stderr := cli(t, nil, "", "--db", db, "correlate", "--index", "HSTECH", "--sector", "tech.ai", "--format", "csv", "--out", file)
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if out != "" {
			t.Errorf("--out also wrote to stdout: %q", out)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, want, _ := cli(t, nil, "", "--db", db, "correlate", "--index", "HSTECH", "--sector", "tech.ai", "--format", "csv")
		if string(b) != want {
			t.Errorf("file differs from stdout:\n%s\nwant\n%s", b, want)
		}
	})

	t.Run("novelty decay", func(t *testing.T) {
		rs := func(args ...string) map[string]string {
			rows := correlateCSV(t, db, append([]string{"--sector", "tech.ai"}, args...)...)
			m := map[string]string{}
			for _, r := range rows[1:] {
				m[r[2]+"/"+r[3]] = r[5]
			}
			return m
		}
		def, decayed := rs(), rs("--novelty-decay", "0.5")
		if len(def) != 33 || len(decayed) != 33 {
			t.Fatalf("rows %d and %d, want 33", len(def), len(decayed))
		}
		differ := 0
		for k, v := range def {
			if decayed[k] != v {
				differ++
			}
		}
		if differ == 0 {
			t.Error("--novelty-decay 0.5 changed no r")
		}
	})

	t.Run("bad usage", func(t *testing.T) {
		for _, tt := range []struct {
			args    []string
			wantErr string
		}{
			{[]string{"--index", "HSTECH", "--rolling", "5", "--granger"}, "choose one"},
			{[]string{"--index", "NOPE"}, `"NOPE"`},
			{[]string{"--index", "HSTECH", "--rolling", "10", "--lags", "0:1"}, "--rolling takes one lag"},
			{[]string{"--index", "HSTECH", "--fill", "zero"}, "--fill zero"},
			{[]string{"--index", "HSTECH", "--novelty-decay", "0"}, "--novelty-decay"},
			{[]string{"--index", "HSTECH", "--events", "--window", "0:0"}, "--window"},
			{[]string{"--index", "HSTECH", "--events", "--window", "1:3"}, "--window"},
		} {
			code, out, stderr := cli(t, nil, "", append([]string{"--db", db, "correlate"}, tt.args...)...)
			if code != ExitUsage || !strings.Contains(stderr, tt.wantErr) || out != "" {
				t.Errorf("%v: exit %d (want %d), stdout %q, stderr lacks %q? %s", tt.args, code, ExitUsage, out, tt.wantErr, stderr)
			}
		}
	})
}

// storyPage is a minimal article page published at published.
func storyPage(title, published, body string) string {
	return `<html><head><meta charset="utf-8"><title>` + title + ` - Example Wire</title>
<meta property="article:published_time" content="` + published + `"></head>
<body><article><h1>` + title + `</h1>` + body + `</article></body></html>`
}

func TestExportDailyUsesTheIndexExchangeCalendar(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "sp.db")
	pages := map[string]string{
		// Friday 16:30 New York (after NYSE's close), Saturday 05:30 Hong Kong.
		"friday.html": storyPage("Chipmakers climb on AI demand", "2025-03-07T21:30:00Z",
			`<p>Shares of chipmakers climbed on Friday as investors bet on rising demand for artificial intelligence servers, traders said.</p>
<p>Semiconductor stocks led the gains and analysts raised their forecasts for chip sales this year.</p>`),
		// Monday 05:00 New York (before the open), 17:00 Hong Kong (after HKEX's close).
		"monday.html": storyPage("Semiconductor stocks rally again", "2025-03-10T09:00:00Z",
			`<p>Semiconductor shares rallied on Monday after strong quarterly results from a large chipmaker beat estimates.</p>
<p>Investors bought chip stocks as orders for AI processors surged to a record high, brokers said.</p>`),
	}
	for name, page := range pages {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := cli(t, nil, "", "--db", dbPath, "scrape", "--file", p); code != ExitOK {
			t.Fatalf("scrape %s exit %d: %s", name, code, stderr)
		}
	}
	if code, _, stderr := cli(t, nil, "", "--db", dbPath, "analyze", "--analyzer", "lexicon"); code != ExitOK {
		t.Fatalf("analyze exit %d: %s", code, stderr)
	}
	if c := counts(t, dbPath); c.Articles != 2 || c.SectorScores == 0 {
		t.Fatalf("stored %+v, want 2 articles with sector scores", c)
	}

	// days returns trading_date → articles of the sector both stories share.
	days := func(args ...string) map[string]string {
		t.Helper()
		code, out, stderr := cli(t, nil, "", append([]string{"--db", dbPath, "export", "daily"}, args...)...)
		if code != ExitOK {
			t.Fatalf("export daily %v exit %d: %s", args, code, stderr)
		}
		rows := readCSV(t, out)
		dateC, sectorC, artC := column(t, rows[0], "trading_date"), column(t, rows[0], "sector"), column(t, rows[0], "articles")
		bySector := map[string]map[string]string{}
		total := map[string]int{}
		for _, r := range rows[1:] {
			if bySector[r[sectorC]] == nil {
				bySector[r[sectorC]] = map[string]string{}
			}
			bySector[r[sectorC]][r[dateC]] = r[artC]
			var n int
			fmt.Sscan(r[artC], &n)
			total[r[sectorC]] += n
		}
		for s, n := range total {
			if n == 2 {
				return bySector[s]
			}
		}
		t.Fatalf("no sector scored in both stories:\n%s", out)
		return nil
	}
	for _, tt := range []struct {
		name string
		args []string
		want map[string]string
	}{
		// NYSE: Friday's story is after the close → Monday; Monday 05:00
		// is before Monday's close → Monday.
		{"NYSE", []string{"--index", "SPX"}, map[string]string{"2025-03-10": "2"}},
		// HKEX: Friday's story lands on Saturday → Monday; Monday 17:00
		// is after the close → Tuesday.
		{"HKEX default", nil, map[string]string{"2025-03-10": "1", "2025-03-11": "1"}},
		{"HKEX by index", []string{"--index", "HSI"}, map[string]string{"2025-03-10": "1", "2025-03-11": "1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := days(tt.args...)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("trading dates → articles %v, want %v", got, tt.want)
			}
		})
	}

	// The articles table dates each story on the index's calendar too.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--index", "SPX"}, "2025-03-10,2025-03-10"},
		{nil, "2025-03-10,2025-03-11"},
	} {
		code, out, stderr := cli(t, nil, "", append([]string{"--db", dbPath, "export", "articles"}, tt.args...)...)
		if code != ExitOK {
			t.Fatalf("export articles exit %d: %s", code, stderr)
		}
		rows := readCSV(t, out)
		pubC, dateC := column(t, rows[0], "published_at"), column(t, rows[0], "trading_date")
		byPub := map[string]string{}
		for _, r := range rows[1:] {
			byPub[r[pubC]] = r[dateC]
		}
		var got []string
		for _, pub := range []string{"2025-03-07T21:30:00Z", "2025-03-10T09:00:00Z"} {
			found := ""
			for p, d := range byPub {
				if ts, err := time.Parse(time.RFC3339, p); err == nil && ts.UTC().Format(time.RFC3339) == pub {
					found = d
				}
			}
			got = append(got, found)
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("export articles %v: trading dates %v, want %s (published %v)", tt.args, got, tt.want, byPub)
		}
	}
}

// A fetch request that cannot be made — no symbol for the source, a range
// that ends before it starts — is bad input (exit 2) and contacts nobody.
func TestPricesFetchBadRequestIsUsage(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "sp.db")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--index", "HSTECH", "--source", "stooq"}, "has no stooq symbol"},
		{[]string{"--index", "HSI", "--from", "2099-01-01"}, "from date 2099-01-01 is after to date"},
	} {
		args := append([]string{"--db", db, "prices", "fetch", "--base-url", srv.URL}, tt.args...)
		code, _, stderr := cli(t, nil, "", args...)
		if code != ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d naming %q", tt.args, code, stderr, ExitUsage, tt.want)
		}
	}
	if hits != 0 {
		t.Errorf("%d requests reached the server, want none", hits)
	}
}

// A file whose every row is bad stores nothing: that is bad input (exit 2),
// not a partial success.
func TestPricesImportNoValidRowIsUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(file, []byte("Date,Close\n2025-02-03,null\n2025-02-04,n/a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "sp.db")
	code, _, stderr := cli(t, nil, "", "--db", db, "prices", "import", "--index", "HSI", file)
	if code != ExitUsage || !strings.Contains(stderr, "no valid price row (2 bad, the first: "+file+":2") {
		t.Errorf("exit %d, stderr %q; want exit %d naming the file and its first bad line", code, stderr, ExitUsage)
	}
	if c := counts(t, db); c.Prices != 0 {
		t.Errorf("%d prices stored, want 0", c.Prices)
	}
}

// An index given twice in the config file is refused with both lines.
func TestConfigIndexGivenTwice(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "twice.yaml")
	body := "indexes:\n  - code: HSI2\n    exchange: HKEX\n  - code: hsi2\n    exchange: HKEX\n"
	if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cli(t, nil, "", "--config", cfg, "prices", "indexes")
	if code != ExitUsage || !strings.Contains(stderr, "twice.yaml:4: indexes: index hsi2 is also at line 2") {
		t.Errorf("exit %d, stderr %q; want exit %d naming lines 4 and 2", code, stderr, ExitUsage)
	}
}
