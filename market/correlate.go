package market

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// The correlation methods Correlate knows.
const (
	MethodPearson  = "pearson"
	MethodSpearman = "spearman"
)

// DefaultMinN is the smallest number of pairs for which Correlate reports r.
const DefaultMinN = 3

// CorrelationOptions selects what Correlate measures.
type CorrelationOptions struct {
	// Index is the index code copied into the results.
	Index string
	// Sectors limits the sectors; empty means every sector in the daily
	// sentiment. A listed sector without sentiment gets rows with N = 0.
	Sectors []string
	// Lags are the lags in trading days; empty means lag 0.
	Lags []int
	// Methods are MethodPearson and/or MethodSpearman; empty means both.
	Methods []string
	// From and To limit the sentiment dates, inclusive; "" leaves the end
	// open. The returns they pair with may lie outside the range.
	From, To string
	// MinN is the smallest number of pairs for which R and P are reported
	// (default DefaultMinN; values below 3 are raised to 3).
	MinN int
}

// Correlation is the correlation of one sector's daily sentiment with an
// index's returns at one lag by one method.
type Correlation struct {
	// Index is the index code and Sector the taxonomy id.
	Index, Sector string
	// Lag is the lag in trading days.
	Lag int
	// Method is MethodPearson or MethodSpearman.
	Method string
	// N is the number of (sentiment, return) pairs.
	N int
	// R is the correlation coefficient, P its two-sided p-value and CILow,
	// CIHigh its 95% confidence interval; each is NaN when undefined.
	R, P, CILow, CIHigh float64
	// From and To are the first and last sentiment dates paired; "" when N
	// is 0.
	From, To string
}

// Correlate measures, for each sector, method and lag, the correlation
// between the sector's daily sentiment and the index's log returns.
//
// The return series is the index's trading days in date order, as given by
// returns. The sentiment of trading day t is paired with the return of the
// trading day k positions later in that series (lag k; a negative k pairs
// with an earlier return; lag 0 pairs with the same day's return, which
// already reflects stories published before that day's close). Days without
// sentiment for the sector are left out, never filled with zero; a sentiment
// date that is not a day of the return series, or whose lagged day falls
// outside the series, is left out; non-finite values are left out.
//
// daily must hold a single analyzer: mixing analyzers is an error naming
// them. A date appearing twice for a sector, or twice in returns, is an
// error.
//
// Pearson's r is gonum's stat.Correlation; Spearman's rho is Pearson's r of
// the average ranks (ties get the mean rank). The p-value is two-sided from
// Student's t with n−2 degrees of freedom, t = r·sqrt((n−2)/(1−r²)), and is 0
// when |r| = 1. The 95% confidence interval is from Fisher's z = atanh(r)
// with standard error 1/sqrt(n−3) for Pearson and sqrt(1.06/(n−3)) for
// Spearman (Fieller, Hartley and Pearson), transformed back; it is NaN when
// n ≤ 3. When n < MinN the row is still returned, with R, P and the interval
// NaN, so that n is visible. A constant series gives NaN. Results are sorted
// by sector, method and lag.
func Correlate(daily []DailySector, returns []Return, opts CorrelationOptions) ([]Correlation, error) {
	methods, err := correlationMethods(opts.Methods)
	if err != nil {
		return nil, err
	}
	lags := slices.Clone(opts.Lags)
	if len(lags) == 0 {
		lags = []int{0}
	}
	slices.Sort(lags)
	lags = slices.Compact(lags)
	minN := opts.MinN
	if minN <= 0 {
		minN = DefaultMinN
	}
	minN = max(minN, 3)

	pos, series, err := returnSeries(returns)
	if err != nil {
		return nil, err
	}
	bySector, err := sectorSeries(daily, opts, pos)
	if err != nil {
		return nil, err
	}
	sectors := slices.Clone(opts.Sectors)
	if len(sectors) == 0 {
		for s := range bySector {
			sectors = append(sectors, s)
		}
	}
	slices.Sort(sectors)
	sectors = slices.Compact(sectors)

	out := make([]Correlation, 0, len(sectors)*len(methods)*len(lags))
	x := make([]float64, 0, len(series))
	y := make([]float64, 0, len(series))
	for _, sector := range sectors {
		days := bySector[sector]
		for _, method := range methods {
			for _, k := range lags {
				x, y = x[:0], y[:0]
				c := Correlation{Index: opts.Index, Sector: sector, Lag: k, Method: method}
				for _, d := range days {
					j := d.pos + k
					if j < 0 || j >= len(series) || math.IsNaN(series[j]) || math.IsInf(series[j], 0) {
						continue
					}
					if c.From == "" {
						c.From = d.date
					}
					c.To = d.date
					x = append(x, d.sentiment)
					y = append(y, series[j])
				}
				c.N = len(x)
				c.R, c.P, c.CILow, c.CIHigh = correlationStats(x, y, method, minN)
				out = append(out, c)
			}
		}
	}
	return out, nil
}

