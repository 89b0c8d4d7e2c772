package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// fmtMoveRow formats the figures and period of a move row:
// "HSI -1.5% @20010.1 -310.2pts day".
func fmtMoveRow(r MoveRow) string {
	return fmt.Sprintf("%s %s%% @%s %spts %s", r.IndexCode, fmtPtr(r.ChangePct), fmtPtr(r.Level), fmtPtr(r.ChangePoints), r.Period)
}

// A move's change in points and period are stored and exported.
func TestMoveChangePointsAndPeriod(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	an := newAnalysis(t, a, "lexicon", "v1", created())
	an.Moves[0].ChangePoints = ptr(297.8)
	an.Moves[0].Period = sectorpulse.PeriodDay
	an.Moves = append(an.Moves, sectorpulse.IndexMove{Index: "HSTECH", ChangePct: ptr(-0.4), Period: sectorpulse.PeriodWeek,
		Evidence: evidence(t, a, "Hong Kong stocks rose as semiconductor makers rallied on policy hopes.")})
	if _, err := db.SaveAnalysis(ctx, an); err != nil {
		t.Fatal(err)
	}
	got := exportedMoves(t, db, ExportFilter{})
	want := []string{"HSI 1.5% @20100.25 297.8pts day", "HSTECH -0.4% @nil nilpts week"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("moves:\n got %q\nwant %q", got, want)
	}
}

// The same move found by two analyzers is one row: the evidence of the
// first stored, and the points and period of the first that gives them
// (an LLM move has neither).
func TestEachMoveMergesPointsAndPeriod(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	llm := newAnalysis(t, a, "llm", "p1", created())
	llm.Moves[0].Evidence = evidence(t, a, "The Hang Seng Index rose 1.5 percent")
	lex := newAnalysis(t, a, "lexicon", "v1", created())
	lex.Moves[0].ChangePoints = ptr(297.8)
	lex.Moves[0].Period = sectorpulse.PeriodDay
	for _, an := range []*sectorpulse.Analysis{llm, lex} {
		if _, err := db.SaveAnalysis(ctx, an); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name     string
		f        ExportFilter
		want     string
		evidence string
	}{
		{"both analyzers", ExportFilter{}, "HSI 1.5% @20100.25 297.8pts day", "The Hang Seng Index rose 1.5 percent"},
		{"llm only", ExportFilter{Analyzer: "llm"}, "HSI 1.5% @20100.25 nilpts ", "The Hang Seng Index rose 1.5 percent"},
		{"lexicon only", ExportFilter{Analyzer: "lexicon"}, "HSI 1.5% @20100.25 297.8pts day", "The Hang Seng Index rose 1.5 percent to 20,100.25 points."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rows []MoveRow
			if err := db.EachMove(ctx, tt.f, func(r MoveRow) error {
				rows = append(rows, r)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 {
				t.Fatalf("got %d rows, want 1", len(rows))
			}
			if got := fmtMoveRow(rows[0]); got != tt.want {
				t.Errorf("move: got %q, want %q", got, tt.want)
			}
			if rows[0].Evidence != tt.evidence {
				t.Errorf("evidence: got %q, want %q", rows[0].Evidence, tt.evidence)
			}
		})
	}
}

// Moves with other figures stay apart, whatever their period.
func TestEachMoveKeepsDistinctFigures(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	lex := newAnalysis(t, a, "lexicon", "v1", created())
	lex.Moves[0].Period = sectorpulse.PeriodDay
	llm := newAnalysis(t, a, "llm", "p1", created())
	llm.Moves[0].ChangePct = ptr(4.2) // read as the week's move
	llm.Moves[0].Period = sectorpulse.PeriodWeek
	for _, an := range []*sectorpulse.Analysis{lex, llm} {
		if _, err := db.SaveAnalysis(ctx, an); err != nil {
			t.Fatal(err)
		}
	}
	got := exportedMoves(t, db, ExportFilter{})
	want := []string{"HSI 1.5% @20100.25 nilpts day", "HSI 4.2% @20100.25 nilpts week"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("moves:\n got %q\nwant %q", got, want)
	}
}

// Moves that give only points are told apart by their points and period:
// "rose 150 points on Friday" and "lost 420 points over the week".
func TestEachMoveKeepsPointsOnlyMovesApart(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	lex := newAnalysis(t, a, "lexicon", "v1", created())
	day := lex.Moves[0]
	day.ChangePct, day.Level, day.ChangePoints, day.Period = nil, nil, ptr(150.0), sectorpulse.PeriodDay
	week := day
	week.ChangePoints, week.Period = ptr(-420.0), sectorpulse.PeriodWeek
	lex.Moves = []sectorpulse.IndexMove{day, week}
	if _, err := db.SaveAnalysis(ctx, lex); err != nil {
		t.Fatal(err)
	}
	got := exportedMoves(t, db, ExportFilter{})
	want := []string{"HSI nil% @nil 150pts day", "HSI nil% @nil -420pts week"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("moves:\n got %q\nwant %q", got, want)
	}
}

func TestSaveAnalysisChecksMoves(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	a := newArticle(1)
	mustSave(t, db, a)
	tests := []struct {
		name   string
		change func(m *sectorpulse.IndexMove)
		want   string
	}{
		{"unknown period", func(m *sectorpulse.IndexMove) { m.Period = "fortnight" }, `index move 1 (HSI): invalid: unknown period "fortnight"`},
		{"period in capitals", func(m *sectorpulse.IndexMove) { m.Period = "Day" }, `unknown period "Day"`},
		{"points NaN", func(m *sectorpulse.IndexMove) { m.ChangePoints = ptr(math.NaN()) }, "index move 1 (HSI): invalid: change NaN points"},
		{"points infinite", func(m *sectorpulse.IndexMove) { m.ChangePoints = ptr(math.Inf(-1)) }, "change -Inf points"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := newAnalysis(t, a, "lexicon", "v1", created())
			tt.change(&an.Moves[0])
			_, err := db.SaveAnalysis(ctx, an)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrInvalid) {
				t.Errorf("error = %v, want ErrInvalid containing %q", err, tt.want)
			}
			if c := counts(t, db); c.Analyses != 0 || c.IndexMoves != 0 {
				t.Errorf("stored %d analyses and %d moves, want none", c.Analyses, c.IndexMoves)
			}
		})
	}
	// Every period of an IndexMove, and none, is accepted; negative points
	// are a fall.
	for i, p := range []string{"", sectorpulse.PeriodDay, sectorpulse.PeriodIntraday, sectorpulse.PeriodWeek, sectorpulse.PeriodMonth,
		sectorpulse.PeriodQuarter, sectorpulse.PeriodYear, sectorpulse.PeriodYTD} {
		an := newAnalysis(t, a, "lexicon", fmt.Sprintf("p%d", i), created())
		an.Moves[0].Period = p
		an.Moves[0].ChangePoints = ptr(-12.5)
		if _, err := db.SaveAnalysis(ctx, an); err != nil {
			t.Errorf("period %q: %v", p, err)
		}
	}
}

