package scraper

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultUserAgent is the User-Agent a Fetcher sends unless told otherwise.
const DefaultUserAgent = "sectorpulse/0.1 (+https://github.com/sectorpulse/sectorpulse)"

// Defaults applied by NewFetcher to zero Options fields.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultHostRate     = 1.0 // requests per second per host
	DefaultRetries      = 3
	DefaultRetryBase    = 500 * time.Millisecond
	DefaultMaxRetryWait = 60 * time.Second
	DefaultMaxRedirects = 5
)

// Options configures a Fetcher. The zero value of every field means its
// default; where a feature can be turned off, a negative value or an
// explicit flag does so.
type Options struct {
	// UserAgent is sent with every request, robots.txt included (default
	// DefaultUserAgent). Its product token, the part before the first "/"
	// or space, lower-cased, picks the robots.txt group: "sectorpulse" for
	// the default.
	UserAgent string
	// Timeout bounds each attempt of a request from dialling to the last
	// byte of the body, so a server that trickles its body in fails too
	// (default 20s). A deadline for a whole run is the context's.
	Timeout time.Duration
	// MaxBytes caps the body after decompression (default 10 MiB); a
	// bigger body, or a gzip bomb, gives ErrTooLarge.
	MaxBytes int64
	// Client does the HTTP (nil: a new client, never http.DefaultClient).
	// The Fetcher uses a copy whose CheckRedirect is its own; the caller's
	// client is not changed.
	Client *http.Client

	// IgnoreRobots turns off robots.txt: by default each scheme and host's
	// robots.txt is fetched once, cached for the Fetcher's life, and a URL
	// it disallows for our product token fails with ErrDisallowed without
	// being requested; its Crawl-delay (capped at MaxCrawlDelay) slows the
	// host down.
	IgnoreRobots bool
	// HostRate is the most requests per second sent to one host (default
	// DefaultHostRate, 1/s; negative: no limit). The default is not applied
	// to loopback hosts (localhost, 127.0.0.0/8, ::1) such as the demo site
	// and test servers; an explicit rate is. A robots.txt Crawl-delay
	// longer than the interval wins.
	HostRate float64
	// Retries is how many times a request is retried after a timeout, a
	// connection reset or EOF, or a 429, 500, 502, 503 or 504 (default 3;
	// negative: none).
	Retries int
	// RetryBase is the first backoff; each retry doubles it, with jitter
	// (default 500ms). A Retry-After header wins over the backoff.
	RetryBase time.Duration
	// MaxRetryWait caps a backoff; a Retry-After longer than it fails the
	// request at once (default 60s).
	MaxRetryWait time.Duration
	// MaxRedirects is how many redirects one request follows (default 5;
	// negative: none). A redirect back to a URL already visited fails with
	// ErrRedirectLoop, one too many with ErrTooManyRedirects.
	MaxRedirects int
}

// Fetcher fetches pages and feeds over HTTP(S): it honours robots.txt,
// limits the request rate per host, retries transient failures, bounds
// each attempt with a timeout and the body with a size cap, and converts
// pages to UTF-8. It is safe for concurrent use.
type Fetcher struct {
	client       *http.Client
	userAgent    string
	agentToken   string
	timeout      time.Duration
	maxBytes     int64
	robotsOn     bool
	retries      int
	retryBase    time.Duration
	maxRetryWait time.Duration
	maxRedirects int
	loopRepeats  int

	robots robotsCache
	limits *hostLimits

	// sleep waits d or until ctx ends; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

// NewFetcher returns a Fetcher configured by opts, with defaults for zero
// fields.
func NewFetcher(opts Options) *Fetcher {
	f := &Fetcher{
		userAgent:    opts.UserAgent,
		timeout:      opts.Timeout,
		maxBytes:     opts.MaxBytes,
		robotsOn:     !opts.IgnoreRobots,
		retries:      opts.Retries,
		retryBase:    opts.RetryBase,
		maxRetryWait: opts.MaxRetryWait,
		maxRedirects: opts.MaxRedirects,
		sleep:        sleepCtx,
	}
	if f.userAgent == "" {
		f.userAgent = DefaultUserAgent
	}
	f.agentToken = productToken(f.userAgent)
	if f.timeout <= 0 {
		f.timeout = DefaultTimeout
	}
	if f.maxBytes <= 0 {
		f.maxBytes = DefaultMaxBytes
	}
	switch {
	case f.retries == 0:
		f.retries = DefaultRetries
	case f.retries < 0:
		f.retries = 0
	}
	if f.retryBase <= 0 {
		f.retryBase = DefaultRetryBase
	}
	if f.maxRetryWait <= 0 {
		f.maxRetryWait = DefaultMaxRetryWait
	}
	switch {
	case f.maxRedirects == 0:
		f.maxRedirects = DefaultMaxRedirects
	case f.maxRedirects < 0:
		f.maxRedirects = 0
	}
	f.limits = newHostLimits(opts.HostRate)
	f.robots.m = map[string]*robotsEntry{}

	var c http.Client
	if opts.Client != nil {
		c = *opts.Client
	}
	// With a cookie jar, a redirect back to the same URL (after a cookie
	// was set) is normal once.
	f.loopRepeats = 1
	if c.Jar != nil {
		f.loopRepeats = 2
	}
	c.CheckRedirect = f.checkRedirect
	f.client = &c
	return f
}

// Page is a fetched or read document, body converted to UTF-8.
type Page struct {
	// URL is the final URL after redirects, or a file:// URL for files.
	URL string
	// Redirects lists the URLs requested before URL, in order, starting
	// with the one asked for; empty when there was no redirect.
	Redirects []string
	// Body is the document in UTF-8.
	Body []byte
	// ContentType is the response's Content-Type header (or the type
	// implied by a file's extension, or sniffed from the body when the
	// response had none).
	ContentType string
	// ETag and LastModified are the response's validators, for a later
	// FetchIf; empty when the server sent none.
	ETag         string
	LastModified string
	// FetchedAt is when the document was fetched or read (UTC).
	FetchedAt time.Time
}

// Validators are a stored page's ETag and Last-Modified, sent as
// If-None-Match and If-Modified-Since for a conditional GET.
type Validators struct {
	ETag         string
	LastModified string
}

// response is a successful GET with its body read under the size cap.
type response struct {
	url          string
	redirects    []string
	contentType  string
	etag         string
	lastModified string
	body         []byte
}

const acceptHTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"

// Fetch GETs an HTML page and returns it converted to UTF-8; it is FetchIf
// with no validators.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	return f.FetchIf(ctx, rawURL, Validators{})
}

