package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/sentiment"
	"github.com/sectorpulse/sectorpulse/store"
)

// languageFixture opens a store under t.TempDir holding an English and a
// French article, in that order.
func languageFixture(t *testing.T) (*store.DB, []*sectorpulse.Article) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "sectorpulse.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	published := time.Date(2026, 11, 24, 16, 30, 0, 0, time.FixedZone("HKT", 8*3600))
	as := []*sectorpulse.Article{{
		URL:         "https://wire.example/en/hang-seng-close.html",
		Title:       "Hong Kong stocks close higher as chipmakers rally",
		PublishedAt: published,
		FetchedAt:   published.Add(10 * time.Minute).UTC(),
		Language:    "en-GB",
		Text: "The Hang Seng Index rose 1.8 percent and the Hang Seng Tech Index gained 2.6 percent.\n\n" +
			"SMIC jumped 7 percent after reports of new government support for the chip industry.",
	}, {
		URL:         "https://wire.example/fr/bourse-paris.html",
		Title:       "La Bourse de Paris termine en hausse",
		PublishedAt: published,
		FetchedAt:   published.Add(10 * time.Minute).UTC(),
		Language:    "fr",
		Text: "Le CAC 40 a gagné 1,2 % à 7 512 points, porté par les valeurs du luxe.\n\n" +
			"Les investisseurs restaient prudents avant la réunion de la Banque centrale européenne.",
	}}
	for _, a := range as {
		res, err := db.SaveArticle(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != store.StatusNew || res.DuplicateOf != 0 {
			t.Fatalf("setup: %s saved as %s (duplicate of %d), want a new original", a.URL, res.Status, res.DuplicateOf)
		}
	}
	return db, as
}

func TestAnalyzeSkipsUnsupportedLanguage(t *testing.T) {
	ctx := context.Background()
	db, as := languageFixture(t)
	la, err := sentiment.NewLexiconAnalyzer(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var events []Event
	res, err := Analyze(ctx, la, db, AnalyzeOptions{Progress: func(e Event) { events = append(events, e) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pending != 2 || res.Analyzed != 1 || res.Failed != 0 || len(res.Failures) != 0 || res.Skipped != 1 {
		t.Errorf("got pending %d, analysed %d, failed %d (%v), skipped %d; want 2, 1, 0, 1",
			res.Pending, res.Analyzed, res.Failed, res.Failures, res.Skipped)
	}
	if got := res.SkippedByReason["unsupported_language"]; got != 1 || len(res.SkippedByReason) != 1 {
		t.Errorf("SkippedByReason = %v, want unsupported_language=1", res.SkippedByReason)
	}

	// The French article's event carries the reason, naming the article.
	if len(events) != 2 {
		t.Fatalf("%d progress events, want 2", len(events))
	}
	for _, e := range events {
		french := e.Item == fmt.Sprintf("article %d", as[1].ID)
		switch {
		case french && !errors.Is(e.Err, sentiment.ErrUnsupportedLanguage):
			t.Errorf("event %+v: err %v, want ErrUnsupportedLanguage", e, e.Err)
		case french && !strings.Contains(e.Err.Error(), as[1].URL):
			t.Errorf("event error %q does not name %s", e.Err, as[1].URL)
		case !french && e.Err != nil:
			t.Errorf("event %+v: err %v, want nil", e, e.Err)
		}
	}

	// The French article stays pending and is skipped again; the English
	// one is not analysed twice.
	res, err = Analyze(ctx, la, db, AnalyzeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pending != 1 || res.Analyzed != 0 || res.Failed != 0 || res.Skipped != 2 || res.SkippedByReason["unsupported_language"] != 1 {
		t.Errorf("second run: got %+v; want 1 pending, 0 analysed, 0 failed, 2 skipped (1 for its language)", res)
	}
}

// frenchRefuser is an analyzer without CheckLanguage whose Analyze refuses
// French articles.
type frenchRefuser struct{ evenFails }

func (f *frenchRefuser) Analyze(ctx context.Context, a *sectorpulse.Article) (*sectorpulse.Analysis, error) {
	if a.ID%3 == 0 {
		return nil, fmt.Errorf("refuser: article %d: language %q: %w", a.ID, "fr", sentiment.ErrUnsupportedLanguage)
	}
	return f.evenFails.Analyze(ctx, a)
}

func TestAnalyzeSkipsUnsupportedLanguageFromAnalyze(t *testing.T) {
	res, err := Analyze(context.Background(), &frenchRefuser{}, &memAnalyses{n: 9}, AnalyzeOptions{Concurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Articles 3, 6, 9 refused; of the others 2, 4, 8 fail and 1, 5, 7
	// are analysed; 3 more were stored and are not pending.
	if res.Analyzed != 3 || res.Failed != 3 || res.Skipped != 6 || res.SkippedByReason["unsupported_language"] != 3 {
		t.Errorf("got analysed %d, failed %d, skipped %d %v; want 3, 3, 6 with unsupported_language=3",
			res.Analyzed, res.Failed, res.Skipped, res.SkippedByReason)
	}
	for _, fl := range res.Failures {
		if errors.Is(fl.Err, sentiment.ErrUnsupportedLanguage) {
			t.Errorf("unsupported language counted as a failure: %v", fl.Err)
		}
	}
}
