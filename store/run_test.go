package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

func TestRunsRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	start := time.Date(2025, 3, 4, 8, 0, 0, 123456789, time.UTC)
	first, err := db.StartRun(ctx, "scrape", start)
	if err != nil {
		t.Fatal(err)
	}
	second, err := db.StartRun(ctx, "analyze", start.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	done := sectorpulse.Run{
		EndedAt: start.Add(3 * time.Minute), Fetched: 40, New: 31, Duplicate: 5, Failed: 4,
		FailedByReason: map[string]int{"http_404": 3, "timeout": 1},
		Analyzer:       "lexicon", Analyzed: 31, Skipped: 2, AnalyzeFailed: 1,
		PromptTokens: 1200, CompletionTokens: 300, Requests: 37, Dropped: 6,
		DroppedByReason: map[string]int{"evidence_not_in_text": 4, "unknown_sector": 2}, BudgetExhausted: true,
		Status: "partial", Error: "fetch https://wire.example.com/x: timeout",
	}
	if err := db.FinishRun(ctx, first, &done); err != nil {
		t.Fatal(err)
	}
	runs, err := db.Runs(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 {
		t.Fatalf("got %d runs, want 2", len(runs))
	}
	if runs[0].ID != second || runs[0].Status != "running" || !runs[0].EndedAt.IsZero() {
		t.Errorf("newest run: got %+v, want id %d still running", runs[0], second)
	}
	if r := runs[0]; r.Requests != 0 || r.Dropped != 0 || r.DroppedByReason != nil || r.FailedByReason != nil || r.BudgetExhausted {
		t.Errorf("running run: got %+v, want zero counts and nil maps", r)
	}
	want := done
	want.ID, want.Command, want.StartedAt = first, "scrape", start
	got := runs[1]
	if !got.StartedAt.Equal(want.StartedAt) || !got.EndedAt.Equal(want.EndedAt) {
		t.Errorf("times: got %v–%v, want %v–%v", got.StartedAt, got.EndedAt, want.StartedAt, want.EndedAt)
	}
	got.StartedAt, got.EndedAt, want.StartedAt, want.EndedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("run: got %+v, want %+v", got, want)
	}
	if limited, err := db.Runs(ctx, 1); err != nil || len(limited) != 1 || limited[0].ID != second {
		t.Errorf("Runs(1): got %+v, %v; want only run %d", limited, err, second)
	}
	if err := db.FinishRun(ctx, 999, &done); !errors.Is(err, ErrNotFound) {
		t.Errorf("FinishRun of an unknown run: error %v, want ErrNotFound", err)
	}
	plain := sectorpulse.Run{EndedAt: start.Add(2 * time.Hour), Analyzer: "lexicon", Analyzed: 3,
		FailedByReason: map[string]int{}, DroppedByReason: map[string]int{}, Status: "ok"}
	if err := db.FinishRun(ctx, second, &plain); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Runs(ctx, 1); err != nil || len(got) != 1 ||
		got[0].FailedByReason != nil || got[0].DroppedByReason != nil || got[0].BudgetExhausted {
		t.Errorf("run finished with empty maps: got %+v, %v; want nil maps and no budget stop", got, err)
	}
	bad := done
	bad.Status = "weird"
	if err := db.FinishRun(ctx, second, &bad); !errors.Is(err, ErrInvalid) {
		t.Errorf("FinishRun with status weird: error %v, want ErrInvalid", err)
	}
}
