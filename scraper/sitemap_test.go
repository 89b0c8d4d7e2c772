package scraper

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/traditionalchinese"
)

// readSitemapFixture returns a file of testdata/sitemap.
func readSitemapFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "sitemap", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// gzipForTest compresses b.
func gzipForTest(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkSitemapEntries compares sitemap entries field by field, times by instant
// and offset.
func checkSitemapEntries(t *testing.T, kind string, got, want []SitemapEntry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d %s %+v, want %d", len(got), kind, got, len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.URL != w.URL || g.Title != w.Title || g.Language != w.Language {
			t.Errorf("%s %d: got %q %q %q, want %q %q %q", kind, i, g.URL, g.Title, g.Language, w.URL, w.Title, w.Language)
		}
		for _, tm := range []struct {
			field     string
			got, want time.Time
		}{{"LastMod", g.LastMod, w.LastMod}, {"Published", g.Published, w.Published}} {
			_, gotOff := tm.got.Zone()
			_, wantOff := tm.want.Zone()
			if !tm.got.Equal(tm.want) || gotOff != wantOff {
				t.Errorf("%s %d: got %s %v, want %v", kind, i, tm.field, tm.got, tm.want)
			}
		}
	}
}

func TestParseSitemap(t *testing.T) {
	hkt := time.FixedZone("", 8*3600)
	const site = "https://www.harbourwire.example"
	tests := []struct {
		name, file, sitemapURL string
		gzip                   bool
		wantURLs, wantMaps     []SitemapEntry
	}{
		{
			name: "news sitemap", file: "news.xml", sitemapURL: site + "/sitemaps/news.xml",
			wantURLs: []SitemapEntry{
				{
					URL:       site + "/markets/2026/11/25/hang-seng-jumps-chip-rally",
					LastMod:   time.Date(2026, 11, 25, 17, 5, 12, 0, hkt),
					Published: time.Date(2026, 11, 25, 16, 42, 0, 0, hkt),
					Title:     "Hang Seng Index jumps 2.1% as chip stocks rally",
					Language:  "en",
				},
				{
					URL:       site + "/companies/2026/11/25/shenzhen-battery-maker-hk-listing",
					Published: time.Date(2026, 11, 25, 9, 31, 7, 250e6, hkt),
					Title:     "Shenzhen battery maker files for Hong Kong listing & eyes $1.2 bln raise",
					Language:  "en",
				},
				{
					URL:       site + "/economy/2026/11/24/pboc-holds-loan-prime-rate",
					LastMod:   time.Date(2026, 11, 24, 10, 15, 0, 0, time.UTC),
					Published: time.Date(2026, 11, 24, 9, 15, 0, 0, hkt),
					Title:     "China keeps benchmark lending rates steady for sixth month",
					Language:  "en",
				},
			},
		},
		{
			name: "sitemap index", file: "index.xml", sitemapURL: site + "/sitemap_index.xml",
			wantMaps: []SitemapEntry{
				{URL: site + "/sitemaps/news.xml", LastMod: time.Date(2026, 11, 25, 17, 5, 12, 0, hkt)},
				{URL: site + "/sitemaps/archive-2026-11.xml.gz", LastMod: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)},
			},
		},
		{
			name: "gzipped urlset with relative locs", file: "archive-2026-11.xml", gzip: true,
			sitemapURL: site + "/sitemaps/archive-2026-11.xml.gz",
			wantURLs: []SitemapEntry{
				{URL: site + "/markets/2026/11/21/hk-developers-slide-home-prices", LastMod: time.Date(2026, 11, 21, 18, 2, 44, 0, hkt)},
				{URL: site + "/companies/2026/11/20/kowloon-bank-profit-falls", LastMod: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)},
				{URL: site + "/economy/2026/11/19/yuan-steadies-firmer-midpoint"},
				{URL: site + "/markets/2026/11/18/macau-casino-stocks-golden-week?src=sitemap&edition=asia", LastMod: time.Date(2026, 11, 18, 8, 0, 0, 5e8, time.UTC)},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := readSitemapFixture(t, tt.file)
			if tt.gzip {
				body = gzipForTest(t, body)
			}
			sm, err := ParseSitemap(bytes.NewReader(body), mustURL(t, tt.sitemapURL))
			if err != nil {
				t.Fatal(err)
			}
			checkSitemapEntries(t, "URLs", sm.URLs, tt.wantURLs)
			checkSitemapEntries(t, "Sitemaps", sm.Sitemaps, tt.wantMaps)
		})
	}
}

