package market

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// fetchSeen is what a fake source saw of one request.
type fetchSeen struct {
	uri    string // RequestURI, as sent
	query  url.Values
	ua     string
	accept string
}

// fetchServer is a loopback server whose handler gets the 1-based number of
// each request; it records every request.
type fetchServer struct {
	srv  *httptest.Server
	mu   sync.Mutex
	reqs []fetchSeen
}

func newFetchServer(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int)) *fetchServer {
	t.Helper()
	fs := &fetchServer{}
	fs.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.reqs = append(fs.reqs, fetchSeen{uri: r.RequestURI, query: r.URL.Query(),
			ua: r.Header.Get("User-Agent"), accept: r.Header.Get("Accept")})
		n := len(fs.reqs)
		fs.mu.Unlock()
		h(w, r, n)
	}))
	t.Cleanup(fs.srv.Close)
	return fs
}

func (fs *fetchServer) requests() []fetchSeen {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return slices.Clone(fs.reqs)
}

// fetchFixture reads testdata/name.
func fetchFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fetchServe answers every request with body, content type and status.
func fetchServe(body []byte, contentType string, status int) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}
}

// fetchWaits records the waits a PriceFetcher asks for, without sleeping.
type fetchWaits struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (wr *fetchWaits) wait(ctx context.Context, d time.Duration) error {
	wr.mu.Lock()
	wr.waits = append(wr.waits, d)
	wr.mu.Unlock()
	return ctx.Err()
}

func (wr *fetchWaits) got() []time.Duration {
	wr.mu.Lock()
	defer wr.mu.Unlock()
	return slices.Clone(wr.waits)
}

// fetchClock returns a clock stopped at t.
func fetchClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// newTestFetcher returns a fetcher for fs with a stopped clock and a
// recording waiter.
func newTestFetcher(fs *fetchServer, now time.Time) (*PriceFetcher, *fetchWaits) {
	wr := &fetchWaits{}
	return &PriceFetcher{Client: fs.srv.Client(), Now: fetchClock(now), Wait: wr.wait}, wr
}

// fetchIndex returns a built-in index and its exchange.
func fetchIndex(t *testing.T, code string) (sectorpulse.Index, sectorpulse.Exchange) {
	t.Helper()
	reg := sectorpulse.DefaultRegistry()
	ix, err := reg.Lookup(code)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := reg.ExchangeOf(ix)
	if err != nil {
		t.Fatal(err)
	}
	return ix, ex
}

