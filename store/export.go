package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ExportFilter selects the rows the Each methods stream.
type ExportFilter struct {
	// Since (inclusive) and Until (exclusive) bound an article's published
	// time, or its fetched time when the published time is unknown; zero
	// leaves that end open.
	Since, Until time.Time
	// Analyzer keeps results of this analyzer only (and, for EachArticle,
	// articles it analysed); "" keeps all.
	Analyzer string
}

// where returns the SQL conditions and arguments of f's time bounds over
// the articles alias a, each condition starting with " AND".
func (f ExportFilter) where() (string, []any) {
	var q string
	var args []any
	if !f.Since.IsZero() {
		q += ` AND COALESCE(a.published_utc, a.fetched_at) >= ?`
		args = append(args, formatTime(f.Since))
	}
	if !f.Until.IsZero() {
		q += ` AND COALESCE(a.published_utc, a.fetched_at) < ?`
		args = append(args, formatTime(f.Until))
	}
	return q, args
}

// articleOrder orders rows by published time (fetched when unknown), then
// article id.
const articleOrder = `COALESCE(a.published_utc, a.fetched_at), a.id`

// latestAnalyses is a CTE naming, per (article, analyzer), the latest
// analysis by created_at then id; its one parameter, when not NULL, keeps
// one analyzer.
const latestAnalyses = `WITH latest AS (
	SELECT id, article_id, analyzer, model, prompt_version FROM (
		SELECT n.id, n.article_id, n.analyzer, n.model, n.prompt_version,
			row_number() OVER (PARTITION BY n.article_id, n.analyzer ORDER BY n.created_at DESC, n.id DESC) AS rn
		FROM analyses n WHERE ?1 IS NULL OR n.analyzer = ?1
	) WHERE rn = 1
)`

// analyzerArg returns the analyzer parameter of latestAnalyses.
func (f ExportFilter) analyzerArg() sql.NullString {
	return sql.NullString{String: f.Analyzer, Valid: f.Analyzer != ""}
}

