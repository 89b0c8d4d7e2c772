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
		{"harbourwire", KindFeed, "https://harbourwire.example/rss.xml"},
		{"harbourwire", KindListing, "https://harbourwire.example/markets/"},
		{"harbourwire", KindListing, "https://harbourwire.example/tech/"},
		{"archive", KindFile, "archive/a.html.gz"},
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
		{"unknown key", "sources:\n  - name: a\n    feeds: https://x.example/rss\n", []string{"sources.yaml:2", `"feeds"`}},
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
