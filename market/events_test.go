package market

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// eventReturns are 12 days of log returns. Their sum is 0.06, so over the
// whole series μ = 0.005 and the abnormal returns AR = r − μ are
//
//	pos:  0      1      2      3      4      5      6      7      8      9      10     11
//	AR:   0.005 −0.010  0.015 −0.005  0.010 −0.015  0.000  0.025 −0.025  0.005 −0.005  0.000
var eventReturns = []float64{0.010, -0.005, 0.020, 0.000, 0.015, -0.010, 0.005, 0.030, -0.020, 0.010, 0.000, 0.005}

// eventSentiment has mean 0 and Σs² = 6·0.36 = 2.16, so the sample sd is
// √(2.16/11) = 0.44313 and ±0.6 has z = ±1.3540.
var eventSentiment = []float64{0.6, 0.6, 0, -0.6, 0, 0.6, 0, -0.6, 0, -0.6, 0, 0}

func findEvent(t *testing.T, es []EventStudy, sector, dir string) EventStudy {
	t.Helper()
	for _, e := range es {
		if e.Sector == sector && e.Direction == dir {
			return e
		}
	}
	t.Fatalf("no event study for %s %s in %+v", sector, dir, es)
	return EventStudy{}
}

// TestEventStudiesHandWorked checks an example worked by hand.
func TestEventStudiesHandWorked(t *testing.T) {
	tests := []struct {
		name     string
		opts     EventOptions
		dir      string
		events   int
		dropped  int
		meanAR   []float64
		car, sd  float64
		tStat, p float64
		note     string
	}{
		{
			// Threshold 1.25, window −1…+3. Positive days 0, 1, 5; day 0's
			// window starts at −1, before the series: dropped.
			//   day 1: AR 0..4 = 0.005 −0.010 0.015 −0.005 0.010 → CAR 0.015
			//   day 5: AR 4..8 = 0.010 −0.015 0.000 0.025 −0.025 → CAR −0.005
			// CAR = 0.005, SD = √(0.01² + 0.01²) = 0.014142,
			// t = 0.005/(0.014142/√2) = 0.5; with 1 df (Cauchy)
			// p = 1 − (2/π)·atan(0.5) = 0.704833.
			name: "positive whole range", opts: EventOptions{Threshold: 1.25}, dir: EventPositive,
			events: 2, dropped: 1,
			meanAR: []float64{0.0075, -0.0125, 0.0075, 0.010, -0.0075},
			car:    0.005, sd: 0.01 * math.Sqrt2, tStat: 0.5, p: 1 - 2/math.Pi*math.Atan(0.5),
		},
		{
			// Negative days 3, 7, 9; day 9's window ends at 12, past the
			// series: dropped.
			//   day 3: AR 2..6 = 0.015 −0.005 0.010 −0.015 0.000 → CAR 0.005
			//   day 7: AR 6..10 = 0.000 0.025 −0.025 0.005 −0.005 → CAR 0
			// CAR = 0.0025, SD = √(2·0.0025²) = 0.0035355,
			// t = 0.0025/(0.0035355/√2) = 1; p = 1 − (2/π)·atan(1) = 0.5.
			name: "negative whole range", opts: EventOptions{Threshold: 1.25}, dir: EventNegative,
			events: 2, dropped: 1,
			meanAR: []float64{0.0075, 0.010, -0.0075, -0.005, -0.0025},
			car:    0.0025, sd: 0.0025 * math.Sqrt2, tStat: 1, p: 0.5,
		},
		{
			// From day 2 to day 9: μ = Σr[2..9]/8 = 0.05/8 = 0.00625. The
			// sentiment of days 2…9 is 0 −0.6 0 0.6 0 −0.6 0 −0.6: mean
			// −0.15, Σ(s − mean)² = 1.26, sd = √(1.26/7) = 0.42426, so 0.6
			// has z = 1.768 and −0.6 has z = −1.061. With threshold 1:
			//   positive day 5: r 4..8 sum 0.02 → CAR 0.02 − 5·0.00625 = −0.01125
			// One event: no t-test.
			name: "positive in range", opts: EventOptions{Threshold: 1, From: gDate(2), To: gDate(9)}, dir: EventPositive,
			events: 1, dropped: 0,
			meanAR: []float64{0.015 - 0.00625, -0.010 - 0.00625, 0.005 - 0.00625, 0.030 - 0.00625, -0.020 - 0.00625},
			car:    -0.01125, sd: math.NaN(), tStat: math.NaN(), p: math.NaN(),
			note: "1 event, need 2 for a t-test",
		},
		{
			//   negative day 3: r 2..6 sum 0.030 → CAR −0.00125
			//   negative day 7: r 6..10 sum 0.025 → CAR −0.00625
			//   negative day 9: window past the series, dropped
			// CAR = −0.00375, SD = √(2·0.0025²) = 0.0035355,
			// t = −0.00375/0.0025 = −1.5; p = 1 − (2/π)·atan(1.5) = 0.374334.
			name: "negative in range", opts: EventOptions{Threshold: 1, From: gDate(2), To: gDate(9)}, dir: EventNegative,
			events: 2, dropped: 1,
			meanAR: []float64{
				(0.020+0.005)/2 - 0.00625, (0.000+0.030)/2 - 0.00625, (0.015-0.020)/2 - 0.00625,
				(-0.010+0.010)/2 - 0.00625, (0.005+0.000)/2 - 0.00625,
			},
			car: -0.00375, sd: 0.0025 * math.Sqrt2, tStat: -1.5, p: 1 - 2/math.Pi*math.Atan(1.5),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Index = "HSI"
			got, err := EventStudies(gSentiment("consumer.ecommerce", eventSentiment), gReturns(eventReturns), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			e := findEvent(t, got, "consumer.ecommerce", tt.dir)
			if e.Events != tt.events || e.Dropped != tt.dropped || e.Note != tt.note {
				t.Errorf("got %d events, %d dropped, note %q, want %d, %d, %q", e.Events, e.Dropped, e.Note, tt.events, tt.dropped, tt.note)
			}
			if !slices.Equal(e.Days, []int{-1, 0, 1, 2, 3}) || len(e.MeanAR) != len(tt.meanAR) {
				t.Fatalf("got days %v and %d mean ARs, want [-1 0 1 2 3] and %d", e.Days, len(e.MeanAR), len(tt.meanAR))
			}
			for i := range tt.meanAR {
				if !closeTo(e.MeanAR[i], tt.meanAR[i], 1e-12) {
					t.Errorf("day %d: got mean AR %v, want %v", e.Days[i], e.MeanAR[i], tt.meanAR[i])
				}
			}
			if !closeTo(e.CAR, tt.car, 1e-12) || !closeTo(e.SD, tt.sd, 1e-12) || !closeTo(e.T, tt.tStat, 1e-9) || !closeTo(e.P, tt.p, 1e-9) {
				t.Errorf("got CAR=%v SD=%v t=%v p=%v, want %v %v %v %v", e.CAR, e.SD, e.T, e.P, tt.car, tt.sd, tt.tStat, tt.p)
			}
			if e.Index != "HSI" || e.Threshold != tt.opts.Threshold {
				t.Errorf("got index %q threshold %v, want HSI %v", e.Index, e.Threshold, tt.opts.Threshold)
			}
		})
	}
}

