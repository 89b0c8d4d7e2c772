package market

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// The correlation methods Correlate knows.
const (
	MethodPearson  = "pearson"
	MethodSpearman = "spearman"
	MethodKendall  = "kendall"
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
	// Methods are any of MethodPearson, MethodSpearman and MethodKendall
	// (case-insensitive); empty means all three.
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
	// Method is MethodPearson, MethodSpearman or MethodKendall.
	Method string
	// N is the number of (sentiment, return) pairs.
	N int
	// R is the correlation coefficient (Pearson's r, Spearman's rho or
	// Kendall's tau-b), P its two-sided p-value and CILow, CIHigh its 95%
	// confidence interval; each is NaN when undefined.
	R, P, CILow, CIHigh float64
	// From and To are the first and last sentiment dates paired; "" when N
	// is 0.
	From, To string
	// PAdjusted is P adjusted by Benjamini–Hochberg over every row of the
	// same Correlate call that has a P (see AdjustBH); NaN when P is.
	PAdjusted float64
	// Note says in plain words why R is undefined, e.g. "n=2, below min-n
	// 3" or "sentiment constant on the 12 paired days"; "" when R is
	// defined.
	Note string
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
// the average ranks (ties get the mean rank); Kendall's tau-b is computed by
// Knight's O(n log n) algorithm. For r and rho the p-value is two-sided from
// Student's t with n−2 degrees of freedom, t = r·sqrt((n−2)/(1−r²)), and is 0
// when Pearson's |r| = 1; for tau-b it is two-sided from the normal
// approximation z = S/sqrt(Var(S)) with Kendall's tie-corrected variance of
// S. For rho and tau-b over n ≤ ExactMaxN pairs the p-value is instead the
// exact permutation p-value (see exactRankP). The 95%
// confidence interval is from Fisher's z = atanh(r) with standard error
// 1/sqrt(n−3) for Pearson, sqrt(1.06/(n−3)) for Spearman and
// sqrt(0.437/(n−4)) for Kendall (Fieller, Hartley and Pearson 1957),
// transformed back; it is NaN when n ≤ 3 (n ≤ 4 for Kendall) or |r| = 1. When n < MinN
// the row is still returned, with R, P and the interval NaN, so that n is
// visible. A constant series gives NaN. Every row whose R is NaN says why in
// Note. PAdjusted holds the Benjamini–Hochberg adjustment of P over all rows
// of the call. Results are sorted by sector, method (alphabetically) and lag.
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

	ranked := slices.ContainsFunc(methods, func(m string) bool { return m != MethodPearson })
	pr := newPairer(series, ranked)
	var scratch statScratch
	out := make([]Correlation, len(sectors)*len(methods)*len(lags))
	for si, sector := range sectors {
		days, known := bySector[sector]
		pr.setDays(days)
		for li, k := range lags {
			smp, from, to := pr.pairs(k)
			for mi, method := range methods {
				c := Correlation{Index: opts.Index, Sector: sector, Lag: k, Method: method,
					N: len(smp.x), From: from, To: to}
				c.R, c.P, c.CILow, c.CIHigh = scratch.correlationStats(smp, method, minN)
				if math.IsNaN(c.R) {
					c.Note = missingNote(known, len(days), k, opts)
					if c.N > 0 {
						c.Note = statsNote(smp.x, smp.y, minN)
					}
				}
				// Rows are ordered by sector, method, lag.
				out[(si*len(methods)+mi)*len(lags)+li] = c
			}
		}
	}

	p := make([]float64, len(out))
	for i, c := range out {
		p[i] = c.P
	}
	for i, q := range AdjustBH(p) {
		out[i].PAdjusted = q
	}
	return out, nil
}

// pairer builds Correlate's paired samples, one sector and lag at a time,
// reusing its buffers. The rank statistics need each sample's orders of
// sentiment and returns; rather than sort every (sector, lag) sample, a
// pairer sorts the returns once and each sector's sentiment once, and reads
// a sample's orders off those by skipping the days the sample leaves out.
type pairer struct {
	series   []float64 // the index's log returns in date order
	ranked   bool      // whether orders are wanted
	retOrder []int     // positions in series by ascending return
	pairAt   []int     // pair index of a return position, or −1 (all −1 between calls)
	days     []sentimentDay
	sent     []float64 // the days' sentiment
	dayOrder []int     // the days by ascending sentiment
	pairOf   []int     // pair index of a day, or −1
	x, y     []float64
	ox, oy   []int
}

