package store

import (
	"context"
	"testing"
	"time"
)

// BenchmarkSaveArticleAndAnalysis measures storing one new article and its
// analysis (three mentions, two sector scores, one index move), including
// the near-duplicate scan over a growing table.
func BenchmarkSaveArticleAndAnalysis(b *testing.B) {
	ctx := context.Background()
	db := openTest(b)
	created := time.Date(2025, 3, 4, 1, 0, 0, 0, time.UTC)
	i := 0
	for b.Loop() {
		b.StopTimer()
		a := newArticle(i)
		i++
		an := newAnalysis(b, a, "lexicon", "v1", created)
		b.StartTimer()
		if _, err := db.SaveArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
		an.ArticleID = a.ID
		if _, err := db.SaveAnalysis(ctx, an); err != nil {
			b.Fatal(err)
		}
	}
}
