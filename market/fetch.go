package market

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sectorpulse/sectorpulse"
)

// The online price sources of FetchRequest.Source.
const (
	// SourceYahoo is Yahoo Finance's chart API (JSON).
	SourceYahoo = "yahoo"
	// SourceStooq is Stooq's CSV download.
	SourceStooq = "stooq"
)

// Defaults of PriceFetcher.
const (
	// DefaultFetchUserAgent is the User-Agent sent when
	// PriceFetcher.UserAgent is empty.
	DefaultFetchUserAgent = "sectorpulse/1 (+https://github.com/sectorpulse/sectorpulse)"
	// DefaultFetchRetries is the number of extra attempts when
	// PriceFetcher.Retries is zero.
	DefaultFetchRetries = 2
	// DefaultFetchMaxBytes is the body cap when PriceFetcher.MaxBytes is
	// zero or negative.
	DefaultFetchMaxBytes int64 = 32 << 20
)

const (
	yahooBaseURL = "https://query1.finance.yahoo.com"
	stooqBaseURL = "https://stooq.com"
	// maxFetchWait caps a Retry-After and the exponential backoff.
	maxFetchWait = 60 * time.Second
	// snippetBytes is how much of an error body goes into a StatusError.
	snippetBytes = 200
	// defaultFetchYears is the span fetched when FetchRequest.From is empty.
	defaultFetchYears = 10
)

// ErrNoData is wrapped by Fetch errors that say the source answered but
// has no prices for the symbol between the dates (a symbol the source does
// not know often looks the same).
var ErrNoData = errors.New("no prices")

// ErrBadRequest is wrapped by Fetch errors about the request itself — an
// index without a symbol for the source, a bad or reversed date range, an
// unknown source or time zone — found before anything is fetched.
var ErrBadRequest = errors.New("bad price request")

// FetchRequest says which prices to fetch.
type FetchRequest struct {
	// Index is the index fetched; its Code goes into every Price and its
	// Yahoo or Stooq symbol is used unless Symbol is set.
	Index sectorpulse.Index
	// Exchange is the index's exchange: its TimeZone turns Yahoo's
	// timestamps into trading dates and decides what "today" is; its
	// Close, when set, keeps today's session out until it has closed.
	// When TimeZone is empty, Yahoo's meta.exchangeTimezoneName is used
	// for dates and UTC for "today".
	Exchange sectorpulse.Exchange
	// Source is SourceYahoo or SourceStooq; empty picks Yahoo when the
	// index has a Yahoo symbol, else Stooq when it has a Stooq symbol,
	// else Yahoo when Symbol is set.
	Source string
	// Symbol, when set, is the source's symbol to fetch instead of
	// Index.Yahoo or Index.Stooq.
	Symbol string
	// From and To bound the trading dates fetched, YYYY-MM-DD, both
	// inclusive. An empty To is today in the exchange's time zone; an
	// empty From is ten years before To.
	From, To string
	// BaseURL replaces the source's public URL (scheme and host, e.g.
	// "http://127.0.0.1:8080"), for tests and mirrors.
	BaseURL string
}

// PriceFetcher fetches daily index prices from Yahoo Finance or Stooq.
// A PriceFetcher keeps no state between calls and may be used by several
// goroutines at once.
type PriceFetcher struct {
	// Client makes the requests; it is required.
	Client *http.Client
	// UserAgent is sent with every request; empty means
	// DefaultFetchUserAgent.
	UserAgent string
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Retries is the number of extra attempts after a network error, a
	// 429 or a 5xx; zero means DefaultFetchRetries, negative means none.
	Retries int
	// Wait waits d before a retry, returning early with an error when ctx
	// ends; nil means a timer that honours ctx.
	Wait func(ctx context.Context, d time.Duration) error
	// MaxBytes caps a response body; zero or negative means
	// DefaultFetchMaxBytes. A bigger body is an error.
	MaxBytes int64
}