// newPairer returns a pairer over the return series; ranked asks for the
// samples' orders.
func newPairer(series []float64, ranked bool) *pairer {
	p := &pairer{series: series, ranked: ranked,
		x: make([]float64, 0, len(series)), y: make([]float64, 0, len(series))}
	if ranked {
		p.retOrder = orderInto(nil, series)
		p.pairAt = make([]int, len(series))
		for j := range p.pairAt {
			p.pairAt[j] = -1
		}
		p.ox = make([]int, 0, len(series))
		p.oy = make([]int, 0, len(series))
	}
	return p
}

// setDays starts a sector: days are its usable sentiment days in date order.
func (p *pairer) setDays(days []sentimentDay) {
	p.days = days
	if !p.ranked {
		return
	}
	p.sent = grow(p.sent, len(days))
	for i, d := range days {
		p.sent[i] = d.sentiment
	}
	p.dayOrder = orderInto(p.dayOrder, p.sent)
	p.pairOf = grow(p.pairOf, len(days))
}

// pairs returns the sample at lag k: each day's sentiment with the return k
// positions later in the series, skipping days whose lagged return is
// outside the series or not finite, in date order, with the first and last
// sentiment dates paired. The sample's slices are valid until the next call.
func (p *pairer) pairs(k int) (smp sample, from, to string) {
	p.x, p.y = p.x[:0], p.y[:0]
	for i, d := range p.days {
		if p.ranked {
			p.pairOf[i] = -1
		}
		j := d.pos + k
		if j < 0 || j >= len(p.series) || math.IsNaN(p.series[j]) || math.IsInf(p.series[j], 0) {
			continue
		}
		if from == "" {
			from = d.date
		}
		to = d.date
		if p.ranked {
			p.pairOf[i] = len(p.x)
			p.pairAt[j] = len(p.x)
		}
		p.x = append(p.x, d.sentiment)
		p.y = append(p.y, p.series[j])
	}
	if !p.ranked {
		return sample{x: p.x, y: p.y}, from, to
	}
	p.ox, p.oy = p.ox[:0], p.oy[:0]
	for _, i := range p.dayOrder {
		if p.pairOf[i] >= 0 {
			p.ox = append(p.ox, p.pairOf[i])
		}
	}
	for _, j := range p.retOrder {
		if p.pairAt[j] >= 0 {
			p.oy = append(p.oy, p.pairAt[j])
			p.pairAt[j] = -1
		}
	}
	return sample{x: p.x, y: p.y, ox: p.ox, oy: p.oy}, from, to
}

// missingNote explains a row with no pairs at lag k: the sector has no
// sentiment at all (known false), none on the index's trading days within
// the date range (days 0), or none of its days has a return at that lag.
func missingNote(known bool, days, k int, opts CorrelationOptions) string {
	switch {
	case !known:
		return "no sentiment for this sector"
	case days == 0:
		note := "no sentiment on the index's trading days"
		switch {
		case opts.From != "" && opts.To != "":
			note += " from " + opts.From + " to " + opts.To
		case opts.From != "":
			note += " from " + opts.From
		case opts.To != "":
			note += " up to " + opts.To
		}
		return note
	}
	var when string
	switch {
	case k == 0:
		when = "on the same day"
	case k == 1:
		when = "1 trading day later"
	case k == -1:
		when = "1 trading day earlier"
	case k > 0:
		when = fmt.Sprintf("%d trading days later", k)
	default:
		when = fmt.Sprintf("%d trading days earlier", -k)
	}
	if days == 1 {
		return fmt.Sprintf("no index return %s for the one sentiment day", when)
	}
	return fmt.Sprintf("no index return %s for any of the %d sentiment days", when, days)
}

// statsNote explains why the correlation of the n = len(x) > 0 sentiment
// values x and returns y is undefined: too few pairs for minN, or a
// constant series. It is meant for rows whose r is NaN.
func statsNote(x, y []float64, minN int) string {
	n := len(x)
	switch {
	case n < minN:
		return fmt.Sprintf("n=%d, below min-n %d", n, minN)
	case constant(x) && constant(y):
		return fmt.Sprintf("sentiment and returns constant on the %d paired days", n)
	case constant(x):
		return fmt.Sprintf("sentiment constant on the %d paired days", n)
	case constant(y):
		return fmt.Sprintf("returns constant on the %d paired days", n)
	}
	return fmt.Sprintf("correlation undefined on the %d paired days", n)
}