// EachArticle calls fn for each article f selects, duplicates included,
// ordered by published time (fetched when unknown) then id. It stops at
// and returns fn's first error.
func (db *DB) EachArticle(ctx context.Context, f ExportFilter, fn func(ArticleRow) error) error {
	cond, args := f.where()
	if f.Analyzer != "" {
		cond += ` AND EXISTS (SELECT 1 FROM analyses n WHERE n.article_id = a.id AND n.analyzer = ?)`
		args = append(args, f.Analyzer)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT a.id, a.url, a.canonical_url, s.name, a.title, a.published_at,
			a.fetched_at, a.language, a.words, a.content_hash, a.duplicate_of,
			a.date_source, a.date_inferred, a.truncated
		FROM articles a JOIN sources s ON s.id = a.source_id
		WHERE 1`+cond+` ORDER BY `+articleOrder, args...)
	if err != nil {
		return fmt.Errorf("export articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r ArticleRow
		var published, fetched sql.NullString
		var dup sql.NullInt64
		if err := rows.Scan(&r.ID, &r.URL, &r.CanonicalURL, &r.Source, &r.Title, &published, &fetched,
			&r.Language, &r.Words, &r.ContentHash, &dup, &r.DateSource, &r.DateInferred, &r.Truncated); err != nil {
			return fmt.Errorf("export articles: %w", err)
		}
		r.DuplicateOf = dup.Int64
		if r.PublishedAt, r.FetchedAt, err = parseTimes(published, fetched); err != nil {
			return fmt.Errorf("export articles: article %d: %w", r.ID, err)
		}
		if err := fn(r); err != nil {
			return fmt.Errorf("export articles: article %d: %w", r.ID, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export articles: %w", err)
	}
	return nil
}

// EachMention calls fn for each mention of the latest analysis per
// (article, analyzer) of the articles f selects, near-duplicates left out,
// ordered by published time, article id, then mention. It stops at and
// returns fn's first error.
func (db *DB) EachMention(ctx context.Context, f ExportFilter, fn func(MentionRow) error) error {
	cond, args := f.where()
	rows, err := db.read.QueryContext(ctx, latestAnalyses+`
		SELECT a.id, a.url, s.name, a.published_at, a.fetched_at, m.entity, m.kind, m.ticker, m.sectors,
			m.sentiment, m.confidence, m.relevance, m.evidence, l.analyzer, l.model, l.prompt_version
		FROM latest l
		JOIN articles a ON a.id = l.article_id
		JOIN sources s ON s.id = a.source_id
		JOIN mentions m ON m.analysis_id = l.id
		WHERE a.duplicate_of IS NULL`+cond+` ORDER BY `+articleOrder+`, m.id`,
		append([]any{f.analyzerArg()}, args...)...)
	if err != nil {
		return fmt.Errorf("export mentions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r MentionRow
		var published, fetched sql.NullString
		var sectors string
		if err := rows.Scan(&r.ArticleID, &r.URL, &r.Source, &published, &fetched, &r.Entity, &r.EntityKind,
			&r.Ticker, &sectors, &r.Sentiment, &r.Confidence, &r.Relevance, &r.Evidence,
			&r.Analyzer, &r.Model, &r.PromptVersion); err != nil {
			return fmt.Errorf("export mentions: %w", err)
		}
		if r.PublishedAt, r.FetchedAt, err = parseTimes(published, fetched); err != nil {
			return fmt.Errorf("export mentions: article %d: %w", r.ArticleID, err)
		}
		if r.Sectors, err = decodeList(sectors); err != nil {
			return fmt.Errorf("export mentions: article %d: %w", r.ArticleID, err)
		}
		if err := fn(r); err != nil {
			return fmt.Errorf("export mentions: article %d: %w", r.ArticleID, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export mentions: %w", err)
	}
	return nil
}

// EachSectorScore calls fn for each sector score of the latest analysis per
// (article, analyzer) of the articles f selects, near-duplicates left out,
// ordered by published time, article id, then score. It stops at and
// returns fn's first error.
func (db *DB) EachSectorScore(ctx context.Context, f ExportFilter, fn func(SectorRow) error) error {
	cond, args := f.where()
	rows, err := db.read.QueryContext(ctx, latestAnalyses+`
		SELECT a.id, a.url, s.name, a.published_at, a.fetched_at, c.sector_id,
			c.sentiment, c.confidence, c.relevance, c.evidence, l.analyzer, l.model, l.prompt_version
		FROM latest l
		JOIN articles a ON a.id = l.article_id
		JOIN sources s ON s.id = a.source_id
		JOIN sector_scores c ON c.analysis_id = l.id
		WHERE a.duplicate_of IS NULL`+cond+` ORDER BY `+articleOrder+`, c.id`,
		append([]any{f.analyzerArg()}, args...)...)
	if err != nil {
		return fmt.Errorf("export sector scores: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r SectorRow
		var published, fetched sql.NullString
		if err := rows.Scan(&r.ArticleID, &r.URL, &r.Source, &published, &fetched, &r.Sector,
			&r.Sentiment, &r.Confidence, &r.Relevance, &r.Evidence,
			&r.Analyzer, &r.Model, &r.PromptVersion); err != nil {
			return fmt.Errorf("export sector scores: %w", err)
		}
		if r.PublishedAt, r.FetchedAt, err = parseTimes(published, fetched); err != nil {
			return fmt.Errorf("export sector scores: article %d: %w", r.ArticleID, err)
		}
		if err := fn(r); err != nil {
			return fmt.Errorf("export sector scores: article %d: %w", r.ArticleID, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export sector scores: %w", err)
	}
	return nil
}

// EachMove calls fn once per distinct (article, index, change, level,
// points, period) among the index moves of the latest analysis per
// (article, analyzer) (of f.Analyzer, when set) of the articles f selects,
// near-duplicates left out. A move that gives neither points nor a period
// (the LLM's) and has the figures of a move that gives them makes no row
// of its own: the lexicon's move with the same figures stands for both.
// The row has the evidence of the first move stored among its group and
// the moves it stands for. Rows
// are ordered by published time, article id, then move. It stops at and
// returns fn's first error.
func (db *DB) EachMove(ctx context.Context, f ExportFilter, fn func(MoveRow) error) error {
	cond, args := f.where()
	// Only the latest analysis per (article, analyzer) counts, as for
	// mentions: a move an older lexicon or prompt version misread is not
	// exported next to the corrected one.
	rows, err := db.read.QueryContext(ctx, latestAnalyses+`, moves AS (
			SELECT mv.id, mv.article_id, mv.index_code, mv.change_pct, mv.level, mv.change_points, mv.period
			FROM latest l
			JOIN index_moves mv ON mv.analysis_id = l.id
			JOIN articles a ON a.id = mv.article_id
			WHERE a.duplicate_of IS NULL`+cond+`
		), grouped AS (
			SELECT m.article_id, m.index_code, m.change_pct, m.level, m.change_points, m.period, MIN(m.id) AS first
			FROM moves m
			WHERE NOT (m.change_points IS NULL AND m.period = '' AND EXISTS (
				SELECT 1 FROM moves o
				WHERE o.article_id = m.article_id AND o.index_code = m.index_code
					AND o.change_pct IS m.change_pct AND o.level IS m.level
					AND (o.change_points IS NOT NULL OR o.period <> '')))
			GROUP BY m.article_id, m.index_code, m.change_pct, m.level, m.change_points, m.period
		), evidenced AS (
			SELECT g.*, (SELECT MIN(o.id) FROM moves o
				WHERE o.article_id = g.article_id AND o.index_code = g.index_code
					AND o.change_pct IS g.change_pct AND o.level IS g.level
					AND (o.change_points IS g.change_points AND o.period = g.period
						OR o.change_points IS NULL AND o.period = '')) AS ev_id
			FROM grouped g
		)
		SELECT a.id, a.url, a.published_at, a.fetched_at, g.index_code, g.change_pct, g.level,
			ev.evidence, g.change_points, g.period
		FROM evidenced g
		JOIN articles a ON a.id = g.article_id
		JOIN index_moves ev ON ev.id = g.ev_id
		ORDER BY `+articleOrder+`, g.first`, append([]any{f.analyzerArg()}, args...)...)
	if err != nil {
		return fmt.Errorf("export index moves: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r MoveRow
		var published, fetched sql.NullString
		var change, level, points sql.NullFloat64
		if err := rows.Scan(&r.ArticleID, &r.URL, &published, &fetched, &r.IndexCode, &change, &level,
			&r.Evidence, &points, &r.Period); err != nil {
			return fmt.Errorf("export index moves: %w", err)
		}
		if change.Valid {
			r.ChangePct = &change.Float64
		}
		if level.Valid {
			r.Level = &level.Float64
		}
		if points.Valid {
			r.ChangePoints = &points.Float64
		}
		if r.PublishedAt, r.FetchedAt, err = parseTimes(published, fetched); err != nil {
			return fmt.Errorf("export index moves: article %d: %w", r.ArticleID, err)
		}
		if err := fn(r); err != nil {
			return fmt.Errorf("export index moves: article %d: %w", r.ArticleID, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export index moves: %w", err)
	}
	return nil
}

// parseTimes parses an article's stored published and fetched times.
func parseTimes(published, fetched sql.NullString) (time.Time, time.Time, error) {
	p, err := parseTime(published)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	f, err := parseTime(fetched)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	return p, f, nil
}