// FetchResult is what Fetch got.
type FetchResult struct {
	// Prices are the prices between From and To, sorted by date, one per
	// date, with Index set to the index's Code.
	Prices []sectorpulse.Price
	// RowErrors are the rows left out, each naming the URL: a *RowError
	// whose Line is the 1-based row (the CSV line for Stooq, the position
	// in the timestamp array for Yahoo) and whose message starts with the
	// date when known.
	RowErrors []error
	// Unclosed is the date of today's session when its bar was left out
	// because the session had not closed yet (its close is not final);
	// "" otherwise. It is not an error: fetching after the close stores it.
	Unclosed string
	// URL is the URL fetched, for logs.
	URL string
	// Source and Symbol are the source and symbol used.
	Source, Symbol string
	// Currency is the currency the source reports, e.g. "HKD"; empty when
	// it reports none (Stooq).
	Currency string
	// From and To are the date bounds used, YYYY-MM-DD.
	From, To string
}

// StatusError is a non-2xx answer that remained after any retries.
type StatusError struct {
	// URL is the URL requested.
	URL string
	// StatusCode is the HTTP status code, e.g. 503.
	StatusCode int
	// Status is the status line's text, e.g. "503 Service Unavailable".
	Status string
	// Body is the start of the body, at most 200 bytes, on one line.
	Body string
	// Attempts is the number of requests made.
	Attempts int
}

// Error names the URL, the status, the attempts and the body's start.
func (e *StatusError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "GET %s: HTTP %s", e.URL, e.Status)
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (gave up after %d attempts)", e.Attempts)
	}
	if e.Body != "" {
		fmt.Fprintf(&b, ": %s", e.Body)
	}
	return b.String()
}

// fetchPlan is a FetchRequest resolved: source, symbol, dates and zone.
type fetchPlan struct {
	req            FetchRequest
	source, symbol string
	base           string
	from, to       time.Time // dates at 00:00 UTC
	fromS, toS     string
	loc            *time.Location // the exchange's zone; UTC when unknown
	zoneKnown      bool
	now            time.Time
}

// Fetch fetches the daily prices of req.Index from Yahoo Finance or Stooq.
// Rows the source leaves empty (a null close), repeated dates and a
// session that has not closed yet are left out and reported in RowErrors;
// rows outside From..To are dropped. Network errors, 429 and 5xx answers
// are retried (see PriceFetcher.Retries). An error is returned, naming the
// URL, when the request is bad, the source answers with an error, a
// non-2xx status, an HTML page, a body over MaxBytes or a body that cannot
// be read, or when no prices are left; errors that mean "no data" wrap
// ErrNoData.
func (f *PriceFetcher) Fetch(ctx context.Context, req FetchRequest) (*FetchResult, error) {
	if req.Index.Code == "" {
		return nil, errors.New("fetch prices: no index given")
	}
	p, err := f.plan(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s prices: %w: %w", req.Index.Code, ErrBadRequest, err)
	}
	wrap := func(err error) error {
		return fmt.Errorf("fetch %s prices from %s: %w", req.Index.Code, p.source, err)
	}
	if f.Client == nil {
		return nil, wrap(errors.New("no HTTP client (PriceFetcher.Client is nil)"))
	}
	var res *FetchResult
	if p.source == SourceYahoo {
		res, err = f.fetchYahoo(ctx, p)
	} else {
		res, err = f.fetchStooq(ctx, p)
	}
	if err != nil {
		return nil, wrap(err)
	}
	res.Source, res.Symbol, res.From, res.To = p.source, p.symbol, p.fromS, p.toS
	p.dropUnclosed(res)
	if len(res.Prices) == 0 {
		err := fmt.Errorf("%w between %s and %s (%s)", ErrNoData, p.fromS, p.toS, res.URL)
		if n := len(res.RowErrors); n > 0 {
			err = fmt.Errorf("%w; %d rows left out, the first: %v", err, n, res.RowErrors[0])
		}
		return nil, wrap(err)
	}
	return res, nil
}

