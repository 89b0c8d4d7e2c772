package demosite

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
)

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	h, err := Handler()
	if err != nil {
		t.Fatalf("Handler: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, rawURL string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(rawURL)
	if err != nil {
		t.Fatalf("GET %s: %v", rawURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", rawURL, err)
	}
	return resp, body
}

func TestHandlerRoutes(t *testing.T) {
	srv := newTestServer(t)
	pages := embeddedPages(t)
	tests := []struct {
		name, method, path string
		wantStatus         int
		wantType           string
		wantBody           string
	}{
		{"home", "GET", "/", 200, "text/html; charset=utf-8", "<main"},
		{"feed", "GET", "/feed.xml", 200, "application/rss+xml; charset=utf-8", "<rss"},
		{"robots", "GET", "/robots.txt", 200, "text/plain; charset=utf-8", "Allow: /"},
		{"article", "GET", "/news/" + pages[0].name, 200, "text/html; charset=utf-8", "<html"},
		{"head article", "HEAD", "/news/" + pages[0].name, 200, "text/html; charset=utf-8", ""},
		{"unknown article", "GET", "/news/no-such-story.html", 404, "", ""},
		{"article without extension", "GET", "/news/" + strings.TrimSuffix(pages[0].name, ".html"), 404, "", ""},
		{"news directory", "GET", "/news/", 404, "", ""},
		{"tag link", "GET", "/tag/tencent", 404, "", ""},
		{"pagination link", "GET", "/page/2", 404, "", ""},
		{"section link", "GET", "/section/markets", 404, "", ""},
		{"embedded prices are not served", "GET", "/prices/HSI.csv", 404, "", ""},
		{"post to home", "POST", "/", 405, "", ""},
		{"post to unknown", "POST", "/nothing", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatalf("%s %s: %v", tt.method, tt.path, err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("%s %s: status got %d, want %d", tt.method, tt.path, resp.StatusCode, tt.wantStatus)
			}
			if tt.wantType != "" {
				if got := resp.Header.Get("Content-Type"); got != tt.wantType {
					t.Errorf("Content-Type got %q, want %q", got, tt.wantType)
				}
			}
			if tt.wantBody != "" && !bytes.Contains(body, []byte(tt.wantBody)) {
				t.Errorf("body lacks %q", tt.wantBody)
			}
		})
	}
}

func TestEveryArticlePageIsServed(t *testing.T) {
	srv := newTestServer(t)
	for _, p := range embeddedPages(t) {
		t.Run(p.name, func(t *testing.T) {
			resp, body := get(t, srv.URL+"/news/"+p.name)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status got %d, want 200", resp.StatusCode)
			}
			if got, want := resp.Header.Get("Content-Type"), "text/html; charset=utf-8"; got != want {
				t.Errorf("Content-Type got %q, want %q", got, want)
			}
			if !bytes.Equal(body, p.data) {
				t.Errorf("body differs from the embedded page")
			}
			lm, err := http.ParseTime(resp.Header.Get("Last-Modified"))
			if err != nil || !lm.Equal(p.meta.Published.Truncate(time.Second)) {
				t.Errorf("Last-Modified got %q, want the publication time %v", resp.Header.Get("Last-Modified"), p.meta.Published)
			}
		})
	}
}

func TestConditionalGet(t *testing.T) {
	srv := newTestServer(t)
	p := embeddedPages(t)[0]
	resp, _ := get(t, srv.URL+"/news/"+p.name)
	tag := resp.Header.Get("ETag")
	if tag == "" {
		t.Fatal("no ETag on an article page")
	}
	req, _ := http.NewRequest("GET", srv.URL+"/news/"+p.name, nil)
	req.Header.Set("If-None-Match", tag)
	resp2, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match status got %d, want 304", resp2.StatusCode)
	}
}

func TestArticleCount(t *testing.T) {
	pages := embeddedPages(t)
	if got := ArticleCount(); got != len(pages) {
		t.Errorf("ArticleCount() got %d, want %d (embedded pages)", got, len(pages))
	}
	if got := ArticleCount(); got < 44 {
		t.Errorf("ArticleCount() got %d, want >= 44", got)
	}
}

