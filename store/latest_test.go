package store

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A move that an older analysis misread is not exported next to the one
// the newer analysis of the same analyzer found.
func TestEachMoveUsesLatestAnalysisOnly(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	created := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
	old := newAnalysis(t, a, "lexicon", "v1", created)
	old.Moves[0].ChangePct = ptr(1.2) // misread by the old rules
	if _, err := db.SaveAnalysis(ctx, old); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveAnalysis(ctx, newAnalysis(t, a, "lexicon", "v2", created.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	var got []float64
	err := db.EachMove(ctx, ExportFilter{}, func(r MoveRow) error {
		got = append(got, *r.ChangePct)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != 1.5 {
		t.Errorf("exported moves %v, want only the latest analysis's 1.5", got)
	}
	// Another analyzer's latest analysis still counts on its own.
	if _, err := db.SaveAnalysis(ctx, newAnalysis(t, a, "llm", "p1", created)); err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := db.EachMove(ctx, ExportFilter{Analyzer: "llm"}, func(MoveRow) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("llm moves %d, want 1", n)
	}
}

// analyze --since and export --since select the same articles: by
// publication time, by fetch time only when that is unknown.
func TestPendingSinceMatchesExportSince(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	oldStory := newArticle(1)
	oldStory.PublishedAt = time.Date(2020, 6, 1, 9, 0, 0, 0, hkt())
	oldStory.FetchedAt = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	undated := newArticle(2)
	undated.PublishedAt = time.Time{}
	undated.FetchedAt = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	mustSave(t, db, oldStory)
	mustSave(t, db, undated)
	since := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	pending, err := db.PendingArticles(ctx, PendingFilter{Analyzer: "lexicon", Model: "m", PromptVersion: "v", Since: since})
	if err != nil {
		t.Fatal(err)
	}
	var exported []int64
	if err := db.EachArticle(ctx, ExportFilter{Since: since}, func(r ArticleRow) error {
		exported = append(exported, r.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(pending) != 1 || pending[0].ID != undated.ID || len(exported) != 1 || exported[0] != undated.ID {
		t.Errorf("since %s: pending %d article(s), exported %v; want only the undated article %d in both", since.Format(time.DateOnly), len(pending), exported, undated.ID)
	}
}

func TestSaveArticleRefusesEmptyText(t *testing.T) {
	db := openTest(t)
	a := newArticle(1)
	a.Text, a.ContentHash, a.Fingerprint = "  \n ", "", 0
	if _, err := db.SaveArticle(context.Background(), a); err == nil || !strings.Contains(err.Error(), a.URL) {
		t.Errorf("empty text: got %v, want an error naming %s", err, a.URL)
	}
	if c := counts(t, db); c.Articles != 0 {
		t.Errorf("%d articles stored", c.Articles)
	}
}
