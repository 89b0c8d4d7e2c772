package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// writeParams are the connection settings of the write pool: WAL so readers
// never block the writer, a long busy timeout and immediate transactions so
// concurrent processes queue for the write lock instead of failing. A
// 64 MiB page cache (allocated as pages are read) keeps the recent
// articles' rows that the near-duplicate check scans on every save in
// memory: 12.9 → 4.5 ms per save with 5,000 articles in the window
// (BenchmarkSaveArticleSyndicationScan).
const writeParams = "_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_foreign_keys=on&_synchronous=NORMAL&_cache_size=-65536"

// readParams are the connection settings of the read-only pool.
const readParams = "mode=ro&_busy_timeout=10000&_foreign_keys=on"

// DB is an open sectorpulse database. Its methods are safe for concurrent
// use; several processes may open the same file at once.
type DB struct {
	path  string
	write *sql.DB // writes, one connection, immediate transactions
	read  *sql.DB // reads outside transactions, read-only
}

// Open opens the database at path, creating the file (but never its
// directory) when missing, and applies pending migrations. It refuses,
// without writing to it, a file that is not a SQLite database or that
// belongs to another application.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open database: %w: empty path", ErrInvalid)
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("open database %s: %w: %s", path, ErrNoDirectory, dir)
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("open database %s: %w: %s is a file", path, ErrNoDirectory, dir)
	}
	// Processes that open a new file at the same moment race to turn it
	// into a WAL database, and SQLite then answers "database is locked"
	// without waiting on the busy timeout: try again for a while.
	deadline := time.Now().Add(openRetryFor)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, 500*time.Millisecond) {
		db, err := open(ctx, path)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return db, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("open database %s: %w", path, ctx.Err())
		case <-time.After(wait):
		}
	}
}

// openRetryFor is how long Open retries a database that is busy while it
// is being set up.
const openRetryFor = 10 * time.Second

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// open is one attempt of Open, after the directory checks.
func open(ctx context.Context, path string) (*DB, error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("open database %s: is a directory", path)
	case err == nil && fi.Size() > 0:
		if err := inspect(ctx, path); err != nil {
			return nil, err
		}
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}

	db := &DB{path: path}
	db.write, err = sql.Open("sqlite3", dsn(path, writeParams))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// One writer connection per process: the Go pool queues writers, and
	// SQLite's busy timeout arbitrates between processes.
	db.write.SetMaxOpenConns(1)
	if err := db.checkWAL(ctx); err != nil {
		db.write.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.write.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.read, err = sql.Open("sqlite3", dsn(path, readParams))
	if err != nil {
		db.write.Close()
		return nil, fmt.Errorf("open database %s: read pool: %w", path, err)
	}
	if err := db.read.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: read pool: %w", path, err)
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, err)
	}
	return nil
}

// Path returns the path the database was opened with.
func (db *DB) Path() string { return db.path }

// dsn builds a go-sqlite3 URI DSN for path with the given query parameters,
// escaping the characters a URI path cannot hold (?, #, %, spaces).
func dsn(path, params string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	u := url.URL{Path: filepath.ToSlash(path)}
	return "file:" + u.EscapedPath() + "?" + params
}

// inspect checks, through a read-only connection that cannot modify the
// file, that an existing non-empty file is a SQLite database of ours.
func inspect(ctx context.Context, path string) error {
	ro, err := sql.Open("sqlite3", dsn(path, readParams))
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer ro.Close()
	rows, err := ro.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		return inspectError(path, err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return inspectError(path, err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		return inspectError(path, err)
	}
	if len(tables) > 0 && !slices.Contains(tables, "schema_migrations") {
		const show = 5
		list := tables
		if len(list) > show {
			list = append(list[:show:show], "…")
		}
		return fmt.Errorf("open database %s: %w: it has tables (%s) but no schema_migrations",
			path, ErrForeignDatabase, strings.Join(list, ", "))
	}
	return nil
}

// inspectError words a driver error met while reading an existing file.
func inspectError(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
		return fmt.Errorf("open database %s: %w: %w", path, ErrNotSQLite, err)
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

// checkWAL verifies that the write pool's connection runs in WAL mode.
func (db *DB) checkWAL(ctx context.Context) error {
	var mode string
	if err := db.write.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return inspectError(db.path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("open database %s: journal mode is %q, want wal (is the file on a network file system?)", db.path, mode)
	}
	return nil
}