// plan checks req and resolves its defaults.
func (f *PriceFetcher) plan(req FetchRequest) (*fetchPlan, error) {
	p := &fetchPlan{req: req, loc: time.UTC, now: f.now()}
	ix := req.Index
	if req.Exchange.Code != "" && ix.Market != "" && !strings.EqualFold(req.Exchange.Code, ix.Market) {
		return nil, fmt.Errorf("index %s is on exchange %s, not %s", ix.Code, ix.Market, req.Exchange.Code)
	}
	if tz := req.Exchange.TimeZone; tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("exchange %s: time zone %q: %w", req.Exchange.Code, tz, err)
		}
		p.loc, p.zoneKnown = loc, true
	}

	p.symbol = strings.TrimSpace(req.Symbol)
	switch src := strings.ToLower(strings.TrimSpace(req.Source)); src {
	case "":
		switch {
		case ix.Yahoo != "":
			p.source = SourceYahoo
		case ix.Stooq != "":
			p.source = SourceStooq
		case p.symbol != "":
			p.source = SourceYahoo
		default:
			return nil, fmt.Errorf("index %s has no Yahoo or Stooq symbol; pass a symbol (--symbol) and a source", ix.Code)
		}
	case SourceYahoo, SourceStooq:
		p.source = src
	default:
		return nil, fmt.Errorf("unknown price source %q (want %s or %s)", req.Source, SourceYahoo, SourceStooq)
	}
	if p.symbol == "" {
		p.symbol = ix.Yahoo
		if p.source == SourceStooq {
			p.symbol = ix.Stooq
		}
	}
	if p.symbol == "" {
		return nil, fmt.Errorf("index %s has no %s symbol; pass a symbol (--symbol)", ix.Code, p.source)
	}

	p.base = strings.TrimRight(req.BaseURL, "/")
	if p.base == "" {
		p.base = yahooBaseURL
		if p.source == SourceStooq {
			p.base = stooqBaseURL
		}
	}

	var err error
	if p.to, err = parseFetchDate("to", req.To, p.now.In(p.loc)); err != nil {
		return nil, err
	}
	if p.from, err = parseFetchDate("from", req.From, p.to.AddDate(-defaultFetchYears, 0, 0)); err != nil {
		return nil, err
	}
	p.fromS, p.toS = p.from.Format(dateLayout), p.to.Format(dateLayout)
	if p.from.After(p.to) {
		return nil, fmt.Errorf("from date %s is after to date %s", p.fromS, p.toS)
	}
	return p, nil
}

// parseFetchDate parses a YYYY-MM-DD bound named name; empty gives the
// date of def. The result is the date at 00:00 UTC.
func parseFetchDate(name, s string, def time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Date(def.Year(), def.Month(), def.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s date %q: want YYYY-MM-DD", name, s)
	}
	return t, nil
}

// midnight returns 00:00 of date d's calendar day, plus days, in loc.
func midnight(d time.Time, days int, loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day()+days, 0, 0, 0, 0, loc)
}

// dropUnclosed moves today's price out of res while the exchange's
// session has not closed: its close is not final yet.
func (p *fetchPlan) dropUnclosed(res *FetchResult) {
	closeAt := p.req.Exchange.Close
	if !p.zoneKnown || closeAt <= 0 || len(res.Prices) == 0 {
		return
	}
	now := p.now.In(p.loc)
	today := now.Format(dateLayout)
	last := res.Prices[len(res.Prices)-1]
	if last.Date != today {
		return
	}
	closes := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, int(closeAt), p.loc)
	if !now.Before(closes) {
		return
	}
	res.Prices = res.Prices[:len(res.Prices)-1]
	res.Unclosed = today
}

// yahooChart is the body of Yahoo's v8 chart API.
type yahooChart struct {
	Chart struct {
		Result []yahooResult `json:"result"`
		Error  *struct {
			Code        string `json:"code"`
			Description string `json:"description"`
		} `json:"error"`
	} `json:"chart"`
}

// yahooResult is one chart result.
type yahooResult struct {
	Meta struct {
		Currency             string `json:"currency"`
		Symbol               string `json:"symbol"`
		ExchangeTimezoneName string `json:"exchangeTimezoneName"`
		InstrumentType       string `json:"instrumentType"`
	} `json:"meta"`
	Timestamp  []int64 `json:"timestamp"`
	Indicators struct {
		Quote []struct {
			Open   []*float64 `json:"open"`
			High   []*float64 `json:"high"`
			Low    []*float64 `json:"low"`
			Close  []*float64 `json:"close"`
			Volume []*float64 `json:"volume"`
		} `json:"quote"`
		Adjclose []struct {
			Adjclose []*float64 `json:"adjclose"`
		} `json:"adjclose"`
	} `json:"indicators"`
}

