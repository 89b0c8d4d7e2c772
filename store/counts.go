package store

import (
	"context"
	"fmt"
)

// Counts holds the number of rows of each table.
type Counts struct {
	Sources, Articles, Analyses, Mentions, SectorScores, IndexMoves, Entities, Sectors, Prices, Runs int
	// LLMAnswers counts the cached LLM answers.
	LLMAnswers int
}

// Counts returns the number of rows of each table, read in one statement
// so that they are consistent with one another.
func (db *DB) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM sources), (SELECT count(*) FROM articles), (SELECT count(*) FROM analyses),
		(SELECT count(*) FROM mentions), (SELECT count(*) FROM sector_scores), (SELECT count(*) FROM index_moves),
		(SELECT count(*) FROM entities), (SELECT count(*) FROM sectors), (SELECT count(*) FROM prices),
		(SELECT count(*) FROM runs), (SELECT count(*) FROM llm_answers)`).Scan(&c.Sources, &c.Articles,
		&c.Analyses, &c.Mentions, &c.SectorScores, &c.IndexMoves, &c.Entities, &c.Sectors, &c.Prices, &c.Runs,
		&c.LLMAnswers)
	if err != nil {
		return Counts{}, fmt.Errorf("counts in %s: %w", db.path, err)
	}
	return c, nil
}
