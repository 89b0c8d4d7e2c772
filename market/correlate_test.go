package market

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// day returns the i-th synthetic trading date.
func day(i int) string {
	return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(dateLayout)
}

// series returns log returns on day(0) … day(len(v)-1).
func series(v ...float64) []Return {
	out := make([]Return, len(v))
	for i, r := range v {
		out[i] = Return{Date: day(i), Close: 100, LogReturn: r}
	}
	return out
}

// noise returns n deterministic, irregular values of about ±2%.
func noise(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = 0.02 * math.Sin(1.3*float64(i*i)+0.7)
	}
	return out
}

func sentimentOn(sector string, days []int, values []float64) []DailySector {
	out := make([]DailySector, len(days))
	for i, d := range days {
		out[i] = DailySector{TradingDate: day(d), Sector: sector, Analyzer: "lexicon", Sentiment: values[i], Articles: 1, Mentions: 1}
	}
	return out
}

func find(t *testing.T, cs []Correlation, sector, method string, lag int) Correlation {
	t.Helper()
	for _, c := range cs {
		if c.Sector == sector && c.Method == method && c.Lag == lag {
			return c
		}
	}
	t.Fatalf("no correlation for %s %s lag %d in %+v", sector, method, lag, cs)
	return Correlation{}
}

func TestCorrelatePerfectLinear(t *testing.T) {
	rets := noise(10)
	days := make([]int, len(rets))
	sent := make([]float64, len(rets))
	for i, r := range rets {
		days[i] = i
		sent[i] = 2*r + 0.1
	}
	got, err := Correlate(sentimentOn("tech.ai", days, sent), series(rets...), CorrelationOptions{Index: "HSI"})
	if err != nil {
		t.Fatal(err)
	}
	for _, method := range []string{MethodPearson, MethodSpearman} {
		t.Run(method, func(t *testing.T) {
			c := find(t, got, "tech.ai", method, 0)
			if c.R != 1 || c.P != 0 || c.N != 10 {
				t.Errorf("got r=%v p=%v n=%d, want r=1 p=0 n=10", c.R, c.P, c.N)
			}
			if !(c.CILow <= c.R && c.R <= c.CIHigh) {
				t.Errorf("CI [%v, %v] does not contain r=%v", c.CILow, c.CIHigh, c.R)
			}
			if c.Index != "HSI" || c.From != day(0) || c.To != day(9) {
				t.Errorf("got index %s from %s to %s, want HSI %s %s", c.Index, c.From, c.To, day(0), day(9))
			}
		})
	}
}

func TestCorrelateLagShift(t *testing.T) {
	rets := noise(20)
	// Sentiment on day t equals the return on day t+2.
	var days []int
	var sent []float64
	for d := 0; d+2 < len(rets); d++ {
		days = append(days, d)
		sent = append(sent, rets[d+2])
	}
	got, err := Correlate(sentimentOn("tech.ai", days, sent), series(rets...),
		CorrelationOptions{Index: "HSI", Lags: []int{-1, 0, 2}, Methods: []string{MethodPearson}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lag, wantN int
		wantR1     bool
	}{
		{lag: 2, wantN: 18, wantR1: true},
		{lag: 0, wantN: 18},
		{lag: -1, wantN: 17}, // day 0 has no earlier return
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("lag %d", tt.lag), func(t *testing.T) {
			c := find(t, got, "tech.ai", MethodPearson, tt.lag)
			if c.N != tt.wantN {
				t.Errorf("n: got %d, want %d", c.N, tt.wantN)
			}
			if tt.wantR1 && (c.R != 1 || c.P != 0) {
				t.Errorf("got r=%v p=%v, want r=1 p=0", c.R, c.P)
			}
			if !tt.wantR1 && !(math.Abs(c.R) < 0.9) {
				t.Errorf("got r=%v, want |r| well below 1", c.R)
			}
		})
	}
}