func TestListingLinksEveryArticle(t *testing.T) {
	srv := newTestServer(t)
	_, body := get(t, srv.URL+"/")
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{}
	var order []string
	doc.Find("main a[href^='/news/']").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		if !linked[href] {
			order = append(order, href)
		}
		linked[href] = true
	})
	pages := embeddedPages(t)
	for _, p := range pages {
		if !linked["/news/"+p.name] {
			t.Errorf("home page <main> does not link /news/%s", p.name)
		}
	}
	if len(linked) != len(pages) {
		t.Errorf("home page links %d distinct articles, want %d", len(linked), len(pages))
	}

	// Newest first.
	var times []time.Time
	doc.Find("main .story-item time").Each(func(_ int, s *goquery.Selection) {
		v, _ := s.Attr("datetime")
		ts, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t.Errorf("listing time %q: %v", v, err)
		}
		times = append(times, ts)
	})
	if len(times) != len(pages) {
		t.Fatalf("listing has %d dated items, want %d", len(times), len(pages))
	}
	if !sort.SliceIsSorted(times, func(i, j int) bool { return times[i].After(times[j]) }) {
		t.Errorf("listing is not ordered newest first")
	}

	// Boilerplate a real listing has.
	checks := []struct{ name, selector string }{
		{"site nav", "header nav a[href^='/section/']"},
		{"footer copyright", "footer .copyright"},
		{"most read sidebar", "aside .most-read li a[href^='/news/']"},
		{"tag links", "a[href^='/tag/']"},
		{"pagination", "nav.pagination a[href^='/page/']"},
	}
	for _, c := range checks {
		if doc.Find(c.selector).Length() == 0 {
			t.Errorf("home page lacks %s (%s)", c.name, c.selector)
		}
	}
	if !strings.Contains(doc.Find("aside").Text(), "Most read") {
		t.Errorf("sidebar lacks the \"Most read\" heading")
	}
}

func TestFeed(t *testing.T) {
	srv := newTestServer(t)
	base, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := get(t, srv.URL+"/feed.xml")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status got %d, want 200", resp.StatusCode)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse feed: %v", err)
	}
	if feed.FeedType != "rss" || feed.FeedVersion != "2.0" {
		t.Errorf("feed type got %s %s, want rss 2.0", feed.FeedType, feed.FeedVersion)
	}
	if len(feed.Items) != 20 {
		t.Fatalf("feed items got %d, want 20", len(feed.Items))
	}

	// The 20 newest pages, newest first.
	pages := embeddedPages(t)
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].meta.Published.After(pages[j].meta.Published) })

	// pubDate must be RFC 1123 with a numeric zone.
	var raw struct {
		Items []struct {
			PubDate string `xml:"pubDate"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(body, &raw); err != nil {
		t.Fatal(err)
	}
	for i, item := range feed.Items {
		t.Run(item.Title, func(t *testing.T) {
			u, err := url.Parse(item.Link)
			if err != nil {
				t.Fatalf("link %q: %v", item.Link, err)
			}
			if !u.IsAbs() || u.Host != base.Host || !strings.HasPrefix(u.Path, "/news/") {
				t.Errorf("link got %q, want an absolute http://%s/news/... URL", item.Link, base.Host)
			}
			if got, want := u.Path, "/news/"+pages[i].name; got != want {
				t.Errorf("item %d path got %s, want %s", i, got, want)
			}
			pd, err := time.Parse(time.RFC1123Z, raw.Items[i].PubDate)
			if err != nil {
				t.Errorf("pubDate %q is not RFC1123Z: %v", raw.Items[i].PubDate, err)
			} else if !pd.Equal(pages[i].meta.Published) {
				t.Errorf("pubDate got %v, want %v", pd, pages[i].meta.Published)
			}
			resp, _ := get(t, item.Link)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s: status got %d, want 200", item.Link, resp.StatusCode)
			}
		})
	}
}

func TestFeedLinksFollowRequestHost(t *testing.T) {
	h, err := Handler()
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://demo.example:8123/feed.xml", nil))
	feed, err := gofeed.NewParser().Parse(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	for _, item := range feed.Items {
		if !strings.HasPrefix(item.Link, "http://demo.example:8123/news/") {
			t.Errorf("link got %q, want prefix http://demo.example:8123/news/", item.Link)
		}
	}
}
