package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"
)

func TestMigrationsAppliedOnceAndRecorded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sp.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	type rec struct {
		version         int
		name, appliedAt string
	}
	read := func(db *DB) []rec {
		t.Helper()
		rows, err := db.read.QueryContext(ctx, `SELECT version, name, applied_at FROM schema_migrations ORDER BY version`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []rec
		for rows.Next() {
			var r rec
			if err := rows.Scan(&r.version, &r.name, &r.appliedAt); err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		return out
	}

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("first Open: %v", err)
	}
	first := read(db)
	if len(first) != len(ms) {
		t.Fatalf("recorded migrations = %d, want %d", len(first), len(ms))
	}
	if first[0].version != 1 || first[0].name != "init" || first[0].appliedAt == "" {
		t.Errorf("first migration recorded as %+v, want version 1 name init with a time", first[0])
	}
	mustSave(t, db, newArticle(1))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer db.Close()
	second := read(db)
	if len(second) != len(first) || second[0] != first[0] {
		t.Errorf("after reopen schema_migrations = %+v, want unchanged %+v", second, first)
	}
	if got := counts(t, db).Articles; got != 1 {
		t.Errorf("articles after reopen = %d, want 1 (data kept)", got)
	}
}

func TestWALInEffect(t *testing.T) {
	db := openTest(t)
	for name, pool := range map[string]*sql.DB{"write": db.write, "read": db.read} {
		var mode string
		if err := pool.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" {
			t.Errorf("%s pool journal_mode = %q, want wal", name, mode)
		}
	}
	var fk int
	if err := db.write.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if fk != 1 {
		t.Errorf("foreign_keys = %d, want 1", fk)
	}
	if _, err := db.read.Exec(`INSERT INTO sectors (id) VALUES ('x')`); err == nil {
		t.Error("write through the read pool succeeded, want a read-only error")
	}
}

func TestOpenRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	garbage := filepath.Join(dir, "notes.db")
	garbageBytes := bytes.Repeat([]byte("Closing prices, not a database.\n"), 200)
	short := filepath.Join(dir, "short.db")
	shortBytes := []byte("hello")
	foreign := filepath.Join(dir, "other-app.db")
	for path, b := range map[string][]byte{garbage: garbageBytes, short: shortBytes} {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	other, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Exec(`CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)`); err != nil {
		t.Fatal(err)
	}
	other.Close()
	foreignBytes, err := os.ReadFile(foreign)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name      string
		path      string
		want      string // exact prefix of the error message
		is        error
		driverErr bool
		bytes     []byte // the file's bytes, which must be unchanged
	}{
		{name: "missing directory", path: filepath.Join(dir, "nope", "sp.db"),
			want: "open database " + filepath.Join(dir, "nope", "sp.db") + ": no such directory: " + filepath.Join(dir, "nope")},
		{name: "text file", path: garbage, is: ErrNotSQLite, driverErr: true, bytes: garbageBytes,
			want: "open database " + garbage + ": not a SQLite database (file is corrupt or of another kind)"},
		{name: "short file", path: short, is: ErrNotSQLite, driverErr: true, bytes: shortBytes,
			want: "open database " + short + ": not a SQLite database (file is corrupt or of another kind)"},
		{name: "other application", path: foreign, is: ErrForeignDatabase, bytes: foreignBytes,
			want: "open database " + foreign + ": not a sectorpulse database: it has tables (recipes) but no schema_migrations"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(ctx, tt.path)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded, want an error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			var se sqlite3.Error
			if got := errors.As(err, &se); got != tt.driverErr {
				t.Errorf("error wraps a driver error: got %v, want %v", got, tt.driverErr)
			}
			if tt.bytes != nil {
				got, err := os.ReadFile(tt.path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, tt.bytes) {
					t.Errorf("file changed by the failed Open: %d bytes, want %d unchanged", len(got), len(tt.bytes))
				}
				if _, err := os.Stat(tt.path + "-wal"); err == nil {
					t.Errorf("failed Open left %s-wal", tt.path)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "nope")); !os.IsNotExist(err) {
		t.Errorf("Open created the missing directory (stat err %v)", err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sp.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path)
	if err == nil {
		db.Close()
		t.Fatal("Open of a newer schema succeeded, want ErrSchemaTooNew")
	}
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("error = %v, want ErrSchemaTooNew", err)
	}
}

func TestOpenPathNeedingEscape(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "market data #1 ?50% off.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	mustSave(t, db, newArticle(1))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("database not at %q: %v", path, err)
	}
	if fi.Size() == 0 {
		t.Errorf("database file %q is empty", path)
	}
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
}
