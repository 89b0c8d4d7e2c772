package market

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// rollingFixture returns 45 days of returns and the sentiment of two
// sectors: tech.ai has none on days 15…22 and 30, auto.ev only on every
// third day.
func rollingFixture() (ret []float64, daily []DailySector) {
	const n = 45
	ret = make([]float64, n)
	tech := make([]float64, n)
	ev := make([]float64, n)
	for i := range ret {
		ret[i] = 0.015 * math.Sin(0.9*float64(i*i)+0.4)
		tech[i] = 0.6*math.Cos(1.1*float64(i)+0.05*float64(i*i)) + 20*ret[i]
		ev[i] = 0.5 * math.Sin(0.37*float64(i*i))
	}
	skip := []int{30}
	for i := 15; i <= 22; i++ {
		skip = append(skip, i)
	}
	daily = gSentiment("tech.ai", tech, skip...)
	for i := 0; i < n; i += 3 {
		daily = append(daily, DailySector{TradingDate: gDate(i), Sector: "auto.ev", Analyzer: "lexicon", Sentiment: ev[i]})
	}
	return ret, daily
}

// wantRolling computes the expected points directly from the inputs:
// for each window end in range, the pairs (sentiment of day q, return of
// day q+lag) for the days q of the window with sentiment in range.
func wantRolling(ret []float64, daily []DailySector, opts RollingOptions, minN int) []RollingPoint {
	sent := map[string]map[string]float64{} // sector → date → sentiment
	for _, d := range daily {
		if sent[d.Sector] == nil {
			sent[d.Sector] = map[string]float64{}
		}
		sent[d.Sector][d.TradingDate] = d.Sentiment
	}
	in := func(date string) bool {
		return (opts.From == "" || date >= opts.From) && (opts.To == "" || date <= opts.To)
	}
	var sectors []string
	for s := range sent {
		sectors = append(sectors, s)
	}
	slices.Sort(sectors)
	var out []RollingPoint
	for _, sector := range sectors {
		for _, method := range []string{MethodPearson, MethodSpearman} {
			seen := 0 // days in range so far
			for e := range ret {
				if !in(gDate(e)) {
					continue
				}
				if seen++; seen < opts.Window {
					continue
				}
				var x, y []float64
				for q := e - opts.Window + 1; q <= e; q++ {
					s, ok := sent[sector][gDate(q)]
					j := q + opts.Lag
					if !ok || !in(gDate(q)) || j < 0 || j >= len(ret) || math.IsNaN(ret[j]) {
						continue
					}
					x = append(x, s)
					y = append(y, ret[j])
				}
				if len(x) < minN {
					continue
				}
				r, p, _, _ := correlationStats(x, y, method, minN)
				out = append(out, RollingPoint{Index: opts.Index, Sector: sector, Method: method, Lag: opts.Lag,
					Date: gDate(e), Window: opts.Window, N: len(x), R: r, P: p})
			}
		}
	}
	return out
}

