package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// created is the creation time of the test analyses.
func created() time.Time { return time.Date(2025, 3, 4, 1, 0, 0, 0, time.UTC) }

// ids returns the ids of as.
func ids(as []*sectorpulse.Article) []int64 {
	var out []int64
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPendingArticles(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a1, a2, a3 := newArticle(1), newArticle(2), newArticle(30)
	mustSave(t, db, a1)
	mustSave(t, db, a2)
	mustSave(t, db, a3)
	near := newArticle(4)
	near.Fingerprint = a1.Fingerprint ^ 1
	mustSave(t, db, near)
	if near.DuplicateOf != a1.ID {
		t.Fatalf("setup: near.DuplicateOf = %d, want %d", near.DuplicateOf, a1.ID)
	}
	if _, err := db.SaveAnalysis(ctx, newAnalysis(t, a2, "lexicon", "v1", created())); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		f    PendingFilter
		want []int64
	}{
		{name: "not yet analysed", f: PendingFilter{Analyzer: "lexicon", Model: "lexicon-model", PromptVersion: "v1"},
			want: []int64{a1.ID, a3.ID}},
		{name: "other prompt version", f: PendingFilter{Analyzer: "lexicon", Model: "lexicon-model", PromptVersion: "v2"},
			want: []int64{a1.ID, a2.ID, a3.ID}},
		{name: "other model", f: PendingFilter{Analyzer: "lexicon", Model: "other", PromptVersion: "v1"},
			want: []int64{a1.ID, a2.ID, a3.ID}},
		{name: "other analyzer", f: PendingFilter{Analyzer: "llm", Model: "lexicon-model", PromptVersion: "v1"},
			want: []int64{a1.ID, a2.ID, a3.ID}},
		{name: "reanalyze", f: PendingFilter{Analyzer: "lexicon", Model: "lexicon-model", PromptVersion: "v1", Reanalyze: true},
			want: []int64{a1.ID, a2.ID, a3.ID}},
		{name: "include duplicates", f: PendingFilter{Analyzer: "lexicon", Model: "lexicon-model", PromptVersion: "v1", IncludeDuplicates: true},
			want: []int64{a1.ID, a3.ID, near.ID}},
		{name: "limit", f: PendingFilter{Analyzer: "lexicon", Model: "lexicon-model", PromptVersion: "v1", Limit: 1},
			want: []int64{a1.ID}},
		{name: "since published", f: PendingFilter{Analyzer: "lexicon", Model: "lexicon-model", PromptVersion: "v1", Reanalyze: true,
			Since: a2.PublishedAt}, want: []int64{a2.ID, a3.ID}},
		{name: "since in the future", f: PendingFilter{Analyzer: "lexicon", Reanalyze: true,
			Since: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.PendingArticles(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if !equalIDs(ids(got), tt.want) {
				t.Errorf("got %v, want %v", ids(got), tt.want)
			}
		})
	}
	if _, err := db.PendingArticles(ctx, PendingFilter{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("PendingArticles with no analyzer: error %v, want ErrInvalid", err)
	}
}

func TestSaveAnalysisReplaces(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	first := newAnalysis(t, a, "lexicon", "v1", created())
	id1, err := db.SaveAnalysis(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if first.ID != id1 || id1 == 0 {
		t.Errorf("an.ID = %d, returned %d: want equal and non-zero", first.ID, id1)
	}
	want := Counts{Sources: 1, Articles: 1, Analyses: 1, Mentions: 3, SectorScores: 2, IndexMoves: 1, Entities: 3, Sectors: 3}
	if got := counts(t, db); got != want {
		t.Fatalf("after first save: got %+v, want %+v", got, want)
	}
	again := newAnalysis(t, a, "lexicon", "v1", created().Add(time.Hour))
	again.Sentiment = -0.2
	again.Mentions = again.Mentions[:2]
	if _, err := db.SaveAnalysis(ctx, again); err != nil {
		t.Fatal(err)
	}
	want.Mentions = 2
	if got := counts(t, db); got != want {
		t.Errorf("after replacing: got %+v, want %+v", got, want)
	}
	var sentiment float64
	if err := db.read.QueryRow(`SELECT sentiment FROM analyses WHERE article_id = ?`, a.ID).Scan(&sentiment); err != nil {
		t.Fatal(err)
	}
	if sentiment != -0.2 {
		t.Errorf("stored sentiment: got %v, want -0.2 (the replacement)", sentiment)
	}
	if _, err := db.SaveAnalysis(ctx, newAnalysis(t, a, "lexicon", "v2", created())); err != nil {
		t.Fatal(err)
	}
	if got := counts(t, db).Analyses; got != 2 {
		t.Errorf("analyses after a new prompt version: got %d, want 2", got)
	}
}

func TestSaveAnalysisLLMFields(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	tests := []struct {
		name        string
		input       string
		requests    int
		dropped     map[string]int
		wantDropped string
	}{
		{name: "lexicon, nothing dropped", wantDropped: "{}"},
		{name: "empty map", input: "full", requests: 1, dropped: map[string]int{}, wantDropped: "{}"},
		{name: "chunked with drops", input: "chunked:3", requests: 4,
			dropped:     map[string]int{"unknown_sector": 1, "evidence_not_in_text": 2},
			wantDropped: `{"evidence_not_in_text":2,"unknown_sector":1}`},
		{name: "from the cache", input: "truncated:6000/9100", dropped: map[string]int{"duplicate": 0},
			wantDropped: `{"duplicate":0}`},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := newAnalysis(t, a, "llm", fmt.Sprintf("v%d", i), created())
			an.Input, an.Requests, an.Dropped = tt.input, tt.requests, tt.dropped
			id, err := db.SaveAnalysis(ctx, an)
			if err != nil {
				t.Fatal(err)
			}
			var input, dropped string
			var requests int
			if err := db.read.QueryRow(`SELECT input, requests, dropped FROM analyses WHERE id = ?`, id).
				Scan(&input, &requests, &dropped); err != nil {
				t.Fatal(err)
			}
			if input != tt.input || requests != tt.requests || dropped != tt.wantDropped {
				t.Errorf("got input %q requests %d dropped %s, want %q %d %s",
					input, requests, dropped, tt.input, tt.requests, tt.wantDropped)
			}
		})
	}
}

func TestSaveAnalysisAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	kept := newAnalysis(t, a, "lexicon", "v1", created())
	kept.Mentions = nil // leaves the entities table empty
	kept.Sectors = nil
	if _, err := db.SaveAnalysis(ctx, kept); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)

	tests := []struct {
		name   string
		change func(an *sectorpulse.Analysis)
		want   string
		is     error
	}{
		{name: "3rd mention sentiment out of range", change: func(an *sectorpulse.Analysis) { an.Mentions[2].Sentiment = 1.5 },
			want: "mention 3 (Gamma Bank): invalid: sentiment 1.5 out of [-1, 1]", is: ErrInvalid},
		{name: "sector confidence out of range", change: func(an *sectorpulse.Analysis) { an.Sectors[1].Confidence = -0.1 },
			want: "sector score 2 (auto.ev): invalid: confidence -0.1", is: ErrInvalid},
		{name: "relevance NaN", change: func(an *sectorpulse.Analysis) { an.Mentions[0].Relevance = nan() },
			want: "relevance NaN", is: ErrInvalid},
		{name: "overall sentiment", change: func(an *sectorpulse.Analysis) { an.Sentiment = -1.01 },
			want: "sentiment -1.01 out of [-1, 1]", is: ErrInvalid},
		{name: "quote not in the text", change: func(an *sectorpulse.Analysis) { an.Mentions[1].Evidence.Quote = "Beta Motors soared" },
			want: `mention 2 (Beta Motors): invalid: evidence "Beta Motors soared" is not the article text`, is: ErrInvalid},
		{name: "offsets past the end", change: func(an *sectorpulse.Analysis) { an.Moves[0].Evidence.End = 1 << 20 },
			want: "index move 1 (HSI): invalid: evidence offsets", is: ErrInvalid},
		// Fails inside the transaction, after the analysis row and two
		// mentions with their new entities are written: all must roll back.
		{name: "3rd mention with an empty sector id", change: func(an *sectorpulse.Analysis) { an.Mentions[2].Sectors = []string{""} },
			want: "mention 3 (Gamma Bank): invalid: empty sector id", is: ErrInvalid},
		{name: "negative request count", change: func(an *sectorpulse.Analysis) { an.Requests = -1 },
			want: "invalid: negative request count -1", is: ErrInvalid},
		{name: "negative dropped count", change: func(an *sectorpulse.Analysis) { an.Dropped = map[string]int{"unknown_sector": -2} },
			want: `dropped: invalid: negative count -2 for "unknown_sector"`, is: ErrInvalid},
		{name: "empty dropped reason", change: func(an *sectorpulse.Analysis) { an.Dropped = map[string]int{"": 1} },
			want: "dropped: invalid: empty reason", is: ErrInvalid},
		{name: "no such article", change: func(an *sectorpulse.Analysis) { an.ArticleID = 999 },
			want: "save analysis of article 999: article not found", is: ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := newAnalysis(t, a, "lexicon", "v1", created().Add(time.Hour))
			tt.change(an)
			_, err := db.SaveAnalysis(ctx, an)
			if err == nil {
				t.Fatal("SaveAnalysis succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), "article ") {
				t.Errorf("error = %q does not name the article", err)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if got := counts(t, db); got != before {
				t.Errorf("counts after failed save: got %+v, want %+v (nothing written, old analysis kept)", got, before)
			}
		})
	}
}

