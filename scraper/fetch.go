package scraper

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// DefaultUserAgent is the User-Agent a Fetcher sends unless told otherwise.
const DefaultUserAgent = "sectorpulse/0.1 (+https://github.com/sectorpulse/sectorpulse)"

// Defaults applied by NewFetcher to zero Options fields.
const (
	DefaultTimeout  = 20 * time.Second
	DefaultMaxBytes = 10 << 20
)

// Options configures a Fetcher.
type Options struct {
	UserAgent string        // default DefaultUserAgent
	Timeout   time.Duration // whole request incl. body, default 20s
	MaxBytes  int64         // body cap, default 10 MiB; over it -> ErrTooLarge
	Client    *http.Client  // nil -> a new client (never http.DefaultClient)
}

// Fetcher fetches pages and feeds over HTTP with a timeout, a body size cap
// and charset conversion. It is safe for concurrent use.
type Fetcher struct {
	client    *http.Client
	userAgent string
	timeout   time.Duration
	maxBytes  int64
}

// NewFetcher returns a Fetcher configured by opts, with defaults for zero
// fields.
func NewFetcher(opts Options) *Fetcher {
	f := &Fetcher{
		client:    opts.Client,
		userAgent: opts.UserAgent,
		timeout:   opts.Timeout,
		maxBytes:  opts.MaxBytes,
	}
	if f.client == nil {
		f.client = &http.Client{}
	}
	if f.userAgent == "" {
		f.userAgent = DefaultUserAgent
	}
	if f.timeout <= 0 {
		f.timeout = DefaultTimeout
	}
	if f.maxBytes <= 0 {
		f.maxBytes = DefaultMaxBytes
	}
	return f
}

// Page is a fetched or read document, body converted to UTF-8.
type Page struct {
	// URL is the final URL after redirects, or a file:// URL for files.
	URL string
	// Body is the document in UTF-8.
	Body []byte
	// ContentType is the response's Content-Type header (or the type
	// implied by a file's extension).
	ContentType string
	// FetchedAt is when the document was fetched or read (UTC).
	FetchedAt time.Time
}

// response is a successful GET with its body read under the size cap.
type response struct {
	url         string
	contentType string
	body        []byte
}

// Fetch GETs an HTML page and returns it converted to UTF-8. A status
// outside 2xx gives an *HTTPError, a non-HTML content type ErrNotHTML and a
// body over the size cap ErrTooLarge, each wrapped with the URL.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	resp, err := f.get(ctx, rawURL, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	if err != nil {
		return nil, err
	}
	ct := resp.contentType
	if ct == "" {
		ct = http.DetectContentType(resp.body)
	}
	if !isHTML(ct) {
		return nil, fmt.Errorf("fetch %s: content type %q: %w", rawURL, ct, ErrNotHTML)
	}
	body, err := toUTF8(resp.body, ct)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	return &Page{URL: resp.url, Body: body, ContentType: ct, FetchedAt: time.Now().UTC()}, nil
}

// get performs a GET with the Fetcher's timeout, User-Agent and size cap.
func (f *Fetcher) get(ctx context.Context, rawURL, accept string) (*response, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", accept)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Drain a little so the connection can be reused.
		_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
		return nil, &HTTPError{URL: rawURL, StatusCode: resp.StatusCode, Status: resp.Status}
	}
	if resp.ContentLength > f.maxBytes {
		return nil, fmt.Errorf("fetch %s: content length %d over %d bytes: %w", rawURL, resp.ContentLength, f.maxBytes, ErrTooLarge)
	}
	body, err := readCapped(resp.Body, f.maxBytes)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: read body: %w", rawURL, err)
	}
	return &response{url: resp.Request.URL.String(), contentType: resp.Header.Get("Content-Type"), body: body}, nil
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

// isHTML reports whether a Content-Type names an HTML document.
func isHTML(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}
