package demosite

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var updatePrices = flag.Bool("update-prices", false, "rewrite site/prices/*.csv from the storyline in gen_prices_test.go")

// storyDay is one Hong Kong trading day of the sample storyline: the target
// daily moves of the Hang Seng Index and the Hang Seng Tech Index, in percent.
type storyDay struct {
	date      string
	hsi, tech float64
}

// storyline returns the base row (2024-12-31) followed by every Hong Kong
// trading day of January and February 2025 with the move the sample news
// tells of: a weak early January, the late-January DeepSeek shock, the
// February AI rally with its profit-taking days.
func storyline() (base storyDay, days []storyDay) {
	base = storyDay{date: "2024-12-31", hsi: 20112.40, tech: 4641.30}
	days = []storyDay{
		{"2025-01-02", -2.18, -3.05}, // tariff worries, Fed caution
		{"2025-01-03", 0.62, 0.85},
		{"2025-01-06", -1.22, -1.74},
		{"2025-01-07", 0.71, 1.10},
		{"2025-01-08", -0.86, -1.42},
		{"2025-01-09", -0.19, 0.35},
		{"2025-01-10", -0.93, -1.67},
		{"2025-01-13", -1.05, -0.61}, // the January low
		{"2025-01-14", 1.83, 2.64},   // CSRC support pledge
		{"2025-01-15", 0.31, 0.12},
		{"2025-01-16", 0.28, 0.56},
		{"2025-01-17", 0.33, 0.42},
		{"2025-01-20", 0.92, 1.30},
		{"2025-01-21", 0.91, 1.95},
		{"2025-01-22", -1.63, -2.12},
		{"2025-01-23", 0.42, 0.81},
		{"2025-01-24", 1.86, 2.31},
		{"2025-01-27", 0.66, 2.48},   // DeepSeek shock
		{"2025-01-28", 0.14, 0.37},   // Lunar New Year's Eve half day
		{"2025-02-03", -0.87, -1.15}, // tariffs after the holiday
		{"2025-02-04", 2.71, 4.26},
		{"2025-02-05", 0.35, 0.58},
		{"2025-02-06", -0.42, -0.95},
		{"2025-02-07", 0.68, 1.84},
		{"2025-02-10", 0.92, 2.05}, // BYD driver assistance
		{"2025-02-11", -0.61, -1.22},
		{"2025-02-12", 0.95, 1.62},
		{"2025-02-13", -0.68, -1.45},
		{"2025-02-14", 3.62, 5.34}, // the big AI day
		{"2025-02-17", -0.38, -1.12},
		{"2025-02-18", 0.86, 1.52},
		{"2025-02-19", -0.54, -1.31},
		{"2025-02-20", -1.94, -3.49}, // profit-taking
		{"2025-02-21", 3.21, 5.12},   // Alibaba results
		{"2025-02-24", -0.64, -1.36},
		{"2025-02-25", -1.82, -3.10},
		{"2025-02-26", 3.23, 5.26},
		{"2025-02-27", -0.29, -0.98},
		{"2025-02-28", -3.28, -5.32}, // month-end sell-off
	}
	return base, days
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// splitmix returns a deterministic pseudo-random number in [0, 1) for seed.
func splitmix(seed uint64) float64 {
	z := seed + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(z>>11) / float64(1<<53)
}

// generatePrices renders HSI.csv (Yahoo Finance layout) and HSTECH.csv
// (Date,Close) from the storyline.
func generatePrices() (hsi, tech []byte) {
	base, days := storyline()
	var h, t bytes.Buffer
	h.WriteString("Date,Open,High,Low,Close,Adj Close,Volume\n")
	t.WriteString("Date,Close\n")
	prevH, prevT := base.hsi, base.tech
	write := func(i int, date string, prev, closing float64) {
		r1, r2, r3, r4 := splitmix(uint64(4*i)), splitmix(uint64(4*i+1)), splitmix(uint64(4*i+2)), splitmix(uint64(4*i+3))
		open := round2(prev * (1 + (r1-0.5)*0.008))
		high := round2(math.Max(open, closing) * (1 + r2*0.006))
		low := round2(math.Min(open, closing) * (1 - r3*0.006))
		vol := 1_800_000_000 + int64(r4*2_600_000_000)
		fmt.Fprintf(&h, "%s,%.6f,%.6f,%.6f,%.6f,%.6f,%d\n", date, open, high, low, closing, closing, vol)
	}
	write(0, base.date, base.hsi*1.003, base.hsi)
	fmt.Fprintf(&t, "%s,%.2f\n", base.date, base.tech)
	for i, d := range days {
		ch := round2(prevH * (1 + d.hsi/100))
		ct := round2(prevT * (1 + d.tech/100))
		write(i+1, d.date, prevH, ch)
		fmt.Fprintf(&t, "%s,%.2f\n", d.date, ct)
		prevH, prevT = ch, ct
	}
	return h.Bytes(), t.Bytes()
}

// TestGeneratedPricesMatchEmbedded keeps the bundled CSVs reproducible: they
// must be exactly what the storyline generates. Run with -update-prices to
// rewrite them after changing the storyline (and then fix the articles the
// consistency test flags).
func TestGeneratedPricesMatchEmbedded(t *testing.T) {
	hsi, tech := generatePrices()
	files := []struct {
		name string
		want []byte
	}{
		{"HSI.csv", hsi},
		{"HSTECH.csv", tech},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			path := filepath.Join("site", "prices", f.name)
			if *updatePrices {
				if err := os.WriteFile(path, f.want, 0o644); err != nil {
					t.Fatalf("write %s: %v", path, err)
				}
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read %s: %v", path, err)
			}
			if !bytes.Equal(got, f.want) {
				t.Errorf("%s differs from the generated storyline prices; run go test -run TestGeneratedPricesMatchEmbedded -update-prices", path)
			}
		})
	}
}