// TestEventStudiesThreshold checks that the z-score threshold is inclusive
// on both sides: ±0.6 has z = ±1.35401 in eventSentiment.
func TestEventStudiesThreshold(t *testing.T) {
	tests := []struct {
		threshold     float64
		wantPositives int // events + dropped
		wantNegatives int
	}{
		{1.354, 3, 3},
		{1.355, 0, 0},
		{0, 0, 0},   // the default 1.5 is above 1.354
		{0.1, 3, 3}, // the zeros have z = 0
	}
	for _, tt := range tests {
		got, err := EventStudies(gSentiment("tech.ai", eventSentiment), gReturns(eventReturns), EventOptions{Threshold: tt.threshold})
		if err != nil {
			t.Fatal(err)
		}
		pos := findEvent(t, got, "tech.ai", EventPositive)
		neg := findEvent(t, got, "tech.ai", EventNegative)
		if pos.Events+pos.Dropped != tt.wantPositives || neg.Events+neg.Dropped != tt.wantNegatives {
			t.Errorf("threshold %v: got %d+%d positive and %d+%d negative, want %d and %d",
				tt.threshold, pos.Events, pos.Dropped, neg.Events, neg.Dropped, tt.wantPositives, tt.wantNegatives)
		}
		if tt.threshold == 0 && pos.Threshold != DefaultEventThreshold {
			t.Errorf("threshold 0: got %v, want the default %v", pos.Threshold, DefaultEventThreshold)
		}
	}

	// 0.5, 0, −0.5: mean 0, sd √(0.5/2) = 0.5, so z is exactly 1, 0, −1.
	exact := []DailySector{
		{TradingDate: gDate(2), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.5},
		{TradingDate: gDate(3), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0},
		{TradingDate: gDate(4), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: -0.5},
	}
	for _, tt := range []struct {
		threshold float64
		want      int
	}{{1, 1}, {math.Nextafter(1, 2), 0}} {
		got, err := EventStudies(exact, gReturns(eventReturns), EventOptions{Threshold: tt.threshold})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range got {
			if e.Events != tt.want {
				t.Errorf("z = ±1, threshold %v, %s: got %d events, want %d", tt.threshold, e.Direction, e.Events, tt.want)
			}
		}
	}
}

