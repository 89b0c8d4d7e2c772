package pipeline

import (
	"errors"
	"strings"
	"testing"
)

func TestParseSources(t *testing.T) {
	const file = `
sources:
  - name: harbourwire
    feed: https://harbourwire.example/rss.xml
    listing: [https://harbourwire.example/markets/, https://harbourwire.example/tech/]
  - name: archive
    file: archive/a.html.gz
`
	got, err := ParseSources(strings.NewReader(file), "sources.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{
		{Name: "harbourwire", Kind: KindFeed, Location: "https://harbourwire.example/rss.xml"},
		{Name: "harbourwire", Kind: KindListing, Location: "https://harbourwire.example/markets/"},
		{Name: "harbourwire", Kind: KindListing, Location: "https://harbourwire.example/tech/"},
		{Name: "archive", Kind: KindFile, Location: "archive/a.html.gz"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("source %d: got %v, want %v", i, got[i], want[i])
		}
	}
	only, err := ParseSources(strings.NewReader(file), "sources.yaml", []string{"archive"})
	if err != nil || len(only) != 1 || only[0].Name != "archive" {
		t.Errorf("only archive: got %v, %v", only, err)
	}
	if _, err := ParseSources(strings.NewReader(file), "sources.yaml", []string{"nosuch"}); !errors.Is(err, ErrUnknownSource) {
		t.Errorf("unknown source name: got %v, want ErrUnknownSource", err)
	}
}

func TestParseSourcesErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"not a URL", "sources:\n  - name: a\n    feed: ftp://x.example/rss\n", []string{"sources.yaml:2", "ftp://x.example/rss"}},
		{"unknown key", "sources:\n  - name: a\n    feeds: https://x.example/rss\n", []string{"sources.yaml:3", "feeds: unknown key"}},
		{"bad kind", "sources:\n  - name: a\n    kind: podcast\n    url: https://x.example/p\n", []string{"sources.yaml:3", `"podcast"`}},
		{"bad pattern", "sources:\n  - name: a\n    kind: listing\n    url: https://x.example/\n    link_pattern: '(['\n", []string{"sources.yaml:5", "link_pattern"}},
		{"bad selector", "sources:\n  - name: a\n    url: https://x.example/a\n    selectors:\n      body: 'div[class='\n", []string{"sources.yaml:4", "body", `"div[class="`}},
		{"unknown selector", "sources:\n  - name: a\n    url: https://x.example/a\n    selectors: {byline: .by}\n", []string{"sources.yaml:4", `"byline"`}},
		{"bad zone", "sources:\n  - name: a\n    url: https://x.example/a\n    timezone: Asia/Hongkong_City\n", []string{"sources.yaml:4", "Asia/Hongkong_City"}},
		{"bad language", "sources:\n  - name: a\n    url: https://x.example/a\n    language: english!\n", []string{"sources.yaml:4", "english!"}},
		{"bad cap", "sources:\n  - name: a\n    url: https://x.example/a\n    max_per_run: -3\n", []string{"sources.yaml:4", `"-3"`}},
		{"bad rate", "sources:\n  - name: a\n    url: https://x.example/a\n    rate: fast\n", []string{"sources.yaml:4", `"fast"`}},
		{"no name", "sources:\n  - url: https://x.example/a.html\n", []string{"sources.yaml:2", "without a name"}},
		{"nothing to fetch", "sources:\n  - name: a\n", []string{"sources.yaml:2", "no url"}},
		{"no list", "feeds: []\n", []string{"sources.yaml", "no sources"}},
		{"bad yaml", "sources: [\n", []string{"sources.yaml"}},
		{"empty", "", []string{"sources.yaml", "empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSources(strings.NewReader(tt.text), "sources.yaml", nil)
			if err == nil {
				t.Fatal("got nil error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestParseSourcesSettings(t *testing.T) {
	const file = `
sources:
  - name: harbourwire
    kind: sitemap
    url: [https://harbourwire.example/sitemap-news.xml, https://harbourwire.example/sitemap.xml.gz]
    link_pattern: '/markets/'
    selectors:
      title: h1.headline
      body: div.article-text
      date: span.pubtime
    language: en
    timezone: Asia/Hong_Kong
    max_per_run: 50
    rate: 0.5
    feed: https://harbourwire.example/rss.xml
`
	got, err := ParseSources(strings.NewReader(file), "sources.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d sources, want 3: %+v", len(got), got)
	}
	kinds := []string{got[0].Kind, got[1].Kind, got[2].Kind}
	if kinds[0] != KindFeed || kinds[1] != KindSitemap || kinds[2] != KindSitemap {
		t.Errorf("kinds %v, want feed, sitemap, sitemap", kinds)
	}
	for _, s := range got {
		if s.Name != "harbourwire" || s.Language != "en" || s.MaxPerRun != 50 || s.Rate != 0.5 ||
			s.Extract.TitleSelector != "h1.headline" || s.Extract.BodySelector != "div.article-text" ||
			s.Extract.DateSelector != "span.pubtime" || s.Extract.Location == nil ||
			s.Extract.Location.String() != "Asia/Hong_Kong" || s.LinkPattern == nil ||
			!s.LinkPattern.MatchString("https://harbourwire.example/markets/2025/a") {
			t.Errorf("settings not carried to %s: %+v", s.Location, s)
		}
	}
}