// fetchMarch1 is a clock time well after the fixtures' sessions.
var fetchMarch1 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func TestFetchYahooHSI(t *testing.T) {
	fs := newFetchServer(t, fetchServe(fetchFixture(t, "fetch_yahoo_hsi.json"), "application/json;charset=utf-8", http.StatusOK))
	f, _ := newTestFetcher(fs, fetchMarch1)
	ix, ex := fetchIndex(t, "HSI")
	res, err := f.Fetch(context.Background(), FetchRequest{Index: ix, Exchange: ex,
		From: "2025-02-03", To: "2025-02-07", BaseURL: fs.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	reqs := fs.requests()
	if len(reqs) != 1 {
		t.Fatalf("got %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if path, _, _ := strings.Cut(r.uri, "?"); path != "/v8/finance/chart/%5EHSI" {
		t.Errorf("path: got %s, want /v8/finance/chart/%%5EHSI", path)
	}
	// Midnight in Hong Kong (UTC+8, no daylight saving) is 16:00 UTC the
	// day before; period2 is the midnight after To.
	wantQuery := map[string]string{
		"period1":        fmt.Sprint(time.Date(2025, 2, 2, 16, 0, 0, 0, time.UTC).Unix()),
		"period2":        fmt.Sprint(time.Date(2025, 2, 7, 16, 0, 0, 0, time.UTC).Unix()),
		"interval":       "1d",
		"events":         "history",
		"includePrePost": "false",
	}
	for k, want := range wantQuery {
		if got := r.query.Get(k); got != want {
			t.Errorf("query %s: got %q, want %q", k, got, want)
		}
	}
	if r.ua != DefaultFetchUserAgent {
		t.Errorf("User-Agent: got %q, want %q", r.ua, DefaultFetchUserAgent)
	}
	if !strings.Contains(r.accept, "application/json") {
		t.Errorf("Accept: got %q, want application/json", r.accept)
	}
	if want := fs.srv.URL + r.uri; res.URL != want {
		t.Errorf("URL: got %s, want %s", res.URL, want)
	}
	if res.Source != SourceYahoo || res.Symbol != "^HSI" || res.Currency != "HKD" {
		t.Errorf("source, symbol, currency: got %s %s %s, want yahoo ^HSI HKD", res.Source, res.Symbol, res.Currency)
	}
	want := []sectorpulse.Price{
		{Index: "HSI", Date: "2025-02-03", Open: 20116.2, High: 20289.54, Low: 19990.84, Close: 20217.26},
		{Index: "HSI", Date: "2025-02-04", Open: 20006.52, High: 20840.77, Low: 19988.02, Close: 20789.96},
		{Index: "HSI", Date: "2025-02-05", Open: 20903.71, High: 20963.35, Low: 20544.33, Close: 20597.09},
		{Index: "HSI", Date: "2025-02-07", Open: 21019.4, High: 21234.87, Low: 20932.14, Close: 21133.54},
	}
	if !slices.Equal(res.Prices, want) {
		t.Errorf("prices:\ngot  %v\nwant %v", res.Prices, want)
	}
	if len(res.RowErrors) != 1 {
		t.Fatalf("row errors: got %v, want one for 2025-02-06", res.RowErrors)
	}
	var re *RowError
	if !errors.As(res.RowErrors[0], &re) || re.File != res.URL || re.Line != 4 {
		t.Errorf("row error: got %#v, want a *RowError for %s row 4", res.RowErrors[0], res.URL)
	}
	if msg := res.RowErrors[0].Error(); !strings.Contains(msg, "2025-02-06") || !strings.Contains(msg, "null") {
		t.Errorf("row error: got %q, want the date and null", msg)
	}
}

func TestFetchYahooTradingDates(t *testing.T) {
	spx, nyse := fetchIndex(t, "SPX")
	asx := sectorpulse.Exchange{Code: "ASX", Name: "Australian Securities Exchange", TimeZone: "Australia/Sydney", Close: 16 * time.Hour}
	xjo := sectorpulse.Index{Code: "XJO", Name: "S&P/ASX 200", Market: "ASX", Yahoo: "^AXJO"}
	tests := []struct {
		name           string
		file           string
		index          sectorpulse.Index
		exchange       sectorpulse.Exchange
		from, to       string
		period1        time.Time
		period2        time.Time
		wantDates      []string
		wantLastClose  float64
		wantFirstClose float64
	}{
		{
			// US daylight saving began on 2025-03-09: midnight is 05:00
			// UTC before it and 04:00 UTC after; a 09:30 session start is
			// 14:30 UTC before and 13:30 UTC after.
			name: "S&P 500 across the daylight-saving change", file: "fetch_yahoo_spx_dst.json",
			index: spx, exchange: nyse, from: "2025-03-06", to: "2025-03-11",
			period1:   time.Date(2025, 3, 6, 5, 0, 0, 0, time.UTC),
			period2:   time.Date(2025, 3, 12, 4, 0, 0, 0, time.UTC),
			wantDates: []string{"2025-03-06", "2025-03-07", "2025-03-10", "2025-03-11"}, wantFirstClose: 5738.52, wantLastClose: 5572.07,
		},
		{
			name: "S&P 500 without an exchange zone uses the chart's", file: "fetch_yahoo_spx_dst.json",
			index: spx, exchange: sectorpulse.Exchange{}, from: "2025-03-06", to: "2025-03-11",
			// Unknown zone: UTC midnights, a day wider on each side.
			period1:   time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC),
			period2:   time.Date(2025, 3, 13, 0, 0, 0, 0, time.UTC),
			wantDates: []string{"2025-03-06", "2025-03-07", "2025-03-10", "2025-03-11"}, wantFirstClose: 5738.52, wantLastClose: 5572.07,
		},
		{
			// A 10:00 Sydney session start (UTC+11 in February) is 23:00
			// UTC the day before: the UTC date would be wrong.
			name: "Sydney session starts on the previous UTC day", file: "fetch_yahoo_axjo.json",
			index: xjo, exchange: asx, from: "2025-02-03", to: "2025-02-04",
			period1:   time.Date(2025, 2, 2, 13, 0, 0, 0, time.UTC),
			period2:   time.Date(2025, 2, 4, 13, 0, 0, 0, time.UTC),
			wantDates: []string{"2025-02-03", "2025-02-04"}, wantFirstClose: 8379.4, wantLastClose: 8374.3,
		},
		{
			name: "Sydney without an exchange zone uses the chart's", file: "fetch_yahoo_axjo.json",
			index: xjo, exchange: sectorpulse.Exchange{}, from: "2025-02-03", to: "2025-02-04",
			period1:   time.Date(2025, 2, 2, 0, 0, 0, 0, time.UTC),
			period2:   time.Date(2025, 2, 6, 0, 0, 0, 0, time.UTC),
			wantDates: []string{"2025-02-03", "2025-02-04"}, wantFirstClose: 8379.4, wantLastClose: 8374.3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFetchServer(t, fetchServe(fetchFixture(t, tt.file), "application/json", http.StatusOK))
			f, _ := newTestFetcher(fs, fetchMarch1.AddDate(0, 1, 0))
			res, err := f.Fetch(context.Background(), FetchRequest{Index: tt.index, Exchange: tt.exchange,
				From: tt.from, To: tt.to, BaseURL: fs.srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			q := fs.requests()[0].query
			if got, want := q.Get("period1"), fmt.Sprint(tt.period1.Unix()); got != want {
				t.Errorf("period1: got %s, want %s (%v)", got, want, tt.period1)
			}
			if got, want := q.Get("period2"), fmt.Sprint(tt.period2.Unix()); got != want {
				t.Errorf("period2: got %s, want %s (%v)", got, want, tt.period2)
			}
			var dates []string
			for _, p := range res.Prices {
				dates = append(dates, p.Date)
				if p.Index != tt.index.Code {
					t.Errorf("index: got %s, want %s", p.Index, tt.index.Code)
				}
			}
			if !slices.Equal(dates, tt.wantDates) {
				t.Fatalf("dates: got %v, want %v", dates, tt.wantDates)
			}
			if got := res.Prices[0].Close; got != tt.wantFirstClose {
				t.Errorf("first close: got %v, want %v", got, tt.wantFirstClose)
			}
			if got := res.Prices[len(res.Prices)-1].Close; got != tt.wantLastClose {
				t.Errorf("last close: got %v, want %v", got, tt.wantLastClose)
			}
			if len(res.RowErrors) != 0 {
				t.Errorf("row errors: got %v, want none", res.RowErrors)
			}
		})
	}
}

func TestFetchYahooErrors(t *testing.T) {
	ix, ex := fetchIndex(t, "HSI")
	tests := []struct {
		name        string
		file        string
		contentType string
		status      int
		symbol      string
		want        []string // substrings of the error, besides the URL
		wantNoData  bool
	}{
		{name: "chart error with 404", file: "fetch_yahoo_notfound.json", contentType: "application/json", status: http.StatusNotFound,
			want: []string{"404", `"Not Found"`, "No data found, symbol may be delisted"}, wantNoData: true},
		{name: "chart error with 200", file: "fetch_yahoo_notfound.json", contentType: "application/json", status: http.StatusOK,
			want: []string{`"Not Found"`, "No data found, symbol may be delisted"}, wantNoData: true},
		{name: "malformed JSON", file: "fetch_yahoo_malformed.json", contentType: "application/json", status: http.StatusOK,
			want: []string{"malformed chart JSON"}},
		{name: "HTML instead of JSON", file: "fetch_stooq_consent.html", contentType: "text/html; charset=utf-8", status: http.StatusOK,
			want: []string{"malformed chart JSON", "text/html"}},
		{name: "symbol mismatch", file: "fetch_yahoo_hsi.json", contentType: "application/json", status: http.StatusOK, symbol: "^HSCE",
			want: []string{`"^HSI"`, `"^HSCE"`}},
		{name: "no timestamps", file: "fetch_yahoo_empty.json", contentType: "application/json", status: http.StatusOK,
			want: []string{"no prices between 2025-02-03 and 2025-02-07"}, wantNoData: true},
		{name: "arrays of different lengths", file: "fetch_yahoo_lengths.json", contentType: "application/json", status: http.StatusOK,
			want: []string{"2 close values for 3 timestamps"}},
		{name: "403 without a chart", file: "fetch_stooq_limit.txt", contentType: "text/plain", status: http.StatusForbidden,
			want: []string{"HTTP 403 Forbidden", "Exceeded the daily hits limit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFetchServer(t, fetchServe(fetchFixture(t, tt.file), tt.contentType, tt.status))
			f, wr := newTestFetcher(fs, fetchMarch1)
			res, err := f.Fetch(context.Background(), FetchRequest{Index: ix, Exchange: ex, Symbol: tt.symbol,
				From: "2025-02-03", To: "2025-02-07", BaseURL: fs.srv.URL})
			if err == nil {
				t.Fatalf("got %v, want an error", res.Prices)
			}
			reqs := fs.requests()
			if len(reqs) != 1 || len(wr.got()) != 0 {
				t.Errorf("got %d requests and waits %v, want 1 request and no retry", len(reqs), wr.got())
			}
			for _, s := range append(tt.want, fs.srv.URL+reqs[0].uri) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error: got %q, want it to contain %q", err, s)
				}
			}
			if got := errors.Is(err, ErrNoData); got != tt.wantNoData {
				t.Errorf("errors.Is(err, ErrNoData): got %v, want %v", got, tt.wantNoData)
			}
		})
	}
}

func TestFetchStooq(t *testing.T) {
	fs := newFetchServer(t, fetchServe(fetchFixture(t, "fetch_stooq_hsi.csv"), "text/csv", http.StatusOK))
	f, _ := newTestFetcher(fs, fetchMarch1)
	ix, ex := fetchIndex(t, "HSI")
	res, err := f.Fetch(context.Background(), FetchRequest{Index: ix, Exchange: ex, Source: SourceStooq, Symbol: "^HSI",
		From: "2025-02-03", To: "2025-02-06", BaseURL: fs.srv.URL + "/"})
	if err != nil {
		t.Fatal(err)
	}
	r := fs.requests()[0]
	if path, _, _ := strings.Cut(r.uri, "?"); path != "/q/d/l/" {
		t.Errorf("path: got %s, want /q/d/l/", path)
	}
	for k, want := range map[string]string{"s": "^hsi", "d1": "20250203", "d2": "20250206", "i": "d"} {
		if got := r.query.Get(k); got != want {
			t.Errorf("query %s: got %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(r.accept, "text/csv") || r.ua != DefaultFetchUserAgent {
		t.Errorf("headers: got Accept %q, User-Agent %q, want text/csv and %q", r.accept, r.ua, DefaultFetchUserAgent)
	}
	if res.Source != SourceStooq || res.Symbol != "^HSI" || res.Currency != "" {
		t.Errorf("source, symbol, currency: got %s %s %q, want stooq ^HSI \"\"", res.Source, res.Symbol, res.Currency)
	}
	// 2025-02-07 is in the file but after To.
	want := []sectorpulse.Price{
		{Index: "HSI", Date: "2025-02-03", Open: 20116.2, High: 20289.54, Low: 19990.84, Close: 20217.26},
		{Index: "HSI", Date: "2025-02-04", Open: 20006.52, High: 20840.77, Low: 19988.02, Close: 20789.96},
		{Index: "HSI", Date: "2025-02-06", Open: 20711.06, High: 20934.85, Low: 20655.37, Close: 20891.62},
	}
	if !slices.Equal(res.Prices, want) {
		t.Errorf("prices:\ngot  %v\nwant %v", res.Prices, want)
	}
	var re *RowError
	if len(res.RowErrors) != 1 || !errors.As(res.RowErrors[0], &re) || re.File != res.URL || re.Line != 4 {
		t.Errorf("row errors: got %v, want one *RowError for %s line 4", res.RowErrors, res.URL)
	}
}

func TestFetchStooqErrors(t *testing.T) {
	ix, ex := fetchIndex(t, "HSI")
	tests := []struct {
		name        string
		file        string
		contentType string
		status      int
		want        []string
		wantNoData  bool
	}{
		{name: "no data", file: "fetch_stooq_nodata.txt", contentType: "text/plain", status: http.StatusOK,
			want: []string{`"No data"`, "^hsi", "2025-02-03", "2025-02-07"}, wantNoData: true},
		{name: "daily hits limit", file: "fetch_stooq_limit.txt", contentType: "text/plain", status: http.StatusOK,
			want: []string{"Exceeded the daily hits limit"}},
		{name: "consent page", file: "fetch_stooq_consent.html", contentType: "text/html; charset=UTF-8", status: http.StatusOK,
			want: []string{"HTML page", `"text/html; charset=UTF-8"`}},
		{name: "HTML sent as text/plain", file: "fetch_stooq_consent.html", contentType: "text/plain", status: http.StatusOK,
			want: []string{"HTML page", `"text/plain"`}},
		{name: "unknown CSV header", file: "fetch_stooq_badheader.csv", contentType: "text/csv", status: http.StatusOK,
			want: []string{"unknown price header"}},
		{name: "404 page", file: "fetch_stooq_consent.html", contentType: "text/html", status: http.StatusNotFound,
			want: []string{"HTTP 404 Not Found", "<!DOCTYPE html> <html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFetchServer(t, fetchServe(fetchFixture(t, tt.file), tt.contentType, tt.status))
			f, _ := newTestFetcher(fs, fetchMarch1)
			res, err := f.Fetch(context.Background(), FetchRequest{Index: ix, Exchange: ex, Source: SourceStooq,
				From: "2025-02-03", To: "2025-02-07", BaseURL: fs.srv.URL})
			if err == nil {
				t.Fatalf("got %v, want an error", res.Prices)
			}
			for _, s := range append(tt.want, fs.srv.URL+fs.requests()[0].uri) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error: got %q, want it to contain %q", err, s)
				}
			}
			if got := errors.Is(err, ErrNoData); got != tt.wantNoData {
				t.Errorf("errors.Is(err, ErrNoData): got %v, want %v", got, tt.wantNoData)
			}
		})
	}
}

// fetchAnswer is one scripted response of a fake source.
type fetchAnswer struct {
	status     int    // 0: drop the connection without answering
	retryAfter string // Retry-After header, if any
	body       string
}

func TestFetchRetry(t *testing.T) {
	ok := fetchAnswer{status: 200, body: "Date,Open,High,Low,Close,Volume\n2025-02-03,20116.2,20289.54,19990.84,20217.26,2815400000\n"}
	now := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	longBody := "upstream failed\r\n\tat gateway " + strings.Repeat("x", 300)
	tests := []struct {
		name      string
		answers   []fetchAnswer // the last repeats
		retries   int
		wantWaits []time.Duration
		wantHits  int
		wantErr   []string // empty: success
		wantCode  int      // StatusError code, when one is wanted
	}{
		{name: "429 with Retry-After seconds then success", answers: []fetchAnswer{{status: 429, retryAfter: "7"}, ok},
			wantWaits: []time.Duration{7 * time.Second}, wantHits: 2},
		{name: "503 with Retry-After as an HTTP date", answers: []fetchAnswer{{status: 503, retryAfter: "Sat, 01 Mar 2025 08:00:30 GMT"}, ok},
			wantWaits: []time.Duration{30 * time.Second}, wantHits: 2},
		{name: "Retry-After over a minute is capped", answers: []fetchAnswer{{status: 429, retryAfter: "300"}, ok},
			wantWaits: []time.Duration{time.Minute}, wantHits: 2},
		{name: "429 without Retry-After backs off", answers: []fetchAnswer{{status: 429}, {status: 429}, ok},
			wantWaits: []time.Duration{time.Second, 2 * time.Second}, wantHits: 3},
		{name: "500 ignores Retry-After", answers: []fetchAnswer{{status: 500, retryAfter: "9"}, ok},
			wantWaits: []time.Duration{time.Second}, wantHits: 2},
		{name: "dropped connection then success", answers: []fetchAnswer{{status: 0}, ok},
			wantWaits: []time.Duration{time.Second}, wantHits: 2},
		{name: "500 until attempts run out", answers: []fetchAnswer{{status: 500, body: longBody}},
			wantWaits: []time.Duration{time.Second, 2 * time.Second}, wantHits: 3,
			wantErr: []string{"HTTP 500 Internal Server Error", "3 attempts", "upstream failed at gateway xxx"}, wantCode: 500},
		{name: "three retries", answers: []fetchAnswer{{status: 502}}, retries: 3,
			wantWaits: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}, wantHits: 4,
			wantErr: []string{"HTTP 502 Bad Gateway", "4 attempts"}, wantCode: 502},
		{name: "negative retries means one attempt", answers: []fetchAnswer{{status: 503, retryAfter: "1"}}, retries: -1,
			wantHits: 1, wantErr: []string{"HTTP 503 Service Unavailable"}, wantCode: 503},
		{name: "dropped connections until attempts run out", answers: []fetchAnswer{{status: 0}},
			wantWaits: []time.Duration{time.Second, 2 * time.Second}, wantHits: 3, wantErr: []string{"3 attempts"}},
		{name: "404 is not retried", answers: []fetchAnswer{{status: 404, body: "Not Found"}},
			wantHits: 1, wantErr: []string{"HTTP 404 Not Found: Not Found"}, wantCode: 404},
	}
	ix, ex := fetchIndex(t, "HSI")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFetchServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
				a := tt.answers[min(n, len(tt.answers))-1]
				if a.status == 0 {
					conn, _, err := w.(http.Hijacker).Hijack()
					if err == nil {
						_ = conn.Close()
					}
					return
				}
				if a.retryAfter != "" {
					w.Header().Set("Retry-After", a.retryAfter)
				}
				w.WriteHeader(a.status)
				_, _ = w.Write([]byte(a.body))
			})
			f, wr := newTestFetcher(fs, now)
			f.Retries = tt.retries
			res, err := f.Fetch(context.Background(), FetchRequest{Index: ix, Exchange: ex, Source: SourceStooq,
				From: "2025-02-03", To: "2025-02-07", BaseURL: fs.srv.URL})
			if got := len(fs.requests()); got != tt.wantHits {
				t.Errorf("requests: got %d, want %d", got, tt.wantHits)
			}
			if got := wr.got(); !slices.Equal(got, tt.wantWaits) {
				t.Errorf("waits: got %v, want %v", got, tt.wantWaits)
			}
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Prices) != 1 || res.Prices[0].Close != 20217.26 {
					t.Errorf("prices: got %v, want the one row", res.Prices)
				}
				return
			}
			if err == nil {
				t.Fatalf("got %v, want an error", res.Prices)
			}
			for _, s := range append(tt.wantErr, fs.srv.URL+"/q/d/l/?s=%5Ehsi&d1=20250203&d2=20250207&i=d") {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error: got %q, want it to contain %q", err, s)
				}
			}
			var se *StatusError
			if gotSE := errors.As(err, &se); gotSE != (tt.wantCode != 0) {
				t.Fatalf("errors.As(err, *StatusError): got %v, want %v", gotSE, tt.wantCode != 0)
			}
			if se == nil {
				return
			}
			if se.StatusCode != tt.wantCode || se.Attempts != tt.wantHits {
				t.Errorf("status error: got code %d after %d attempts, want %d after %d", se.StatusCode, se.Attempts, tt.wantCode, tt.wantHits)
			}
			if len(se.Body) > 200 || strings.ContainsAny(se.Body, "\r\n\t") {
				t.Errorf("status error body: got %q (%d bytes), want one line of at most 200 bytes", se.Body, len(se.Body))
			}
		})
	}
}

