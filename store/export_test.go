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

// exportFixture stores four articles and their analyses for the export
// tests and returns them: a1 (02:00Z), a2 (03:00Z), a3 (unknown published
// time, fetched 04:10Z) and a4, a near-duplicate of a1 (05:00Z).
func exportFixture(t *testing.T, db *DB) (a1, a2, a3, a4 *sectorpulse.Article) {
	t.Helper()
	ctx := context.Background()
	a1, a2, a3, a4 = newArticle(1), newArticle(2), newArticle(3), newArticle(4)
	a3.PublishedAt = time.Time{}
	a4.Fingerprint = a1.Fingerprint ^ 3
	for _, a := range []*sectorpulse.Article{a1, a2, a3, a4} {
		mustSave(t, db, a)
	}
	if a4.DuplicateOf != a1.ID {
		t.Fatalf("setup: a4.DuplicateOf = %d, want %d", a4.DuplicateOf, a1.ID)
	}
	t0 := created()
	llm := newAnalysis(t, a1, "llm", "p1", t0)
	llm.Moves = append(llm.Moves, sectorpulse.IndexMove{Index: "HSTECH", Evidence: evidence(t, a1, "Hong Kong stocks rose")})
	for _, an := range []*sectorpulse.Analysis{
		newAnalysis(t, a1, "lexicon", "v1", t0),
		newAnalysis(t, a1, "lexicon", "v2", t0.Add(time.Hour)), // later: replaces v1 in exports
		llm,
		newAnalysis(t, a2, "lexicon", "v1", t0),
		newAnalysis(t, a2, "lexicon", "v3", t0), // same time, higher id: wins
		newAnalysis(t, a3, "lexicon", "v1", t0),
		newAnalysis(t, a4, "lexicon", "v1", t0), // near-duplicate: left out
	} {
		if _, err := db.SaveAnalysis(ctx, an); err != nil {
			t.Fatal(err)
		}
	}
	return a1, a2, a3, a4
}