func TestCorrelateGapsAreSkipped(t *testing.T) {
	rets := []float64{0.01, -0.02, 0.03, 0.005, -0.01, 0.02}
	// Sentiment on days 0, 2, 3 and 5 equals that day's return; days 1 and 4
	// have none. Filled with zeros r would be 0.939; skipped it is 1.
	daily := sentimentOn("tech.ai", []int{0, 2, 3, 5}, []float64{0.01, 0.03, 0.005, 0.02})
	// A sentiment date outside the return series is left out too.
	daily = append(daily, DailySector{TradingDate: "2024-12-31", Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.9})
	tests := []struct {
		name     string
		opts     CorrelationOptions
		wantN    int
		from, to string
	}{
		{"all days", CorrelationOptions{Methods: []string{MethodPearson}}, 4, day(0), day(5)},
		{"from/to", CorrelationOptions{Methods: []string{MethodPearson}, From: day(2), To: day(4)}, 2, day(2), day(3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Correlate(daily, series(rets...), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			c := find(t, got, "tech.ai", MethodPearson, 0)
			if c.N != tt.wantN || c.From != tt.from || c.To != tt.to {
				t.Errorf("got n=%d %s…%s, want n=%d %s…%s", c.N, c.From, c.To, tt.wantN, tt.from, tt.to)
			}
			if c.N >= 3 && math.Abs(c.R-1) > 1e-12 {
				t.Errorf("got r=%v, want 1", c.R)
			}
			if c.N < 3 && !math.IsNaN(c.R) {
				t.Errorf("n=%d below MinN: got r=%v, want NaN", c.N, c.R)
			}
		})
	}
}

func TestCorrelateSpearmanTies(t *testing.T) {
	// Sentiment 1, 2, 2, 3 ranks 1, 2.5, 2.5, 4; returns rank 1, 3, 2, 4.
	// Deviations (−1.5, 0, 0, 1.5) and (−1.5, 0.5, −0.5, 1.5):
	// rho = 4.5 / sqrt(4.5 × 5) = sqrt(0.9) = 0.948683.
	daily := sentimentOn("tech.ai", []int{0, 1, 2, 3}, []float64{0.1, 0.2, 0.2, 0.3})
	got, err := Correlate(daily, series(0.01, 0.03, 0.02, 0.04), CorrelationOptions{Methods: []string{"Spearman"}})
	if err != nil {
		t.Fatal(err)
	}
	c := find(t, got, "tech.ai", MethodSpearman, 0)
	if want := math.Sqrt(0.9); math.Abs(c.R-want) > 1e-12 {
		t.Errorf("got rho=%v, want %v", c.R, want)
	}
	// n = 4: p from t(2) = 0.948683·sqrt(2/0.1) = 4.242641.
	if want := tTwoSided(math.Sqrt(0.9)*math.Sqrt(2/0.1), 2); math.Abs(c.P-want) > 1e-9 {
		t.Errorf("got p=%v, want %v", c.P, want)
	}
	if !(c.CILow < c.R && c.R < c.CIHigh) {
		t.Errorf("CI [%v, %v] does not contain rho=%v", c.CILow, c.CIHigh, c.R)
	}
}

func TestCorrelateUndefined(t *testing.T) {
	rets := noise(8)
	tests := []struct {
		name            string
		daily           []DailySector
		opts            CorrelationOptions
		wantN           int
		wantR, wantCI   bool // whether R and the CI are defined
		sector, from    string
		wantRowsForSect int
	}{
		{name: "n below MinN keeps n", daily: sentimentOn("a", []int{0, 1, 2, 3}, []float64{0.1, 0.5, 0.2, 0.4}),
			opts: CorrelationOptions{MinN: 5}, wantN: 4, sector: "a"},
		{name: "n = 3 has r but no CI", daily: sentimentOn("a", []int{0, 1, 2}, []float64{0.1, 0.5, 0.2}),
			wantN: 3, wantR: true, sector: "a"},
		{name: "constant sentiment", daily: sentimentOn("a", []int{0, 1, 2, 3, 4}, []float64{0.2, 0.2, 0.2, 0.2, 0.2}),
			wantN: 5, sector: "a"},
		{name: "listed sector without sentiment", daily: sentimentOn("a", []int{0, 1, 2, 3}, []float64{0.1, 0.5, 0.2, 0.4}),
			opts: CorrelationOptions{Sectors: []string{"b"}}, wantN: 0, sector: "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Methods = []string{MethodPearson}
			got, err := Correlate(tt.daily, series(rets...), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("got %d rows %+v, want 1", len(got), got)
			}
			c := got[0]
			if c.Sector != tt.sector || c.N != tt.wantN {
				t.Errorf("got sector %s n=%d, want %s n=%d", c.Sector, c.N, tt.sector, tt.wantN)
			}
			if math.IsNaN(c.R) == tt.wantR || math.IsNaN(c.P) == tt.wantR {
				t.Errorf("got r=%v p=%v, want defined=%v", c.R, c.P, tt.wantR)
			}
			if math.IsNaN(c.CILow) == tt.wantCI || math.IsNaN(c.CIHigh) == tt.wantCI {
				t.Errorf("got CI [%v, %v], want defined=%v", c.CILow, c.CIHigh, tt.wantCI)
			}
		})
	}
}

