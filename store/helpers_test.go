package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// hkt returns Hong Kong time, the offset of the fixture articles.
func hkt() *time.Location { return time.FixedZone("HKT", 8*3600) }

// openTest opens a fresh database file under t.TempDir and closes it at
// the end of the test.
func openTest(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(context.Background(), filepath.Join(tb.TempDir(), "sectorpulse.db"))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// readFixture returns the contents of testdata/name.
func readFixture(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// marketText returns a short market report whose closing desk notes are
// drawn from seed, so that reports with different seeds are neither
// duplicates nor near-duplicates.
func marketText(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	var notes []string
	for range 60 {
		notes = append(notes, fmt.Sprintf("n%05d", r.IntN(100000)))
	}
	return "Hong Kong stocks rose as semiconductor makers rallied on policy hopes.\n\n" +
		"The Hang Seng Index rose 1.5 percent to 20,100.25 points.\n\n" +
		"Alpha Semiconductor gained 4 percent after upbeat guidance. " +
		"Beta Motors slipped 2 percent on weak deliveries. Gamma Bank was flat.\n\n" +
		"Desk notes: " + strings.Join(notes, " ") + "."
}

// newArticle returns an unsaved article numbered n, published n hours after
// 09:00 HKT on 3 March 2025.
func newArticle(n int) *sectorpulse.Article {
	text := marketText(uint64(n))
	u := fmt.Sprintf("https://news.example.com/markets/%d", n)
	published := time.Date(2025, 3, 3, 9, 0, 0, 0, hkt()).Add(time.Duration(n) * time.Hour)
	return &sectorpulse.Article{
		URL:          u + "?utm_source=feed",
		CanonicalURL: u,
		Source:       "example-wire",
		Title:        fmt.Sprintf("Hang Seng climbs as chip stocks rally (%d)", n),
		Byline:       "Desk reporter",
		PublishedAt:  published,
		FetchedAt:    published.Add(10 * time.Minute).UTC(),
		Language:     "en",
		Text:         text,
		ContentHash:  sectorpulse.ContentHash(text),
		Fingerprint:  sectorpulse.SimHash(text),
	}
}

// evidence returns the Evidence of quote in a's Document.
func evidence(tb testing.TB, a *sectorpulse.Article, quote string) sectorpulse.Evidence {
	tb.Helper()
	doc := a.Document()
	i := strings.Index(doc, quote)
	if i < 0 {
		tb.Fatalf("quote %q not in article %d", quote, a.ID)
	}
	return sectorpulse.Evidence{Quote: quote, Start: i, End: i + len(quote)}
}

// ptr returns a pointer to f.
func ptr(f float64) *float64 { return &f }

// newAnalysis returns a grounded analysis of a (saved, made by newArticle)
// with three mentions, two sector scores and one index move.
func newAnalysis(tb testing.TB, a *sectorpulse.Article, analyzer, promptVersion string, created time.Time) *sectorpulse.Analysis {
	tb.Helper()
	return &sectorpulse.Analysis{
		ArticleID:        a.ID,
		Analyzer:         analyzer,
		Model:            analyzer + "-model",
		PromptVersion:    promptVersion,
		CreatedAt:        created,
		PromptTokens:     900,
		CompletionTokens: 120,
		Sentiment:        0.4,
		Confidence:       0.8,
		Raw:              `{"sentiment":0.4}`,
		Mentions: []sectorpulse.Mention{
			{Entity: "Alpha Semiconductor", Kind: sectorpulse.KindCompany, Ticker: "9901.HK",
				Sectors: []string{"tech.semiconductors"}, Sentiment: 0.7, Confidence: 0.9, Relevance: 0.9,
				Evidence: evidence(tb, a, "Alpha Semiconductor gained 4 percent after upbeat guidance.")},
			{Entity: "Beta Motors", Kind: sectorpulse.KindCompany, Ticker: "9902.HK",
				Sectors: []string{"auto.ev"}, Sentiment: -0.5, Confidence: 0.8, Relevance: 0.6,
				Evidence: evidence(tb, a, "Beta Motors slipped 2 percent on weak deliveries.")},
			{Entity: "Gamma Bank", Kind: sectorpulse.KindCompany,
				Sectors: []string{"finance.banks"}, Sentiment: 0, Confidence: 0.6, Relevance: 0.3,
				Evidence: evidence(tb, a, "Gamma Bank was flat.")},
		},
		Sectors: []sectorpulse.SectorScore{
			{Sector: "tech.semiconductors", Sentiment: 0.6, Confidence: 0.8, Relevance: 0.9,
				Evidence: evidence(tb, a, "semiconductor makers rallied")},
			{Sector: "auto.ev", Sentiment: -0.4, Confidence: 0.7, Relevance: 0.5,
				Evidence: evidence(tb, a, "Beta Motors slipped 2 percent")},
		},
		Moves: []sectorpulse.IndexMove{
			{Index: "HSI", ChangePct: ptr(1.5), Level: ptr(20100.25),
				Evidence: evidence(tb, a, "The Hang Seng Index rose 1.5 percent to 20,100.25 points.")},
		},
	}
}

// mustSave saves a and fails the test unless it is new.
func mustSave(tb testing.TB, db *DB, a *sectorpulse.Article) {
	tb.Helper()
	res, err := db.SaveArticle(context.Background(), a)
	if err != nil {
		tb.Fatalf("SaveArticle(%s): %v", a.URL, err)
	}
	if res.Status != StatusNew {
		tb.Fatalf("SaveArticle(%s) status = %s, want %s", a.URL, res.Status, StatusNew)
	}
}

// counts returns db.Counts or fails the test.
func counts(tb testing.TB, db *DB) Counts {
	tb.Helper()
	c, err := db.Counts(context.Background())
	if err != nil {
		tb.Fatalf("Counts: %v", err)
	}
	return c
}

// nan returns a NaN.
func nan() float64 { return math.NaN() }
