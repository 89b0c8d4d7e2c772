package market

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// tenYears returns deterministic synthetic data the size of ten years of
// daily research: 2,520 weekday trading days of index log returns (about
// 1.2% a day) and the daily sentiment of 50 sectors, present on about 90%
// of the days, a tenth of them exactly neutral and the rest rounded to three
// decimals as an averaged lexicon score would be, so that ties occur.
func tenYears() ([]DailySector, []Return) {
	const tradingDays, sectors = 2520, 50
	rng := rand.New(rand.NewPCG(2015, 2025))
	dates := make([]string, 0, tradingDays)
	for d := time.Date(2015, 1, 5, 0, 0, 0, 0, time.UTC); len(dates) < tradingDays; d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			dates = append(dates, d.Format(dateLayout))
		}
	}
	returns := make([]Return, tradingDays)
	level := 20000.0
	for i, date := range dates {
		r := 0.012 * rng.NormFloat64()
		level *= math.Exp(r)
		returns[i] = Return{Date: date, Close: level, LogReturn: r}
	}
	daily := make([]DailySector, 0, tradingDays*sectors)
	for s := range sectors {
		sector := fmt.Sprintf("sector.%02d", s)
		for i, date := range dates {
			if rng.Float64() < 0.1 {
				continue // no story about the sector that day
			}
			var sent float64
			if rng.Float64() >= 0.1 {
				lead := 0.0
				if i+1 < tradingDays {
					lead = float64(s%5) * returns[i+1].LogReturn * 10
				}
				sent = math.Round(math.Tanh(0.4*rng.NormFloat64()+lead)*1000) / 1000
			}
			daily = append(daily, DailySector{TradingDate: date, Sector: sector, Analyzer: "lexicon",
				Sentiment: sent, Articles: 1 + rng.IntN(6), Mentions: 1 + rng.IntN(12)})
		}
	}
	return daily, returns
}

// BenchmarkCorrelate10Years correlates ten years of trading days (2,520)
// with 50 sectors at lags −5…5 by all three methods: 1,650 rows.
func BenchmarkCorrelate10Years(b *testing.B) {
	daily, returns := tenYears()
	lags := make([]int, 0, 11)
	for k := -5; k <= 5; k++ {
		lags = append(lags, k)
	}
	opts := CorrelationOptions{Index: "HSI", Lags: lags}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		got, err := Correlate(daily, returns, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != 50*11*3 {
			b.Fatalf("got %d rows, want %d", len(got), 50*11*3)
		}
	}
}

// BenchmarkSortCountingSwaps times the merge step of Knight's algorithm on
// 2,520 values, the size of ten years of trading days. It cycles through
// many different inputs: timed on one input over and over, the branch
// predictor learns the merge's comparisons and the figure comes out several
// times too fast.
func BenchmarkSortCountingSwaps(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	inputs := make([][]float64, 256)
	for k := range inputs {
		inputs[k] = make([]float64, 2520)
		for i := range inputs[k] {
			inputs[k][i] = 0.012 * rng.NormFloat64()
		}
	}
	a, buf := make([]float64, 2520), make([]float64, 2520)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		copy(a, inputs[i%len(inputs)])
		sortCountingSwaps(a, buf)
	}
}