// TestEventStudiesWindow checks custom windows, windows running off either
// end, and the default.
func TestEventStudiesWindow(t *testing.T) {
	tests := []struct {
		name          string
		before, after int
		days          []int
		events        int // positive: days 0, 1, 5
		dropped       int
	}{
		{"default", 0, 0, []int{-1, 0, 1, 2, 3}, 2, 1},
		{"day 0 and 1", 0, 1, []int{0, 1}, 3, 0},
		{"two before", 2, 0, []int{-2, -1, 0}, 1, 2},
		{"seven after", 0, 7, []int{0, 1, 2, 3, 4, 5, 6, 7}, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EventStudies(gSentiment("tech.ai", eventSentiment), gReturns(eventReturns),
				EventOptions{Threshold: 1.25, Before: tt.before, After: tt.after})
			if err != nil {
				t.Fatal(err)
			}
			e := findEvent(t, got, "tech.ai", EventPositive)
			if !slices.Equal(e.Days, tt.days) || e.Events != tt.events || e.Dropped != tt.dropped {
				t.Errorf("got days %v, %d events, %d dropped; want %v, %d, %d", e.Days, e.Events, e.Dropped, tt.days, tt.events, tt.dropped)
			}
		})
	}
	if _, err := EventStudies(nil, gReturns(eventReturns), EventOptions{Before: -1, After: 3}); err == nil {
		t.Errorf("negative Before: got no error, want one")
	}
}

// TestEventStudiesUndefined checks the rows without a t-test.
func TestEventStudiesUndefined(t *testing.T) {
	flat := []float64{0.2, 0.2, 0.2, 0.2}
	tests := []struct {
		name  string
		daily []DailySector
		opts  EventOptions
		note  string
	}{
		{"one sentiment day", gSentiment("tech.ai", []float64{0.5}), EventOptions{}, "1 sentiment day, need 2 for a z-score"},
		{"constant sentiment", gSentiment("tech.ai", flat), EventOptions{}, "sentiment constant: no z-score"},
		{"no events", gSentiment("tech.ai", eventSentiment), EventOptions{Threshold: 3}, "no events"},
		{"listed sector without sentiment", nil, EventOptions{Sectors: []string{"tech.ai"}}, "0 sentiment days, need 2 for a z-score"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EventStudies(tt.daily, gReturns(eventReturns), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 {
				t.Fatalf("got %d rows, want 2", len(got))
			}
			for _, e := range got {
				if e.Events != 0 || e.Note != tt.note || !math.IsNaN(e.CAR) || !math.IsNaN(e.T) || !math.IsNaN(e.P) || !math.IsNaN(e.MeanAR[0]) {
					t.Errorf("%s: got %d events CAR=%v t=%v p=%v meanAR=%v note %q, want 0 events, NaN, note %q",
						e.Direction, e.Events, e.CAR, e.T, e.P, e.MeanAR, e.Note, tt.note)
				}
			}
		})
	}
}

