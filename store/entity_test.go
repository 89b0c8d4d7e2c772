package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

func TestReadEntities(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sectorpulse.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	user := sectorpulse.Entity{Name: "Delta Robotics", Kind: sectorpulse.KindCompany,
		Aliases: []string{"Delta Robot"}, Tickers: []string{"9999.HK"}, Sectors: []string{"tech.ai"}}
	if err := db.SaveEntities(ctx, []sectorpulse.Entity{user}, OriginUser); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveEntities(ctx, []sectorpulse.Entity{{Name: "Alpha Semiconductor", Kind: sectorpulse.KindCompany}}, OriginGazetteer); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	got, err := ReadEntities(ctx, path)
	if err != nil {
		t.Fatalf("ReadEntities: %v", err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d entities, want 2: %+v", len(got), got)
	}
	d := got[1]
	if d.Name != user.Name || d.Origin != OriginUser || d.Kind != user.Kind || !slices.Equal(d.Aliases, user.Aliases) ||
		!slices.Equal(d.Tickers, user.Tickers) || !slices.Equal(d.Sectors, user.Sectors) {
		t.Errorf("got %+v, want %+v with origin user", d, user)
	}
	if got[0].Origin != OriginGazetteer {
		t.Errorf("origin of %s: got %q, want gazetteer", got[0].Name, got[0].Origin)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(before) {
		t.Error("ReadEntities changed the database file")
	}
}

func TestReadEntitiesNeverCreates(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	if _, err := ReadEntities(ctx, missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: got %v, want fs.ErrNotExist", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadEntities created %s", missing)
	}

	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadEntities(ctx, empty); err != nil || len(got) != 0 {
		t.Errorf("empty file: got %v, %v, want no entities and no error", got, err)
	}

	foreign := filepath.Join(dir, "foreign.db")
	fdb, err := sql.Open("sqlite3", dsn(foreign, "_journal_mode=WAL"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fdb.Exec(`CREATE TABLE notes (body TEXT)`); err != nil {
		t.Fatal(err)
	}
	fdb.Close()
	if _, err := ReadEntities(ctx, foreign); !errors.Is(err, ErrForeignDatabase) {
		t.Errorf("foreign database: got %v, want ErrForeignDatabase", err)
	}
}
