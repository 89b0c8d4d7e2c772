package market

import (
	"fmt"
	"math"
	"math/rand/v2"
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
	// Kendall's p is from the normal approximation, not 0: with no ties
	// and n = 10, S = 45 and Var(S) = 10·9·25/18 = 125, z = 45/sqrt(125) =
	// 4.024922, p = erfc(4.024922/√2) = 5.6994e-5.
	tests := []struct {
		method string
		wantP  float64
	}{
		{MethodPearson, 0},
		{MethodSpearman, 0},
		{MethodKendall, math.Erfc(45 / math.Sqrt(125) / math.Sqrt2)},
	}
	for _, tt := range tests {
		method := tt.method
		t.Run(method, func(t *testing.T) {
			c := find(t, got, "tech.ai", method, 0)
			if c.R != 1 || math.Abs(c.P-tt.wantP) > 1e-12 || c.N != 10 {
				t.Errorf("got r=%v p=%v n=%d, want r=1 p=%v n=10", c.R, c.P, c.N, tt.wantP)
			}
			if c.Note != "" {
				t.Errorf("got note %q, want none", c.Note)
			}
			// Fisher's z of ±1 is infinite: no interval for a perfect sample.
			if !math.IsNaN(c.CILow) || !math.IsNaN(c.CIHigh) {
				t.Errorf("CI [%v, %v], want none for r=1", c.CILow, c.CIHigh)
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
	// n = 4 ≤ ExactMaxN: the exact permutation p. Σdx·dy = 1.5·(dy4 − dy1)
	// over the 24 orderings of the return deviations (−1.5, −0.5, 0.5,
	// 1.5), so |rho| ≥ 0.948683 exactly when {dy1, dy4} = {−1.5, 1.5}: 2
	// ways for the ends × 2 for the middle = 4 of 24, p = 1/6 (the t(2)
	// approximation would say 0.0513).
	if want := 1.0 / 6; math.Abs(c.P-want) > 1e-12 {
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
		{"unknown method", good, series(noise(4)...), CorrelationOptions{Methods: []string{"pearson", "tau"}},
			[]string{`"tau"`, "pearson, spearman or kendall"}},
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
	want := "auto.ev/kendall/0 auto.ev/kendall/1 auto.ev/pearson/0 auto.ev/pearson/1 auto.ev/spearman/0 auto.ev/spearman/1 " +
		"tech.ai/kendall/0 tech.ai/kendall/1 tech.ai/pearson/0 tech.ai/pearson/1 tech.ai/spearman/0 tech.ai/spearman/1"
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

func TestCorrelateKendallHand(t *testing.T) {
	// The six pairs of TestKendallHand, scaled: sentiment 0.1 0.2 0.2 0.2
	// 0.3 0.3 and returns 0.01 0.02 0.03 0.02 0.02 0.04 on days 0…5.
	// tau-b = 7/sqrt(132) = 0.6092718, Var(S) = 20.833333,
	// z = 1.533623, p = 0.125122. CI: se = sqrt(0.437/(6−4)) = 0.4674398,
	// tanh(atanh(0.6092718) ∓ 1.959964·0.4674398) = tanh(0.7077 ∓ 0.9162).
	daily := sentimentOn("tech.ai", []int{0, 1, 2, 3, 4, 5}, []float64{0.1, 0.2, 0.2, 0.2, 0.3, 0.3})
	got, err := Correlate(daily, series(0.01, 0.02, 0.03, 0.02, 0.02, 0.04), CorrelationOptions{Methods: []string{" Kendall "}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d rows, want 1 (kendall only)", len(got))
	}
	c := find(t, got, "tech.ai", MethodKendall, 0)
	tau := 7 / math.Sqrt(132)
	if c.N != 6 || math.Abs(c.R-tau) > 1e-12 {
		t.Errorf("got n=%d tau=%v, want n=6 tau=%v", c.N, c.R, tau)
	}
	// n = 6 ≤ ExactMaxN: the p-value is the exact permutation one, checked
	// against a brute force over the 720 orderings by the O(n²) pair loop;
	// the normal approximation (erfc(1.533623/√2) = 0.125122) is checked in
	// TestKendallHand.
	if want := bruteExactP([]float64{0.1, 0.2, 0.2, 0.2, 0.3, 0.3}, []float64{0.01, 0.02, 0.03, 0.02, 0.02, 0.04}); math.Abs(c.P-want) > 1e-12 {
		t.Errorf("got p=%v, want %v", c.P, want)
	}
	se := math.Sqrt(0.437 / 2)
	wantLo, wantHi := math.Tanh(math.Atanh(tau)-1.959964*se), math.Tanh(math.Atanh(tau)+1.959964*se)
	if math.Abs(c.CILow-wantLo) > 1e-6 || math.Abs(c.CIHigh-wantHi) > 1e-6 {
		t.Errorf("got CI [%v, %v], want [%v, %v]", c.CILow, c.CIHigh, wantLo, wantHi)
	}
	// A single row is its own family: BH leaves its p unchanged.
	if c.PAdjusted != c.P {
		t.Errorf("got p adjusted %v, want p %v", c.PAdjusted, c.P)
	}
}

func TestCorrelationMethods(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, "kendall pearson spearman"},
		{[]string{"Spearman", "pearson", "spearman"}, "pearson spearman"},
		{[]string{"KENDALL"}, "kendall"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.in, ","), func(t *testing.T) {
			got, err := correlationMethods(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("got %s, want %s", g, tt.want)
			}
		})
	}
}

func TestCorrelateNotes(t *testing.T) {
	rets := noise(8)
	flat := []float64{0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01}
	nanRets := []float64{math.NaN(), math.NaN(), 0.01, 0.02, 0.03, 0.01, 0.02, 0.03}
	offDay := []DailySector{{TradingDate: "2024-12-31", Sector: "a", Analyzer: "lexicon", Sentiment: 0.3}}
	five := []int{0, 1, 2, 3, 4}
	varied := []float64{0.1, 0.5, 0.2, 0.4, 0.3}
	tests := []struct {
		name    string
		daily   []DailySector
		returns []float64
		opts    CorrelationOptions
		wantN   int
		want    string
	}{
		{"listed sector without sentiment", sentimentOn("a", five, varied), rets,
			CorrelationOptions{Sectors: []string{"b"}}, 0, "no sentiment for this sector"},
		{"sentiment only off the trading days", offDay, rets, CorrelationOptions{}, 0,
			"no sentiment on the index's trading days"},
		{"sentiment outside from/to", sentimentOn("a", five, varied), rets,
			CorrelationOptions{From: day(5), To: day(7)}, 0,
			"no sentiment on the index's trading days from " + day(5) + " to " + day(7)},
		{"sentiment before from", sentimentOn("a", five, varied), rets,
			CorrelationOptions{From: day(6)}, 0, "no sentiment on the index's trading days from " + day(6)},
		{"sentiment after to", sentimentOn("a", []int{5, 6}, []float64{0.1, 0.2}), rets,
			CorrelationOptions{To: day(4)}, 0, "no sentiment on the index's trading days up to " + day(4)},
		{"lag past the end", sentimentOn("a", []int{5, 6, 7}, []float64{0.1, 0.2, 0.3}), rets,
			CorrelationOptions{Lags: []int{3}}, 0, "no index return 3 trading days later for any of the 3 sentiment days"},
		{"lag before the start", sentimentOn("a", []int{0}, []float64{0.1}), rets,
			CorrelationOptions{Lags: []int{-1}}, 0, "no index return 1 trading day earlier for the one sentiment day"},
		{"returns missing on the day", sentimentOn("a", []int{0, 1}, []float64{0.1, 0.2}), nanRets,
			CorrelationOptions{}, 0, "no index return on the same day for any of the 2 sentiment days"},
		{"n below default min-n", sentimentOn("a", []int{0, 1}, []float64{0.1, 0.2}), rets,
			CorrelationOptions{}, 2, "n=2, below min-n 3"},
		{"n below chosen min-n", sentimentOn("a", five, varied), rets,
			CorrelationOptions{MinN: 6}, 5, "n=5, below min-n 6"},
		{"constant sentiment", sentimentOn("a", five, []float64{0.2, 0.2, 0.2, 0.2, 0.2}), rets,
			CorrelationOptions{}, 5, "sentiment constant on the 5 paired days"},
		{"constant returns", sentimentOn("a", five, varied), flat,
			CorrelationOptions{}, 5, "returns constant on the 5 paired days"},
		{"both constant", sentimentOn("a", five, []float64{0.2, 0.2, 0.2, 0.2, 0.2}), flat,
			CorrelationOptions{}, 5, "sentiment and returns constant on the 5 paired days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Correlate(tt.daily, series(tt.returns...), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 3 {
				t.Fatalf("got %d rows, want one per method (3)", len(got))
			}
			for _, c := range got {
				if c.N != tt.wantN || c.Note != tt.want {
					t.Errorf("%s: got n=%d note %q, want n=%d note %q", c.Method, c.N, c.Note, tt.wantN, tt.want)
				}
				if !math.IsNaN(c.R) || !math.IsNaN(c.P) || !math.IsNaN(c.PAdjusted) {
					t.Errorf("%s: got r=%v p=%v q=%v, want NaN", c.Method, c.R, c.P, c.PAdjusted)
				}
				if strings.Contains(strings.ToLower(c.Note), "nan") {
					t.Errorf("%s: note %q mentions NaN", c.Method, c.Note)
				}
			}
		})
	}
}

func TestCorrelatePAdjusted(t *testing.T) {
	rets := noise(60)
	var daily []DailySector
	for s, sector := range []string{"auto.ev", "consumer.ecommerce", "tech.ai"} {
		var days []int
		var sent []float64
		for d := range rets {
			if (d+s)%4 == 3 {
				continue // a day without sentiment
			}
			days = append(days, d)
			// tech.ai follows the next day's return; the others are noise.
			v := math.Cos(float64(d*(s+2)) * 0.71)
			if sector == "tech.ai" && d+1 < len(rets) {
				v = rets[d+1]*10 + 0.02*v
			}
			sent = append(sent, v)
		}
		daily = append(daily, sentimentOn(sector, days, sent)...)
	}
	// A flat sector contributes rows without P, which stay out of the family.
	daily = append(daily, sentimentOn("tech.flat", []int{0, 1, 2, 3}, []float64{0.5, 0.5, 0.5, 0.5})...)
	got, err := Correlate(daily, series(rets...), CorrelationOptions{Index: "HSI", Lags: []int{-1, 0, 1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if want := 4 * 3 * 4; len(got) != want {
		t.Fatalf("got %d rows, want %d", len(got), want)
	}
	p := make([]float64, len(got))
	for i, c := range got {
		p[i] = c.P
	}
	want := AdjustBH(p)
	raised, missing := 0, 0
	for i, c := range got {
		if math.IsNaN(want[i]) != math.IsNaN(c.PAdjusted) ||
			(!math.IsNaN(c.PAdjusted) && math.Abs(c.PAdjusted-want[i]) > 1e-15) {
			t.Errorf("%s/%s/%d: got p adjusted %v, want %v", c.Sector, c.Method, c.Lag, c.PAdjusted, want[i])
		}
		if math.IsNaN(c.P) {
			missing++
			continue
		}
		if c.PAdjusted < c.P {
			t.Errorf("%s/%s/%d: p adjusted %v below p %v", c.Sector, c.Method, c.Lag, c.PAdjusted, c.P)
		}
		if c.PAdjusted > c.P {
			raised++
		}
	}
	if missing != 12 || raised == 0 {
		t.Errorf("got %d rows without p and %d raised by BH, want 12 and some", missing, raised)
	}
	// The planted lead survives the adjustment.
	if c := find(t, got, "tech.ai", MethodPearson, 1); !(c.PAdjusted < 0.001) {
		t.Errorf("tech.ai pearson lag 1: got p adjusted %v, want < 0.001", c.PAdjusted)
	}
}

// TestCorrelateMatchesDirect checks Correlate's shortcut (the orders of each
// sample read off one sort per series) against correlationStats, which
// sorts each sample itself, on data with gaps, ties, a missing return and
// lags that run off both ends of the series.
func TestCorrelateMatchesDirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const n = 90
	rets := make([]float64, n)
	for i := range rets {
		rets[i] = float64(rng.IntN(15)-7) / 1000 // ties in returns
	}
	rets[40] = math.NaN()
	var daily []DailySector
	for _, sector := range []string{"auto.ev", "tech.ai"} {
		for d := range n {
			if rng.IntN(5) == 0 {
				continue
			}
			v := float64(rng.IntN(9)-4) / 4 // ties in sentiment
			daily = append(daily, DailySector{TradingDate: day(d), Sector: sector, Analyzer: "lexicon", Sentiment: v})
		}
	}
	lags := []int{-3, 0, 2, 7}
	got, err := Correlate(daily, series(rets...), CorrelationOptions{Lags: lags})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range got {
		var x, y []float64
		for _, d := range daily {
			i := int(mustDate(t, d.TradingDate).Sub(mustDate(t, day(0))).Hours() / 24)
			if d.Sector != c.Sector || i+c.Lag < 0 || i+c.Lag >= n || math.IsNaN(rets[i+c.Lag]) {
				continue
			}
			x = append(x, d.Sentiment)
			y = append(y, rets[i+c.Lag])
		}
		r, p, lo, hi := correlationStats(x, y, c.Method, DefaultMinN)
		if c.N != len(x) || !same(c.R, r) || !same(c.P, p) || !same(c.CILow, lo) || !same(c.CIHigh, hi) {
			t.Errorf("%s/%s/%d: got n=%d r=%v p=%v [%v, %v], want n=%d r=%v p=%v [%v, %v]",
				c.Sector, c.Method, c.Lag, c.N, c.R, c.P, c.CILow, c.CIHigh, len(x), r, p, lo, hi)
		}
	}
}

// same reports whether a and b are equal to 1e-12 or both NaN.
func same(a, b float64) bool {
	return (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) <= 1e-12
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(dateLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// bruteExactP is the exact two-sided permutation p-value of Kendall's tau-b
// by recursion over the orderings of y, with tau from the O(n²) pair loop:
// independent of exactRankP's Heap's algorithm and of Knight's algorithm.
func bruteExactP(x, y []float64) float64 {
	tau, _, _ := kendallPairLoop(x, y)
	obs := math.Abs(tau)
	var hits, total int
	used := make([]bool, len(y))
	perm := make([]float64, 0, len(y))
	var rec func()
	rec = func() {
		if len(perm) == len(y) {
			total++
			if t, _, _ := kendallPairLoop(x, perm); math.Abs(t) >= obs-1e-9 {
				hits++
			}
			return
		}
		for i := range y {
			if !used[i] {
				used[i] = true
				perm = append(perm, y[i])
				rec()
				perm = perm[:len(perm)-1]
				used[i] = false
			}
		}
	}
	rec()
	return float64(hits) / float64(total)
}

// A perfect rank correlation on n distinct values is reached by exactly 2
// of the n! orderings (the identity and its reverse), so its exact
// two-sided p is 2/n!: 1/3, 1/12, 1/60 for n = 3, 4, 5 — never 0.
func TestCorrelateExactSmallN(t *testing.T) {
	for _, tt := range []struct {
		n     int
		wantP float64
	}{{3, 1.0 / 3}, {4, 1.0 / 12}, {5, 1.0 / 60}, {8, 2.0 / 40320}} {
		var days []int
		var sent, rets []float64
		for i := range tt.n {
			days = append(days, i)
			sent = append(sent, float64(i)/10)
			rets = append(rets, float64(i*i+1)/100)
		}
		got, err := Correlate(sentimentOn("tech.ai", days, sent), series(rets...), CorrelationOptions{Methods: []string{MethodSpearman, MethodKendall}})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []string{MethodSpearman, MethodKendall} {
			c := find(t, got, "tech.ai", m, 0)
			if c.R != 1 || math.Abs(c.P-tt.wantP) > 1e-12 || c.PAdjusted == 0 {
				t.Errorf("n=%d %s: got r=%v p=%v q=%v, want r=1 p=%v and q>0", tt.n, m, c.R, c.P, c.PAdjusted, tt.wantP)
			}
		}
	}
}
