package demosite

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestPricesReturnsBundledFiles(t *testing.T) {
	got := Prices()
	want := []struct{ index, name, header string }{
		{"HSI", "HSI.csv", "Date,Open,High,Low,Close,Adj Close,Volume"},
		{"HSTECH", "HSTECH.csv", "Date,Close"},
	}
	if len(got) != len(want) {
		t.Fatalf("Prices() got %d files, want %d", len(got), len(want))
	}
	for i, w := range want {
		t.Run(w.name, func(t *testing.T) {
			if got[i].Index != w.index || got[i].Name != w.name {
				t.Errorf("file %d got %s %s, want %s %s", i, got[i].Index, got[i].Name, w.index, w.name)
			}
			disk, err := os.ReadFile(filepath.Join("site", "prices", w.name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got[i].Data, disk) {
				t.Errorf("Data differs from site/prices/%s", w.name)
			}
			if line, _, _ := bytes.Cut(got[i].Data, []byte("\n")); string(line) != w.header {
				t.Errorf("header got %q, want %q", line, w.header)
			}
		})
	}
	got[0].Data[0] = 'X'
	if Prices()[0].Data[0] == 'X' {
		t.Errorf("Prices() shares its bytes between calls")
	}
}

func TestPriceFilesHaveOneRowPerTradingDay(t *testing.T) {
	wantDates := append([]string{"2024-12-31"}, hkTradingDays()...)
	if len(wantDates) != 40 {
		t.Fatalf("calendar got %d days, want 40 (base + 39 sessions)", len(wantDates))
	}
	ranges := map[string][2]float64{"HSI": {18900, 23000}, "HSTECH": {4300, 5600}}
	for _, pf := range Prices() {
		t.Run(pf.Name, func(t *testing.T) {
			rows, err := csv.NewReader(bytes.NewReader(pf.Data)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			rows = rows[1:]
			if len(rows) != len(wantDates) {
				t.Fatalf("rows got %d, want %d", len(rows), len(wantDates))
			}
			for i, r := range rows {
				if r[0] != wantDates[i] {
					t.Errorf("row %d date got %s, want %s", i+2, r[0], wantDates[i])
				}
				vals := make([]float64, len(r)-1)
				for j, cell := range r[1:] {
					v, err := strconv.ParseFloat(cell, 64)
					if err != nil {
						t.Fatalf("%s line %d column %d: %v", pf.Name, i+2, j+2, err)
					}
					vals[j] = v
				}
				closing := vals[0]
				if len(vals) == 6 { // Open,High,Low,Close,Adj Close,Volume
					open, high, low := vals[0], vals[1], vals[2]
					closing = vals[3]
					if high < math.Max(open, closing) || low > math.Min(open, closing) || low <= 0 {
						t.Errorf("line %d: O/H/L/C %v/%v/%v/%v inconsistent", i+2, open, high, low, closing)
					}
					if vals[4] != closing || vals[5] <= 0 {
						t.Errorf("line %d: Adj Close %v or Volume %v wrong", i+2, vals[4], vals[5])
					}
				}
				if lim := ranges[pf.Index]; closing < lim[0] || closing > lim[1] {
					t.Errorf("line %d: close %v outside %v", i+2, closing, lim)
				}
			}
		})
	}
}

// TestStorylineBigDays checks that the storyline's big days are big: the
// February AI rally has Hang Seng Tech Index days of more than 5 percent.
func TestStorylineBigDays(t *testing.T) {
	s := bundledSeries(t)["HSTECH"]
	big := 0
	for i := 1; i < len(s.closes); i++ {
		if s.closes[i]/s.closes[i-1]-1 >= 0.05 && s.dates[i] >= "2025-02-01" {
			big++
		}
	}
	if big < 2 {
		t.Errorf("February days with HSTECH up >= 5%%: got %d, want >= 2", big)
	}
}
