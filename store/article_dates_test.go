package store

import (
	"context"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

func TestDateSourceInferredAndTruncatedRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	fetched := time.Date(2025, 2, 15, 3, 0, 0, 0, time.UTC)
	arts := []*sectorpulse.Article{
		{URL: "https://hw.example/a", Title: "A", Text: marketText(1), FetchedAt: fetched,
			PublishedAt: time.Date(2025, 2, 15, 9, 59, 0, 0, hkt()), DateSource: sectorpulse.DateFromText, DateInferred: true},
		{URL: "https://hw.example/b", Title: "B", Text: marketText(2), FetchedAt: fetched,
			DateSource: sectorpulse.DateRejectedFuture, Truncated: true},
		{URL: "https://hw.example/c", Title: "C", Text: marketText(3), FetchedAt: fetched,
			PublishedAt: time.Date(2025, 2, 15, 1, 0, 0, 0, time.UTC), DateSource: sectorpulse.DateFromJSONLD},
	}
	for _, a := range arts {
		a.ContentHash = sectorpulse.ContentHash(a.Text)
		a.Fingerprint = sectorpulse.SimHash(a.Text)
		if _, err := db.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string]ArticleRow{}
	if err := db.EachArticle(ctx, ExportFilter{}, func(r ArticleRow) error { got[r.URL] = r; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		r := got[a.URL]
		if r.DateSource != a.DateSource || r.DateInferred != a.DateInferred || r.Truncated != a.Truncated {
			t.Errorf("%s: got source %q inferred %v truncated %v, want %q %v %v",
				a.URL, r.DateSource, r.DateInferred, r.Truncated, a.DateSource, a.DateInferred, a.Truncated)
		}
	}
	pending, err := db.PendingArticles(ctx, PendingFilter{Analyzer: "lexicon", Model: "m", PromptVersion: "p"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pending {
		if p.URL == "https://hw.example/b" && (!p.Truncated || p.DateSource != sectorpulse.DateRejectedFuture) {
			t.Errorf("pending article lost its flags: %+v", p)
		}
	}
}
