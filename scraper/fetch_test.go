package scraper

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/time/rate"
)

const simplePage = `<html><head><title>Stocks rise</title></head><body><article>` + storyParagraphs + `</article></body></html>`

func TestFetchSuccess(t *testing.T) {
	var gotUA string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(simplePage))
	}))
	defer srv.Close()

	tests := []struct {
		name, ua, wantUA string
	}{
		{"default user agent", "", DefaultUserAgent},
		{"custom user agent", "research-bot/2", "research-bot/2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFetcher(Options{UserAgent: tt.ua, Client: srv.Client()})
			before := time.Now().UTC()
			p, err := f.Fetch(context.Background(), srv.URL+"/story")
			if err != nil {
				t.Fatal(err)
			}
			if gotUA != tt.wantUA {
				t.Errorf("got User-Agent %q, want %q", gotUA, tt.wantUA)
			}
			if p.URL != srv.URL+"/story" {
				t.Errorf("got URL %q, want %q", p.URL, srv.URL+"/story")
			}
			if string(p.Body) != simplePage {
				t.Errorf("got body %q, want the page", p.Body)
			}
			if p.ContentType != "text/html; charset=utf-8" {
				t.Errorf("got content type %q", p.ContentType)
			}
			if p.FetchedAt.Before(before) || p.FetchedAt.Location() != time.UTC {
				t.Errorf("got FetchedAt %v, want a UTC time after %v", p.FetchedAt, before)
			}
		})
	}
}

func TestFetchErrors(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7 fake"))
	})
	mux.HandleFunc("/chart.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG fake"))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>" + strings.Repeat("<p>filler text</p>", 200) + "</body></html>"))
	})
	mux.HandleFunc("/huge-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 200 {
			w.Write([]byte("<p>filler text</p>"))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>first part"))
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/reset", func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		conn.Close()
	})
	mux.HandleFunc("/reset-mid-body", func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 500\r\n\r\n<html><body><p>cut")
		buf.Flush()
		conn.Close()
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// Transient failures are retried; the recorded sleep keeps it fast.
	f, _ := newTestFetcher(Options{Client: srv.Client(), Timeout: 200 * time.Millisecond, MaxBytes: 1000})
	tests := []struct {
		path       string
		wantReason string
		wantIs     error
		wantStatus int
	}{
		{"/missing", "http_404", nil, 404},
		{"/broken", "http_500", nil, 500},
		{"/report.pdf", "not_html", ErrNotHTML, 0},
		{"/chart.png", "not_html", ErrNotHTML, 0},
		{"/huge", "too_large", ErrTooLarge, 0},
		{"/huge-chunked", "too_large", ErrTooLarge, 0},
		{"/slow", "timeout", context.DeadlineExceeded, 0},
		{"/slow-body", "timeout", nil, 0},
		{"/reset", "network", nil, 0},
		{"/reset-mid-body", "network", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := f.Fetch(context.Background(), srv.URL+tt.path)
			if err == nil {
				t.Fatalf("got page %q, want an error", p.Body)
			}
			if got := Reason(err); got != tt.wantReason {
				t.Errorf("got Reason %q, want %q (err: %v)", got, tt.wantReason, err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("got %v, want errors.Is %v", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), srv.URL+tt.path) {
				t.Errorf("error %q does not name the URL", err)
			}
			var he *HTTPError
			if errors.As(err, &he) != (tt.wantStatus != 0) || (he != nil && he.StatusCode != tt.wantStatus) {
				t.Errorf("got %#v, want *HTTPError with status %d", he, tt.wantStatus)
			}
		})
	}
	t.Run("not html names type", func(t *testing.T) {
		_, err := f.Fetch(context.Background(), srv.URL+"/report.pdf")
		if err == nil || !strings.Contains(err.Error(), "application/pdf") {
			t.Errorf("got %v, want an error naming application/pdf", err)
		}
	})
}