// TestRollingMatchesCorrelationStats checks every point against
// correlationStats of the same window's pairs collected directly, and that
// windows with fewer than MinN pairs are omitted.
func TestRollingMatchesCorrelationStats(t *testing.T) {
	ret, daily := rollingFixture()
	nanRet := slices.Clone(ret)
	nanRet[12] = math.NaN()
	tests := []struct {
		name    string
		ret     []float64
		opts    RollingOptions
		minN    int
		omitted []string // window ends that must have no tech.ai point
	}{
		{"lag 1", ret, RollingOptions{Index: "HSI", Lag: 1, Window: 10, MinN: 6}, 6, []string{gDate(22), gDate(25)}},
		{"lag 0", ret, RollingOptions{Lag: 0, Window: 10, MinN: 6}, 6, []string{gDate(22)}},
		{"lag -2", ret, RollingOptions{Lag: -2, Window: 8, MinN: 4}, 4, []string{gDate(20)}},
		{"default MinN", ret, RollingOptions{Lag: 1, Window: 12}, DefaultRollingMinN, []string{gDate(26)}},
		{"NaN return", nanRet, RollingOptions{Lag: 1, Window: 10, MinN: 6}, 6, nil},
		{"from and to", ret, RollingOptions{Lag: 1, Window: 10, MinN: 6, From: gDate(5), To: gDate(40)}, 6, []string{gDate(13), gDate(41)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Methods = []string{MethodSpearman, MethodPearson}
			got, err := RollingCorrelation(daily, gReturns(tt.ret), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := wantRolling(tt.ret, daily, tt.opts, tt.minN)
			if len(got) != len(want) {
				t.Fatalf("got %d points, want %d", len(got), len(want))
			}
			for i := range want {
				g, w := got[i], want[i]
				if g.Sector != w.Sector || g.Method != w.Method || g.Date != w.Date || g.N != w.N || g.Lag != w.Lag ||
					g.Window != w.Window || g.Index != w.Index || !closeTo(g.R, w.R, 1e-12) || !closeTo(g.P, w.P, 1e-12) {
					t.Fatalf("point %d: got %+v, want %+v", i, g, w)
				}
				if g.N < tt.minN || math.IsNaN(g.R) || g.Note != "" {
					t.Errorf("point %d: got n=%d r=%v note %q, want n ≥ %d, a finite r, no note", i, g.N, g.R, g.Note, tt.minN)
				}
			}
			for _, p := range got {
				if p.Sector == "tech.ai" && slices.Contains(tt.omitted, p.Date) {
					t.Errorf("got a point ending %s with n=%d, want it omitted", p.Date, p.N)
				}
			}
		})
	}
}

// TestRollingWindowsAndGaps checks the first window end, the gap and a
// sparse sector by hand for one setting.
func TestRollingWindowsAndGaps(t *testing.T) {
	ret, daily := rollingFixture()
	got, err := RollingCorrelation(daily, gReturns(ret), RollingOptions{Lag: 0, Window: 10, MinN: 6, Methods: []string{MethodPearson}})
	if err != nil {
		t.Fatal(err)
	}
	var tech, ev []string
	for _, p := range got {
		s := fmt.Sprintf("%s:%d", p.Date, p.N)
		if p.Sector == "tech.ai" {
			tech = append(tech, s)
		} else {
			ev = append(ev, s)
		}
	}
	// Windows end on days 9…44. tech.ai has no sentiment on 15…22 and 30,
	// so the window e−9…e holds 10 pairs less its missing days: 10 for ends
	// 9…14; 9, 8, 7, 6 for 15…18; 5 or fewer for 19…27 (omitted); then 6
	// for 28 (19…22 missing), 7 for 29, 7 for 30 (21, 22, 30 missing) and
	// 8 for 31 (22, 30 missing).
	wantTechPrefix := []string{
		gDate(9) + ":10", gDate(10) + ":10", gDate(11) + ":10", gDate(12) + ":10", gDate(13) + ":10", gDate(14) + ":10",
		gDate(15) + ":9", gDate(16) + ":8", gDate(17) + ":7", gDate(18) + ":6",
		gDate(28) + ":6", gDate(29) + ":7", gDate(30) + ":7", gDate(31) + ":8",
	}
	if len(tech) < len(wantTechPrefix) || !slices.Equal(tech[:len(wantTechPrefix)], wantTechPrefix) {
		t.Errorf("got tech.ai points %v, want them to start %v", tech, wantTechPrefix)
	}
	// auto.ev has sentiment on every third day: at most 4 per window.
	if len(ev) != 0 {
		t.Errorf("got auto.ev points %v, want none (at most 4 pairs per window)", ev)
	}
}

// TestRollingConstantWindow checks the note of a window whose sentiment is
// constant.
func TestRollingConstantWindow(t *testing.T) {
	ret, _ := rollingFixture()
	flat := make([]float64, len(ret))
	for i := range flat {
		flat[i] = 0.3
	}
	got, err := RollingCorrelation(gSentiment("energy.oil", flat), gReturns(ret), RollingOptions{Window: 5, MinN: 5, Methods: []string{MethodPearson}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ret)-4 {
		t.Fatalf("got %d points, want %d", len(got), len(ret)-4)
	}
	for _, p := range got {
		if !math.IsNaN(p.R) || !math.IsNaN(p.P) || p.Note != "sentiment constant in the window" {
			t.Errorf("%s: got r=%v p=%v note %q, want NaN and a constant-sentiment note", p.Date, p.R, p.P, p.Note)
		}
	}
}

// TestRollingErrors checks the options and inputs RollingCorrelation
// refuses.
func TestRollingErrors(t *testing.T) {
	ret, daily := rollingFixture()
	mixed := append(slices.Clone(daily), DailySector{TradingDate: gDate(3), Sector: "tech.ai", Analyzer: "llm"})
	tests := []struct {
		name  string
		daily []DailySector
		opts  RollingOptions
		want  string
	}{
		{"no window", daily, RollingOptions{}, "window of 0 trading days"},
		{"window 2", daily, RollingOptions{Window: 2}, "window of 2 trading days"},
		{"default MinN above window", daily, RollingOptions{Window: 9}, "minimum of 10 pairs"},
		{"MinN above window", daily, RollingOptions{Window: 5, MinN: 6}, "minimum of 6 pairs"},
		{"unknown method", daily, RollingOptions{Window: 10, Methods: []string{"tau-b"}}, `"tau-b"`},
		{"mixed analyzers", mixed, RollingOptions{Window: 10}, `"llm"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := RollingCorrelation(tt.daily, gReturns(ret), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %s", err, tt.want)
			}
		})
	}
}

func BenchmarkRollingCorrelation(b *testing.B) {
	const n = 750 // three years of sessions
	ret := make([]float64, n)
	sent := make([]float64, n)
	for i := range ret {
		ret[i] = 0.015 * math.Sin(0.9*float64(i*i)+0.4)
		sent[i] = 0.6 * math.Cos(1.1*float64(i)+0.05*float64(i*i))
	}
	daily := gSentiment("tech.ai", sent)
	returns := gReturns(ret)
	opts := RollingOptions{Lag: 1, Window: 60}
	b.ResetTimer()
	for b.Loop() {
		if _, err := RollingCorrelation(daily, returns, opts); err != nil {
			b.Fatal(err)
		}
	}
}
