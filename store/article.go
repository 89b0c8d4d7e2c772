package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// nearDuplicateWindow is how many of the most recent articles SaveArticle
// compares a new article with.
const nearDuplicateWindow = 5000

// SaveStatus says what SaveArticle did with an article.
type SaveStatus string

// The outcomes of SaveArticle.
const (
	// StatusNew: the article was inserted (possibly as a near-duplicate).
	StatusNew SaveStatus = "new"
	// StatusDuplicateURL: an article with the same URL or canonical URL is
	// stored; nothing was written.
	StatusDuplicateURL SaveStatus = "duplicate_url"
	// StatusDuplicateContent: an article with the same content hash is
	// stored; nothing was written.
	StatusDuplicateContent SaveStatus = "duplicate_content"
)

// SaveResult is the outcome of SaveArticle.
type SaveResult struct {
	// ID is the new row's id, or the existing row's id for duplicates.
	ID int64
	// Status says whether the article was new or a duplicate.
	Status SaveStatus
	// DuplicateOf is set when a new article nearly duplicates a stored one.
	DuplicateOf int64
}

// KnownURL reports whether an article whose URL or canonical URL is u is
// already stored, so that the scraper can skip fetching it.
func (db *DB) KnownURL(ctx context.Context, u string) (bool, error) {
	var one int
	err := db.read.QueryRowContext(ctx,
		`SELECT 1 FROM articles WHERE canonical_url = ? OR url = ? LIMIT 1`, u, u).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("known url %s: %w", u, err)
	}
	return true, nil
}

// SaveArticle stores a new article unless it duplicates a stored one by URL
// or canonical URL (StatusDuplicateURL) or by content hash
// (StatusDuplicateContent); duplicates write nothing. A new article that
// nearly duplicates one of the 5000 most recent articles (see
// nearDuplicate: a fingerprint within sectorpulse.NearDuplicateDistance
// bits, or a syndicated copy of the same story published within three
// days) is stored with DuplicateOf pointing at the original. SaveArticle sets a.ID (and a.DuplicateOf), fills an empty
// CanonicalURL from URL, an empty ContentHash and a zero Fingerprint from
// Text, and an empty Source from the URL's host.
func (db *DB) SaveArticle(ctx context.Context, a *sectorpulse.Article) (SaveResult, error) {
	if err := prepareArticle(a); err != nil {
		return SaveResult{}, err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return SaveResult{}, fmt.Errorf("save article %s: %w", a.URL, err)
	}
	defer tx.Rollback()

	res, err := saveArticle(ctx, tx, a)
	if err != nil {
		return SaveResult{}, fmt.Errorf("save article %s: %w", a.URL, err)
	}
	if res.Status == StatusNew {
		if err := tx.Commit(); err != nil {
			return SaveResult{}, fmt.Errorf("save article %s: commit: %w", a.URL, err)
		}
	}
	a.ID = res.ID
	if res.Status == StatusNew {
		a.DuplicateOf = res.DuplicateOf
	}
	return res, nil
}

// prepareArticle checks a and fills the fields the store derives.
func prepareArticle(a *sectorpulse.Article) error {
	if a == nil {
		return fmt.Errorf("save article: %w: nil article", ErrInvalid)
	}
	if a.URL == "" {
		a.URL = a.CanonicalURL
	}
	if a.URL == "" {
		return fmt.Errorf("save article %q: %w: no URL", a.Title, ErrInvalid)
	}
	if a.CanonicalURL == "" {
		a.CanonicalURL = a.URL
	}
	if a.FetchedAt.IsZero() {
		return fmt.Errorf("save article %s: %w: fetched time is zero", a.URL, ErrInvalid)
	}
	if strings.TrimSpace(a.Text) == "" {
		// Every empty text has the same hash: it would shadow all others.
		return fmt.Errorf("save article %s: %w: no body text", a.URL, ErrInvalid)
	}
	if a.Source == "" {
		if u, err := url.Parse(a.URL); err == nil && u.Hostname() != "" {
			a.Source = u.Hostname()
		} else {
			a.Source = "unknown"
		}
	}
	if a.ContentHash == "" {
		a.ContentHash = sectorpulse.ContentHash(a.Text)
	}
	if a.Fingerprint == 0 && a.Text != "" {
		a.Fingerprint = sectorpulse.SimHash(a.Text)
	}
	return nil
}