func TestParseSitemapForms(t *testing.T) {
	title := "港股收市：恒指升312點"
	big5Title, err := traditionalchinese.Big5.NewEncoder().String(title)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, doc string
		want      SitemapEntry
	}{
		{
			name: "namespace prefixes",
			doc: `<?xml version="1.0"?>
<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
<sm:url><sm:loc>https://www.harbourwire.example/a</sm:loc>
<n:news><n:publication><n:name>Harbour Wire</n:name><n:language>en</n:language></n:publication>
<n:title>Prefixed   title</n:title></n:news></sm:url></sm:urlset>`,
			want: SitemapEntry{URL: "https://www.harbourwire.example/a", Title: "Prefixed title", Language: "en"},
		},
		{
			name: "no namespace, byte order mark",
			doc:  "\xEF\xBB\xBF<urlset><url><loc>https://www.harbourwire.example/b</loc><lastmod>2026-11</lastmod></url></urlset>",
			want: SitemapEntry{URL: "https://www.harbourwire.example/b", LastMod: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)},
		},
		{
			name: "big5 declared",
			doc: `<?xml version="1.0" encoding="Big5"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://www.harbourwire.example/zh/markets/hsi-close</loc>
<news:news><news:publication><news:name>Harbour Wire</news:name><news:language>zh-tw</news:language></news:publication>
<news:publication_date>2026-11-25T16:42:00+08:00</news:publication_date>
<news:title>` + big5Title + `</news:title></news:news></url></urlset>`,
			want: SitemapEntry{
				URL: "https://www.harbourwire.example/zh/markets/hsi-close", Title: title, Language: "zh-tw",
				Published: time.Date(2026, 11, 25, 16, 42, 0, 0, time.FixedZone("", 8*3600)),
			},
		},
		{
			name: "html entity in title",
			doc: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://www.harbourwire.example/c</loc><news:news><news:title>Hang&nbsp;Seng&nbsp;slips</news:title></news:news></url></urlset>`,
			want: SitemapEntry{URL: "https://www.harbourwire.example/c", Title: "Hang Seng slips"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sm, err := ParseSitemap(strings.NewReader(tt.doc), nil)
			if err != nil {
				t.Fatal(err)
			}
			checkSitemapEntries(t, "URLs", sm.URLs, []SitemapEntry{tt.want})
		})
	}
}

func TestParseSitemapBad(t *testing.T) {
	rss, err := os.ReadFile(filepath.Join("testdata", "feeds", "markets.rss"))
	if err != nil {
		t.Fatal(err)
	}
	news := readSitemapFixture(t, "news.xml")
	tests := []struct {
		name     string
		body     []byte
		wantText string // in the error besides the URL
	}{
		{"rss feed", rss, "<rss>"},
		{"html page", []byte("<!DOCTYPE html>\n<html><head><title>Harbour Wire</title></head><body></body></html>"), "<html>"},
		{"truncated", news[:len(news)/2], "line "},
		{"empty", nil, "no root element"},
		{"truncated gzip", gzipForTest(t, news)[:100], "gunzip"},
	}
	const sitemapURL = "https://www.harbourwire.example/sitemaps/news.xml"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sm, err := ParseSitemap(bytes.NewReader(tt.body), mustURL(t, sitemapURL))
			if !errors.Is(err, ErrBadSitemap) {
				t.Fatalf("got %+v, %v; want ErrBadSitemap", sm, err)
			}
			if msg := err.Error(); !strings.Contains(msg, sitemapURL) || !strings.Contains(msg, tt.wantText) {
				t.Errorf("got error %q, want it to name %s and say %q", msg, sitemapURL, tt.wantText)
			}
		})
	}
}