// FetchIf GETs an HTML page unless it is unchanged since v was stored, and
// returns it converted to UTF-8. Errors are wrapped with the URL: a page not
// modified since v gives ErrNotModified; a status outside 2xx an
// *HTTPError (after retries for 429 and 5xx); a body that is not HTML
// ErrNotHTML (a body declared HTML that is binary counts as not HTML, one
// declared as plain text or octet-stream that is HTML counts as HTML); a
// body over the cap ErrTooLarge; a URL robots.txt disallows ErrDisallowed;
// a URL that is not http or https ErrUnsupportedScheme.
func (f *Fetcher) FetchIf(ctx context.Context, rawURL string, v Validators) (*Page, error) {
	resp, err := f.getIf(ctx, rawURL, acceptHTML, v)
	if err != nil {
		return nil, err
	}
	ct := resp.contentType
	if ct == "" {
		ct = http.DetectContentType(resp.body)
	}
	if err := checkHTML(ct, resp.body); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	body, err := toUTF8(resp.body, ct)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	return resp.page(body, ct), nil
}

// page makes the Page of a response whose body (converted or not) is body
// and whose content type is ct.
func (r *response) page(body []byte, ct string) *Page {
	return &Page{
		URL:          r.url,
		Redirects:    r.redirects,
		Body:         body,
		ContentType:  ct,
		ETag:         r.etag,
		LastModified: r.lastModified,
		FetchedAt:    time.Now().UTC(),
	}
}

// getIf is the one path of every page and feed request: it checks the
// scheme and robots.txt, waits for the host's rate limit, and makes
// attempts until one succeeds, fails for good, or the retries, the
// Retry-After limit or the context's deadline run out.
func (f *Fetcher) getIf(ctx context.Context, rawURL, accept string, v Validators) (*response, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	crawlDelay, err := f.checkRobots(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	for attempt := 0; ; attempt++ {
		if err := f.waitHost(ctx, u.Host, crawlDelay); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
		}
		resp, err := f.attempt(ctx, rawURL, accept, v, f.maxBytes)
		if err == nil {
			return resp, nil
		}
		wait, err := f.nextRetry(ctx, err, attempt)
		if err != nil {
			return nil, err
		}
		if err := f.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("fetch %s: waiting to retry: %w", rawURL, err)
		}
	}
}

// attempt makes one GET under the per-attempt timeout, which covers
// reading the body, and reads at most maxBytes of it after decompression.
func (f *Fetcher) attempt(ctx context.Context, rawURL, accept string, v Validators, maxBytes int64) (*response, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w: %w", rawURL, ErrBadURL, err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, ErrNotModified)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Drain a little so the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		return nil, &HTTPError{
			URL:        rawURL,
			StatusCode: resp.StatusCode,
			Status:     resp.Status,
			RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
		}
	}
	var body io.Reader = resp.Body
	if enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); !resp.Uncompressed && (enc == "gzip" || enc == "x-gzip") {
		// The transport decodes gzip only when it asked for it; a server
		// that sends gzip anyway is decoded here, under the same cap.
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			// %v: an empty or corrupt body is not a transient EOF.
			return nil, fmt.Errorf("fetch %s: gunzip body: %v", rawURL, err)
		}
		body = zr
	} else if resp.ContentLength > maxBytes {
		return nil, fmt.Errorf("fetch %s: content length %d over %d bytes: %w", rawURL, resp.ContentLength, maxBytes, ErrTooLarge)
	}
	b, err := readCapped(body, maxBytes)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", rawURL, err)
	}
	return &response{
		url:          resp.Request.URL.String(),
		redirects:    redirectChain(resp.Request),
		contentType:  resp.Header.Get("Content-Type"),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
		body:         b,
	}, nil
}