func TestFetchRedirect(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/final", http.StatusFound)
	})
	mux.HandleFunc("/final", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(simplePage))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	p, err := NewFetcher(Options{Client: srv.Client()}).Fetch(context.Background(), srv.URL+"/old")
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != srv.URL+"/final" {
		t.Errorf("got URL %q, want %q", p.URL, srv.URL+"/final")
	}
	if want := []string{srv.URL + "/old", srv.URL + "/moved"}; strings.Join(p.Redirects, " ") != strings.Join(want, " ") {
		t.Errorf("got redirects %q, want %q", p.Redirects, want)
	}
}

func TestFetchCharset(t *testing.T) {
	const text = "恒生指數收市升312點"
	big5, err := traditionalchinese.Big5.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String("沪指收涨1.2%")
	if err != nil {
		t.Fatal(err)
	}
	gbkMeta, err := simplifiedchinese.GBK.NewEncoder().String(`<html><head><meta charset="gbk"></head><body><p>新能源汽车板块领涨</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, contentType, body, want string
	}{
		{"big5 header", "text/html; charset=big5", "<p>" + big5 + "</p>", "<p>" + text + "</p>"},
		{"gb18030 header", "text/html; charset=GB18030", "<p>" + gb + "</p>", "<p>沪指收涨1.2%</p>"},
		{"gbk meta", "text/html", gbkMeta, `<html><head><meta charset="gbk"></head><body><p>新能源汽车板块领涨</p></body></html>`},
		{"utf-8 despite meta", "text/html", `<meta charset="gbk"><p>` + text + `</p>`, `<meta charset="gbk"><p>` + text + `</p>`},
		{"utf-8 bom", "text/html", "\xEF\xBB\xBF<p>" + text + "</p>", "<p>" + text + "</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			p, err := NewFetcher(Options{Client: srv.Client()}).Fetch(context.Background(), srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(p.Body, []byte(tt.want)) {
				t.Errorf("got body %q, want %q", p.Body, tt.want)
			}
		})
	}
}

func TestNewFetcherDefaults(t *testing.T) {
	f := NewFetcher(Options{})
	if f.client == nil || f.client == http.DefaultClient {
		t.Errorf("got client %p, want a new client (not http.DefaultClient)", f.client)
	}
	if f.userAgent != DefaultUserAgent || f.timeout != 20*time.Second || f.maxBytes != 10<<20 {
		t.Errorf("got %q, %v, %d, want defaults", f.userAgent, f.timeout, f.maxBytes)
	}
	if !f.robotsOn || f.agentToken != "sectorpulse" || f.retries != 3 || f.retryBase != 500*time.Millisecond ||
		f.maxRetryWait != 60*time.Second || f.maxRedirects != 5 || f.limits.limit != 1 || !f.limits.byDefault {
		t.Errorf("got robots %v (%q), retries %d from %v up to %v, %d redirects, host rate %v; want the documented defaults",
			f.robotsOn, f.agentToken, f.retries, f.retryBase, f.maxRetryWait, f.maxRedirects, f.limits.limit)
	}
}

func TestNewFetcherOff(t *testing.T) {
	f := NewFetcher(Options{IgnoreRobots: true, Retries: -1, MaxRedirects: -1, HostRate: -1})
	if f.robotsOn || f.retries != 0 || f.maxRedirects != 0 || f.limits.limit != rate.Inf {
		t.Errorf("got robots %v, retries %d, redirects %d, host rate %v; want all off", f.robotsOn, f.retries, f.maxRedirects, f.limits.limit)
	}
}

func TestNewFetcherKeepsCallersClient(t *testing.T) {
	c := &http.Client{Timeout: time.Second}
	f := NewFetcher(Options{Client: c})
	if c.CheckRedirect != nil || f.client == c || f.client.Timeout != time.Second {
		t.Errorf("the caller's client was changed or not used")
	}
}
