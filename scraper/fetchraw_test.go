package scraper

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestFetchRawIfConditional(t *testing.T) {
	const etag = `W/"news-sitemap-1764060312"`
	const lastMod = "Tue, 25 Nov 2026 09:05:12 GMT"
	// A GBK document stays GBK: FetchRawIf converts nothing.
	title, err := simplifiedchinese.GBK.NewEncoder().String("沪指收涨1.2%")
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`<?xml version="1.0" encoding="GBK"?><rss version="2.0"><channel><item><title>` + title + `</title></item></channel></rss>`)
	var mu sync.Mutex
	var gotINM, gotAccept []string
	mux := http.NewServeMux()
	mux.HandleFunc("/rss/markets.xml", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		gotINM = append(gotINM, r.Header.Get("If-None-Match"))
		gotAccept = append(gotAccept, r.Header.Get("Accept"))
		mu.Unlock()
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	})
	srv, h := countingServer(t, mux)
	f, waits := newTestFetcher(Options{Client: srv.Client()})
	feedURL := srv.URL + "/rss/markets.xml"

	p, err := f.FetchRawIf(context.Background(), feedURL, AcceptFeed, Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.Body, body) {
		t.Errorf("got body %q, want the bytes as sent %q", p.Body, body)
	}
	if p.URL != feedURL || p.ContentType != "application/rss+xml" || p.ETag != etag || p.LastModified != lastMod || p.FetchedAt.IsZero() {
		t.Errorf("got URL %q, type %q, ETag %q, Last-Modified %q, fetched %v; want %q, %q, %q, %q, now",
			p.URL, p.ContentType, p.ETag, p.LastModified, p.FetchedAt, feedURL, "application/rss+xml", etag, lastMod)
	}

	_, err = f.FetchRawIf(context.Background(), feedURL, AcceptFeed, Validators{ETag: p.ETag, LastModified: p.LastModified})
	if !errors.Is(err, ErrNotModified) || Reason(err) != "not_modified" || !strings.Contains(err.Error(), feedURL) {
		t.Errorf("got %v (reason %q), want ErrNotModified naming %s", err, Reason(err), feedURL)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(gotINM) != 2 || gotINM[0] != "" || gotINM[1] != etag {
		t.Errorf("got If-None-Match %q, want none, then %q", gotINM, etag)
	}
	for _, a := range gotAccept {
		if a != AcceptFeed {
			t.Errorf("got Accept %q, want %q", a, AcceptFeed)
		}
	}
	if h.get("/rss/markets.xml") != 2 || len(waits.all()) != 0 {
		t.Errorf("got %d requests and waits %v, want 2 and none", h.get("/rss/markets.xml"), waits.all())
	}
}

func TestFetchRawIfGzip(t *testing.T) {
	plain := readSitemapFixture(t, "archive-2026-11.xml")
	gz := gzipForTest(t, plain)
	serve := func(contentType, contentEncoding string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if contentType != "" {
				w.Header().Set("Content-Type", contentType)
			} else {
				w.Header()["Content-Type"] = nil // no sniffing by the server
			}
			if contentEncoding != "" {
				w.Header().Set("Content-Encoding", contentEncoding)
			}
			w.Write(body)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/sitemaps/archive-2026-11.xml.gz", serve("application/octet-stream", "", gz))
	mux.HandleFunc("/sitemaps/x-gzip.xml.gz", serve("application/x-gzip", "", gz))
	mux.HandleFunc("/sitemaps/untyped.xml.gz", serve("", "", gz))
	mux.HandleFunc("/sitemaps/encoded.xml", serve("application/xml", "gzip", gz))
	mux.HandleFunc("/sitemaps/twice.xml.gz", serve("application/x-gzip", "gzip", gzipForTest(t, gz)))
	srv, _ := countingServer(t, mux)
	f, _ := newTestFetcher(Options{Client: srv.Client()})

	tests := []struct{ path, wantType string }{
		{"/sitemaps/archive-2026-11.xml.gz", "application/octet-stream"},
		{"/sitemaps/x-gzip.xml.gz", "application/x-gzip"},
		{"/sitemaps/untyped.xml.gz", "text/xml; charset=utf-8"},
		{"/sitemaps/encoded.xml", "application/xml"},
		{"/sitemaps/twice.xml.gz", "application/x-gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := f.FetchRawIf(context.Background(), srv.URL+tt.path, AcceptSitemap, Validators{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(p.Body, plain) {
				t.Errorf("got body %.60q…, want the gunzipped sitemap", p.Body)
			}
			if p.ContentType != tt.wantType {
				t.Errorf("got content type %q, want %q", p.ContentType, tt.wantType)
			}
			sm, err := ParseSitemap(bytes.NewReader(p.Body), mustURL(t, p.URL))
			if err != nil {
				t.Fatal(err)
			}
			// The relative locs resolve against the test server.
			if want := srv.URL + "/companies/2026/11/20/kowloon-bank-profit-falls"; len(sm.URLs) != 5 || sm.URLs[1].URL != want {
				t.Errorf("got URLs %+v, want 5 with %s second", sm.URLs, want)
			}
		})
	}
}

func TestFetchRawIfErrors(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", robotsBody("User-agent: *\nDisallow: /private/\n"))
	mux.HandleFunc("/sitemaps/bomb.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(gzipBomb())
	})
	mux.HandleFunc("/sitemaps/cut.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(gzipForTest(t, readSitemapFixture(t, "news.xml"))[:100])
	})
	mux.HandleFunc("/private/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<urlset/>"))
	})
	srv, h := countingServer(t, mux)
	f, _ := newTestFetcher(Options{Client: srv.Client()})
	tests := []struct {
		path, wantReason string
		wantIs           error
	}{
		{"/sitemaps/bomb.xml.gz", "too_large", ErrTooLarge},
		{"/sitemaps/cut.xml.gz", "other", nil},
		{"/private/sitemap.xml", "robots_disallowed", ErrDisallowed},
		{"/sitemaps/missing.xml", "http_404", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := f.FetchRawIf(context.Background(), srv.URL+tt.path, AcceptSitemap, Validators{})
			if err == nil {
				t.Fatalf("got page %.60q, want an error", p.Body)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("got %v, want errors.Is %v", err, tt.wantIs)
			}
			if got := Reason(err); got != tt.wantReason {
				t.Errorf("got Reason %q, want %q (err: %v)", got, tt.wantReason, err)
			}
			if !strings.Contains(err.Error(), srv.URL+tt.path) {
				t.Errorf("error %q does not name the URL", err)
			}
		})
	}
	if n := h.get("/private/sitemap.xml"); n != 0 {
		t.Errorf("got %d requests for a disallowed URL, want none", n)
	}
}