// TestMigrateMovesFromSchema4 opens a database left at schema version 4,
// built the way that version's migrate did (see TestMigrateFromSchema1),
// with a stored index move. Open must apply 0005; the old move reads back
// with no points and an unknown period, and new moves store both.
func TestMigrateMovesFromSchema4(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 5 || ms[3].version != 4 || ms[4].version != 5 || ms[4].name != "move_period" {
		t.Fatalf("migrations do not run 0001 to 0004, then 0005_move_period: %d of them", len(ms))
	}
	old, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`}
	for _, m := range ms[:4] {
		stmts = append(stmts, m.sql, fmt.Sprintf(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (%d, '%s', '2025-03-01T00:00:00.000000000Z')`, m.version, m.name))
	}
	stmts = append(stmts,
		`INSERT INTO sources (id, name, created_at) VALUES (1, 'wire', '2025-03-01T00:00:00.000000000Z')`,
		`INSERT INTO articles (id, source_id, url, canonical_url, published_utc, published_at, fetched_at, content_hash, title, text)
			VALUES (1, 1, 'https://x.example/1', 'https://x.example/1', '2025-03-03T02:00:00.000000000Z',
				'2025-03-03T10:00:00+08:00', '2025-03-03T02:10:00.000000000Z', 'h1', 'Stocks', 'The Hang Seng Index rose 1.5 percent.')`,
		`INSERT INTO analyses (id, article_id, analyzer, created_at, sentiment, confidence)
			VALUES (1, 1, 'lexicon', '2025-03-03T03:00:00.000000000Z', 0.3, 0.8)`,
		`INSERT INTO index_moves (analysis_id, article_id, index_code, change_pct, evidence, ev_start, ev_end)
			VALUES (1, 1, 'HSI', 1.5, 'The Hang Seng Index rose 1.5 percent.', 8, 45)`,
	)
	for _, stmt := range stmts {
		if _, err := old.Exec(stmt); err != nil {
			old.Close()
			t.Fatalf("building the schema-4 database: %v\n%s", err, stmt)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open of a schema-4 database: %v", err)
	}
	defer db.Close()
	var version int
	if err := db.read.QueryRowContext(ctx, `SELECT version FROM schema_migrations WHERE name = 'move_period'`).Scan(&version); err != nil || version != 5 {
		t.Fatalf("0005_move_period not recorded: version %d, %v", version, err)
	}
	got := exportedMoves(t, db, ExportFilter{})
	if want := []string{"HSI 1.5% @nil nilpts "}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("old move after the upgrade: got %q, want %q", got, want)
	}

	a := newArticle(2)
	mustSave(t, db, a)
	an := newAnalysis(t, a, "lexicon", "v2", time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC))
	an.Moves[0].ChangePoints, an.Moves[0].Period = ptr(297.8), sectorpulse.PeriodDay
	if _, err := db.SaveAnalysis(ctx, an); err != nil {
		t.Fatalf("SaveAnalysis after the upgrade: %v", err)
	}
	got = exportedMoves(t, db, ExportFilter{Since: a.PublishedAt})
	if want := []string{"HSI 1.5% @20100.25 297.8pts day"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("new move after the upgrade: got %q, want %q", got, want)
	}
}

// exportedMoves returns the moves EachMove gives for f, formatted by
// fmtMoveRow.
func exportedMoves(t *testing.T, db *DB, f ExportFilter) []string {
	t.Helper()
	var got []string
	if err := db.EachMove(context.Background(), f, func(r MoveRow) error {
		got = append(got, fmtMoveRow(r))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}