// saveArticle runs SaveArticle's checks and insert inside tx.
func saveArticle(ctx context.Context, tx *sql.Tx, a *sectorpulse.Article) (SaveResult, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM articles
		WHERE canonical_url IN (?, ?) OR url IN (?, ?) ORDER BY id LIMIT 1`,
		a.CanonicalURL, a.URL, a.CanonicalURL, a.URL).Scan(&id)
	if err == nil {
		return SaveResult{ID: id, Status: StatusDuplicateURL}, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return SaveResult{}, fmt.Errorf("look up url: %w", err)
	}
	err = tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1`,
		a.ContentHash).Scan(&id)
	if err == nil {
		return SaveResult{ID: id, Status: StatusDuplicateContent}, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return SaveResult{}, fmt.Errorf("look up content hash: %w", err)
	}
	dup, err := nearDuplicate(ctx, tx, a)
	if err != nil {
		return SaveResult{}, err
	}
	sourceID, err := upsertSource(ctx, tx, a.Source, a.FetchedAt)
	if err != nil {
		return SaveResult{}, err
	}
	var published sql.NullString
	if !a.PublishedAt.IsZero() {
		published = sql.NullString{String: a.PublishedAt.Format(time.RFC3339Nano), Valid: true}
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO articles (source_id, url, canonical_url, title, byline,
			published_at, published_utc, fetched_at, language, text, words, content_hash, fingerprint, duplicate_of,
			date_source, date_inferred, truncated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		sourceID, a.URL, a.CanonicalURL, a.Title, a.Byline,
		published, nullTime(a.PublishedAt), formatTime(a.FetchedAt), a.Language, a.Text, a.Words(),
		a.ContentHash, int64(a.Fingerprint), sql.NullInt64{Int64: dup, Valid: dup != 0},
		a.DateSource, a.DateInferred && !a.PublishedAt.IsZero(), a.Truncated).Scan(&id)
	if err != nil {
		return SaveResult{}, fmt.Errorf("insert: %w", err)
	}
	return SaveResult{ID: id, Status: StatusNew, DuplicateOf: dup}, nil
}

// fingerprintBands is how many 16-bit bands the fingerprint indexes split
// a fingerprint into. Two fingerprints at most bands-1 bits apart agree on
// at least one band, so looking candidates up by band finds every
// near-duplicate.
const fingerprintBands = 4

// The band lookup is exact only while NearDuplicateDistance < bands: this
// fails to compile otherwise.
const _ = uint(fingerprintBands - 1 - sectorpulse.NearDuplicateDistance)

// syndicationWindow is how far apart in time (published, else fetched) a
// syndicated copy and its original may be: sites run a wire story the same
// day or, over a weekend or a holiday, a day or two later. The window also
// keeps recurring stories apart (the daily market close repeats much of
// its wording from one day to the next).
const syndicationWindow = 3 * 24 * time.Hour

// syndicationCandidates is how many of the fingerprint-closest articles in
// the window nearDuplicate compares texts with. Each costs reading a text
// and shingling it; the bound keeps a burst of look-alike stories (many
// same-template market wraps within a few days) from slowing every save.
const syndicationCandidates = 32

// nearDuplicate returns the id of the article a nearly duplicates, or zero.
// Among the 5000 most recent articles, that is the closest whose
// fingerprint is within sectorpulse.NearDuplicateDistance bits of a's;
// failing that, the syndicated copy (see syndicatedCopy) that shares the
// most of a's text. Either way, when that article is itself a
// near-duplicate, its original: copies all point at the first one stored.
func nearDuplicate(ctx context.Context, tx *sql.Tx, a *sectorpulse.Article) (int64, error) {
	id, err := closeFingerprint(ctx, tx, a.Fingerprint)
	if err != nil || id != 0 {
		return id, err
	}
	return syndicatedCopy(ctx, tx, a)
}

