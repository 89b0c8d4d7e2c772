package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

func TestEachAnalysis(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a1, a2, a3, _ := exportFixture(t, db)
	key := func(id int64, analyzer, pv string) string { return fmt.Sprintf("%d/%s/%s", id, analyzer, pv) }

	tests := []struct {
		name string
		f    ExportFilter
		want []string
	}{
		{name: "all: latest per analyzer, near-duplicate left out",
			want: []string{key(a1.ID, "lexicon", "v2"), key(a1.ID, "llm", "p1"), key(a2.ID, "lexicon", "v3"), key(a3.ID, "lexicon", "v1")}},
		{name: "analyzer llm", f: ExportFilter{Analyzer: "llm"},
			want: []string{key(a1.ID, "llm", "p1")}},
		{name: "analyzer lexicon", f: ExportFilter{Analyzer: "lexicon"},
			want: []string{key(a1.ID, "lexicon", "v2"), key(a2.ID, "lexicon", "v3"), key(a3.ID, "lexicon", "v1")}},
		{name: "analyzer unknown", f: ExportFilter{Analyzer: "nobody"}},
		{name: "since a2", f: ExportFilter{Since: a2.PublishedAt},
			want: []string{key(a2.ID, "lexicon", "v3"), key(a3.ID, "lexicon", "v1")}},
		{name: "until a2 (exclusive)", f: ExportFilter{Until: a2.PublishedAt},
			want: []string{key(a1.ID, "lexicon", "v2"), key(a1.ID, "llm", "p1")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := db.EachAnalysis(ctx, tt.f, func(r AnalysisRow) error {
				got = append(got, key(r.ArticleID, r.Analyzer, r.PromptVersion))
				if r.Model != r.Analyzer+"-model" || r.Sentiment != 0.4 || r.Confidence != 0.8 {
					t.Errorf("row %+v: want model %s-model, sentiment 0.4, confidence 0.8", r, r.Analyzer)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// A newer analysis by the same analyzer replaces the older one, whatever
// its model or prompt version; another analyzer's stays.
func TestEachAnalysisLatestReplacesOlder(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	t0 := created()
	old := newAnalysis(t, a, "lexicon", "v1", t0)
	old.Sentiment, old.Confidence = 0.1, 0.5
	llm := newAnalysis(t, a, "llm", "p1", t0)
	llm.Sentiment, llm.Confidence = -0.6, 0.9
	newer := newAnalysis(t, a, "lexicon", "v2", t0.Add(time.Hour))
	newer.Model = "lexicon-model-2"
	newer.Sentiment, newer.Confidence = -0.3, 0.7
	for _, an := range []*sectorpulse.Analysis{old, llm, newer} {
		if _, err := db.SaveAnalysis(ctx, an); err != nil {
			t.Fatal(err)
		}
	}
	var got []AnalysisRow
	if err := db.EachAnalysis(ctx, ExportFilter{}, func(r AnalysisRow) error {
		got = append(got, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []AnalysisRow{
		{ArticleID: a.ID, Analyzer: "lexicon", Model: "lexicon-model-2", PromptVersion: "v2", Sentiment: -0.3, Confidence: 0.7},
		{ArticleID: a.ID, Analyzer: "llm", Model: "llm-model", PromptVersion: "p1", Sentiment: -0.6, Confidence: 0.9},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestEachAnalysisStopsAtError(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	exportFixture(t, db)
	stop := errors.New("stop")
	n := 0
	err := db.EachAnalysis(ctx, ExportFilter{}, func(AnalysisRow) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("got %v after %d call(s), want the callback's error after 1", err, n)
	}
}
