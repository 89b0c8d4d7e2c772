package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/sectorpulse/sectorpulse"
)

// SaveAnalysis stores an analysis with its mentions, sector scores and index
// moves in one transaction, replacing any analysis of the same article by
// the same analyzer, model and prompt version. It adds an entities row
// (origin "discovered", first_article_id set) for each entity not yet known
// and a sectors row for each unknown sector id. It checks that the article
// exists, that every score is in range, that the request and drop counts
// are not negative and that every evidence quote is the article's Document
// text at its offsets; on any error nothing is written.
// It sets an.ID and returns it.
func (db *DB) SaveAnalysis(ctx context.Context, an *sectorpulse.Analysis) (int64, error) {
	if an == nil {
		return 0, fmt.Errorf("save analysis: %w: nil analysis", ErrInvalid)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("save analysis of article %d: %w", an.ArticleID, err)
	}
	defer tx.Rollback()
	id, err := saveAnalysis(ctx, tx, an)
	if err != nil {
		return 0, fmt.Errorf("save analysis of article %d: %w", an.ArticleID, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("save analysis of article %d: commit: %w", an.ArticleID, err)
	}
	an.ID = id
	return id, nil
}

// saveAnalysis runs SaveAnalysis inside tx.
func saveAnalysis(ctx context.Context, tx *sql.Tx, an *sectorpulse.Analysis) (int64, error) {
	var a sectorpulse.Article
	err := tx.QueryRowContext(ctx, `SELECT title, text FROM articles WHERE id = ?`, an.ArticleID).Scan(&a.Title, &a.Text)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("article %w", ErrNotFound)
	} else if err != nil {
		return 0, fmt.Errorf("read article: %w", err)
	}
	if err := validateAnalysis(an, a.Document()); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM analyses
		WHERE article_id = ? AND analyzer = ? AND model = ? AND prompt_version = ?`,
		an.ArticleID, an.Analyzer, an.Model, an.PromptVersion); err != nil {
		return 0, fmt.Errorf("replace analysis: %w", err)
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO analyses (article_id, analyzer, model, prompt_version, created_at,
			prompt_tokens, completion_tokens, sentiment, confidence, raw, input, requests, dropped)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		an.ArticleID, an.Analyzer, an.Model, an.PromptVersion, formatTime(an.CreatedAt),
		an.PromptTokens, an.CompletionTokens, an.Sentiment, an.Confidence, an.Raw,
		an.Input, an.Requests, encodeCounts(an.Dropped)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert analysis: %w", err)
	}
	if err := insertMentions(ctx, tx, id, an); err != nil {
		return 0, err
	}
	if err := insertSectorScores(ctx, tx, id, an); err != nil {
		return 0, err
	}
	if err := insertMoves(ctx, tx, id, an); err != nil {
		return 0, err
	}
	return id, nil
}

// insertMentions inserts an's mentions under analysis id, adding unknown
// entities and sectors.
func insertMentions(ctx context.Context, tx *sql.Tx, id int64, an *sectorpulse.Analysis) error {
	if len(an.Mentions) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO mentions (analysis_id, entity_id, entity, kind, ticker, sectors,
			sentiment, confidence, relevance, evidence, ev_start, ev_end)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("insert mentions: %w", err)
	}
	defer stmt.Close()
	for i, m := range an.Mentions {
		entityID, name, err := ensureEntity(ctx, tx, m, an)
		if err != nil {
			return fmt.Errorf("mention %d (%s): %w", i+1, m.Entity, err)
		}
		for _, s := range m.Sectors {
			if err := ensureSector(ctx, tx, s); err != nil {
				return fmt.Errorf("mention %d (%s): %w", i+1, m.Entity, err)
			}
		}
		if _, err := stmt.ExecContext(ctx, id, entityID, name, string(m.Kind), m.Ticker, encodeList(m.Sectors),
			m.Sentiment, m.Confidence, m.Relevance, m.Evidence.Quote, m.Evidence.Start, m.Evidence.End); err != nil {
			return fmt.Errorf("mention %d (%s): %w", i+1, m.Entity, err)
		}
	}
	return nil
}

// ensureEntity returns the id and stored name of the entity m names,
// inserting it as discovered in an's article when unknown.
func ensureEntity(ctx context.Context, tx *sql.Tx, m sectorpulse.Mention, an *sectorpulse.Analysis) (int64, string, error) {
	var id int64
	var name string
	err := tx.QueryRowContext(ctx, `SELECT id, name FROM entities WHERE name = ?`, m.Entity).Scan(&id, &name)
	if err == nil {
		return id, name, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return 0, "", fmt.Errorf("look up entity: %w", err)
	}
	var tickers []string
	if m.Ticker != "" {
		tickers = []string{m.Ticker}
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO entities (name, kind, tickers, sectors, first_article_id, origin, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.Entity, string(m.Kind), encodeList(tickers), encodeList(m.Sectors), an.ArticleID,
		OriginDiscovered, formatTime(an.CreatedAt)).Scan(&id)
	if err != nil {
		return 0, "", fmt.Errorf("insert entity: %w", err)
	}
	return id, m.Entity, nil
}

// ensureSector inserts a sectors row for id unless one exists; its name is
// the id until SaveSectors names it.
func ensureSector(ctx context.Context, tx *sql.Tx, id string) error {
	if id == "" {
		return fmt.Errorf("%w: empty sector id", ErrInvalid)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sectors (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`, id, id); err != nil {
		return fmt.Errorf("sector %q: %w", id, err)
	}
	return nil
}

// insertSectorScores inserts an's sector scores under analysis id.
func insertSectorScores(ctx context.Context, tx *sql.Tx, id int64, an *sectorpulse.Analysis) error {
	for i, s := range an.Sectors {
		if err := ensureSector(ctx, tx, s.Sector); err != nil {
			return fmt.Errorf("sector score %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sector_scores (analysis_id, sector_id, sentiment, confidence,
				relevance, evidence, ev_start, ev_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, s.Sector, s.Sentiment, s.Confidence, s.Relevance, s.Evidence.Quote, s.Evidence.Start, s.Evidence.End); err != nil {
			return fmt.Errorf("sector score %d (%s): %w", i+1, s.Sector, err)
		}
	}
	return nil
}

// insertMoves inserts an's index moves under analysis id.
func insertMoves(ctx context.Context, tx *sql.Tx, id int64, an *sectorpulse.Analysis) error {
	for i, m := range an.Moves {
		if _, err := tx.ExecContext(ctx, `INSERT INTO index_moves (analysis_id, article_id, index_code, change_pct,
				level, change_points, period, evidence, ev_start, ev_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, an.ArticleID, m.Index, nullFloat(m.ChangePct), nullFloat(m.Level), nullFloat(m.ChangePoints),
			m.Period, m.Evidence.Quote, m.Evidence.Start, m.Evidence.End); err != nil {
			return fmt.Errorf("index move %d (%s): %w", i+1, m.Index, err)
		}
	}
	return nil
}

// nullFloat returns *p, or NULL for nil.
func nullFloat(p *float64) sql.NullFloat64 {
	if p == nil {
		return sql.NullFloat64{}
	}
	return sql.NullFloat64{Float64: *p, Valid: true}
}
