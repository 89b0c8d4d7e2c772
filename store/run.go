package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// StartRun records the start of a batch command and returns the run's id.
// The run's status is "running" until FinishRun.
func (db *DB) StartRun(ctx context.Context, command string, started time.Time) (int64, error) {
	if command == "" {
		return 0, fmt.Errorf("start run: %w: empty command", ErrInvalid)
	}
	var id int64
	err := db.write.QueryRowContext(ctx, `INSERT INTO runs (command, started_at) VALUES (?, ?) RETURNING id`,
		command, formatTime(started)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("start run %s: %w", command, err)
	}
	return id, nil
}

// FinishRun records the end, counts and status of run id from r; r's ID,
// Command and StartedAt are ignored.
func (db *DB) FinishRun(ctx context.Context, id int64, r *sectorpulse.Run) error {
	if r == nil {
		return fmt.Errorf("finish run %d: %w: nil run", id, ErrInvalid)
	}
	switch r.Status {
	case "ok", "partial", "failed":
	default:
		return fmt.Errorf("finish run %d: %w: status %q is not ok, partial or failed", id, ErrInvalid, r.Status)
	}
	res, err := db.write.ExecContext(ctx, `UPDATE runs SET ended_at = ?, fetched = ?, new = ?, duplicate = ?,
			failed = ?, failed_by_reason = ?, analyzer = ?, analyzed = ?, skipped = ?, analyze_failed = ?,
			prompt_tokens = ?, completion_tokens = ?, requests = ?, dropped = ?, dropped_by_reason = ?,
			budget_exhausted = ?, status = ?, error = ?
		WHERE id = ?`,
		nullTime(r.EndedAt), r.Fetched, r.New, r.Duplicate, r.Failed, encodeCounts(r.FailedByReason), r.Analyzer,
		r.Analyzed, r.Skipped, r.AnalyzeFailed, r.PromptTokens, r.CompletionTokens, r.Requests, r.Dropped,
		encodeCounts(r.DroppedByReason), r.BudgetExhausted, r.Status, r.Error, id)
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("finish run %d: %w", id, ErrNotFound)
	}
	return nil
}

// Runs returns up to limit runs, newest first; limit <= 0 returns all.
func (db *DB) Runs(ctx context.Context, limit int) ([]sectorpulse.Run, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, command, started_at, ended_at, fetched, new, duplicate,
			failed, failed_by_reason, analyzer, analyzed, skipped, analyze_failed, prompt_tokens,
			completion_tokens, requests, dropped, dropped_by_reason, budget_exhausted, status, error
		FROM runs ORDER BY started_at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("runs: %w", err)
	}
	defer rows.Close()
	var out []sectorpulse.Run
	for rows.Next() {
		var r sectorpulse.Run
		var started, ended sql.NullString
		var failed, dropped string
		if err := rows.Scan(&r.ID, &r.Command, &started, &ended, &r.Fetched, &r.New, &r.Duplicate,
			&r.Failed, &failed, &r.Analyzer, &r.Analyzed, &r.Skipped, &r.AnalyzeFailed, &r.PromptTokens,
			&r.CompletionTokens, &r.Requests, &r.Dropped, &dropped, &r.BudgetExhausted, &r.Status,
			&r.Error); err != nil {
			return nil, fmt.Errorf("runs: %w", err)
		}
		if r.StartedAt, r.EndedAt, err = parseTimes(started, ended); err != nil {
			return nil, fmt.Errorf("run %d: %w", r.ID, err)
		}
		if r.FailedByReason, err = decodeCounts(failed); err != nil {
			return nil, fmt.Errorf("run %d: failed_by_reason: %w", r.ID, err)
		}
		if r.DroppedByReason, err = decodeCounts(dropped); err != nil {
			return nil, fmt.Errorf("run %d: dropped_by_reason: %w", r.ID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("runs: %w", err)
	}
	return out, nil
}