func TestFetchMaxBytes(t *testing.T) {
	ix, ex := fetchIndex(t, "HSI")
	header := "Date,Open,High,Low,Close,Volume\n"
	row := "2025-02-03,20116.2,20289.54,19990.84,20217.26,2815400000\n"
	// A body of exactly the cap: the volume, which is not read, is padded
	// with leading zeros.
	pad := 1024 - len(header+row)
	exact := header + strings.Replace(row, "2815400000", strings.Repeat("0", pad)+"2815400000", 1)
	tests := []struct {
		name    string
		body    string
		wantErr bool
	}{
		{name: "body of the cap", body: exact},
		{name: "body one byte over the cap", body: exact + "\n", wantErr: true},
		{name: "body far over the cap", body: header + strings.Repeat(row, 100), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFetchServer(t, fetchServe([]byte(tt.body), "text/csv", http.StatusOK))
			f, wr := newTestFetcher(fs, fetchMarch1)
			f.MaxBytes = 1024
			res, err := f.Fetch(context.Background(), FetchRequest{Index: ix, Exchange: ex, Source: SourceStooq,
				From: "2025-02-03", To: "2025-02-07", BaseURL: fs.srv.URL})
			if !tt.wantErr {
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Prices) != 1 {
					t.Errorf("prices: got %v, want one", res.Prices)
				}
				return
			}
			if err == nil {
				t.Fatalf("got %v, want an error", res.Prices)
			}
			for _, s := range []string{fs.srv.URL + "/q/d/l/", "1 KiB cap"} {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error: got %q, want it to contain %q", err, s)
				}
			}
			if n := len(fs.requests()); n != 1 || len(wr.got()) != 0 {
				t.Errorf("got %d requests, waits %v, want 1 request and no retry", n, wr.got())
			}
		})
	}
}

