package store

import (
	"context"
	"fmt"

	"github.com/sectorpulse/sectorpulse"
)

// SaveSectors inserts or updates sectors by id.
func (db *DB) SaveSectors(ctx context.Context, ss []sectorpulse.Sector) error {
	for i, s := range ss {
		if s.ID == "" {
			return fmt.Errorf("save sectors: sector %d (%s): %w: empty id", i+1, s.Name, ErrInvalid)
		}
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save sectors: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO sectors (id, name, hsics, gics) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, hsics = excluded.hsics, gics = excluded.gics`)
	if err != nil {
		return fmt.Errorf("save sectors: %w", err)
	}
	defer stmt.Close()
	for _, s := range ss {
		if _, err := stmt.ExecContext(ctx, s.ID, s.Name, s.HSICS, s.GICS); err != nil {
			return fmt.Errorf("save sector %q: %w", s.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save sectors: commit: %w", err)
	}
	return nil
}

// Sectors returns the stored sectors ordered by id.
func (db *DB) Sectors(ctx context.Context) ([]sectorpulse.Sector, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name, hsics, gics FROM sectors ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sectors: %w", err)
	}
	defer rows.Close()
	var out []sectorpulse.Sector
	for rows.Next() {
		var s sectorpulse.Sector
		if err := rows.Scan(&s.ID, &s.Name, &s.HSICS, &s.GICS); err != nil {
			return nil, fmt.Errorf("sectors: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sectors: %w", err)
	}
	return out, nil
}