// yahooURL builds the chart URL of p.
func (p *fetchPlan) yahooURL() string {
	period1, period2 := midnight(p.from, 0, p.loc), midnight(p.to, 1, p.loc)
	if !p.zoneKnown {
		// The zone comes with the answer; ask for a day more on each
		// side and keep From..To once dates are known.
		period1, period2 = period1.AddDate(0, 0, -1), period2.AddDate(0, 0, 1)
	}
	return fmt.Sprintf("%s/v8/finance/chart/%s?period1=%d&period2=%d&interval=1d&events=history&includePrePost=false",
		p.base, url.PathEscape(p.symbol), period1.Unix(), period2.Unix())
}

// fetchYahoo fetches and reads a Yahoo chart.
func (f *PriceFetcher) fetchYahoo(ctx context.Context, p *fetchPlan) (*FetchResult, error) {
	u := p.yahooURL()
	resp, err := f.get(ctx, u, "application/json")
	if err != nil {
		return nil, err
	}
	var chart yahooChart
	jsonErr := json.Unmarshal(resp.body, &chart)
	if ce := chart.Chart.Error; jsonErr == nil && ce != nil {
		status := ""
		if !resp.ok() {
			status = " HTTP " + resp.status + ":"
		}
		err := fmt.Errorf("GET %s:%s Yahoo chart error %q: %s", u, status, ce.Code, ce.Description)
		if strings.EqualFold(ce.Code, "Not Found") {
			err = fmt.Errorf("%w: %w", ErrNoData, err)
		}
		return nil, err
	}
	if !resp.ok() {
		return nil, resp.statusError(u)
	}
	if jsonErr != nil {
		return nil, fmt.Errorf("GET %s: malformed chart JSON (Content-Type %q): %w", u, resp.contentType, jsonErr)
	}
	if len(chart.Chart.Result) == 0 {
		return nil, fmt.Errorf("GET %s: chart has neither a result nor an error", u)
	}
	r := chart.Chart.Result[0]
	if s := r.Meta.Symbol; s != "" && !strings.EqualFold(s, p.symbol) {
		return nil, fmt.Errorf("GET %s: chart is for symbol %q, not %q", u, s, p.symbol)
	}
	loc := p.loc
	if !p.zoneKnown {
		tz := r.Meta.ExchangeTimezoneName
		if loc, err = time.LoadLocation(tz); err != nil || tz == "" {
			return nil, fmt.Errorf("GET %s: no exchange time zone to date the sessions (Exchange.TimeZone is empty, meta.exchangeTimezoneName is %q)", u, tz)
		}
	}
	res := &FetchResult{URL: u, Currency: r.Meta.Currency}
	n := len(r.Timestamp)
	if n == 0 {
		return nil, fmt.Errorf("%w between %s and %s (%s: no timestamps)", ErrNoData, p.fromS, p.toS, u)
	}
	if len(r.Indicators.Quote) == 0 {
		return nil, fmt.Errorf("GET %s: chart has %d timestamps but no quote", u, n)
	}
	q := r.Indicators.Quote[0]
	arrays := []struct {
		name string
		v    []*float64
	}{{"open", q.Open}, {"high", q.High}, {"low", q.Low}, {"close", q.Close}, {"volume", q.Volume}}
	for _, a := range r.Indicators.Adjclose {
		arrays = append(arrays, struct {
			name string
			v    []*float64
		}{"adjclose", a.Adjclose})
	}
	for _, a := range arrays {
		if (a.v != nil || a.name == "close") && len(a.v) != n {
			return nil, fmt.Errorf("GET %s: %d %s values for %d timestamps", u, len(a.v), a.name, n)
		}
	}

	seen := make(map[string]int) // date → index in res.Prices
	rows := make(map[string]int) // date → row
	for i, ts := range r.Timestamp {
		row := i + 1
		date := time.Unix(ts, 0).In(loc).Format(dateLayout)
		if date < p.fromS || date > p.toS {
			continue
		}
		c := q.Close[i]
		switch {
		case c == nil:
			res.RowErrors = append(res.RowErrors, &RowError{File: u, Line: row, Err: fmt.Errorf("%s: no close (null)", date)})
			continue
		case *c <= 0:
			res.RowErrors = append(res.RowErrors, &RowError{File: u, Line: row, Err: fmt.Errorf("%s: close %v is not positive", date, *c)})
			continue
		}
		pr := sectorpulse.Price{Index: p.req.Index.Code, Date: date, Close: *c,
			Open: optionalAt(q.Open, i), High: optionalAt(q.High, i), Low: optionalAt(q.Low, i)}
		if j, dup := seen[date]; dup {
			res.RowErrors = append(res.RowErrors, &RowError{File: u, Line: row,
				Err: fmt.Errorf("duplicate date %s (also row %d); keeping this row", date, rows[date])})
			res.Prices[j] = pr
			rows[date] = row
			continue
		}
		seen[date], rows[date] = len(res.Prices), row
		res.Prices = append(res.Prices, pr)
	}
	slices.SortFunc(res.Prices, func(a, b sectorpulse.Price) int { return strings.Compare(a.Date, b.Date) })
	return res, nil
}