// checkURL parses rawURL and accepts only absolute http and https URLs.
func checkURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadURL, err)
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return nil, fmt.Errorf("scheme %q: %w", u.Scheme, ErrUnsupportedScheme)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("no host: %w", ErrBadURL)
	}
	return u, nil
}

// checkRedirect is the client's redirect policy: http and https only, no
// loops, at most maxRedirects, and each hop allowed by robots.txt. Hops
// are not paced by the host's rate limit: they belong to one page visit,
// and a long Crawl-delay would otherwise outlast the attempt's timeout.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.maxRedirects {
		return fmt.Errorf("after %d redirects, to %s: %w", len(via), req.URL, ErrTooManyRedirects)
	}
	if isRobotsRequest(req.Context()) {
		return nil
	}
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return fmt.Errorf("redirect to %s: scheme %q: %w", req.URL, s, ErrUnsupportedScheme)
	}
	next := req.URL.String()
	seen := 0
	for _, r := range via {
		if r.URL.String() == next {
			seen++
		}
	}
	if seen >= f.loopRepeats {
		return fmt.Errorf("redirect back to %s: %w", next, ErrRedirectLoop)
	}
	if _, err := f.checkRobots(req.Context(), req.URL); err != nil {
		return fmt.Errorf("redirect to %s: %w", next, err)
	}
	return nil
}

// redirectChain lists the URLs requested before final, oldest first.
func redirectChain(final *http.Request) []string {
	var chain []string
	for r := final; r.Response != nil && r.Response.Request != nil; r = r.Response.Request {
		chain = append(chain, r.Response.Request.URL.String())
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain
}

// readCapped reads all of r, failing with ErrTooLarge past max bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("over %d bytes: %w", max, ErrTooLarge)
	}
	return body, nil
}

// checkHTML decides from the declared content type and the body itself
// whether a response is an HTML page. A body declared HTML that sniffs as
// a binary format, or has NUL bytes near the start, is not; a body
// declared as plain text or octet-stream that sniffs as HTML is.
func checkHTML(contentType string, body []byte) error {
	if isHTML(contentType) {
		if kind, binary := looksBinary(body); binary {
			return fmt.Errorf("content type %q but the body is %s: %w", contentType, kind, ErrNotHTML)
		}
		return nil
	}
	switch mediaType(contentType) {
	case "application/octet-stream", "binary/octet-stream", "application/unknown", "text/plain":
		if sniffsHTML(body) {
			return nil
		}
	}
	return fmt.Errorf("content type %q: %w", contentType, ErrNotHTML)
}

// isHTML reports whether a Content-Type names an HTML document.
func isHTML(contentType string) bool {
	mt := mediaType(contentType)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// mediaType returns the lower-cased media type of a Content-Type.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt
}

// sniffLen is how much of a body content sniffing looks at.
const sniffLen = 512

// looksBinary reports whether the start of body is a binary format (PDF,
// image, archive…) or holds NUL bytes, and names what it looks like.
// UTF-16 text, which has NULs, is recognised by its byte order mark.
func looksBinary(body []byte) (string, bool) {
	head := body[:min(len(body), sniffLen)]
	if bytes.HasPrefix(head, []byte{0xFE, 0xFF}) || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) {
		return "", false
	}
	sniffed := mediaType(http.DetectContentType(head))
	if bytes.IndexByte(head, 0) >= 0 {
		return "binary (" + sniffed + ", NUL bytes)", true
	}
	if !strings.HasPrefix(sniffed, "text/") && sniffed != "application/octet-stream" {
		return sniffed, true
	}
	return "", false
}

// sniffsHTML reports whether body starts like an HTML document.
func sniffsHTML(body []byte) bool {
	head := body[:min(len(body), sniffLen)]
	if mediaType(http.DetectContentType(head)) == "text/html" {
		return true
	}
	head = bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n\f"))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// productToken returns the robots.txt product token of a User-Agent: its
// first word up to "/", lower-cased ("sectorpulse" for DefaultUserAgent).
func productToken(userAgent string) string {
	tok := strings.TrimSpace(userAgent)
	if i := strings.IndexAny(tok, "/ \t("); i >= 0 {
		tok = tok[:i]
	}
	return strings.ToLower(tok)
}
