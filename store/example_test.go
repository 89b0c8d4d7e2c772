package store_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/store"
)

func Example() {
	dir, err := os.MkdirTemp("", "sectorpulse-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, "sectorpulse.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	hkt := time.FixedZone("HKT", 8*3600)
	a := &sectorpulse.Article{
		URL:         "https://wire.example.com/markets/hsi-close",
		Source:      "example-wire",
		Title:       "Hang Seng ends higher",
		PublishedAt: time.Date(2025, 3, 4, 16, 20, 0, 0, hkt),
		FetchedAt:   time.Date(2025, 3, 4, 8, 30, 0, 0, time.UTC),
		Text:        "The Hang Seng Index rose 1.4 percent to 20,318.55 points on Tuesday.",
	}
	for range 2 {
		res, err := db.SaveArticle(ctx, a)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(res.ID, res.Status)
	}
	// Output:
	// 1 new
	// 1 duplicate_url
}
