package scraper

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtract measures extraction of one typical article page of about
// 800 words with navigation, sharing, advertising and related links.
func BenchmarkExtract(b *testing.B) {
	page, err := os.ReadFile(filepath.Join("testdata", "bench", "article.html"))
	if err != nil {
		b.Fatal(err)
	}
	u := mustURL(b, "https://www.harbourwire.example/markets/2026/11/26/hong-kong-tech-stocks-extend-rally-ai-spending")
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(bytes.NewReader(page), u); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractAll measures extraction over every golden page; the time
// per op covers all of them.
func BenchmarkExtractAll(b *testing.B) {
	type page struct {
		body []byte
		dir  string
	}
	var pages []page
	for _, dir := range goldenDirs(b) {
		body, err := os.ReadFile(filepath.Join(dir, "page.html"))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, page{body, dir})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Extract(bytes.NewReader(p.body), goldenPageURL(b, p.dir)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestBenchPageExtraction(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "bench", "article.html"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract(bytes.NewReader(page), mustURL(t, "https://www.harbourwire.example/x"))
	if err != nil {
		t.Fatal(err)
	}
	if w := a.Words(); w < 750 || w > 900 {
		t.Errorf("got %d words, want a page of about 800", w)
	}
	for _, junk := range []string{"Advertisement", "Read more", "Related coverage", "Most read", "©", "Photo:", "Sign in", "zero commission"} {
		if bytes.Contains([]byte(a.Text), []byte(junk)) {
			t.Errorf("text contains boilerplate %q", junk)
		}
	}
	if a.Byline != "Grace Leung" || a.Title != "Hong Kong tech stocks extend rally as AI spending plans lift chipmakers" {
		t.Errorf("got byline %q title %q", a.Byline, a.Title)
	}
}
