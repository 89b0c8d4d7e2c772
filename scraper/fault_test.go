package scraper

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"
)

const faultPage = `<!DOCTYPE html><html><head><title>Hang Seng closes higher</title></head><body><p>The Hang Seng Index rose 1.2 percent.</p></body></html>`

// hits counts requests per path.
type hits struct {
	mu sync.Mutex
	n  map[string]int
}

func (h *hits) add(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.n == nil {
		h.n = map[string]int{}
	}
	h.n[path]++
	return h.n[path]
}

func (h *hits) get(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n[path]
}

// prefix sums the hits of paths starting with p.
func (h *hits) prefix(p string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	total := 0
	for k, v := range h.n {
		if strings.HasPrefix(k, p) {
			total += v
		}
	}
	return total
}

// waitLog records the waits a Fetcher asks for instead of sleeping.
type waitLog struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waitLog) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func (w *waitLog) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

// newTestFetcher returns a Fetcher whose waits are recorded, not slept.
func newTestFetcher(opts Options) (*Fetcher, *waitLog) {
	f := NewFetcher(opts)
	w := &waitLog{}
	f.sleep = w.sleep
	return f, w
}

// countingServer serves mux on loopback, counting every request by path.
func countingServer(t *testing.T, mux *http.ServeMux) (*httptest.Server, *hits) {
	t.Helper()
	h := &hits{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r.URL.Path)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, h
}

func serveHTML(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}
}

var gzipBomb = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 50 {
		zw.Write(zeros)
	}
	zw.Close()
	return buf.Bytes()
})

