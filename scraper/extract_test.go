package scraper

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

var update = flag.Bool("update", false, "rewrite generated golden want.json files from the current output (hand-written cases are left alone)")

// golden is the part of an extracted article a golden file pins down.
type golden struct {
	Source       string `json:"source"`
	URL          string `json:"url"`
	CanonicalURL string `json:"canonical_url"`
	Title        string `json:"title"`
	PublishedAt  string `json:"published_at"`
	Byline       string `json:"byline"`
	Language     string `json:"language"`
	Truncated    bool   `json:"truncated,omitempty"`
	Text         string `json:"text"`
	Words        int    `json:"words"`
}

func toGolden(a *sectorpulse.Article) golden {
	g := golden{
		Source:       a.Source,
		URL:          a.URL,
		CanonicalURL: a.CanonicalURL,
		Title:        a.Title,
		Byline:       a.Byline,
		Language:     a.Language,
		Truncated:    a.Truncated,
		Text:         a.Text,
		Words:        a.Words(),
	}
	if !a.PublishedAt.IsZero() {
		g.PublishedAt = a.PublishedAt.Format(time.RFC3339)
	}
	return g
}

// goldenPageURL is the page URL of a golden case: the first line of its
// url.txt, else a URL made from the case name.
func goldenPageURL(t testing.TB, dir string) *url.URL {
	t.Helper()
	raw := "https://news.example.com/" + filepath.Base(dir)
	if b, err := os.ReadFile(filepath.Join(dir, "url.txt")); err == nil {
		raw = strings.TrimSpace(string(b))
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("%s/url.txt: %v", dir, err)
	}
	return u
}

// goldenDirs returns the golden cases that hold an article, skipping the
// pages Extract must refuse (want.json "not_article": true).
func goldenDirs(t testing.TB) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join("testdata", "extract", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, dir := range all {
		if !readGoldenWant(t, dir).NotArticle {
			dirs = append(dirs, dir)
		}
	}
	if len(dirs) < 8 {
		t.Fatalf("found %d golden cases in testdata/extract, want at least 8", len(dirs))
	}
	return dirs
}

// TestExtractGolden compares the generated golden cases field by field and,
// with -update, rewrites their want.json. Hand-written cases
// (want.json "hand_written": true) hold what a reader takes from the page,
// not what the extractor produced: they are never rewritten and are scored
// by TestGolden instead.

func TestExtractGolden(t *testing.T) {
	for _, dir := range goldenDirs(t) {
		if readGoldenWant(t, dir).HandWritten {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join(dir, "page.html"))
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(bytes.NewReader(page), goldenPageURL(t, dir))
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got := toGolden(a)
			wantPath := filepath.Join(dir, "want.json")
			if *update {
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				if err := enc.Encode(got); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(wantPath, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run go test ./scraper -update to create it)", err)
			}
			var want golden
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatalf("%s: %v", wantPath, err)
			}
			if got != want {
				gb, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("extract %s:\ngot  %s\nwant %s", dir, gb, b)
			}
			if a.ContentHash != sectorpulse.ContentHash(a.Text) {
				t.Errorf("ContentHash = %s, want ContentHash(Text)", a.ContentHash)
			}
			if a.Fingerprint != sectorpulse.SimHash(a.Text) {
				t.Errorf("Fingerprint = %x, want SimHash(Text)", a.Fingerprint)
			}
		})
	}
}
