package store

import (
	"context"
	"fmt"
)

// AnalysisRow is one analysis's article-level result, as EachAnalysis
// streams it.
type AnalysisRow struct {
	ArticleID     int64
	Analyzer      string
	Model         string
	PromptVersion string
	Sentiment     float64
	Confidence    float64
}

// EachAnalysis calls fn for the latest analysis per (article, analyzer) of
// the articles f selects, near-duplicates left out, ordered by article id
// then analyzer. It stops at and returns fn's first error.
func (db *DB) EachAnalysis(ctx context.Context, f ExportFilter, fn func(AnalysisRow) error) error {
	cond, args := f.where()
	rows, err := db.read.QueryContext(ctx, latestAnalyses+`
		SELECT a.id, l.analyzer, l.model, l.prompt_version, n.sentiment, n.confidence
		FROM latest l
		JOIN analyses n ON n.id = l.id
		JOIN articles a ON a.id = l.article_id
		WHERE a.duplicate_of IS NULL`+cond+` ORDER BY a.id, l.analyzer`,
		append([]any{f.analyzerArg()}, args...)...)
	if err != nil {
		return fmt.Errorf("export analyses: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r AnalysisRow
		if err := rows.Scan(&r.ArticleID, &r.Analyzer, &r.Model, &r.PromptVersion, &r.Sentiment, &r.Confidence); err != nil {
			return fmt.Errorf("export analyses: %w", err)
		}
		if err := fn(r); err != nil {
			return fmt.Errorf("export analyses: article %d: %w", r.ArticleID, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export analyses: %w", err)
	}
	return nil
}