// correlationMethods checks and sorts the requested methods; empty means
// all three.
func correlationMethods(in []string) ([]string, error) {
	if len(in) == 0 {
		return []string{MethodKendall, MethodPearson, MethodSpearman}, nil
	}
	out := make([]string, 0, len(in))
	for _, m := range in {
		switch lm := strings.ToLower(strings.TrimSpace(m)); lm {
		case MethodPearson, MethodSpearman, MethodKendall:
			out = append(out, lm)
		default:
			return nil, fmt.Errorf("unknown correlation method %q (want %s, %s or %s)", m, MethodPearson, MethodSpearman, MethodKendall)
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
// possibly empty. A duplicate is reported for the first sector, in name
// order, that has one.
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

	// Gather every row of each sector, usable or not, so that a duplicate
	// is caught even on a day that is then left out. The rows of all
	// sectors share one array, each sector a segment of it.
	group := make(map[string]int) // sector → index in count and start
	var count []int
	for _, d := range daily {
		if !wanted(d) {
			continue
		}
		g, ok := group[d.Sector]
		if !ok {
			g = len(count)
			group[d.Sector] = g
			count = append(count, 0)
		}
		count[g]++
	}
	start := make([]int, len(count)+1)
	for g, c := range count {
		start[g+1] = start[g] + c
	}
	next := slices.Clone(start)
	all := make([]sentimentDay, start[len(count)])
	for _, d := range daily {
		if !wanted(d) {
			continue
		}
		p, ok := pos[d.TradingDate]
		if !ok {
			p = -1 // not a trading day of the index
		}
		g := group[d.Sector]
		all[next[g]] = sentimentDay{date: d.TradingDate, pos: p, sentiment: d.Sentiment}
		next[g]++
	}
	usable := func(d sentimentDay) bool {
		return d.pos >= 0 && (opts.From == "" || d.date >= opts.From) && (opts.To == "" || d.date <= opts.To) &&
			!math.IsNaN(d.sentiment) && !math.IsInf(d.sentiment, 0)
	}

	sectors := make([]string, 0, len(group))
	for s := range group {
		sectors = append(sectors, s)
	}
	slices.Sort(sectors)
	out := make(map[string][]sentimentDay, len(group))
	for _, sector := range sectors {
		g := group[sector]
		rows := all[start[g]:start[g+1]:start[g+1]]
		// A date has one position, so its duplicates sort next to each other.
		slices.SortFunc(rows, func(a, b sentimentDay) int {
			return cmp.Or(cmp.Compare(a.pos, b.pos), strings.Compare(a.date, b.date))
		})
		// Keep the usable days, compacting in place.
		days := rows[:0]
		prev := ""
		for _, r := range rows {
			if r.date == prev {
				return nil, fmt.Errorf("correlate: daily sentiment holds sector %s on %s twice", sector, r.date)
			}
			prev = r.date
			if usable(r) {
				days = append(days, r)
			}
		}
		out[sector] = days
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

// correlationStats returns r (Pearson's r, Spearman's rho or Kendall's
// tau-b as method says; Pearson for any other method), its two-sided
// p-value and 95% interval, all NaN when fewer than minN pairs.
func correlationStats(x, y []float64, method string, minN int) (r, p, lo, hi float64) {
	var s statScratch
	if len(x) < minN || method == MethodPearson {
		return s.correlationStats(sample{x: x, y: y}, method, minN)
	}
	return s.correlationStats(s.sorted(x, y), method, minN)
}

// correlationStats is the package-level correlationStats of an ordered
// sample, using the scratch buffers; Pearson's r needs no orders.
func (s *statScratch) correlationStats(smp sample, method string, minN int) (r, p, lo, hi float64) {
	nan := math.NaN()
	n := len(smp.x)
	if n < minN {
		return nan, nan, nan, nan
	}
	switch method {
	case MethodKendall:
		k := s.kendall(smp)
		r, p = k.tau, k.p()
		lo, hi = kendallCI(r, n)
		if n <= ExactMaxN && !math.IsNaN(r) {
			p = exactRankP(smp.x, smp.y, MethodKendall)
		}
	case MethodSpearman:
		r = s.spearman(smp)
		p = pValue(r, n)
		lo, hi = fisherCI(r, n, true)
		if n <= ExactMaxN && !math.IsNaN(r) {
			p = exactRankP(smp.x, smp.y, MethodSpearman)
		}
	default:
		r = pearson(smp.x, smp.y)
		p = pValue(r, n)
		lo, hi = fisherCI(r, n, false)
	}
	if math.Abs(r) >= 1 {
		// Fisher's z of ±1 is infinite: a perfect sample gives no interval.
		lo, hi = nan, nan
	}
	return r, p, lo, hi
}