func TestParseSitemapGzipBomb(t *testing.T) {
	const sitemapURL = "https://www.harbourwire.example/sitemaps/bomb.xml.gz"
	_, err := ParseSitemap(bytes.NewReader(gzipBomb()), mustURL(t, sitemapURL))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), sitemapURL) {
		t.Errorf("got %v, want ErrTooLarge naming %s", err, sitemapURL)
	}
}

func TestParseSitemapEntryLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := range maxSitemapEntries + 10 {
		fmt.Fprintf(&b, "<url><loc>/markets/story-%d</loc></url>\n", i)
	}
	// Past the limit nothing is read, not even this.
	b.WriteString("<url><loc>/broken</loc></url")
	sm, err := ParseSitemap(strings.NewReader(b.String()), mustURL(t, "https://www.harbourwire.example/sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sm.URLs) != maxSitemapEntries {
		t.Fatalf("got %d URLs, want %d", len(sm.URLs), maxSitemapEntries)
	}
	if last, want := sm.URLs[len(sm.URLs)-1].URL, fmt.Sprintf("https://www.harbourwire.example/markets/story-%d", maxSitemapEntries-1); last != want {
		t.Errorf("got last URL %q, want %q", last, want)
	}
}

func TestParseW3CTime(t *testing.T) {
	hkt := time.FixedZone("", 8*3600)
	tests := []struct {
		in     string
		want   time.Time
		wantOK bool
	}{
		{"2025-02-15", time.Date(2025, 2, 15, 0, 0, 0, 0, time.UTC), true},
		{"2025-02-15T09:59:00+08:00", time.Date(2025, 2, 15, 9, 59, 0, 0, hkt), true},
		{"2025-02-15T09:59+08:00", time.Date(2025, 2, 15, 9, 59, 0, 0, hkt), true},
		{"2025-02-15T01:59:00Z", time.Date(2025, 2, 15, 1, 59, 0, 0, time.UTC), true},
		{"2025-02-15T09:59:00.123456+08:00", time.Date(2025, 2, 15, 9, 59, 0, 123456000, hkt), true},
		{" 2025-02-15T01:59:00.5Z\n", time.Date(2025, 2, 15, 1, 59, 0, 5e8, time.UTC), true},
		{"2025-02", time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), true},
		{"2025", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"2025-02-15T09:59:00+0800", time.Date(2025, 2, 15, 9, 59, 0, 0, hkt), true},
		{"", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"2025-02-30", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseW3CTime(tt.in)
			_, gotOff := got.Zone()
			_, wantOff := tt.want.Zone()
			if ok != tt.wantOK || !got.Equal(tt.want) || gotOff != wantOff {
				t.Errorf("got %v, %v; want %v, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func ExampleParseSitemap() {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>/markets/2026/11/25/hang-seng-jumps-chip-rally</loc>
    <news:news>
      <news:publication><news:name>Harbour Wire</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-25T16:42:00+08:00</news:publication_date>
      <news:title>Hang Seng Index jumps 2.1% as chip stocks rally</news:title>
    </news:news>
  </url>
</urlset>`
	u, _ := url.Parse("https://www.harbourwire.example/sitemaps/news.xml")
	sm, err := ParseSitemap(strings.NewReader(doc), u)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range sm.URLs {
		fmt.Println(e.URL)
		fmt.Println(e.Published)
		fmt.Println(e.Language, e.Title)
	}
	// Output:
	// https://www.harbourwire.example/markets/2026/11/25/hang-seng-jumps-chip-rally
	// 2026-11-25 16:42:00 +0800 +0800
	// en Hang Seng Index jumps 2.1% as chip stocks rally
}
