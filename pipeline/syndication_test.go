package pipeline

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/scraper"
	"github.com/sectorpulse/sectorpulse/store"
)

// syndicationPage is one page of testdata/syndication: a wire story, three
// copies of it on other sites, and a different story on the same
// companies and day.
type syndicationPage struct {
	file, source string
	// story is true for the wire story and its copies.
	story bool
}

var syndicationPages = []syndicationPage{
	{"original.html", "victoriawire", true},
	{"copy1-lantau-ledger.html", "lantauledger", true},           // dateline, agency header, credit line
	{"copy2-kowloon-markets.html", "kowloonmarkets", true},       // own headline, standfirst, last paragraph cut
	{"copy3-asia-tech-tribune.html", "asiatechtribune", true},    // own first sentence, related links, editor, copyright
	{"other-story-cloud-price-war.html", "harbourstreet", false}, // same companies and day, another story
}

// TestScrapeLinksSyndicatedCopies scrapes the wire story, its three copies
// and a different story through the real fetcher, extractor and store, and
// checks that every copy points at the first copy stored, whatever the
// order, and that the different story points at nothing.
func TestScrapeLinksSyndicatedCopies(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join("testdata", "syndication"))))
	defer srv.Close()

	p := syndicationPages
	tests := []struct {
		name  string
		pages []syndicationPage
	}{
		{"original first", p},
		// The copy cut short first and the different story among the
		// copies: each copy must match every other, not only the original.
		{"copies first", []syndicationPage{p[2], p[3], p[4], p[1], p[0]}},
		{"different story first", []syndicationPage{p[4], p[3], p[0], p[2], p[1]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := store.Open(ctx, filepath.Join(t.TempDir(), "sectorpulse.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			var sources []Source
			for _, p := range tt.pages {
				sources = append(sources, Source{Name: p.source, Kind: KindURL, Location: srv.URL + "/" + p.file})
			}
			f := scraper.NewFetcher(scraper.Options{HostRate: -1, IgnoreRobots: true})
			now := func() time.Time { return time.Date(2025, 3, 12, 12, 0, 0, 0, time.UTC) }
			// One worker, so that the pages are stored in the order given.
			res, err := Scrape(ctx, f, db, sources, ScrapeOptions{Concurrency: 1, Now: now})
			if err != nil {
				t.Fatalf("Scrape: %v", err)
			}
			if res.New != 5 || res.NearDuplicates != 3 || res.Failed != 0 {
				t.Fatalf("Scrape: got new %d, near-duplicates %d, failed %d (%v); want 5, 3, 0",
					res.New, res.NearDuplicates, res.Failed, res.Failures)
			}

			// duplicate_of as `export articles` writes it.
			bySource := map[string]store.ArticleRow{}
			err = db.EachArticle(ctx, store.ExportFilter{}, func(r store.ArticleRow) error {
				bySource[r.Source] = r
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var first *syndicationPage // the first copy of the story stored
			for _, p := range tt.pages {
				r, ok := bySource[p.source]
				if !ok {
					t.Errorf("%s: not stored", p.file)
					continue
				}
				switch {
				case !p.story:
					if r.DuplicateOf != 0 {
						t.Errorf("%s: duplicate_of got %d, want none: a different story", p.file, r.DuplicateOf)
					}
				case first == nil:
					first = &p
					if r.DuplicateOf != 0 {
						t.Errorf("%s: duplicate_of got %d, want none: the first copy stored", p.file, r.DuplicateOf)
					}
				default:
					if want := bySource[first.source].ID; r.DuplicateOf != want {
						t.Errorf("%s: duplicate_of got %d, want %d (%s)", p.file, r.DuplicateOf, want, first.file)
					}
				}
			}
			if tt.name == "original first" {
				logSyndicationDistances(t, db, tt.pages)
			}
		})
	}
}

// logSyndicationDistances logs the Hamming distances of the fingerprints
// and the shingle containment of every pair of stored pages, the
// measurements behind sectorpulse.SyndicationDistance and
// sectorpulse.SyndicationContainment.
func logSyndicationDistances(t *testing.T, db *store.DB, pages []syndicationPage) {
	t.Helper()
	stored, err := db.PendingArticles(context.Background(), store.PendingFilter{Analyzer: "lexicon", IncludeDuplicates: true})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*sectorpulse.Article{}
	for _, a := range stored {
		byName[a.Source] = a
	}
	for i, p := range pages {
		for _, q := range pages[i+1:] {
			a, b := byName[p.source], byName[q.source]
			if a == nil || b == nil {
				t.Fatalf("%s or %s not stored", p.file, q.file)
			}
			sa, sb := sectorpulse.Shingles(a.Text), sectorpulse.Shingles(b.Text)
			t.Logf("%-32s %-32s hamming %2d  containment %.3f  shared %3d of %3d/%3d shingles",
				p.file, q.file, sectorpulse.HammingDistance(a.Fingerprint, b.Fingerprint),
				sa.Containment(sb), sa.Shared(sb), len(sa), len(sb))
		}
	}
}