func TestCorrelateErrors(t *testing.T) {
	good := sentimentOn("a", []int{0, 1, 2}, []float64{0.1, 0.2, 0.3})
	mixed := append(sentimentOn("a", []int{0, 1}, []float64{0.1, 0.2}),
		DailySector{TradingDate: day(0), Sector: "a", Analyzer: "llm", Sentiment: 0.4})
	tests := []struct {
		name    string
		daily   []DailySector
		returns []Return
		opts    CorrelationOptions
		want    []string
	}{
		{"mixed analyzers", mixed, series(noise(4)...), CorrelationOptions{},
			[]string{`mixes analyzers "lexicon" and "llm"`, "--analyzer"}},
		{"unknown method", good, series(noise(4)...), CorrelationOptions{Methods: []string{"kendall"}},
			[]string{`"kendall"`}},
		{"sector twice on a date", append(good, good[0]), series(noise(4)...), CorrelationOptions{},
			[]string{"sector a on " + day(0) + " twice"}},
		{"return date twice", good, append(series(noise(4)...), Return{Date: day(1)}), CorrelationOptions{},
			[]string{day(1) + " twice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Correlate(tt.daily, tt.returns, tt.opts)
			if err == nil {
				t.Fatal("err = nil, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q, want it to contain %q", err, w)
				}
			}
		})
	}
	// Filtering to one sector whose rows come from one analyzer is fine.
	other := DailySector{TradingDate: day(0), Sector: "b", Analyzer: "llm", Sentiment: 0.4}
	if _, err := Correlate(append(good, other), series(noise(4)...), CorrelationOptions{Sectors: []string{"a"}}); err != nil {
		t.Errorf("one analyzer after sector filter: err = %v, want nil", err)
	}
}

func TestCorrelateOrderAndCI(t *testing.T) {
	rets := noise(40)
	var daily []DailySector
	for _, sector := range []string{"tech.ai", "auto.ev"} {
		var days []int
		var sent []float64
		for d := range rets {
			days = append(days, d)
			sent = append(sent, math.Cos(float64(d)*0.9+float64(len(sector))))
		}
		daily = append(daily, sentimentOn(sector, days, sent)...)
	}
	got, err := Correlate(daily, series(rets...), CorrelationOptions{Index: "HSI", Lags: []int{1, 0}})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range got {
		order = append(order, fmt.Sprintf("%s/%s/%d", c.Sector, c.Method, c.Lag))
		if !(c.CILow <= c.R && c.R <= c.CIHigh) || math.IsNaN(c.R) {
			t.Errorf("%s/%s/%d: CI [%v, %v] does not contain r=%v", c.Sector, c.Method, c.Lag, c.CILow, c.CIHigh, c.R)
		}
		if c.P < 0 || c.P > 1 {
			t.Errorf("%s/%s/%d: p=%v outside [0, 1]", c.Sector, c.Method, c.Lag, c.P)
		}
	}
	want := "auto.ev/pearson/0 auto.ev/pearson/1 auto.ev/spearman/0 auto.ev/spearman/1 " +
		"tech.ai/pearson/0 tech.ai/pearson/1 tech.ai/spearman/0 tech.ai/spearman/1"
	if g := strings.Join(order, " "); g != want {
		t.Errorf("order:\n got %s\nwant %s", g, want)
	}
}

func BenchmarkCorrelate(b *testing.B) {
	const sectors, days = 20, 250
	rets := series(noise(days)...)
	var daily []DailySector
	for s := range sectors {
		for d := range days {
			daily = append(daily, DailySector{TradingDate: day(d), Sector: fmt.Sprintf("sector.%02d", s),
				Analyzer: "lexicon", Sentiment: math.Sin(float64(d*(s+3)) * 0.37), Articles: 1, Mentions: 1})
		}
	}
	lags, err := ParseLags("0:5")
	if err != nil {
		b.Fatal(err)
	}
	opts := CorrelationOptions{Index: "HSI", Lags: lags}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := Correlate(daily, rets, opts); err != nil {
			b.Fatal(err)
		}
	}
}