// correlationMethods checks and sorts the requested methods.
func correlationMethods(in []string) ([]string, error) {
	if len(in) == 0 {
		return []string{MethodPearson, MethodSpearman}, nil
	}
	out := make([]string, 0, len(in))
	for _, m := range in {
		switch lm := strings.ToLower(strings.TrimSpace(m)); lm {
		case MethodPearson, MethodSpearman:
			out = append(out, lm)
		default:
			return nil, fmt.Errorf("unknown correlation method %q (want %s or %s)", m, MethodPearson, MethodSpearman)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// returnSeries sorts returns by date and returns each date's position and
// the log returns in that order.
func returnSeries(returns []Return) (map[string]int, []float64, error) {
	sorted := slices.Clone(returns)
	slices.SortFunc(sorted, func(a, b Return) int { return strings.Compare(a.Date, b.Date) })
	pos := make(map[string]int, len(sorted))
	series := make([]float64, len(sorted))
	for i, r := range sorted {
		if _, dup := pos[r.Date]; dup {
			return nil, nil, fmt.Errorf("correlate: returns hold date %s twice", r.Date)
		}
		pos[r.Date] = i
		series[i] = r.LogReturn
	}
	return pos, series, nil
}

// sentimentDay is one usable day of a sector's sentiment.
type sentimentDay struct {
	date      string
	pos       int // position in the return series
	sentiment float64
}

// sectorSeries selects the daily sentiment Correlate uses, by sector and in
// date order, checking that it comes from one analyzer and holds each
// (sector, date) once. Every wanted sector present in daily has an entry,
// possibly empty.
func sectorSeries(daily []DailySector, opts CorrelationOptions, pos map[string]int) (map[string][]sentimentDay, error) {
	want := make(map[string]bool, len(opts.Sectors))
	for _, s := range opts.Sectors {
		want[s] = true
	}
	wanted := func(d DailySector) bool { return len(want) == 0 || want[d.Sector] }

	var analyzers []string
	for _, d := range daily {
		if wanted(d) && !slices.Contains(analyzers, d.Analyzer) {
			analyzers = append(analyzers, d.Analyzer)
		}
	}
	if len(analyzers) > 1 {
		slices.Sort(analyzers)
		return nil, fmt.Errorf("daily sentiment mixes analyzers %s; choose one with --analyzer", joinAnd(analyzers))
	}

	seen := make(map[[2]string]bool)
	out := make(map[string][]sentimentDay)
	for _, d := range daily {
		if !wanted(d) {
			continue
		}
		key := [2]string{d.Sector, d.TradingDate}
		if seen[key] {
			return nil, fmt.Errorf("correlate: daily sentiment holds sector %s on %s twice", d.Sector, d.TradingDate)
		}
		seen[key] = true
		days := out[d.Sector]
		p, ok := pos[d.TradingDate]
		if ok && (opts.From == "" || d.TradingDate >= opts.From) && (opts.To == "" || d.TradingDate <= opts.To) &&
			!math.IsNaN(d.Sentiment) && !math.IsInf(d.Sentiment, 0) {
			days = append(days, sentimentDay{date: d.TradingDate, pos: p, sentiment: d.Sentiment})
		}
		out[d.Sector] = days
	}
	for _, days := range out {
		slices.SortFunc(days, func(a, b sentimentDay) int { return a.pos - b.pos })
	}
	return out, nil
}

// joinAnd joins names as "a and b" or "a, b and c", each quoted.
func joinAnd(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// correlationStats returns r, its p-value and 95% interval, all NaN when
// fewer than minN pairs.
func correlationStats(x, y []float64, method string, minN int) (r, p, lo, hi float64) {
	nan := math.NaN()
	if len(x) < minN {
		return nan, nan, nan, nan
	}
	isSpearman := method == MethodSpearman
	if isSpearman {
		r = spearman(x, y)
	} else {
		r = pearson(x, y)
	}
	lo, hi = fisherCI(r, len(x), isSpearman)
	return r, pValue(r, len(x)), lo, hi
}
