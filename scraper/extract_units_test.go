package scraper

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
)

func mustURL(t testing.TB, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// storyParagraphs is enough story text for Extract to accept a page.
const storyParagraphs = `<p>Hong Kong shares rose on Monday as investors bought technology stocks after a run of strong earnings reports from chipmakers and online platforms.</p>
<p>The benchmark index gained 1.2 percent by the close, with turnover rising to its highest level in a month as mainland investors added to their holdings.</p>`

func TestExtractEmpty(t *testing.T) {
	tests := []struct {
		name string
		page string
	}{
		{"empty", ""},
		{"whitespace", " \n\t "},
		{"no body text", `<html><head><title>Markets</title></head><body><nav><a href="/">Home</a></nav></body></html>`},
		{"too short", `<html><body><article><p>Shares rose.</p><p>More soon.</p></article></body></html>`},
		{"only boilerplate", `<html><body><article><p>Advertisement</p><p>Share this article</p><p>Read more</p></article></body></html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tt.page), mustURL(t, "https://news.example.com/x"))
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("got article %v, err %v, want ErrEmpty", a, err)
			}
			if got := Reason(err); got != "empty" {
				t.Errorf("Reason = %q, want %q", got, "empty")
			}
			if !strings.Contains(err.Error(), "https://news.example.com/x") {
				t.Errorf("error %q does not name the URL", err)
			}
		})
	}
}

func TestExtractChoosesStoryOverTeaser(t *testing.T) {
	page := `<html><body>
<article class="teaser"><h2><a href="/other">Other story</a></h2><p>A short teaser for another story.</p></article>
<div id="story">` + storyParagraphs + `</div></body></html>`
	a, err := Extract(strings.NewReader(page), mustURL(t, "https://news.example.com/x"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "teaser") || !strings.HasPrefix(a.Text, "Hong Kong shares rose") {
		t.Errorf("got text %q, want the story paragraphs only", a.Text)
	}
	if n := strings.Count(a.Text, "\n\n"); n != 1 {
		t.Errorf("got %d paragraph breaks, want 1", n)
	}
}

func TestExtractDropsRepeatedHeadline(t *testing.T) {
	page := `<html><head><title>Stocks rise - Wire</title></head><body><div class="story"><p>Stocks rise</p>` + storyParagraphs + `</div></body></html>`
	a, err := Extract(strings.NewReader(page), mustURL(t, "https://news.example.com/x"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Stocks rise" {
		t.Errorf("got title %q, want %q", a.Title, "Stocks rise")
	}
	if strings.HasPrefix(a.Text, "Stocks rise") {
		t.Errorf("got text %q, want the repeated headline dropped", a.Text)
	}
}

func TestExtractFileURL(t *testing.T) {
	page := `<html><head><link rel="canonical" href="https://www.news.example.com/a/b-c-d"></head><body><article>` + storyParagraphs + `</article></body></html>`
	a, err := Extract(strings.NewReader(page), mustURL(t, "file:///home/me/saved/story.html"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "file" {
		t.Errorf("got source %q, want %q", a.Source, "file")
	}
	if a.URL != "file:///home/me/saved/story.html" {
		t.Errorf("got URL %q, want the file URL", a.URL)
	}
	if a.CanonicalURL != "https://www.news.example.com/a/b-c-d" {
		t.Errorf("got canonical %q, want the page's canonical link", a.CanonicalURL)
	}
}

func TestExtractPage(t *testing.T) {
	fetched := time.Date(2026, 11, 25, 8, 0, 0, 0, time.FixedZone("HKT", 8*3600))
	p := &Page{URL: "https://news.example.com/x", Body: []byte("<html><body><article>" + storyParagraphs + "</article></body></html>"), FetchedAt: fetched}
	a, err := ExtractPage(p)
	if err != nil {
		t.Fatal(err)
	}
	if !a.FetchedAt.Equal(fetched) || a.FetchedAt.Location() != time.UTC {
		t.Errorf("got FetchedAt %v, want %v in UTC", a.FetchedAt, fetched.UTC())
	}
	if a.URL != p.URL {
		t.Errorf("got URL %q, want %q", a.URL, p.URL)
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://WWW.Example.COM:443/a/B?x=1#frag", "https://www.example.com/a/B?x=1"},
		{"http://example.com:80", "http://example.com/"},
		{"http://example.com:8080/a", "http://example.com:8080/a"},
		{"https://example.com/a?utm_source=x&id=7&UTM_Medium=y&fbclid=abc&gclid=def&b=2", "https://example.com/a?id=7&b=2"},
		{"https://example.com/a?utm_source=x", "https://example.com/a"},
		{"file:///tmp/Page.html#x", "file:///tmp/Page.html#x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := NormalizeURL(mustURL(t, tt.in)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNormalizeLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"zh_HK", "zh-HK"},
		{"zh-hk", "zh-HK"},
		{"EN-us", "en-US"},
		{"en-US", "en-US"},
		{"zh-hant-tw", "zh-Hant-TW"},
		{"es-419", "es-419"},
		{"en, fr", "en"},
		{"", ""},
		{"not a tag", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := normalizeLang(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	hkt := time.FixedZone("", 8*3600)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-11-25T16:42:00+08:00", time.Date(2026, 11, 25, 16, 42, 0, 0, hkt), true},
		{"2026-11-25T16:42:00.123+08:00", time.Date(2026, 11, 25, 16, 42, 0, 123e6, hkt), true},
		{"2026-11-25T16:42:00+0800", time.Date(2026, 11, 25, 16, 42, 0, 0, hkt), true},
		{"2026-11-25T08:42:00Z", time.Date(2026, 11, 25, 8, 42, 0, 0, time.UTC), true},
		{"2026-11-25 16:42:00", time.Date(2026, 11, 25, 16, 42, 0, 0, time.UTC), true},
		{"2026-11-25", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), true},
		{"Wed, 25 Nov 2026 16:42:00 +0800", time.Date(2026, 11, 25, 16, 42, 0, 0, hkt), true},
		{"Tue, 14 Jan 2025 09:30:00 HKT", time.Date(2025, 1, 14, 9, 30, 0, 0, hkt), true},
		{"Tue, 14 Jan 2025 09:30:00 SGT", time.Date(2025, 1, 14, 9, 30, 0, 0, hkt), true},
		{"Tue, 14 Jan 2025 09:30:00 JST", time.Date(2025, 1, 14, 9, 30, 0, 0, time.FixedZone("", 9*3600)), true},
		{"Tue, 14 Jan 2025 09:30:00 KST", time.Date(2025, 1, 14, 9, 30, 0, 0, time.FixedZone("", 9*3600)), true},
		{"Tue, 14 Jan 2025 09:30:00 EST", time.Date(2025, 1, 14, 9, 30, 0, 0, time.FixedZone("", -5*3600)), true},
		{"Mon, 14 Jul 2025 09:30:00 EDT", time.Date(2025, 7, 14, 9, 30, 0, 0, time.FixedZone("", -4*3600)), true},
		{"Mon, 14 Jul 2025 09:30:00 BST", time.Date(2025, 7, 14, 9, 30, 0, 0, time.FixedZone("", 3600)), true},
		{"Tue, 14 Jan 2025 09:30:00 GMT", time.Date(2025, 1, 14, 9, 30, 0, 0, time.UTC), true},
		{"Tue, 14 Jan 2025 09:30:00 UTC", time.Date(2025, 1, 14, 9, 30, 0, 0, time.UTC), true},
		{"Tue, 14 Jan 2025 09:30:00 CST", time.Date(2025, 1, 14, 9, 30, 0, 0, time.UTC), true}, // ambiguous: read as UTC
		{"2025-01-14 09:30:00 HKT", time.Date(2025, 1, 14, 9, 30, 0, 0, hkt), true},
		{"yesterday", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseTime(tt.in)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Fatalf("got %v, %v, want %v, %v", got, ok, tt.want, tt.ok)
			}
			_, gotOff := got.Zone()
			_, wantOff := tt.want.Zone()
			if gotOff != wantOff {
				t.Errorf("got offset %d, want %d (the page's own offset)", gotOff, wantOff)
			}
		})
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct {
		title, site string
		guess       bool
		want        string
	}{
		{"Stocks rise - Harbour Daily", "", true, "Stocks rise"},
		{"Stocks rise | Harbour Daily", "Harbour Daily", false, "Stocks rise"},
		{"Stocks rise | Harbour Daily", "", false, "Stocks rise | Harbour Daily"},
		{"沪指高开高走_南方财经网", "", true, "沪指高开高走"},
		{"Tencent - a long explanation of what the company announced today", "", true, "Tencent - a long explanation of what the company announced today"},
		{"Harbour Daily", "Harbour Daily", true, "Harbour Daily"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got := stripSiteName(tt.title, tt.site, tt.guess); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
