package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestConcurrentProcesses runs four writers, each with its own *DB on the
// same file as separate processes would, saving articles and analyses at
// once; none may fail with "database is locked".
func TestConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("concurrency test skipped in -short mode")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	const writers, perWriter = 4, 50

	// Opening concurrently also races the first migration.
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter*2+writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := Open(ctx, path)
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			for i := range perWriter {
				a := newArticle(1000 + w*perWriter + i)
				if _, err := db.SaveArticle(ctx, a); err != nil {
					errs <- err
					continue
				}
				an := newAnalysis(t, a, "lexicon", "v1", time.Now())
				if _, err := db.SaveAnalysis(ctx, an); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := counts(t, db)
	if c.Articles != writers*perWriter || c.Analyses != writers*perWriter || c.Mentions != 3*writers*perWriter {
		t.Errorf("got %d articles, %d analyses, %d mentions; want %d, %d, %d",
			c.Articles, c.Analyses, c.Mentions, writers*perWriter, writers*perWriter, 3*writers*perWriter)
	}
	var versions int
	if err := db.read.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&versions); err != nil {
		t.Fatal(err)
	}
	if ms, _ := migrations(); versions != len(ms) {
		t.Errorf("schema_migrations rows: got %d, want %d", versions, len(ms))
	}
}