func TestEachRows(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a1, a2, a3, a4 := exportFixture(t, db)
	at := func(h, m int) time.Time { return time.Date(2025, 3, 3, h, m, 0, 0, time.UTC) }
	key := func(id int64, analyzer, pv string) string { return fmt.Sprintf("%d/%s/%s", id, analyzer, pv) }
	rep := func(k string, n int) []string { return slices.Repeat([]string{k}, n) }

	tests := []struct {
		name     string
		f        ExportFilter
		articles []int64
		mentions []string // one key per mention row
		sectors  []string
		moves    []string // article/index/change/level
	}{
		{name: "all",
			articles: []int64{a1.ID, a2.ID, a3.ID, a4.ID},
			mentions: slices.Concat(rep(key(a1.ID, "lexicon", "v2"), 3), rep(key(a1.ID, "llm", "p1"), 3),
				rep(key(a2.ID, "lexicon", "v3"), 3), rep(key(a3.ID, "lexicon", "v1"), 3)),
			sectors: slices.Concat(rep(key(a1.ID, "lexicon", "v2"), 2), rep(key(a1.ID, "llm", "p1"), 2),
				rep(key(a2.ID, "lexicon", "v3"), 2), rep(key(a3.ID, "lexicon", "v1"), 2)),
			moves: []string{fmt.Sprintf("%d/HSI/1.5/20100.25", a1.ID), fmt.Sprintf("%d/HSTECH/nil/nil", a1.ID),
				fmt.Sprintf("%d/HSI/1.5/20100.25", a2.ID), fmt.Sprintf("%d/HSI/1.5/20100.25", a3.ID)}},
		{name: "analyzer llm", f: ExportFilter{Analyzer: "llm"},
			articles: []int64{a1.ID},
			mentions: rep(key(a1.ID, "llm", "p1"), 3),
			sectors:  rep(key(a1.ID, "llm", "p1"), 2),
			moves:    []string{fmt.Sprintf("%d/HSI/1.5/20100.25", a1.ID), fmt.Sprintf("%d/HSTECH/nil/nil", a1.ID)}},
		{name: "since a2", f: ExportFilter{Since: a2.PublishedAt},
			articles: []int64{a2.ID, a3.ID, a4.ID},
			mentions: slices.Concat(rep(key(a2.ID, "lexicon", "v3"), 3), rep(key(a3.ID, "lexicon", "v1"), 3)),
			sectors:  slices.Concat(rep(key(a2.ID, "lexicon", "v3"), 2), rep(key(a3.ID, "lexicon", "v1"), 2)),
			moves:    []string{fmt.Sprintf("%d/HSI/1.5/20100.25", a2.ID), fmt.Sprintf("%d/HSI/1.5/20100.25", a3.ID)}},
		{name: "until a2 (exclusive)", f: ExportFilter{Until: a2.PublishedAt, Analyzer: "lexicon"},
			articles: []int64{a1.ID},
			mentions: rep(key(a1.ID, "lexicon", "v2"), 3),
			sectors:  rep(key(a1.ID, "lexicon", "v2"), 2),
			moves:    []string{fmt.Sprintf("%d/HSI/1.5/20100.25", a1.ID)}},
		{name: "unknown published time falls back to fetched", f: ExportFilter{Since: at(4, 0), Until: at(5, 0)},
			articles: []int64{a3.ID},
			mentions: rep(key(a3.ID, "lexicon", "v1"), 3),
			sectors:  rep(key(a3.ID, "lexicon", "v1"), 2),
			moves:    []string{fmt.Sprintf("%d/HSI/1.5/20100.25", a3.ID)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var articles []int64
			if err := db.EachArticle(ctx, tt.f, func(r ArticleRow) error {
				articles = append(articles, r.ID)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(articles, tt.articles) {
				t.Errorf("articles: got %v, want %v", articles, tt.articles)
			}
			var mentions []string
			if err := db.EachMention(ctx, tt.f, func(r MentionRow) error {
				mentions = append(mentions, key(r.ArticleID, r.Analyzer, r.PromptVersion))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(mentions, tt.mentions) {
				t.Errorf("mentions:\n got %v\nwant %v", mentions, tt.mentions)
			}
			var sectors []string
			if err := db.EachSectorScore(ctx, tt.f, func(r SectorRow) error {
				sectors = append(sectors, key(r.ArticleID, r.Analyzer, r.PromptVersion))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(sectors, tt.sectors) {
				t.Errorf("sectors:\n got %v\nwant %v", sectors, tt.sectors)
			}
			var moves []string
			if err := db.EachMove(ctx, tt.f, func(r MoveRow) error {
				moves = append(moves, fmt.Sprintf("%d/%s/%s/%s", r.ArticleID, r.IndexCode, fmtPtr(r.ChangePct), fmtPtr(r.Level)))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(moves, tt.moves) {
				t.Errorf("moves:\n got %v\nwant %v", moves, tt.moves)
			}
		})
	}
}

// fmtPtr formats *p, or "nil".
func fmtPtr(p *float64) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

func TestEachRowFields(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a1, _, _, a4 := exportFixture(t, db)
	f := ExportFilter{Until: a1.PublishedAt.Add(time.Minute), Analyzer: "lexicon"}

	var art ArticleRow
	if err := db.EachArticle(ctx, ExportFilter{Since: a4.PublishedAt}, func(r ArticleRow) error { art = r; return nil }); err != nil {
		t.Fatal(err)
	}
	if art.ID != a4.ID || art.DuplicateOf != a1.ID || art.URL != a4.URL || art.CanonicalURL != a4.CanonicalURL ||
		art.Source != "example-wire" || art.Words != a4.Words() || art.ContentHash != a4.ContentHash || art.Language != "en" ||
		!art.PublishedAt.Equal(a4.PublishedAt) || !art.FetchedAt.Equal(a4.FetchedAt) {
		t.Errorf("article row: got %+v, want the fields of article %d", art, a4.ID)
	}
	if _, off := art.PublishedAt.Zone(); off != 8*3600 {
		t.Errorf("article row offset: got %d, want %d", off, 8*3600)
	}

	var m MentionRow
	if err := db.EachMention(ctx, f, func(r MentionRow) error { m = r; return errStop }); !errors.Is(err, errStop) {
		t.Fatalf("EachMention: error %v, want fn's error", err)
	}
	wantM := MentionRow{ArticleID: a1.ID, URL: a1.URL, Source: "example-wire", Entity: "Alpha Semiconductor",
		EntityKind: "company", Ticker: "9901.HK", Sectors: []string{"tech.semiconductors"}, Sentiment: 0.7,
		Confidence: 0.9, Relevance: 0.9, Evidence: "Alpha Semiconductor gained 4 percent after upbeat guidance.",
		Analyzer: "lexicon", Model: "lexicon-model", PromptVersion: "v2"}
	if !m.PublishedAt.Equal(a1.PublishedAt) || !m.FetchedAt.Equal(a1.FetchedAt) {
		t.Errorf("mention times: got %v %v, want %v %v", m.PublishedAt, m.FetchedAt, a1.PublishedAt, a1.FetchedAt)
	}
	m.PublishedAt, m.FetchedAt = time.Time{}, time.Time{}
	if fmt.Sprint(m) != fmt.Sprint(wantM) {
		t.Errorf("mention row:\n got %+v\nwant %+v", m, wantM)
	}

	var s SectorRow
	calls := 0
	if err := db.EachSectorScore(ctx, f, func(r SectorRow) error { s = r; calls++; return errStop }); !errors.Is(err, errStop) || calls != 1 {
		t.Fatalf("EachSectorScore: error %v after %d calls, want fn's error after 1", err, calls)
	}
	if s.Sector != "tech.semiconductors" || s.Sentiment != 0.6 || s.Confidence != 0.8 || s.Relevance != 0.9 ||
		s.Evidence != "semiconductor makers rallied" || s.Source != "example-wire" || s.Model != "lexicon-model" {
		t.Errorf("sector row: got %+v", s)
	}

	var mv MoveRow
	if err := db.EachMove(ctx, f, func(r MoveRow) error { mv = r; return nil }); err != nil {
		t.Fatal(err)
	}
	if mv.IndexCode != "HSI" || mv.ChangePct == nil || *mv.ChangePct != 1.5 || mv.Level == nil || *mv.Level != 20100.25 ||
		mv.Evidence != "The Hang Seng Index rose 1.5 percent to 20,100.25 points." || mv.URL != a1.URL ||
		mv.ChangePoints != nil || mv.Period != "" {
		t.Errorf("move row: got %+v", mv)
	}
}

// errStop is returned by callbacks to stop an Each method.
var errStop = errors.New("stop")