func TestFetchCancelDuringWait(t *testing.T) {
	ix, ex := fetchIndex(t, "HSI")
	t.Run("recording waiter", func(t *testing.T) {
		fs := newFetchServer(t, fetchServe([]byte("busy"), "text/plain", http.StatusServiceUnavailable))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var waits []time.Duration
		f := &PriceFetcher{Client: fs.srv.Client(), Now: fetchClock(fetchMarch1), Wait: func(ctx context.Context, d time.Duration) error {
			waits = append(waits, d)
			cancel()
			return ctx.Err()
		}}
		_, err := f.Fetch(ctx, FetchRequest{Index: ix, Exchange: ex, From: "2025-02-03", To: "2025-02-07", BaseURL: fs.srv.URL})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error: got %v, want context.Canceled", err)
		}
		if n := len(fs.requests()); n != 1 || len(waits) != 1 {
			t.Errorf("got %d requests and waits %v, want 1 request and 1 wait", n, waits)
		}
	})
	t.Run("default timer", func(t *testing.T) {
		// 503 with a Retry-After of a minute, and the context cancelled
		// soon after: the default waiter must return when the context
		// ends (one that ignored it would hold the test for minutes).
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		fs := newFetchServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			time.AfterFunc(20*time.Millisecond, cancel)
			w.Header().Set("Retry-After", "60")
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		f := &PriceFetcher{Client: fs.srv.Client(), Now: fetchClock(fetchMarch1)}
		_, err := f.Fetch(ctx, FetchRequest{Index: ix, Exchange: ex, From: "2025-02-03", To: "2025-02-07", BaseURL: fs.srv.URL})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error: got %v, want context.Canceled", err)
		}
		if n := len(fs.requests()); n != 1 {
			t.Errorf("requests: got %d, want 1", n)
		}
	})
	t.Run("cancelled while the answer comes", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		fs := newFetchServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			cancel()
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		f, wr := newTestFetcher(fs, fetchMarch1)
		_, err := f.Fetch(ctx, FetchRequest{Index: ix, Exchange: ex, From: "2025-02-03", To: "2025-02-07", BaseURL: fs.srv.URL})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error: got %v, want context.Canceled", err)
		}
		if n := len(fs.requests()); n != 1 || len(wr.got()) != 0 {
			t.Errorf("got %d requests and waits %v, want 1 request and no wait", n, wr.got())
		}
	})
}

