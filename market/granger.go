package market

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/mathext"
)

// The directions of a Granger test, as GrangerResult.Direction.
const (
	// GrangerSentimentToReturns tests whether past sentiment helps predict
	// the index's returns beyond the returns' own past.
	GrangerSentimentToReturns = "sentiment->returns"
	// GrangerReturnsToSentiment tests whether past returns help predict the
	// sector's sentiment beyond the sentiment's own past.
	GrangerReturnsToSentiment = "returns->sentiment"
)

// Defaults of GrangerOptions.
const (
	// DefaultGrangerMaxLag is the largest lag order tried when
	// GrangerOptions.MaxLag is not set.
	DefaultGrangerMaxLag = 5
	// DefaultGrangerMinN is the least number of usable rows for which
	// Granger reports F when GrangerOptions.MinN is not set.
	DefaultGrangerMinN = 20
)

// grangerRankTolerance is how small, relative to the column's length, the
// part of a regressor not explained by the regressors before it may become
// before the design counts as singular.
const grangerRankTolerance = 1e-10

// grangerExactFit is the fraction of the dependent variable's total sum of
// squares below which a residual sum of squares counts as zero.
const grangerExactFit = 1e-12

// GrangerOptions selects what Granger tests.
type GrangerOptions struct {
	// Index is the index code copied into the results.
	Index string
	// Sectors limits the sectors; empty means every sector in the daily
	// sentiment. A listed sector without sentiment gets rows with N = 0.
	Sectors []string
	// MaxLag is the largest lag order tried, in trading days (default
	// DefaultGrangerMaxLag; zero or negative means the default).
	MaxLag int
	// From and To limit the dates of every value used, sentiment and
	// returns alike, lagged values included; inclusive, "" leaves the end
	// open.
	From, To string
	// MinN is the least number of usable rows for which F is reported
	// (default DefaultGrangerMinN; zero or negative means the default).
	MinN int
	// FillZero gives a sector sentiment 0 (no news, neutral) on the
	// trading days that have none between the first and the last day any
	// sector has sentiment (within From..To): the period the news covers,
	// never the price history before or after it. Sparse news then still
	// makes consecutive days; by default such days break the lag chain.
	FillZero bool
}

// GrangerResult is one Granger causality test between one sector's daily
// sentiment and an index's returns in one direction.
type GrangerResult struct {
	// Index is the index code and Sector the taxonomy id.
	Index, Sector string
	// Direction is GrangerSentimentToReturns or GrangerReturnsToSentiment.
	Direction string
	// Lag is the lag order chosen by AIC; 0 when none could be fitted.
	Lag int
	// N is the number of usable rows; DF1 = Lag and DF2 = N − 2·Lag − 1 are
	// the degrees of freedom of F.
	N, DF1, DF2 int
	// F is the F statistic and P its p-value; NaN when not computed.
	F, P float64
	// AIC is the Akaike information criterion of the unrestricted model at
	// Lag; NaN when not computed.
	AIC float64
	// From and To are the dates of the first and last usable rows; "" when
	// N is 0.
	From, To string
	// Note says why F is NaN, or flags an exact fit; "" otherwise.
	Note string
}