func TestFetchFaults(t *testing.T) {
	hang := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	}
	trickle := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "1000")
		for range 1000 {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(20 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	}
	// firstThen runs first on the path's first request and ok after.
	firstThen := func(h *hits, first, ok http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if h.get(r.URL.Path) == 1 {
				first(w, r)
				return
			}
			ok(w, r)
		}
	}
	reset := func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}
	resetMidBody := func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 500\r\n\r\n<html><body><p>cut")
		buf.Flush()
		conn.Close()
	}
	status := func(code int, retryAfter string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			http.Error(w, http.StatusText(code), code)
		}
	}
	redirect := func(to string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
	}
	typed := func(contentType string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			w.Write(body)
		}
	}
	stream := func(total int, contentLength bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			if contentLength {
				w.Header().Set("Content-Length", strconv.Itoa(total))
			}
			chunk := bytes.Repeat([]byte("<p>filler</p>\n"), 2048)
			for n := 0; n < total; n += len(chunk) {
				if _, err := w.Write(chunk[:min(len(chunk), total-n)]); err != nil {
					return
				}
			}
		}
	}
	bomb := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipBomb())
	}
	gzipped := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			var buf bytes.Buffer
			zw := gzip.NewWriter(&buf)
			zw.Write([]byte(body))
			zw.Close()
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(buf.Bytes())
		}
	}
	pdf := []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
	withNUL := []byte("<p>Hang Seng</p>\x00\x00\x00\x01\x02binary")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	invalidUTF8 := []byte("<html><body><p>Hang Seng \xff\xfe rose \xc3\x28 today</p></body></html>")
	truncated := []byte(`<html><head><title>Hang Seng</title></head><body><p>The index rose <a href="/x`)

	tests := []struct {
		name  string
		opts  Options
		noGzp bool // client transport with DisableCompression
		// route returns the handler for /page given the hit counter.
		route      func(h *hits) http.HandlerFunc
		wantReason string // "" for success
		wantIs     error
		check      func(t *testing.T, p *Page, h *hits, waits []time.Duration)
	}{
		{
			name: "server hangs", opts: Options{Timeout: 200 * time.Millisecond, Retries: 1},
			route:      func(*hits) http.HandlerFunc { return hang },
			wantReason: "timeout", wantIs: context.DeadlineExceeded,
			check: func(t *testing.T, _ *Page, h *hits, waits []time.Duration) {
				if h.get("/page") != 2 || len(waits) != 1 {
					t.Errorf("got %d requests and waits %v, want 2 requests and 1 wait (a timeout is retried)", h.get("/page"), waits)
				}
			},
		},
		{
			name: "body trickles in", opts: Options{Timeout: 300 * time.Millisecond, Retries: -1},
			route:      func(*hits) http.HandlerFunc { return trickle },
			wantReason: "timeout",
		},
		{
			name: "connection reset then success", opts: Options{IgnoreRobots: true},
			route:      func(h *hits) http.HandlerFunc { return firstThen(h, reset, serveHTML(faultPage)) },
			wantReason: "",
			check: func(t *testing.T, _ *Page, h *hits, waits []time.Duration) {
				if h.get("/page") != 2 || len(waits) != 1 {
					t.Errorf("got %d requests and waits %v, want 2 requests and 1 wait", h.get("/page"), waits)
				}
			},
		},
		{
			name:       "reset mid-body then success",
			route:      func(h *hits) http.HandlerFunc { return firstThen(h, resetMidBody, serveHTML(faultPage)) },
			wantReason: "",
			check: func(t *testing.T, _ *Page, h *hits, waits []time.Duration) {
				if h.get("/page") != 2 || len(waits) != 1 {
					t.Errorf("got %d requests and waits %v, want 2 requests and 1 wait", h.get("/page"), waits)
				}
			},
		},
		{
			name:       "429 with Retry-After 2 then success",
			route:      func(h *hits) http.HandlerFunc { return firstThen(h, status(429, "2"), serveHTML(faultPage)) },
			wantReason: "",
			check: func(t *testing.T, _ *Page, h *hits, waits []time.Duration) {
				if h.get("/page") != 2 || len(waits) != 1 || waits[0] < 2*time.Second {
					t.Errorf("got %d requests and waits %v, want 2 requests and one wait >= 2s", h.get("/page"), waits)
				}
			},
		},
		{
			name: "503 with Retry-After as an HTTP date",
			route: func(h *hits) http.HandlerFunc {
				return firstThen(h, status(503, time.Now().Add(30*time.Second).UTC().Format(http.TimeFormat)), serveHTML(faultPage))
			},
			wantReason: "",
			check: func(t *testing.T, _ *Page, h *hits, waits []time.Duration) {
				if len(waits) != 1 || waits[0] < 28*time.Second || waits[0] > 30*time.Second {
					t.Errorf("got waits %v, want one of about 30s", waits)
				}
			},
		},
		{
			name:       "Retry-After over MaxRetryWait fails at once",
			opts:       Options{MaxRetryWait: 10 * time.Second},
			route:      func(*hits) http.HandlerFunc { return status(429, "3600") },
			wantReason: "http_429",
			check: func(t *testing.T, _ *Page, h *hits, waits []time.Duration) {
				if h.get("/page") != 1 || len(waits) != 0 {
					t.Errorf("got %d requests and waits %v, want 1 request and no wait", h.get("/page"), waits)
				}
			},
		},
		{
			name:       "503 thrice then give up",
			opts:       Options{Retries: 2, RetryBase: 100 * time.Millisecond},
			route:      func(*hits) http.HandlerFunc { return status(503, "") },
			wantReason: "http_503",
			check: func(t *testing.T, _ *Page, h *hits, waits []time.Duration) {
				if h.get("/page") != 3 || len(waits) != 2 {
					t.Fatalf("got %d requests and waits %v, want 3 requests and 2 waits", h.get("/page"), waits)
				}
				// Exponential with jitter: the n-th wait is in [base·2ⁿ/2, base·2ⁿ].
				for i, w := range waits {
					hi := 100 * time.Millisecond << i
					if w < hi/2 || w > hi {
						t.Errorf("wait %d: got %v, want within [%v, %v]", i, w, hi/2, hi)
					}
				}
			},
		},
		{
			name:       "404 is not retried",
			route:      func(*hits) http.HandlerFunc { return status(404, "") },
			wantReason: "http_404",
			check: func(t *testing.T, _ *Page, h *hits, waits []time.Duration) {
				if h.get("/page") != 1 || len(waits) != 0 {
					t.Errorf("got %d requests and waits %v, want 1 request, no wait", h.get("/page"), waits)
				}
			},
		},
		{
			name:       "redirect loop",
			route:      func(*hits) http.HandlerFunc { return redirect("/loop") },
			wantReason: "redirect_loop", wantIs: ErrRedirectLoop,
		},
		{
			name:       "too many redirects",
			opts:       Options{MaxRedirects: 3},
			route:      func(*hits) http.HandlerFunc { return redirect("/hop/1") },
			wantReason: "too_many_redirects", wantIs: ErrTooManyRedirects,
			check: func(t *testing.T, _ *Page, h *hits, _ []time.Duration) {
				if n := h.get("/page") + h.prefix("/hop/"); n != 4 {
					t.Errorf("got %d requests, want 4 (the page and 3 redirects)", n)
				}
			},
		},
		{
			name:       "redirect to another scheme",
			route:      func(*hits) http.HandlerFunc { return redirect("ftp://files.example.com/a.html") },
			wantReason: "bad_url", wantIs: ErrUnsupportedScheme,
		},
		{
			name:       "200 MiB streamed body",
			route:      func(*hits) http.HandlerFunc { return stream(200<<20, false) },
			wantReason: "too_large", wantIs: ErrTooLarge,
		},
		{
			name:       "200 MiB declared length",
			route:      func(*hits) http.HandlerFunc { return stream(200<<20, true) },
			wantReason: "too_large", wantIs: ErrTooLarge,
		},
		{
			name:       "gzip bomb decoded by the transport",
			route:      func(*hits) http.HandlerFunc { return bomb },
			wantReason: "too_large", wantIs: ErrTooLarge,
		},
		{
			name: "gzip bomb the transport did not ask for", noGzp: true,
			route:      func(*hits) http.HandlerFunc { return bomb },
			wantReason: "too_large", wantIs: ErrTooLarge,
		},
		{
			name: "small gzip page the transport did not ask for", noGzp: true,
			route:      func(*hits) http.HandlerFunc { return gzipped(faultPage) },
			wantReason: "",
			check: func(t *testing.T, p *Page, _ *hits, _ []time.Duration) {
				if string(p.Body) != faultPage {
					t.Errorf("got body %q, want the page", p.Body)
				}
			},
		},
		{
			name:       "text/html that is a PDF",
			route:      func(*hits) http.HandlerFunc { return typed("text/html", pdf) },
			wantReason: "not_html", wantIs: ErrNotHTML,
		},
		{
			name:       "text/html with NUL bytes",
			route:      func(*hits) http.HandlerFunc { return typed("text/html; charset=utf-8", withNUL) },
			wantReason: "not_html", wantIs: ErrNotHTML,
		},
		{
			name:       "octet-stream that is HTML",
			route:      func(*hits) http.HandlerFunc { return typed("application/octet-stream", []byte(faultPage)) },
			wantReason: "",
			check: func(t *testing.T, p *Page, _ *hits, _ []time.Duration) {
				if string(p.Body) != faultPage {
					t.Errorf("got body %q, want the page", p.Body)
				}
			},
		},
		{
			name: "text/plain that is HTML",
			route: func(*hits) http.HandlerFunc {
				return typed("text/plain", []byte("\n  <html><body><p>Hang Seng</p></body></html>"))
			},
			wantReason: "",
		},
		{
			name:       "octet-stream that is a PNG",
			route:      func(*hits) http.HandlerFunc { return typed("application/octet-stream", png) },
			wantReason: "not_html", wantIs: ErrNotHTML,
		},
		{
			name:       "invalid UTF-8 without a charset",
			route:      func(*hits) http.HandlerFunc { return typed("text/html", invalidUTF8) },
			wantReason: "",
			check: func(t *testing.T, p *Page, _ *hits, _ []time.Duration) {
				if !utf8.Valid(p.Body) || !bytes.Contains(p.Body, []byte("Hang Seng")) {
					t.Errorf("got body %q, want valid UTF-8 with the text", p.Body)
				}
			},
		},
		{
			name:       "invalid UTF-8 declared UTF-8",
			route:      func(*hits) http.HandlerFunc { return typed("text/html; charset=utf-8", invalidUTF8) },
			wantReason: "",
			check: func(t *testing.T, p *Page, _ *hits, _ []time.Duration) {
				if !utf8.Valid(p.Body) || !strings.Contains(string(p.Body), "\uFFFD") {
					t.Errorf("got body %q, want valid UTF-8 with U+FFFD", p.Body)
				}
			},
		},
		{
			name:       "truncated HTML",
			route:      func(*hits) http.HandlerFunc { return typed("text/html", truncated) },
			wantReason: "",
			check: func(t *testing.T, p *Page, _ *hits, _ []time.Duration) {
				if !bytes.Equal(p.Body, truncated) {
					t.Errorf("got body %q, want it unchanged", p.Body)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			srvHits := &hits{}
			mux.HandleFunc("/page", tt.route(srvHits))
			mux.HandleFunc("/loop", redirect("/page"))
			mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
				n, _ := strconv.Atoi(r.PathValue("n"))
				http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
			})
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				srvHits.add(r.URL.Path)
				mux.ServeHTTP(w, r)
			}))
			defer srv.Close()
			opts := tt.opts
			opts.Client = srv.Client()
			if tt.noGzp {
				tr := srv.Client().Transport.(*http.Transport).Clone()
				tr.DisableCompression = true
				opts.Client = &http.Client{Transport: tr}
			}
			f, waits := newTestFetcher(opts)
			p, err := f.Fetch(context.Background(), srv.URL+"/page")
			if got := Reason(err); got != tt.wantReason {
				t.Fatalf("got Reason %q, want %q (err: %v)", got, tt.wantReason, err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("got %v, want errors.Is %v", err, tt.wantIs)
			}
			if err != nil && !strings.Contains(err.Error(), srv.URL+"/page") {
				t.Errorf("error %q does not name the URL", err)
			}
			if tt.check != nil {
				tt.check(t, p, srvHits, waits.all())
			}
		})
	}
}