func TestWaitTimer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := waitTimer(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v, want context.Canceled", err)
	}
	if err := waitTimer(context.Background(), 0); err != nil {
		t.Errorf("zero wait: got %v, want nil", err)
	}
	if err := waitTimer(context.Background(), time.Microsecond); err != nil {
		t.Errorf("short wait: got %v, want nil", err)
	}
}

// newChartServer answers Yahoo chart requests with the HSI fixture relabelled
// to the requested symbol, and Stooq requests with the Stooq fixture.
func newChartServer(t *testing.T) *fetchServer {
	t.Helper()
	chart := string(fetchFixture(t, "fetch_yahoo_hsi.json"))
	csv := fetchFixture(t, "fetch_stooq_hsi.csv")
	return newFetchServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if sym, ok := strings.CutPrefix(r.URL.Path, "/v8/finance/chart/"); ok {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(strings.Replace(chart, `"symbol":"^HSI"`, fmt.Sprintf("%q:%q", "symbol", sym), 1)))
			return
		}
		w.Header().Set("Content-Type", "text/csv")
		_, _ = w.Write(csv)
	})
}

func TestFetchSourceChoice(t *testing.T) {
	hsi, hkex := fetchIndex(t, "HSI")
	hscei, _ := fetchIndex(t, "HSCEI")
	stooqOnly := sectorpulse.Index{Code: "HSX", Market: sectorpulse.MarketHKEX, Stooq: "^hsx"}
	bare := sectorpulse.Index{Code: "HSY", Market: sectorpulse.MarketHKEX}
	tests := []struct {
		name       string
		index      sectorpulse.Index
		source     string
		symbol     string
		wantSource string
		wantSymbol string
		wantPath   string
		wantErr    string
	}{
		{name: "yahoo symbol picks yahoo", index: hsi, wantSource: SourceYahoo, wantSymbol: "^HSI", wantPath: "/v8/finance/chart/%5EHSI"},
		{name: "stooq symbol only picks stooq", index: stooqOnly, wantSource: SourceStooq, wantSymbol: "^hsx", wantPath: "/q/d/l/?s=%5Ehsx&"},
		{name: "no symbol at all", index: bare, wantErr: "pass a symbol"},
		{name: "a given symbol picks yahoo", index: bare, symbol: "^HSY", wantSource: SourceYahoo, wantSymbol: "^HSY", wantPath: "/v8/finance/chart/%5EHSY"},
		{name: "source named in capitals", index: hsi, source: "Stooq", wantSource: SourceStooq, wantSymbol: "^hsi", wantPath: "/q/d/l/?s=%5Ehsi&"},
		{name: "stooq asked, index has none", index: hscei, source: SourceStooq, wantErr: "no stooq symbol"},
		{name: "stooq asked with a symbol", index: hscei, source: SourceStooq, symbol: "^HSCEI", wantSource: SourceStooq, wantSymbol: "^HSCEI", wantPath: "/q/d/l/?s=%5Ehscei&"},
		{name: "unknown source", index: hsi, source: "google", wantErr: `unknown price source "google"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newChartServer(t)
			f, _ := newTestFetcher(fs, fetchMarch1)
			res, err := f.Fetch(context.Background(), FetchRequest{Index: tt.index, Exchange: hkex, Source: tt.source, Symbol: tt.symbol,
				From: "2025-02-03", To: "2025-02-07", BaseURL: fs.srv.URL})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error: got %v, want one containing %q", err, tt.wantErr)
				}
				if n := len(fs.requests()); n != 0 {
					t.Errorf("requests: got %d, want none", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Source != tt.wantSource || res.Symbol != tt.wantSymbol {
				t.Errorf("source, symbol: got %s %s, want %s %s", res.Source, res.Symbol, tt.wantSource, tt.wantSymbol)
			}
			if uri := fs.requests()[0].uri; !strings.HasPrefix(uri, tt.wantPath) {
				t.Errorf("request: got %s, want it to start with %s", uri, tt.wantPath)
			}
			if len(res.Prices) == 0 || res.Prices[0].Index != tt.index.Code {
				t.Errorf("prices: got %v, want index %s", res.Prices, tt.index.Code)
			}
		})
	}
}

func TestFetchDefaultDates(t *testing.T) {
	hsi, hkex := fetchIndex(t, "HSI")
	tests := []struct {
		name      string
		source    string
		now       time.Time
		from      string
		wantFrom  string
		wantTo    string
		wantQuery map[string]string
	}{
		{
			// 20:00 UTC on Friday is 04:00 on Saturday in Hong Kong.
			name: "yahoo: today is the exchange's date", source: SourceYahoo, now: time.Date(2025, 2, 7, 20, 0, 0, 0, time.UTC),
			wantFrom: "2015-02-08", wantTo: "2025-02-08",
			wantQuery: map[string]string{
				"period1": fmt.Sprint(time.Date(2015, 2, 7, 16, 0, 0, 0, time.UTC).Unix()),
				"period2": fmt.Sprint(time.Date(2025, 2, 8, 16, 0, 0, 0, time.UTC).Unix()),
			},
		},
		{
			name: "stooq: today is the exchange's date", source: SourceStooq, now: time.Date(2025, 2, 7, 20, 0, 0, 0, time.UTC),
			wantFrom: "2015-02-08", wantTo: "2025-02-08",
			wantQuery: map[string]string{"d1": "20150208", "d2": "20250208"},
		},
		{
			name: "stooq: before midnight in Hong Kong", source: SourceStooq, now: time.Date(2025, 2, 7, 15, 59, 0, 0, time.UTC),
			wantFrom: "2015-02-07", wantTo: "2025-02-07",
			wantQuery: map[string]string{"d1": "20150207", "d2": "20250207"},
		},
		{
			name: "stooq: From given, To empty", source: SourceStooq, now: time.Date(2025, 2, 7, 20, 0, 0, 0, time.UTC), from: "2025-02-04",
			wantFrom: "2025-02-04", wantTo: "2025-02-08",
			wantQuery: map[string]string{"d1": "20250204", "d2": "20250208"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newChartServer(t)
			f, _ := newTestFetcher(fs, tt.now)
			res, err := f.Fetch(context.Background(), FetchRequest{Index: hsi, Exchange: hkex, Source: tt.source, From: tt.from, BaseURL: fs.srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			if res.From != tt.wantFrom || res.To != tt.wantTo {
				t.Errorf("dates: got %s..%s, want %s..%s", res.From, res.To, tt.wantFrom, tt.wantTo)
			}
			q := fs.requests()[0].query
			for k, want := range tt.wantQuery {
				if got := q.Get(k); got != want {
					t.Errorf("query %s: got %s, want %s", k, got, want)
				}
			}
		})
	}
}

func TestFetchUnclosedSession(t *testing.T) {
	hsi, hkex := fetchIndex(t, "HSI")
	noClose := hkex
	noClose.Close = 0
	tests := []struct {
		name     string
		exchange sectorpulse.Exchange
		now      time.Time
		wantLast string
		wantErr  bool
	}{
		// HKEX closes at 16:00 Hong Kong time, 08:00 UTC.
		{name: "session still open", exchange: hkex, now: time.Date(2025, 2, 7, 3, 0, 0, 0, time.UTC), wantLast: "2025-02-05", wantErr: true},
		{name: "session closed", exchange: hkex, now: time.Date(2025, 2, 7, 8, 0, 0, 0, time.UTC), wantLast: "2025-02-07"},
		{name: "close unknown", exchange: noClose, now: time.Date(2025, 2, 7, 3, 0, 0, 0, time.UTC), wantLast: "2025-02-07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newChartServer(t)
			f, _ := newTestFetcher(fs, tt.now)
			res, err := f.Fetch(context.Background(), FetchRequest{Index: hsi, Exchange: tt.exchange, From: "2025-02-03", BaseURL: fs.srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Prices[len(res.Prices)-1].Date; got != tt.wantLast {
				t.Errorf("last date: got %s, want %s", got, tt.wantLast)
			}
			if found := res.Unclosed == "2025-02-07"; found != tt.wantErr {
				t.Errorf("unclosed session: got %q, want it named: %v", res.Unclosed, tt.wantErr)
			}
			for _, e := range res.RowErrors {
				if strings.Contains(e.Error(), "2025-02-07") {
					t.Errorf("the open session is no row error: %v", e)
				}
			}
		})
	}
}

func TestFetchRequestErrors(t *testing.T) {
	hsi, hkex := fetchIndex(t, "HSI")
	_, nyse := fetchIndex(t, "SPX")
	badZone := hkex
	badZone.TimeZone = "Asia/Atlantis"
	tests := []struct {
		name    string
		req     FetchRequest
		noCl    bool
		wantErr string
	}{
		{name: "no index", req: FetchRequest{Exchange: hkex}, wantErr: "no index given"},
		{name: "no client", req: FetchRequest{Index: hsi, Exchange: hkex}, noCl: true, wantErr: "no HTTP client"},
		{name: "bad from", req: FetchRequest{Index: hsi, Exchange: hkex, From: "2025/02/03"}, wantErr: `from date "2025/02/03": want YYYY-MM-DD`},
		{name: "bad to", req: FetchRequest{Index: hsi, Exchange: hkex, To: "Feb 7"}, wantErr: `to date "Feb 7"`},
		{name: "from after to", req: FetchRequest{Index: hsi, Exchange: hkex, From: "2025-02-08", To: "2025-02-07"},
			wantErr: "from date 2025-02-08 is after to date 2025-02-07"},
		{name: "unknown time zone", req: FetchRequest{Index: hsi, Exchange: badZone}, wantErr: `time zone "Asia/Atlantis"`},
		{name: "index on another exchange", req: FetchRequest{Index: hsi, Exchange: nyse}, wantErr: "index HSI is on exchange HKEX, not NYSE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newChartServer(t)
			f, _ := newTestFetcher(fs, fetchMarch1)
			if tt.noCl {
				f.Client = nil
			}
			tt.req.BaseURL = fs.srv.URL
			_, err := f.Fetch(context.Background(), tt.req)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error: got %v, want one containing %q", err, tt.wantErr)
			}
			if n := len(fs.requests()); n != 0 {
				t.Errorf("requests: got %d, want none", n)
			}
		})
	}
}

func TestParseFetchRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"3", 3 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"0", 0},
		{"-4", 0},
		{"later", 0},
		{"Sat, 01 Mar 2025 08:01:00 GMT", time.Minute},
		{"Sat, 01 Mar 2025 07:59:00 GMT", 0},
	}
	for _, tt := range tests {
		if got := parseFetchRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseFetchRetryAfter(%q): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"  Service\r\nUnavailable\x00 ", 200, "Service Unavailable"},
		{"abcdef", 4, "abcd"},
		{"恒生指數", 4, "恒"}, // never cut inside a character
		{"bad \xff byte", 200, "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := snippet([]byte(tt.in), tt.n); got != tt.want {
			t.Errorf("snippet(%q, %d): got %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func ExamplePriceFetcher_Fetch() {
	// A stand-in for stooq.com on loopback.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		fmt.Fprint(w, "Date,Open,High,Low,Close,Volume\n2025-02-03,20116.2,20289.54,19990.84,20217.26,0\n2025-02-04,20006.52,20840.77,19988.02,20789.96,0\n")
	}))
	defer srv.Close()

	hsi, _ := sectorpulse.LookupIndex("HSI")
	f := &PriceFetcher{Client: srv.Client()}
	res, err := f.Fetch(context.Background(), FetchRequest{Index: hsi, Source: SourceStooq,
		From: "2025-02-03", To: "2025-02-04", BaseURL: srv.URL})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Prices {
		fmt.Println(p.Index, p.Date, p.Close)
	}
	// Output:
	// HSI 2025-02-03 20217.26
	// HSI 2025-02-04 20789.96
}
