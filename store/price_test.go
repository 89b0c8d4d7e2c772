package store

import (
	"context"
	"errors"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

func TestSavePrices(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	hsi := []sectorpulse.Price{
		{Index: "HSI", Date: "2025-03-03", Open: 22810.5, High: 23006.2, Low: 22781.0, Close: 23006.27},
		{Index: "HSI", Date: "2025-03-04", Open: 22790.1, High: 22850.0, Low: 22650.4, Close: 22941.77},
		{Index: "HSI", Date: "2025-03-05", Close: 23594.21},
	}
	tech := []sectorpulse.Price{{Index: "HSTECH", Date: "2025-03-04", Close: 5602.12}}
	changed := append([]sectorpulse.Price(nil), hsi...)
	changed[1].Close = 22900.00

	steps := []struct {
		name string
		ps   []sectorpulse.Price
		want PriceResult
	}{
		{"first import", hsi, PriceResult{Inserted: 3}},
		{"same file again", hsi, PriceResult{Unchanged: 3}},
		{"corrected close", changed, PriceResult{Updated: 1, Unchanged: 2}},
		{"other index", tech, PriceResult{Inserted: 1}},
	}
	for _, s := range steps {
		got, err := db.SavePrices(ctx, s.ps)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got != s.want {
			t.Errorf("%s: got %+v, want %+v", s.name, got, s.want)
		}
	}

	queries := []struct {
		name, index, from, to string
		want                  []sectorpulse.Price
	}{
		{"all", "HSI", "", "", changed},
		{"from", "HSI", "2025-03-04", "", changed[1:]},
		{"to", "HSI", "", "2025-03-04", changed[:2]},
		{"one day", "HSI", "2025-03-04", "2025-03-04", changed[1:2]},
		{"unknown index", "SPX", "", "", nil},
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			got, err := db.Prices(ctx, q.index, q.from, q.to)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(q.want) {
				t.Fatalf("got %+v, want %+v", got, q.want)
			}
			for i := range got {
				if got[i] != q.want[i] {
					t.Errorf("price %d: got %+v, want %+v", i, got[i], q.want[i])
				}
			}
		})
	}
	if _, err := db.Prices(ctx, "HSI", "3/4/2025", ""); !errors.Is(err, ErrInvalid) {
		t.Errorf("Prices with a bad date: error %v, want ErrInvalid", err)
	}

	indexes, err := db.PriceIndexes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(indexes) != 2 || indexes[0] != "HSI" || indexes[1] != "HSTECH" {
		t.Errorf("PriceIndexes: got %v, want [HSI HSTECH]", indexes)
	}
	dates, err := db.TradingDates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2025-03-03", "2025-03-04", "2025-03-05"}; len(dates) != 3 || dates[0] != want[0] || dates[1] != want[1] || dates[2] != want[2] {
		t.Errorf("TradingDates: got %v, want %v", dates, want)
	}
	// Only the named indexes' dates: HSTECH has one of HSI's three days.
	got, err := db.TradingDates(ctx, "HSTECH", "NOPE")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "2025-03-04" {
		t.Errorf("TradingDates(HSTECH, NOPE) = %v, want [2025-03-04]", got)
	}
}

func TestSavePricesRejectsBadRowsWholly(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		bad  sectorpulse.Price
	}{
		{"no index", sectorpulse.Price{Date: "2025-03-06", Close: 1}},
		{"bad date", sectorpulse.Price{Index: "HSI", Date: "2025-02-30", Close: 1}},
		{"zero close", sectorpulse.Price{Index: "HSI", Date: "2025-03-06"}},
		{"negative low", sectorpulse.Price{Index: "HSI", Date: "2025-03-06", Low: -1, Close: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTest(t)
			ps := []sectorpulse.Price{{Index: "HSI", Date: "2025-03-05", Close: 23594.21}, tt.bad}
			if _, err := db.SavePrices(ctx, ps); !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v, want ErrInvalid", err)
			}
			if got := counts(t, db).Prices; got != 0 {
				t.Errorf("prices stored: got %d, want 0", got)
			}
		})
	}
}
