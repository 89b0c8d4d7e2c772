package scraper

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestListingLinks(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "listing", "markets.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ListingLinks(f, mustURL(t, "https://www.harbourwire.example/markets/"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"https://www.harbourwire.example/markets/2026/11/25/hang-seng-jumps-chip-rally",
		"https://www.harbourwire.example/companies/kowloon-bank-profit-falls-bad-loans",
		"https://www.harbourwire.example/economy/yuan-steadies-as-central-bank-sets-firmer-midpoint",
		"https://www.harbourwire.example/markets/macau-gaming-revenue.html",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestListingLinksWithoutMain(t *testing.T) {
	page := `<html><body><nav><a href="/markets/2026/11/24/nav-story-link-here">Nav</a></nav>
<div class="list"><a href="/news/20261125/1048213.shtml">恒指收升</a> <a href="/news/20261124/998877">科技股</a> <a href="/news/">新聞</a></div></body></html>`
	got, err := ListingLinks(strings.NewReader(page), mustURL(t, "https://finance.example.cn/news/"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"https://finance.example.cn/news/20261125/1048213.shtml",
		"https://finance.example.cn/news/20261124/998877",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestLooksLikeArticle(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://x.example/markets/2026/11/25/short", true},
		{"https://x.example/2026-11-25/hsi", true},
		{"https://x.example/a/three-word-slug", true},
		{"https://x.example/a/two-words", false},
		{"https://x.example/a/story.html", true},
		{"https://x.example/a/1048213", true},
		{"https://x.example/tag/three-word-tag", false},
		{"https://x.example/category/banking-and-finance-news", false},
		{"https://x.example/login", false},
		{"https://x.example/about", false},
		{"https://x.example/img/a-b-c-d.jpg", false},
		{"https://x.example/sitemap-news-2026.xml", false},
		{"https://x.example/markets/page/2", false},
		{"https://x.example/markets/?page=2", false},
		{"https://x.example/", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := looksLikeArticle(mustURL(t, tt.url)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