func TestFetchBadURL(t *testing.T) {
	f, _ := newTestFetcher(Options{})
	for _, u := range []string{"ftp://files.example.com/a.html", "file:///etc/passwd", "mailto:desk@example.com", "javascript:alert(1)", "http://", "://nope", "/relative/path"} {
		t.Run(u, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), u)
			if got := Reason(err); got != "bad_url" {
				t.Errorf("got Reason %q, want bad_url (err: %v)", got, err)
			}
		})
	}
}

func TestFetchRedirectChain(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusMovedPermanently) })
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/c", http.StatusFound) })
	mux.HandleFunc("/c", serveHTML(faultPage))
	srv, _ := countingServer(t, mux)
	f, _ := newTestFetcher(Options{Client: srv.Client()})
	p, err := f.Fetch(context.Background(), srv.URL+"/a")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{srv.URL + "/a", srv.URL + "/b"}
	if p.URL != srv.URL+"/c" || fmt.Sprint(p.Redirects) != fmt.Sprint(want) {
		t.Errorf("got URL %q, redirects %q; want %q, %q", p.URL, p.Redirects, srv.URL+"/c", want)
	}
	// Two redirects pass with MaxRedirects 2, not with 1; none with -1.
	for _, tt := range []struct {
		max  int
		want string
	}{{2, ""}, {1, "too_many_redirects"}, {-1, "too_many_redirects"}} {
		f, _ := newTestFetcher(Options{Client: srv.Client(), MaxRedirects: tt.max})
		_, err := f.Fetch(context.Background(), srv.URL+"/a")
		if got := Reason(err); got != tt.want {
			t.Errorf("MaxRedirects %d: got Reason %q, want %q (err: %v)", tt.max, got, tt.want, err)
		}
	}
}