func TestDiscoveredEntities(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	seed := []sectorpulse.Entity{
		{Name: "Alpha Semiconductor", Kind: sectorpulse.KindCompany, Aliases: []string{"Alpha Semi", "阿爾法半導體"},
			Tickers: []string{"9901.HK"}, Sectors: []string{"tech.semiconductors"}},
	}
	if err := db.SaveEntities(ctx, seed, OriginGazetteer); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveEntities(ctx, []sectorpulse.Entity{{Name: "Gamma Bank", Kind: sectorpulse.KindCompany,
		Aliases: []string{"Gamma"}}}, OriginUser); err != nil {
		t.Fatal(err)
	}
	a := newArticle(1)
	mustSave(t, db, a)
	an := newAnalysis(t, a, "lexicon", "v1", created())
	an.Mentions[0].Entity = "ALPHA SEMICONDUCTOR" // matches the seeded name, ignoring case
	if _, err := db.SaveAnalysis(ctx, an); err != nil {
		t.Fatal(err)
	}
	// A later gazetteer seed must not overwrite what the user added.
	if err := db.SaveEntities(ctx, []sectorpulse.Entity{{Name: "Gamma Bank", Kind: sectorpulse.KindCompany}}, OriginGazetteer); err != nil {
		t.Fatal(err)
	}
	got, err := db.Entities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		name, origin string
		first        int64
		mentions     int
		aliases      int
	}
	want := []summary{
		{"Alpha Semiconductor", OriginGazetteer, 0, 1, 2},
		{"Beta Motors", OriginDiscovered, a.ID, 1, 0},
		{"Gamma Bank", OriginUser, 0, 1, 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d entities %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := summary{got[i].Name, got[i].Origin, got[i].FirstArticleID, got[i].Mentions, len(got[i].Aliases)}
		if g != w {
			t.Errorf("entity %d: got %+v, want %+v", i, g, w)
		}
	}
	if b := got[1]; len(b.Tickers) != 1 || b.Tickers[0] != "9902.HK" || len(b.Sectors) != 1 || b.Sectors[0] != "auto.ev" {
		t.Errorf("discovered Beta Motors: tickers %v sectors %v, want [9902.HK] [auto.ev]", b.Tickers, b.Sectors)
	}

	var mentionName string
	if err := db.read.QueryRow(`SELECT entity FROM mentions ORDER BY id LIMIT 1`).Scan(&mentionName); err != nil {
		t.Fatal(err)
	}
	if mentionName != "Alpha Semiconductor" {
		t.Errorf("mention stored as %q, want the entity's canonical name", mentionName)
	}

	if err := db.SaveSectors(ctx, []sectorpulse.Sector{{ID: "auto.ev", Name: "Electric vehicles", HSICS: "Automobiles", GICS: "Automobile Manufacturers"}}); err != nil {
		t.Fatal(err)
	}
	sectors, err := db.Sectors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantSectors := []sectorpulse.Sector{
		{ID: "auto.ev", Name: "Electric vehicles", HSICS: "Automobiles", GICS: "Automobile Manufacturers"},
		{ID: "finance.banks", Name: "finance.banks"},
		{ID: "tech.semiconductors", Name: "tech.semiconductors"},
	}
	if len(sectors) != len(wantSectors) {
		t.Fatalf("sectors: got %+v, want %+v", sectors, wantSectors)
	}
	for i := range wantSectors {
		if sectors[i] != wantSectors[i] {
			t.Errorf("sector %d: got %+v, want %+v", i, sectors[i], wantSectors[i])
		}
	}
	if err := db.SaveEntities(ctx, seed, "wiki"); !errors.Is(err, ErrInvalid) {
		t.Errorf("SaveEntities with origin wiki: error %v, want ErrInvalid", err)
	}
}