// closeFingerprint returns the id of the original of the closest of the
// most recent articles whose fingerprint is within NearDuplicateDistance
// bits of fp, or zero. The original of a near-duplicate is what it
// duplicates.
func closeFingerprint(ctx context.Context, tx *sql.Tx, fp uint64) (int64, error) {
	var band [fingerprintBands]int64
	for i := range band {
		band[i] = int64(fp >> (16 * i) & 0xffff)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, fingerprint, duplicate_of FROM articles
		WHERE id > (SELECT COALESCE(MAX(id), 0) FROM articles) - ?
			AND ((fingerprint & 65535) = ? OR ((fingerprint >> 16) & 65535) = ?
				OR ((fingerprint >> 32) & 65535) = ? OR ((fingerprint >> 48) & 65535) = ?)
		ORDER BY id DESC`, nearDuplicateWindow, band[0], band[1], band[2], band[3])
	if err != nil {
		return 0, fmt.Errorf("near-duplicate scan: %w", err)
	}
	defer rows.Close()
	var best int64
	bestDist := sectorpulse.NearDuplicateDistance + 1
	for rows.Next() {
		var id, stored int64
		var orig sql.NullInt64
		if err := rows.Scan(&id, &stored, &orig); err != nil {
			return 0, fmt.Errorf("near-duplicate scan: %w", err)
		}
		// Rows come newest first: <= keeps the oldest of equally close ones.
		if d := sectorpulse.HammingDistance(fp, uint64(stored)); d <= sectorpulse.NearDuplicateDistance && d <= bestDist {
			best, bestDist = id, d
			if orig.Valid {
				best = orig.Int64
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("near-duplicate scan: %w", err)
	}
	return best, nil
}

// syndicationCandidate is a stored article that may be a copy of the same
// story as the one being saved.
type syndicationCandidate struct {
	id, orig int64 // orig: what id duplicates, else id
	dist     int   // Hamming distance of the fingerprints
}

// syndicatedCopy returns the id of the original of the stored article that
// is the same story as a in another site's dress (a wire story with its
// own headline, dateline, teaser, credits or related links, or with its
// last paragraphs cut), or zero. Such copies are too far apart for
// NearDuplicateDistance, so it checks in two steps:
//
//  1. Candidates: of the 5000 most recent articles, those published (else
//     fetched) within syndicationWindow of a whose fingerprint is within
//     sectorpulse.SyndicationDistance bits of a's; the
//     syndicationCandidates closest of them. The bands cannot find
//     fingerprints that far apart, so every fingerprint of the window is
//     read and compared in Go (see BenchmarkSaveArticleSyndicationScan).
//  2. Verification: a candidate is a copy when sectorpulse.SameStory says
//     so of the shingle sets of the two texts.
//
// Of the copies it picks the one sharing the largest part of the smaller
// text, the oldest of equals, and returns its original.
func syndicatedCopy(ctx context.Context, tx *sql.Tx, a *sectorpulse.Article) (int64, error) {
	at := a.PublishedAt
	if at.IsZero() {
		at = a.FetchedAt
	}
	// Two halves, so that the published time index can pick the dated
	// articles of the window without reading the rest of the 5000.
	lo, hi := formatTime(at.Add(-syndicationWindow)), formatTime(at.Add(syndicationWindow))
	rows, err := tx.QueryContext(ctx, `SELECT id, fingerprint, duplicate_of FROM articles
		WHERE published_utc BETWEEN ? AND ?
			AND id > (SELECT COALESCE(MAX(id), 0) FROM articles) - ?
		UNION ALL
		SELECT id, fingerprint, duplicate_of FROM articles
		WHERE published_utc IS NULL AND fetched_at BETWEEN ? AND ?
			AND id > (SELECT COALESCE(MAX(id), 0) FROM articles) - ?`,
		lo, hi, nearDuplicateWindow, lo, hi, nearDuplicateWindow)
	if err != nil {
		return 0, fmt.Errorf("syndication scan: %w", err)
	}
	defer rows.Close()
	var cands []syndicationCandidate
	for rows.Next() {
		var id, stored int64
		var orig sql.NullInt64
		if err := rows.Scan(&id, &stored, &orig); err != nil {
			return 0, fmt.Errorf("syndication scan: %w", err)
		}
		if d := sectorpulse.HammingDistance(a.Fingerprint, uint64(stored)); d <= sectorpulse.SyndicationDistance {
			c := syndicationCandidate{id: id, orig: id, dist: d}
			if orig.Valid {
				c.orig = orig.Int64
			}
			cands = append(cands, c)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("syndication scan: %w", err)
	}
	rows.Close()
	if len(cands) == 0 {
		return 0, nil
	}
	slices.SortFunc(cands, func(x, y syndicationCandidate) int {
		return cmp.Or(cmp.Compare(x.dist, y.dist), cmp.Compare(x.id, y.id))
	})
	cands = cands[:min(len(cands), syndicationCandidates)]

	ids := make([]string, len(cands))
	byID := make(map[int64]syndicationCandidate, len(cands))
	for i, c := range cands {
		ids[i] = strconv.FormatInt(c.id, 10)
		byID[c.id] = c
	}
	texts, err := tx.QueryContext(ctx, `SELECT id, text FROM articles
		WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, "["+strings.Join(ids, ",")+"]")
	if err != nil {
		return 0, fmt.Errorf("syndication check: %w", err)
	}
	defer texts.Close()
	mine := sectorpulse.Shingles(a.Text)
	var (
		best     syndicationCandidate
		bestCont float64
	)
	for texts.Next() {
		var id int64
		var text string
		if err := texts.Scan(&id, &text); err != nil {
			return 0, fmt.Errorf("syndication check: %w", err)
		}
		theirs := sectorpulse.Shingles(text)
		if !sectorpulse.SameStory(mine, theirs) {
			continue
		}
		// Rows come oldest first: > keeps the oldest of equally good ones.
		if cont := mine.Containment(theirs); cont > bestCont {
			best, bestCont = byID[id], cont
		}
	}
	if err := texts.Err(); err != nil {
		return 0, fmt.Errorf("syndication check: %w", err)
	}
	return best.orig, nil
}

// upsertSource returns the id of the source called name, creating it.
func upsertSource(ctx context.Context, tx *sql.Tx, name string, now time.Time) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO sources (name, created_at) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`,
		name, formatTime(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("source %q: %w", name, err)
	}
	return id, nil
}