// optionalAt returns v[i] when it is a positive number, else zero (not
// given).
func optionalAt(v []*float64, i int) float64 {
	if i < len(v) && v[i] != nil && *v[i] > 0 {
		return *v[i]
	}
	return 0
}

// stooqURL builds the CSV download URL of p.
func (p *fetchPlan) stooqURL() string {
	return fmt.Sprintf("%s/q/d/l/?s=%s&d1=%s&d2=%s&i=d", p.base, url.QueryEscape(strings.ToLower(p.symbol)),
		p.from.Format("20060102"), p.to.Format("20060102"))
}

// fetchStooq fetches and reads a Stooq CSV.
func (f *PriceFetcher) fetchStooq(ctx context.Context, p *fetchPlan) (*FetchResult, error) {
	u := p.stooqURL()
	resp, err := f.get(ctx, u, "text/csv, text/plain;q=0.9, */*;q=0.1")
	if err != nil {
		return nil, err
	}
	if !resp.ok() {
		return nil, resp.statusError(u)
	}
	if resp.isHTML() {
		return nil, fmt.Errorf("GET %s: got an HTML page (Content-Type %q), not prices; the source may be showing a consent or captcha page", u, resp.contentType)
	}
	text := strings.TrimSpace(string(resp.body))
	switch {
	case strings.EqualFold(text, "No data"):
		return nil, fmt.Errorf("%w: stooq answered \"No data\" for symbol %s between %s and %s (%s)",
			ErrNoData, strings.ToLower(p.symbol), p.fromS, p.toS, u)
	case strings.Contains(strings.ToLower(text), "exceeded the daily hits limit"):
		return nil, fmt.Errorf("GET %s: stooq says \"Exceeded the daily hits limit\" for this address; try again tomorrow or use the yahoo source", u)
	}
	parsed, err := ParsePrices(bytes.NewReader(resp.body), u, ParseOptions{Index: p.req.Index})
	if err != nil {
		return nil, err
	}
	res := &FetchResult{URL: u, RowErrors: parsed.RowErrors}
	for _, pr := range parsed.Prices {
		if pr.Date >= p.fromS && pr.Date <= p.toS {
			res.Prices = append(res.Prices, pr)
		}
	}
	return res, nil
}

// response is an HTTP answer with its body read.
type response struct {
	code        int
	status      string
	contentType string
	header      http.Header
	body        []byte
	attempts    int
}

// ok reports a 2xx status.
func (r *response) ok() bool { return r.code >= 200 && r.code <= 299 }

// isHTML reports whether the body is an HTML page, by Content-Type or by
// a leading '<'.
func (r *response) isHTML() bool {
	mt, _, _ := mime.ParseMediaType(r.contentType)
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return true
	}
	b := bytes.TrimLeftFunc(bytes.TrimPrefix(r.body, []byte("\xEF\xBB\xBF")), unicode.IsSpace)
	return len(b) > 0 && b[0] == '<'
}

// statusError describes a non-2xx r.
func (r *response) statusError(u string) *StatusError {
	return &StatusError{URL: u, StatusCode: r.code, Status: r.status, Body: snippet(r.body, snippetBytes), Attempts: r.attempts}
}