func TestRobots(t *testing.T) {
	tests := []struct {
		name       string
		robots     func(w http.ResponseWriter, r *http.Request)
		opts       Options
		path       string
		wantReason string
	}{
		{"disallowed for all", robotsBody("User-agent: *\nDisallow: /private/\n"), Options{}, "/private/a", "robots_disallowed"},
		{"allowed path", robotsBody("User-agent: *\nDisallow: /private/\n"), Options{}, "/public/a", ""},
		{"disallowed for our token only", robotsBody("User-agent: *\nDisallow:\n\nUser-agent: sectorpulse\nDisallow: /private/\n"), Options{}, "/private/a", "robots_disallowed"},
		{"our group allows what * disallows", robotsBody("User-agent: *\nDisallow: /\n\nUser-agent: sectorpulse\nAllow: /\n"), Options{}, "/private/a", ""},
		{"another bot's group", robotsBody("User-agent: otherbot\nDisallow: /\n"), Options{}, "/private/a", ""},
		{"custom user agent token", robotsBody("User-agent: research-bot\nDisallow: /private/\n"), Options{UserAgent: "research-bot/2 (+https://example.com)"}, "/private/a", "robots_disallowed"},
		{"query in the rule", robotsBody("User-agent: *\nDisallow: /*?print=\n"), Options{}, "/public/a?print=1", "robots_disallowed"},
		{"404 allows all", robotsStatus(404), Options{}, "/private/a", ""},
		{"410 allows all", robotsStatus(410), Options{}, "/private/a", ""},
		{"500 allows all", robotsStatus(500), Options{}, "/private/a", ""},
		{"401 disallows all", robotsStatus(401), Options{}, "/public/a", "robots_disallowed"},
		{"403 disallows all", robotsStatus(403), Options{}, "/public/a", "robots_disallowed"},
		{"unparsable file allows all", robotsBody("Crawl-delay: 5\nUser-agent: *\nDisallow: /private/\n"), Options{}, "/private/a", ""},
		{"ignored when told", robotsBody("User-agent: *\nDisallow: /\n"), Options{IgnoreRobots: true}, "/private/a", ""},
		{"redirect into a disallowed path", robotsBody("User-agent: *\nDisallow: /private/\n"), Options{}, "/public/to-private", "robots_disallowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("/robots.txt", tt.robots)
			mux.HandleFunc("/public/to-private", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/private/b", http.StatusFound)
			})
			mux.HandleFunc("/", serveHTML(faultPage))
			srv, h := countingServer(t, mux)
			opts := tt.opts
			opts.Client = srv.Client()
			f, _ := newTestFetcher(opts)
			_, err := f.Fetch(context.Background(), srv.URL+tt.path)
			if got := Reason(err); got != tt.wantReason {
				t.Fatalf("got Reason %q, want %q (err: %v)", got, tt.wantReason, err)
			}
			if tt.wantReason != "" {
				if !errors.Is(err, ErrDisallowed) {
					t.Errorf("got %v, want ErrDisallowed", err)
				}
				if n := h.prefix("/private/") + h.get("/public/a"); n != 0 {
					t.Errorf("got %d requests for disallowed pages, want 0", n)
				}
			}
			wantRobots := 1
			if tt.opts.IgnoreRobots {
				wantRobots = 0
			}
			if got := h.get("/robots.txt"); got != wantRobots {
				t.Errorf("got %d robots.txt requests, want %d", got, wantRobots)
			}
		})
	}
}

