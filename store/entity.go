package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// The origins of an entity row.
const (
	// OriginGazetteer marks entities seeded from the built-in gazetteer.
	OriginGazetteer = "gazetteer"
	// OriginDiscovered marks entities first seen in an analysis.
	OriginDiscovered = "discovered"
	// OriginUser marks entities a user added.
	OriginUser = "user"
)

// StoredEntity is an entity as stored, with where it came from and how
// often it is mentioned.
type StoredEntity struct {
	sectorpulse.Entity
	// Origin is OriginGazetteer, OriginDiscovered or OriginUser.
	Origin string
	// FirstArticleID is the article a discovered entity was first seen in,
	// zero for others.
	FirstArticleID int64
	// Mentions counts the entity's stored mentions over all analyses.
	Mentions int
}

// SaveEntities inserts or updates entities by name (ignoring case) with the
// given origin. A gazetteer seed does not overwrite an entity a user added;
// a discovered entity that is later seeded or added takes the new origin.
func (db *DB) SaveEntities(ctx context.Context, es []sectorpulse.Entity, origin string) error {
	switch origin {
	case OriginGazetteer, OriginDiscovered, OriginUser:
	default:
		return fmt.Errorf("save entities: %w: origin %q is not gazetteer, discovered or user", ErrInvalid, origin)
	}
	for i, e := range es {
		if e.Name == "" {
			return fmt.Errorf("save entities: entity %d: %w: empty name", i+1, ErrInvalid)
		}
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save entities: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO entities (name, kind, aliases, tickers, sectors, origin, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, aliases = excluded.aliases,
			tickers = excluded.tickers, sectors = excluded.sectors, origin = excluded.origin
		WHERE NOT (entities.origin = 'user' AND excluded.origin <> 'user')`)
	if err != nil {
		return fmt.Errorf("save entities: %w", err)
	}
	defer stmt.Close()
	now := formatTime(time.Now())
	for _, e := range es {
		if _, err := stmt.ExecContext(ctx, e.Name, string(e.Kind), encodeList(e.Aliases), encodeList(e.Tickers),
			encodeList(e.Sectors), origin, now); err != nil {
			return fmt.Errorf("save entity %q: %w", e.Name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save entities: commit: %w", err)
	}
	return nil
}

// Entities returns the stored entities ordered by name.
func (db *DB) Entities(ctx context.Context) ([]StoredEntity, error) {
	out, err := queryEntities(ctx, db.read)
	if err != nil {
		return nil, fmt.Errorf("entities of %s: %w", db.path, err)
	}
	return out, nil
}

// ReadEntities returns the entities stored in the database file at path,
// ordered by name, through a read-only connection: the file is never
// created, migrated or written to. A missing file is an error wrapping
// fs.ErrNotExist; an empty file, or a database without an entities table
// yet, holds no entities. Like Open it refuses a file that is not a
// sectorpulse database.
func ReadEntities(ctx context.Context, path string) ([]StoredEntity, error) {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, fmt.Errorf("read entities of %s: %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("read entities of %s: is a directory", path)
	case fi.Size() == 0:
		return nil, nil
	}
	if err := inspect(ctx, path); err != nil {
		return nil, err
	}
	ro, err := sql.Open("sqlite3", dsn(path, readParams))
	if err != nil {
		return nil, fmt.Errorf("read entities of %s: %w", path, err)
	}
	defer ro.Close()
	var tables int
	if err := ro.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'entities'`).Scan(&tables); err != nil {
		return nil, fmt.Errorf("read entities of %s: %w", path, err)
	}
	if tables == 0 {
		return nil, nil
	}
	out, err := queryEntities(ctx, ro)
	if err != nil {
		return nil, fmt.Errorf("read entities of %s: %w", path, err)
	}
	return out, nil
}

// queryEntities reads every entity through q, ordered by name.
func queryEntities(ctx context.Context, q *sql.DB) ([]StoredEntity, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.name, e.kind, e.aliases, e.tickers, e.sectors, e.origin,
			e.first_article_id, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)
		FROM entities e ORDER BY e.name`)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer rows.Close()
	var out []StoredEntity
	for rows.Next() {
		var e StoredEntity
		var kind, aliases, tickers, sectors string
		var first sql.NullInt64
		if err := rows.Scan(&e.Name, &kind, &aliases, &tickers, &sectors, &e.Origin, &first, &e.Mentions); err != nil {
			return nil, fmt.Errorf("entities: %w", err)
		}
		e.Kind = sectorpulse.EntityKind(kind)
		e.FirstArticleID = first.Int64
		if e.Aliases, err = decodeList(aliases); err != nil {
			return nil, fmt.Errorf("entity %q aliases: %w", e.Name, err)
		}
		if e.Tickers, err = decodeList(tickers); err != nil {
			return nil, fmt.Errorf("entity %q tickers: %w", e.Name, err)
		}
		if e.Sectors, err = decodeList(sectors); err != nil {
			return nil, fmt.Errorf("entity %q sectors: %w", e.Name, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return out, nil
}
