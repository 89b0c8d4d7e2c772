package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// PendingFilter selects the articles PendingArticles returns.
type PendingFilter struct {
	// Analyzer, Model and PromptVersion name the analysis to look for.
	Analyzer, Model, PromptVersion string
	// Since keeps articles published (fetched, when the publication time is
	// unknown) at or after it; zero keeps all.
	Since time.Time
	// Reanalyze returns articles even when they have that analysis.
	Reanalyze bool
	// Limit caps the number of articles; zero or less means no cap.
	Limit int
	// IncludeDuplicates also returns near-duplicate articles.
	IncludeDuplicates bool
}

// PendingArticles returns, ordered by id, the articles that have no
// analysis by (f.Analyzer, f.Model, f.PromptVersion), or all articles with
// f.Reanalyze. Near-duplicates are left out unless f.IncludeDuplicates.
func (db *DB) PendingArticles(ctx context.Context, f PendingFilter) ([]*sectorpulse.Article, error) {
	if f.Analyzer == "" && !f.Reanalyze {
		return nil, fmt.Errorf("pending articles: %w: no analyzer named", ErrInvalid)
	}
	var where []string
	var args []any
	if !f.IncludeDuplicates {
		where = append(where, `a.duplicate_of IS NULL`)
	}
	if !f.Since.IsZero() {
		since := formatTime(f.Since)
		// The same rule as ExportFilter: the published time, else the
		// fetched time.
		where = append(where, `COALESCE(a.published_utc, a.fetched_at) >= ?`)
		args = append(args, since)
	}
	if !f.Reanalyze {
		where = append(where, `NOT EXISTS (SELECT 1 FROM analyses n
			WHERE n.article_id = a.id AND n.analyzer = ? AND n.model = ? AND n.prompt_version = ?)`)
		args = append(args, f.Analyzer, f.Model, f.PromptVersion)
	}
	q := articleSelect
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY a.id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("pending articles for %s: %w", f.Analyzer, err)
	}
	defer rows.Close()
	var out []*sectorpulse.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("pending articles for %s: %w", f.Analyzer, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pending articles for %s: %w", f.Analyzer, err)
	}
	return out, nil
}

// articleSelect selects the columns scanArticle reads.
const articleSelect = `SELECT a.id, a.url, a.canonical_url, s.name, a.title, a.byline, a.published_at,
	a.fetched_at, a.language, a.text, a.content_hash, a.fingerprint, a.duplicate_of,
	a.date_source, a.date_inferred, a.truncated
	FROM articles a JOIN sources s ON s.id = a.source_id`

// scanArticle reads one row of articleSelect.
func scanArticle(rows *sql.Rows) (*sectorpulse.Article, error) {
	var a sectorpulse.Article
	var published, fetched sql.NullString
	var fp int64
	var dup sql.NullInt64
	if err := rows.Scan(&a.ID, &a.URL, &a.CanonicalURL, &a.Source, &a.Title, &a.Byline, &published,
		&fetched, &a.Language, &a.Text, &a.ContentHash, &fp, &dup, &a.DateSource, &a.DateInferred, &a.Truncated); err != nil {
		return nil, err
	}
	var err error
	if a.PublishedAt, err = parseTime(published); err != nil {
		return nil, fmt.Errorf("article %d: %w", a.ID, err)
	}
	if a.FetchedAt, err = parseTime(fetched); err != nil {
		return nil, fmt.Errorf("article %d: %w", a.ID, err)
	}
	a.Fingerprint = uint64(fp)
	a.DuplicateOf = dup.Int64
	return &a, nil
}