// TestEventStudiesOrderAndErrors checks the row order and input errors.
func TestEventStudiesOrderAndErrors(t *testing.T) {
	daily := append(gSentiment("tech.ai", eventSentiment), gSentiment("auto.ev", eventSentiment)...)
	got, err := EventStudies(daily, gReturns(eventReturns), EventOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, e := range got {
		order = append(order, e.Sector+" "+e.Direction)
	}
	want := []string{"auto.ev positive", "auto.ev negative", "tech.ai positive", "tech.ai negative"}
	if !slices.Equal(order, want) {
		t.Errorf("got order %v, want %v", order, want)
	}
	got[0].Days[0] = 99
	if got[1].Days[0] != -1 {
		t.Errorf("rows share their Days slice")
	}

	mixed := append(gSentiment("tech.ai", eventSentiment), DailySector{TradingDate: gDate(3), Sector: "tech.ai", Analyzer: "llm"})
	if _, err := EventStudies(mixed, gReturns(eventReturns), EventOptions{}); err == nil || !strings.Contains(err.Error(), `"llm"`) {
		t.Errorf("mixed analyzers: got error %v, want one naming \"llm\"", err)
	}
}

// TestStudentTwoSided checks the t p-value against a printed table and the
// finite series for even degrees of freedom.
func TestStudentTwoSided(t *testing.T) {
	tests := []struct {
		name string
		t    float64
		df   int
		want float64
		tol  float64
	}{
		{"table t(4) 5%", 2.776, 4, 0.05, 1e-4},
		{"table t(10) 1%", 3.169, 10, 0.01, 1e-4},
		{"series t(4)", 2.776, 4, evenDFStudentTail(2.776, 4), 1e-12},
		{"series t(8) negative", -1.2, 8, evenDFStudentTail(1.2, 8), 1e-12},
		{"Cauchy", 0.5, 1, 1 - 2/math.Pi*math.Atan(0.5), 1e-12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := studentTwoSided(tt.t, float64(tt.df)); math.Abs(got-tt.want) > tt.tol {
				t.Errorf("got %v, want %v ± %v", got, tt.want, tt.tol)
			}
		})
	}
}

func ExampleEventStudies() {
	returns := gReturns([]float64{0.010, -0.005, 0.020, 0.000, 0.015, -0.010, 0.005, 0.030, -0.020, 0.010, 0.000, 0.005})
	daily := gSentiment("consumer.ecommerce", []float64{0.6, 0.6, 0, -0.6, 0, 0.6, 0, -0.6, 0, -0.6, 0, 0})
	studies, err := EventStudies(daily, returns, EventOptions{Index: "HSI", Threshold: 1.25})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range studies {
		fmt.Printf("%s %s: %d events (%d dropped), days %v, CAR %.4f, t %.2f, p %.3f\n",
			e.Sector, e.Direction, e.Events, e.Dropped, e.Days, e.CAR, e.T, e.P)
	}
	// Output:
	// consumer.ecommerce positive: 2 events (1 dropped), days [-1 0 1 2 3], CAR 0.0050, t 0.50, p 0.705
	// consumer.ecommerce negative: 2 events (1 dropped), days [-1 0 1 2 3], CAR 0.0025, t 1.00, p 0.500
}
