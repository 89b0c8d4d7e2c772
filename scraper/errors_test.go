package scraper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"syscall"
	"testing"
)

func TestReason(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"http 404", fmt.Errorf("wrap: %w", &HTTPError{URL: "u", StatusCode: 404, Status: "404 Not Found"}), "http_404"},
		{"http 503", &HTTPError{URL: "u", StatusCode: 503}, "http_503"},
		{"not html", fmt.Errorf("fetch u: %w", ErrNotHTML), "not_html"},
		{"empty", fmt.Errorf("extract u: %w", ErrEmpty), "empty"},
		{"not an article", fmt.Errorf("extract u: %w", ErrNotArticle), "not_article"},
		{"too large", fmt.Errorf("fetch u: %w", ErrTooLarge), "too_large"},
		{"bad feed", fmt.Errorf("parse u: %w: %w", ErrBadFeed, errors.New("xml syntax")), "bad_feed"},
		{"bad sitemap", fmt.Errorf("parse u: %w: %w", ErrBadSitemap, io.ErrUnexpectedEOF), "bad_sitemap"},
		{"deadline", &url.Error{Op: "Get", URL: "u", Err: context.DeadlineExceeded}, "timeout"},
		{"dns", &url.Error{Op: "Get", URL: "u", Err: &net.DNSError{Err: "no such host", Name: "x.example"}}, "network"},
		{"refused", &url.Error{Op: "Get", URL: "u", Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, "network"},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), "network"},
		{"missing file", fmt.Errorf("read: %w", &fs.PathError{Op: "open", Path: "x.html", Err: fs.ErrNotExist}), "file"},
		{"unsupported file", fmt.Errorf("read x.pdf: %w", ErrUnsupportedFile), "file"},
		{"bad url", fmt.Errorf("fetch ::: %w", ErrBadURL), "bad_url"},
		{"unsupported scheme", fmt.Errorf("fetch ftp://x: %w", ErrUnsupportedScheme), "bad_url"},
		{"redirect to ftp", &url.Error{Op: "Get", URL: "u", Err: fmt.Errorf("redirect: %w", ErrUnsupportedScheme)}, "bad_url"},
		{"robots", fmt.Errorf("fetch u: %w", ErrDisallowed), "robots_disallowed"},
		{"not modified", fmt.Errorf("fetch u: %w", ErrNotModified), "not_modified"},
		{"redirect loop", &url.Error{Op: "Get", URL: "u", Err: ErrRedirectLoop}, "redirect_loop"},
		{"too many redirects", &url.Error{Op: "Get", URL: "u", Err: ErrTooManyRedirects}, "too_many_redirects"},
		{"http after retries", fmt.Errorf("%w (gave up after 4 attempts)", &HTTPError{URL: "u", StatusCode: 503}), "http_503"},
		{"timeout after retries", fmt.Errorf("fetch u: %w (gave up after 4 attempts)", context.DeadlineExceeded), "timeout"},
		{"rate wait past deadline", fmt.Errorf("rate limit: %w", context.DeadlineExceeded), "timeout"},
		{"canceled", context.Canceled, "other"},
		{"other", errors.New("something else"), "other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Reason(tt.err); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHTTPErrorMessage(t *testing.T) {
	err := &HTTPError{URL: "https://news.example.com/a", StatusCode: 404, Status: "404 Not Found"}
	if got, want := err.Error(), "fetch https://news.example.com/a: http status 404 Not Found"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
