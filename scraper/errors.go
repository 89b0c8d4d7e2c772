package scraper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"syscall"
	"time"
)

// Sentinel errors returned (wrapped) by the package; test with errors.Is.
var (
	// ErrNotHTML reports a response whose content type is not HTML.
	ErrNotHTML = errors.New("not an HTML document")
	// ErrEmpty reports a page that is empty or whose extracted body text is
	// too short to be an article.
	ErrEmpty = errors.New("no article text")
	// ErrTooLarge reports a body larger than the configured cap.
	ErrTooLarge = errors.New("body too large")
	// ErrBadFeed reports a feed that cannot be parsed as RSS, Atom or JSON
	// Feed.
	ErrBadFeed = errors.New("malformed feed")
	// ErrUnsupportedFile reports a local file whose extension ReadFile does
	// not read.
	ErrUnsupportedFile = errors.New("unsupported file type")
	// ErrBadURL reports a URL that cannot be parsed or has no host.
	ErrBadURL = errors.New("invalid URL")
	// ErrUnsupportedScheme reports a URL, or a redirect, that is not http
	// or https.
	ErrUnsupportedScheme = errors.New("unsupported URL scheme")
	// ErrDisallowed reports a URL that the site's robots.txt disallows for
	// our user agent; it was not requested.
	ErrDisallowed = errors.New("disallowed by robots.txt")
	// ErrNotModified reports a conditional GET answered 304 Not Modified:
	// the stored copy is current.
	ErrNotModified = errors.New("not modified")
	// ErrRedirectLoop reports a redirect back to a URL already visited.
	ErrRedirectLoop = errors.New("redirect loop")
	// ErrTooManyRedirects reports more redirects than the Fetcher follows.
	ErrTooManyRedirects = errors.New("too many redirects")
)

// HTTPError reports a response with a status code outside 2xx.
type HTTPError struct {
	// URL is the requested URL.
	URL string
	// StatusCode is the response's status code, e.g. 404.
	StatusCode int
	// Status is the response's status line, e.g. "404 Not Found".
	Status string
	// RetryAfter is the wait the response's Retry-After header asked for
	// (seconds or an HTTP date); zero when absent.
	RetryAfter time.Duration
}

// Error names the URL and the status.
func (e *HTTPError) Error() string {
	status := e.Status
	if status == "" {
		status = fmt.Sprintf("%d", e.StatusCode)
	}
	return fmt.Sprintf("fetch %s: http status %s", e.URL, status)
}

// Reason classifies err into a short machine-readable reason for run
// counts: "http_<code>" for an *HTTPError, "timeout" for a deadline or
// network timeout, "network" for dial, reset and DNS failures, "not_html",
// "empty", "too_large", "bad_feed", "bad_sitemap", "file" for local file errors,
// "bad_url" for an invalid or non-HTTP URL, "robots_disallowed",
// "not_modified", "redirect_loop", "too_many_redirects", and "other" for
// anything else. Reason(nil) is "".
func Reason(err error) string {
	if err == nil {
		return ""
	}
	var httpErr *HTTPError
	if errors.As(err, &httpErr) {
		return fmt.Sprintf("http_%d", httpErr.StatusCode)
	}
	switch {
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, ErrNotHTML):
		return "not_html"
	case errors.Is(err, ErrNotArticle):
		return "not_article"
	case errors.Is(err, ErrEmpty):
		return "empty"
	case errors.Is(err, ErrBadFeed):
		return "bad_feed"
	case errors.Is(err, ErrBadSitemap):
		return "bad_sitemap"
	case errors.Is(err, ErrUnsupportedFile):
		return "file"
	case errors.Is(err, ErrBadURL), errors.Is(err, ErrUnsupportedScheme):
		return "bad_url"
	case errors.Is(err, ErrDisallowed):
		return "robots_disallowed"
	case errors.Is(err, ErrNotModified):
		return "not_modified"
	case errors.Is(err, ErrRedirectLoop):
		return "redirect_loop"
	case errors.Is(err, ErrTooManyRedirects):
		return "too_many_redirects"
	case isTimeout(err):
		return "timeout"
	case isNetwork(err):
		return "network"
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return "file"
	}
	return "other"
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

func isNetwork(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &opErr), errors.As(err, &dnsErr):
		return true
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return true
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		// A server that hangs up mid-response surfaces as an unexpected
		// EOF from the transport.
		return true
	}
	return false
}