func robotsBody(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(body))
	}
}

func robotsStatus(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Error(w, http.StatusText(code), code) }
}

func TestRobotsCachedPerHost(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", robotsBody("User-agent: *\nDisallow: /private/\n"))
	mux.HandleFunc("/", serveHTML(faultPage))
	srv, h := countingServer(t, mux)
	other, otherHits := countingServer(t, mux)
	f, _ := newTestFetcher(Options{Client: srv.Client()})

	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range 3 {
		wg.Go(func() { _, errs[i] = f.Fetch(context.Background(), fmt.Sprintf("%s/news/%d", srv.URL, i)) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("page %d: %v", i, err)
		}
	}
	if _, err := f.Fetch(context.Background(), srv.URL+"/private/x"); !errors.Is(err, ErrDisallowed) {
		t.Errorf("got %v, want ErrDisallowed", err)
	}
	if _, err := f.Fetch(context.Background(), other.URL+"/news/1"); err != nil {
		t.Error(err)
	}
	if got := h.get("/robots.txt"); got != 1 {
		t.Errorf("got %d robots.txt requests for 4 pages of one host, want 1", got)
	}
	if got := otherHits.get("/robots.txt"); got != 1 {
		t.Errorf("got %d robots.txt requests from a second host, want 1", got)
	}
}

func TestRobotsCrawlDelay(t *testing.T) {
	tests := []struct {
		name     string
		robots   string
		hostRate float64
		want     rate.Limit
	}{
		{"crawl-delay slows the default", "User-agent: sectorpulse\nCrawl-delay: 2\n", 0, rate.Every(2 * time.Second)},
		{"crawl-delay for *", "User-agent: *\nCrawl-delay: 3\n", 100, rate.Every(3 * time.Second)},
		{"crawl-delay slower than the host rate only", "User-agent: *\nCrawl-delay: 0.001\n", 10, 10},
		{"crawl-delay capped", "User-agent: *\nCrawl-delay: 86400\n", 0, rate.Every(MaxCrawlDelay)},
		{"crawl-delay applies with the host rate off", "User-agent: *\nCrawl-delay: 2\n", -1, rate.Every(2 * time.Second)},
		{"no crawl-delay on loopback", "User-agent: *\nDisallow:\n", 0, rate.Inf},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("/robots.txt", robotsBody(tt.robots))
			mux.HandleFunc("/", serveHTML(faultPage))
			srv, _ := countingServer(t, mux)
			f, _ := newTestFetcher(Options{Client: srv.Client(), HostRate: tt.hostRate})
			if _, err := f.Fetch(context.Background(), srv.URL+"/news/1"); err != nil {
				t.Fatal(err)
			}
			host := strings.TrimPrefix(srv.URL, "http://")
			if got := f.limits.limiter(host, 0).Limit(); got != tt.want {
				t.Errorf("got limit %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHostLimits(t *testing.T) {
	tests := []struct {
		name     string
		hostRate float64
		host     string
		want     rate.Limit
	}{
		{"default for a remote host", 0, "news.example.com", 1},
		{"default skips loopback", 0, "127.0.0.1:8080", rate.Inf},
		{"default skips localhost", 0, "localhost:8080", rate.Inf},
		{"default skips IPv6 loopback", 0, "[::1]:8080", rate.Inf},
		{"explicit rate applies to loopback", 5, "127.0.0.1:8080", 5},
		{"explicit rate", 0.5, "news.example.com", 0.5},
		{"off", -1, "news.example.com", rate.Inf},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFetcher(Options{HostRate: tt.hostRate})
			if got := f.limits.limiter(tt.host, 0).Limit(); got != tt.want {
				t.Errorf("got limit %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHostLimiterPerHost(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", serveHTML(faultPage))
	a, _ := countingServer(t, mux)
	b, _ := countingServer(t, mux)
	f, waits := newTestFetcher(Options{Client: a.Client(), HostRate: 10, IgnoreRobots: true})
	for _, u := range []string{a.URL + "/1", a.URL + "/2", a.URL + "/3", b.URL + "/1"} {
		if _, err := f.Fetch(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	f.limits.mu.Lock()
	n := len(f.limits.m)
	f.limits.mu.Unlock()
	if n != 2 {
		t.Errorf("got %d limiters, want one per host (2)", n)
	}
	// The recorded sleep does not wait, so each later request of host a
	// finds the limiter 100ms further behind; host b's first is free.
	got := waits.all()
	if len(got) != 2 || got[0] <= 50*time.Millisecond || got[1] <= got[0] {
		t.Errorf("got waits %v, want two growing waits for host a's 2nd and 3rd requests", got)
	}
}

func TestHostLimiterHonoursDeadline(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", serveHTML(faultPage))
	srv, h := countingServer(t, mux)
	f := NewFetcher(Options{Client: srv.Client(), HostRate: 0.01, IgnoreRobots: true})
	if _, err := f.Fetch(context.Background(), srv.URL+"/1"); err != nil {
		t.Fatal(err)
	}
	// The next slot is 100s away: a 5s deadline fails at once rather than
	// sleeping until it passes.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := f.Fetch(ctx, srv.URL+"/2")
	if Reason(err) != "timeout" || ctx.Err() != nil {
		t.Errorf("got %v (ctx %v), want a timeout before the deadline", err, ctx.Err())
	}
	if h.get("/2") != 0 {
		t.Errorf("got %d requests, want 0", h.get("/2"))
	}
}

func TestRunDeadlineStopsRetries(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "busy", 503) })

	t.Run("backoff past the deadline", func(t *testing.T) {
		srv, h := countingServer(t, mux)
		// Real sleep: the first backoff (5–10s) is longer than the 3s the
		// run has left, so the fetch gives up at once.
		f := NewFetcher(Options{Client: srv.Client(), RetryBase: 10 * time.Second, IgnoreRobots: true})
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_, err := f.Fetch(ctx, srv.URL+"/page")
		if Reason(err) != "http_503" || !strings.Contains(err.Error(), "deadline") || ctx.Err() != nil {
			t.Errorf("got %v (ctx %v), want http_503 naming the deadline, before it", err, ctx.Err())
		}
		if h.get("/page") != 1 {
			t.Errorf("got %d requests, want 1", h.get("/page"))
		}
	})
	t.Run("Retry-After past the deadline", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "30")
			http.Error(w, "slow down", 429)
		})
		srv, h := countingServer(t, mux)
		f, waits := newTestFetcher(Options{Client: srv.Client(), IgnoreRobots: true})
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_, err := f.Fetch(ctx, srv.URL+"/page")
		if Reason(err) != "http_429" || h.get("/page") != 1 || len(waits.all()) != 0 {
			t.Errorf("got %v after %d requests and waits %v, want http_429 after 1 request, no wait", err, h.get("/page"), waits.all())
		}
	})
	t.Run("cancelled while waiting", func(t *testing.T) {
		srv, h := countingServer(t, mux)
		f := NewFetcher(Options{Client: srv.Client(), IgnoreRobots: true})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		f.sleep = func(c context.Context, d time.Duration) error {
			cancel()
			return sleepCtx(c, d)
		}
		_, err := f.Fetch(ctx, srv.URL+"/page")
		if !errors.Is(err, context.Canceled) || h.get("/page") != 1 {
			t.Errorf("got %v after %d requests, want context.Canceled after 1", err, h.get("/page"))
		}
	})
}

func TestFetchConditional(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Tue, 25 Nov 2026 08:00:00 GMT"
	var mu sync.Mutex
	var gotINM, gotIMS []string
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		gotINM = append(gotINM, r.Header.Get("If-None-Match"))
		gotIMS = append(gotIMS, r.Header.Get("If-Modified-Since"))
		mu.Unlock()
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		serveHTML(faultPage)(w, r)
	})
	srv, h := countingServer(t, mux)
	f, waits := newTestFetcher(Options{Client: srv.Client()})
	p, err := f.Fetch(context.Background(), srv.URL+"/story")
	if err != nil {
		t.Fatal(err)
	}
	if p.ETag != etag || p.LastModified != lastMod {
		t.Fatalf("got ETag %q, Last-Modified %q; want %q, %q", p.ETag, p.LastModified, etag, lastMod)
	}
	_, err = f.FetchIf(context.Background(), srv.URL+"/story", Validators{ETag: p.ETag, LastModified: p.LastModified})
	if !errors.Is(err, ErrNotModified) || Reason(err) != "not_modified" {
		t.Errorf("got %v (reason %q), want ErrNotModified", err, Reason(err))
	}
	mu.Lock()
	defer mu.Unlock()
	if len(gotINM) != 2 || gotINM[0] != "" || gotIMS[0] != "" || gotINM[1] != etag || gotIMS[1] != lastMod {
		t.Errorf("got If-None-Match %q, If-Modified-Since %q; want none, then %q and %q", gotINM, gotIMS, etag, lastMod)
	}
	if h.get("/story") != 2 || len(waits.all()) != 0 {
		t.Errorf("got %d requests and waits %v, want 2 and none (a 304 is not retried)", h.get("/story"), waits.all())
	}
}

