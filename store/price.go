package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// PriceResult counts what SavePrices did.
type PriceResult struct {
	Inserted, Updated, Unchanged int
}

// SavePrices inserts new prices and updates changed ones in one
// transaction, so importing the same file twice changes nothing. It checks
// every price first (index code set, date YYYY-MM-DD, close positive,
// open/high/low not negative) and on any error writes nothing.
func (db *DB) SavePrices(ctx context.Context, ps []sectorpulse.Price) (PriceResult, error) {
	for i, p := range ps {
		if err := checkPrice(p); err != nil {
			return PriceResult{}, fmt.Errorf("save prices: price %d (%s %s): %w", i+1, p.Index, p.Date, err)
		}
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return PriceResult{}, fmt.Errorf("save prices: %w", err)
	}
	defer tx.Rollback()
	get, err := tx.PrepareContext(ctx, `SELECT open, high, low, close FROM prices WHERE index_code = ? AND trading_date = ?`)
	if err != nil {
		return PriceResult{}, fmt.Errorf("save prices: %w", err)
	}
	defer get.Close()
	put, err := tx.PrepareContext(ctx, `INSERT INTO prices (index_code, trading_date, open, high, low, close)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (index_code, trading_date) DO UPDATE SET open = excluded.open, high = excluded.high,
			low = excluded.low, close = excluded.close`)
	if err != nil {
		return PriceResult{}, fmt.Errorf("save prices: %w", err)
	}
	defer put.Close()
	var res PriceResult
	for _, p := range ps {
		var old sectorpulse.Price
		err := get.QueryRowContext(ctx, p.Index, p.Date).Scan(&old.Open, &old.High, &old.Low, &old.Close)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res.Inserted++
		case err != nil:
			return PriceResult{}, fmt.Errorf("save price %s %s: %w", p.Index, p.Date, err)
		case old.Open == p.Open && old.High == p.High && old.Low == p.Low && old.Close == p.Close:
			res.Unchanged++
			continue
		default:
			res.Updated++
		}
		if _, err := put.ExecContext(ctx, p.Index, p.Date, p.Open, p.High, p.Low, p.Close); err != nil {
			return PriceResult{}, fmt.Errorf("save price %s %s: %w", p.Index, p.Date, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return PriceResult{}, fmt.Errorf("save prices: commit: %w", err)
	}
	return res, nil
}

// checkPrice checks one price against the prices table's rules.
func checkPrice(p sectorpulse.Price) error {
	switch {
	case p.Index == "":
		return fmt.Errorf("%w: empty index code", ErrInvalid)
	case !validDate(p.Date):
		return fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalid, p.Date)
	case !finite(p.Close) || p.Close <= 0:
		return fmt.Errorf("%w: close %v is not a positive number", ErrInvalid, p.Close)
	case !finite(p.Open) || !finite(p.High) || !finite(p.Low) || p.Open < 0 || p.High < 0 || p.Low < 0:
		return fmt.Errorf("%w: open/high/low %v/%v/%v not a number >= 0", ErrInvalid, p.Open, p.High, p.Low)
	}
	return nil
}

// validDate reports whether s is a calendar date in YYYY-MM-DD form.
func validDate(s string) bool {
	_, err := time.Parse(dateLayout, s)
	return err == nil
}

// Prices returns the prices of index from one date to another, both
// "YYYY-MM-DD" and inclusive ("" leaves that end open), ordered by date.
func (db *DB) Prices(ctx context.Context, index, from, to string) ([]sectorpulse.Price, error) {
	for _, d := range []string{from, to} {
		if d != "" && !validDate(d) {
			return nil, fmt.Errorf("prices of %s: %w: date %q is not YYYY-MM-DD", index, ErrInvalid, d)
		}
	}
	q := `SELECT index_code, trading_date, open, high, low, close FROM prices WHERE index_code = ?`
	args := []any{index}
	if from != "" {
		q += ` AND trading_date >= ?`
		args = append(args, from)
	}
	if to != "" {
		q += ` AND trading_date <= ?`
		args = append(args, to)
	}
	q += ` ORDER BY trading_date`
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("prices of %s: %w", index, err)
	}
	defer rows.Close()
	var out []sectorpulse.Price
	for rows.Next() {
		var p sectorpulse.Price
		if err := rows.Scan(&p.Index, &p.Date, &p.Open, &p.High, &p.Low, &p.Close); err != nil {
			return nil, fmt.Errorf("prices of %s: %w", index, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("prices of %s: %w", index, err)
	}
	return out, nil
}

// PriceIndexes returns the codes of the indexes that have prices, sorted.
func (db *DB) PriceIndexes(ctx context.Context) ([]string, error) {
	return db.strings(ctx, "price indexes", `SELECT DISTINCT index_code FROM prices ORDER BY index_code`)
}

// TradingDates returns the distinct dates of the prices of the given
// indexes, sorted; with no index given, of all prices.
func (db *DB) TradingDates(ctx context.Context, indexes ...string) ([]string, error) {
	q := `SELECT DISTINCT trading_date FROM prices`
	args := make([]any, len(indexes))
	if len(indexes) > 0 {
		q += ` WHERE index_code IN (?` + strings.Repeat(`, ?`, len(indexes)-1) + `)`
		for i, ix := range indexes {
			args[i] = ix
		}
	}
	return db.strings(ctx, "trading dates", q+` ORDER BY trading_date`, args...)
}

// strings runs a one-column query on the read pool; what names it in
// errors.
func (db *DB) strings(ctx context.Context, what, q string, args ...any) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