// Granger tests, for each sector and in both directions, whether one series
// Granger-causes the other: whether the past of x improves the prediction of
// y beyond y's own past.
//
// At lag order p the unrestricted model is
//
//	y_t = c + Σ_{i=1..p} a_i·y_{t−i} + Σ_{i=1..p} b_i·x_{t−i} + e_t
//
// and the restricted model drops the x terms. Both are fitted by ordinary
// least squares (QR). F = ((RSS_r − RSS_u)/p) / (RSS_u/(n − 2p − 1)) with
// (p, n − 2p − 1) degrees of freedom; P is the F distribution's upper tail.
//
// The time axis is the trading days of the return series, in date order.
// A sector's sentiment exists only on the days it has some and is never
// filled; a return that is not finite, or whose date lies outside From/To,
// is missing too. Row t is usable only when both series exist at t and at
// each of the MaxLag trading days before it, so a missing day removes the
// rows from that day to MaxLag days after it. Both directions use the same
// rows.
//
// The lag order p is the one in 1..MaxLag that minimises
// AIC = n·ln(RSS_u/n) + 2k, k = 2p + 1, all orders being fitted on the same
// usable rows (those complete for MaxLag); only orders with n − 2p − 1 ≥ 1
// are tried, and ties go to the smaller p. The F test is then made at that p
// on the same rows. A residual sum of squares below 1e-12 of the total sum
// of squares counts as that floor, so an exact fit gives a finite AIC and a
// Note.
//
// With fewer than MinN usable rows, with too few rows for lag 1, with a
// constant series or with a singular design, F, P and AIC are NaN, Lag is 0
// and Note says why ("12 usable days, need 20", "sentiment constant on the
// usable days", ...).
//
// daily must hold a single analyzer, each (sector, date) once, and returns
// each date once; otherwise Granger returns an error. Results are sorted by
// sector, then sentiment->returns before returns->sentiment.
func Granger(daily []DailySector, returns []Return, opts GrangerOptions) ([]GrangerResult, error) {
	maxLag := opts.MaxLag
	if maxLag <= 0 {
		maxLag = DefaultGrangerMaxLag
	}
	minN := opts.MinN
	if minN <= 0 {
		minN = DefaultGrangerMinN
	}
	pos, series, err := returnSeries(returns)
	if err != nil {
		return nil, fmt.Errorf("granger: %w", err)
	}
	bySector, err := sectorSeries(daily, CorrelationOptions{Sectors: opts.Sectors, From: opts.From, To: opts.To}, pos)
	if err != nil {
		return nil, fmt.Errorf("granger: %w", err)
	}
	dates := seriesDates(pos)

	ret := make([]float64, len(series))
	retOK := make([]bool, len(series))
	for i, r := range series {
		ret[i] = r
		retOK[i] = !math.IsNaN(r) && !math.IsInf(r, 0) && withinDates(dates[i], opts.From, opts.To)
	}

	// The news period: the first and last positions with any sentiment.
	newsFirst, newsLast := len(series), -1
	if opts.FillZero {
		for _, d := range daily {
			p, ok := pos[d.TradingDate]
			if ok && withinDates(d.TradingDate, opts.From, opts.To) {
				newsFirst, newsLast = min(newsFirst, p), max(newsLast, p)
			}
		}
	}
	sectors := analysisSectors(opts.Sectors, bySector)
	out := make([]GrangerResult, 0, 2*len(sectors))
	sent := make([]float64, len(series))
	sentOK := make([]bool, len(series))
	for _, sector := range sectors {
		clear(sent)
		clear(sentOK)
		for _, d := range bySector[sector] {
			sent[d.pos] = d.sentiment
			sentOK[d.pos] = true
		}
		if opts.FillZero {
			for i := newsFirst; i <= newsLast; i++ {
				if !sentOK[i] {
					sentOK[i] = true // sent[i] is already 0
				}
			}
		}
		rows := grangerRows(retOK, sentOK, maxLag)
		base := GrangerResult{Index: opts.Index, Sector: sector, N: len(rows)}
		if len(rows) > 0 {
			base.From, base.To = dates[rows[0]], dates[rows[len(rows)-1]]
		}
		for _, dir := range []struct {
			name       string
			y, x       []float64
			yNam, xNam string
		}{
			{GrangerSentimentToReturns, ret, sent, "returns", "sentiment"},
			{GrangerReturnsToSentiment, sent, ret, "sentiment", "returns"},
		} {
			g := base
			g.Direction = dir.name
			grangerTest(&g, dir.y, dir.x, dir.yNam, dir.xNam, rows, maxLag, minN)
			out = append(out, g)
		}
	}
	return out, nil
}

// grangerRows returns the positions t at which both series exist at t and
// at the maxLag positions before it.
func grangerRows(retOK, sentOK []bool, maxLag int) []int {
	var rows []int
	run := 0 // consecutive positions ending at t where both exist
	for t := range retOK {
		if retOK[t] && sentOK[t] {
			run++
		} else {
			run = 0
		}
		if run > maxLag {
			rows = append(rows, t)
		}
	}
	return rows
}

// grangerTest fills Lag, DF1, DF2, F, P, AIC and Note of g for "x
// Granger-causes y" on the given rows.
func grangerTest(g *GrangerResult, y, x []float64, yName, xName string, rows []int, maxLag, minN int) {
	nan := math.NaN()
	g.F, g.P, g.AIC = nan, nan, nan
	n := len(rows)
	if n == 0 {
		g.Note = fmt.Sprintf("no usable days, need %d", minN)
		return
	}
	if n < minN {
		g.Note = fmt.Sprintf("%s, need %d", countNoun(n, "usable day"), minN)
		return
	}
	// Largest order with n − 2p − 1 ≥ 1.
	maxP := min(maxLag, (n-2)/2)
	if maxP < 1 {
		g.Note = fmt.Sprintf("%s, too few for lag 1", countNoun(n, "usable day"))
		return
	}
	switch {
	case constantAt(x, rows, maxLag):
		g.Note = xName + " constant on the usable days"
		return
	case constantAt(y, rows, maxLag):
		g.Note = yName + " constant on the usable days"
		return
	}

	yv := make([]float64, n)
	for i, t := range rows {
		yv[i] = y[t]
	}
	floor := grangerExactFit * sumSquaredDeviations(yv)

	bestP, bestRSS := 0, nan
	bestAIC := math.Inf(1)
	for p := 1; p <= maxP; p++ {
		rss, ok := olsRSS(grangerDesign(y, x, rows, p, true), yv)
		if !ok {
			// A larger order only adds columns: it stays singular.
			break
		}
		rss = max(rss, floor)
		aic := float64(n)*math.Log(rss/float64(n)) + 2*float64(2*p+1)
		if aic < bestAIC {
			bestP, bestRSS, bestAIC = p, rss, aic
		}
	}
	if bestP == 0 {
		g.Note = fmt.Sprintf("singular design at lag 1 (%s and %s collinear)", yName, xName)
		return
	}
	rssR, ok := olsRSS(grangerDesign(y, x, rows, bestP, false), yv)
	if !ok {
		// Unreachable in exact arithmetic: the restricted columns are a
		// subset of a full-rank design.
		g.Note = fmt.Sprintf("singular restricted design at lag %d", bestP)
		return
	}
	rssR = max(rssR, floor)
	df2 := n - 2*bestP - 1
	f := max(((rssR-bestRSS)/float64(bestP))/(bestRSS/float64(df2)), 0)
	g.Lag, g.DF1, g.DF2 = bestP, bestP, df2
	g.F, g.P, g.AIC = f, fSurvival(f, float64(bestP), float64(df2)), bestAIC
	if bestRSS <= floor {
		g.Note = "exact fit: the unrestricted residuals vanish"
	}
}