func TestFetchFeedUsesPolicies(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", robotsBody("User-agent: *\nDisallow: /private/\n"))
	mux.HandleFunc("/private/feed.xml", robotsBody("<rss/>"))
	srv, h := countingServer(t, mux)
	f, _ := newTestFetcher(Options{Client: srv.Client()})
	_, err := f.FetchFeed(context.Background(), srv.URL+"/private/feed.xml")
	if !errors.Is(err, ErrDisallowed) || h.get("/private/feed.xml") != 0 {
		t.Errorf("got %v after %d requests, want ErrDisallowed and none", err, h.get("/private/feed.xml"))
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"2", 2 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"0", 0},
		{"-5", 0},
		{"soon", 0},
		{"Tue, 25 Nov 2026 08:00:30 GMT", 30 * time.Second},
		{"Tue, 25 Nov 2026 07:59:00 GMT", 0},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q): got %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestProductToken(t *testing.T) {
	tests := []struct{ ua, want string }{
		{DefaultUserAgent, "sectorpulse"},
		{"research-bot/2 (+https://example.com)", "research-bot"},
		{"MyCrawler", "mycrawler"},
		{"Some Bot", "some"},
	}
	for _, tt := range tests {
		if got := productToken(tt.ua); got != tt.want {
			t.Errorf("productToken(%q): got %q, want %q", tt.ua, got, tt.want)
		}
	}
}