// snippet returns the start of body on one line: invalid UTF-8 replaced,
// control characters and runs of space made one space, at most n bytes.
func snippet(body []byte, n int) string {
	s := strings.Join(strings.FieldsFunc(strings.ToValidUTF8(string(body), "\uFFFD"), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// retryable reports whether an answer with this status is retried.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || (code >= 500 && code <= 599)
}

// get fetches u, retrying network errors, 429 and 5xx. It returns the
// last answer whatever its status; an error means no answer (or a body
// over the cap).
func (f *PriceFetcher) get(ctx context.Context, u, accept string) (*response, error) {
	retries := f.Retries
	switch {
	case retries == 0:
		retries = DefaultFetchRetries
	case retries < 0:
		retries = 0
	}
	for attempt := 0; ; attempt++ {
		resp, retry, err := f.try(ctx, u, accept)
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("GET %s: %w", u, ctxErr)
		}
		var wait time.Duration
		switch {
		case err != nil && !retry:
			return nil, err
		case err != nil:
			wait = fetchBackoff(attempt)
		case !retryableStatus(resp.code):
			resp.attempts = attempt + 1
			return resp, nil
		default:
			wait = fetchBackoff(attempt)
			if resp.code == http.StatusTooManyRequests || resp.code == http.StatusServiceUnavailable {
				if ra := parseFetchRetryAfter(resp.header.Get("Retry-After"), f.now()); ra > 0 {
					wait = min(ra, maxFetchWait)
				}
			}
		}
		if attempt >= retries {
			if err != nil {
				if attempt == 0 {
					return nil, err
				}
				return nil, fmt.Errorf("%w (gave up after %d attempts)", err, attempt+1)
			}
			resp.attempts = attempt + 1
			return resp, nil
		}
		if werr := f.wait(ctx, wait); werr != nil {
			return nil, fmt.Errorf("GET %s: waiting %v before attempt %d: %w", u, wait, attempt+2, werr)
		}
	}
}

// try makes one request. retry says whether a failure is worth another
// attempt.
func (f *PriceFetcher) try(ctx context.Context, u, accept string) (resp *response, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, false, fmt.Errorf("GET %s: %w", u, err)
	}
	ua := f.UserAgent
	if ua == "" {
		ua = DefaultFetchUserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", accept)
	hr, err := f.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, true, fmt.Errorf("GET %s: %w", u, err)
	}
	defer hr.Body.Close()
	maxBytes := f.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultFetchMaxBytes
	}
	body, err := io.ReadAll(io.LimitReader(hr.Body, maxBytes+1))
	if err != nil {
		return nil, true, fmt.Errorf("GET %s: read body: %w", u, err)
	}
	resp = &response{code: hr.StatusCode, status: hr.Status, contentType: hr.Header.Get("Content-Type"), header: hr.Header, body: body}
	if int64(len(body)) > maxBytes {
		if resp.ok() {
			return nil, false, fmt.Errorf("GET %s: body is larger than the %s cap (MaxBytes)", u, formatBytes(maxBytes))
		}
		resp.body = body[:maxBytes]
	}
	if resp.status == "" {
		resp.status = strconv.Itoa(resp.code)
	}
	return resp, false, nil
}

// formatBytes writes a byte count as MiB or KiB when it is a whole number
// of them.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d-byte", n)
}

// fetchBackoff is the wait after failed attempt number attempt (from 0):
// 1 s doubled per attempt, capped at a minute.
func fetchBackoff(attempt int) time.Duration {
	if attempt >= 6 {
		return maxFetchWait
	}
	return min(time.Second<<attempt, maxFetchWait)
}

// parseFetchRetryAfter reads a Retry-After header, in seconds or as an
// HTTP date, as a wait from now; zero when absent, malformed or past.
func parseFetchRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, int64(24*time.Hour/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// now returns the current time from f.Now or the clock.
func (f *PriceFetcher) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

// wait waits d with f.Wait or a timer, ending early when ctx does.
func (f *PriceFetcher) wait(ctx context.Context, d time.Duration) error {
	if f.Wait != nil {
		return f.Wait(ctx, d)
	}
	return waitTimer(ctx, d)
}

// waitTimer waits d, or until ctx ends with its error.
func waitTimer(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
