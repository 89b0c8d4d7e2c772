package market

import (
	"fmt"
	"math"
	"sort"
)

// DefaultRollingMinN is the least number of pairs for which
// RollingCorrelation reports a point when RollingOptions.MinN is not set.
const DefaultRollingMinN = 10

// RollingOptions selects what RollingCorrelation measures.
type RollingOptions struct {
	// Index is the index code copied into the results.
	Index string
	// Sectors limits the sectors; empty means every sector in the daily
	// sentiment.
	Sectors []string
	// Lag is the lag in trading days, as in Correlate.
	Lag int
	// Methods are Method* names; empty means all three.
	Methods []string
	// Window is the window's length in trading days; it must be at least 3.
	Window int
	// MinN is the least number of pairs for which a point is reported
	// (default DefaultRollingMinN; values below 3 are raised to 3). It may
	// not exceed Window.
	MinN int
	// From and To limit the sentiment dates and the windows' last days,
	// inclusive; "" leaves the end open. The returns paired may lie outside
	// the range.
	From, To string
}

// RollingPoint is the correlation of one sector's sentiment with an index's
// returns over one window of trading days.
type RollingPoint struct {
	// Index is the index code, Sector the taxonomy id and Method one of
	// the Method* names.
	Index, Sector, Method string
	// Lag is the lag in trading days.
	Lag int
	// Date is the window's last trading day, on the sentiment side: the
	// window holds the sentiment dates of the Window trading days ending on
	// Date, whether or not the sector has sentiment on Date itself.
	Date string
	// Window is the window's length in trading days and N the number of
	// (sentiment, return) pairs in it.
	Window, N int
	// R is the correlation coefficient and P its two-sided p-value; NaN when
	// a series is constant within the window.
	R, P float64
	// Note says why R is NaN; "" otherwise.
	Note string
}

// RollingCorrelation measures, for each sector and method, the correlation
// between the sector's daily sentiment and the index's log returns over a
// window of trading days sliding along the return series.
//
// The windows end on each day of the return series whose date lies within
// From/To, starting with the Window-th such day, so that every window spans
// Window trading days within the range. A window holds the sector's
// sentiment days among its trading days, each paired exactly as Correlate
// pairs it: with the return Lag trading days later in the return series
// (earlier when Lag < 0), left out when that day falls outside the series
// or its return is not finite; days without sentiment are left out, never
// filled. R and P are those Correlate reports for the same pairs by the
// same method (see Correlate for the coefficients and their p-values).
//
// Windows with fewer than MinN pairs are omitted, so a sector with sparse
// sentiment may have gaps or no points at all. Window below 3, MinN above
// Window, an unknown method, a mix of analyzers in daily or a date repeated
// in daily or returns is an error. Points are sorted by sector, method and
// date.
func RollingCorrelation(daily []DailySector, returns []Return, opts RollingOptions) ([]RollingPoint, error) {
	if opts.Window < 3 {
		return nil, fmt.Errorf("rolling correlation: window of %d trading days, need at least 3", opts.Window)
	}
	minN := opts.MinN
	if minN <= 0 {
		minN = DefaultRollingMinN
	}
	minN = max(minN, 3)
	if minN > opts.Window {
		return nil, fmt.Errorf("rolling correlation: window of %d trading days cannot hold the minimum of %d pairs; lower MinN or widen the window", opts.Window, minN)
	}
	methods, err := correlationMethods(opts.Methods)
	if err != nil {
		return nil, fmt.Errorf("rolling correlation: %w", err)
	}
	pos, series, err := returnSeries(returns)
	if err != nil {
		return nil, fmt.Errorf("rolling correlation: %w", err)
	}
	bySector, err := sectorSeries(daily, CorrelationOptions{Sectors: opts.Sectors, From: opts.From, To: opts.To}, pos)
	if err != nil {
		return nil, fmt.Errorf("rolling correlation: %w", err)
	}
	dates := seriesDates(pos)

	// Window ends: positions in range, from the Window-th one in range on.
	var ends []int
	inRange := 0
	for i, d := range dates {
		if !withinDates(d, opts.From, opts.To) {
			continue
		}
		inRange++
		if inRange >= opts.Window {
			ends = append(ends, i)
		}
	}

	var out []RollingPoint
	x := make([]float64, 0, opts.Window)
	y := make([]float64, 0, opts.Window)
	for _, sector := range analysisSectors(opts.Sectors, bySector) {
		// The sector's pairs in date order (bySector is sorted by
		// position): pairs[i] is the sentiment day, paired[i] its return.
		var pairs []sentimentDay
		var paired []float64
		for _, d := range bySector[sector] {
			j := d.pos + opts.Lag
			if j < 0 || j >= len(series) || !finiteValue(series[j]) {
				continue
			}
			pairs = append(pairs, d)
			paired = append(paired, series[j])
		}
		for _, method := range methods {
			for _, e := range ends {
				first := e - opts.Window + 1
				lo := sort.Search(len(pairs), func(i int) bool { return pairs[i].pos >= first })
				hi := sort.Search(len(pairs), func(i int) bool { return pairs[i].pos > e })
				if hi-lo < minN {
					continue
				}
				x, y = x[:0], y[:0]
				for i := lo; i < hi; i++ {
					x = append(x, pairs[i].sentiment)
					y = append(y, paired[i])
				}
				p := RollingPoint{
					Index: opts.Index, Sector: sector, Method: method, Lag: opts.Lag,
					Date: dates[e], Window: opts.Window, N: hi - lo,
				}
				p.R, p.P, _, _ = correlationStats(x, y, method, minN)
				if math.IsNaN(p.R) {
					p.Note = rollingConstantNote(x, y)
				}
				out = append(out, p)
			}
		}
	}
	return out, nil
}

// rollingConstantNote names the series that is constant in a window.
func rollingConstantNote(x, y []float64) string {
	switch {
	case allEqual(x) && allEqual(y):
		return "sentiment and returns constant in the window"
	case allEqual(x):
		return "sentiment constant in the window"
	case allEqual(y):
		return "returns constant in the window"
	}
	return "correlation undefined in the window"
}