// grangerDesign returns the design matrix at lag order p on rows: a column
// of ones, y lagged 1…p and, when unrestricted, x lagged 1…p.
func grangerDesign(y, x []float64, rows []int, p int, unrestricted bool) *mat.Dense {
	cols := 1 + p
	if unrestricted {
		cols += p
	}
	d := mat.NewDense(len(rows), cols, nil)
	for i, t := range rows {
		d.Set(i, 0, 1)
		for l := 1; l <= p; l++ {
			d.Set(i, l, y[t-l])
			if unrestricted {
				d.Set(i, p+l, x[t-l])
			}
		}
	}
	return d
}

// olsRSS fits y on the columns of x by least squares and returns the
// residual sum of squares; ok is false when x does not have full column
// rank.
func olsRSS(x *mat.Dense, y []float64) (rss float64, ok bool) {
	r, c := x.Dims()
	if r < c {
		return math.NaN(), false
	}
	var qr mat.QR
	qr.Factorize(x)
	var rm mat.Dense
	qr.RTo(&rm)
	for j := range c {
		norm := mat.Norm(x.ColView(j), 2)
		if norm == 0 || math.Abs(rm.At(j, j)) <= grangerRankTolerance*norm {
			return math.NaN(), false
		}
	}
	yv := mat.NewVecDense(r, slices.Clone(y))
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, yv); err != nil {
		return math.NaN(), false
	}
	var fitted mat.VecDense
	fitted.MulVec(x, &beta)
	for i := range r {
		e := y[i] - fitted.AtVec(i)
		rss += e * e
	}
	return rss, true
}

// fSurvival returns P(F > f) for the F distribution with d1 and d2 degrees
// of freedom, as the regularized incomplete beta I_{d2/(d2+d1·f)}(d2/2,
// d1/2); unlike 1 − CDF it keeps its precision in the far tail.
func fSurvival(f, d1, d2 float64) float64 {
	switch {
	case math.IsNaN(f) || d1 <= 0 || d2 <= 0:
		return math.NaN()
	case f <= 0:
		return 1
	case math.IsInf(f, 1):
		return 0
	}
	return mathext.RegIncBeta(d2/2, d1/2, d2/(d2+d1*f))
}

// constantAt reports whether v takes a single value over the positions
// t−maxLag…t of all rows t.
func constantAt(v []float64, rows []int, maxLag int) bool {
	first := v[rows[0]]
	for _, t := range rows {
		for l := 0; l <= maxLag; l++ {
			if v[t-l] != first {
				return false
			}
		}
	}
	return true
}

// sumSquaredDeviations returns Σ(v_i − mean)².
func sumSquaredDeviations(v []float64) float64 {
	var mean float64
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return ss
}

// seriesDates inverts the date → position map of returnSeries.
func seriesDates(pos map[string]int) []string {
	dates := make([]string, len(pos))
	for d, i := range pos {
		dates[i] = d
	}
	return dates
}

// withinDates reports whether date lies in [from, to]; "" leaves an end
// open.
func withinDates(date, from, to string) bool {
	return (from == "" || date >= from) && (to == "" || date <= to)
}

// analysisSectors returns the listed sectors, or every sector of bySector
// when none is listed, sorted and without duplicates.
func analysisSectors(listed []string, bySector map[string][]sentimentDay) []string {
	sectors := slices.Clone(listed)
	if len(sectors) == 0 {
		for s := range bySector {
			sectors = append(sectors, s)
		}
	}
	slices.Sort(sectors)
	return slices.Compact(sectors)
}

// countNoun returns "1 noun" or "n nouns".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
