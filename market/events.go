package market

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// The directions of an event study, as EventStudy.Direction.
const (
	// EventPositive marks days of unusually high sentiment.
	EventPositive = "positive"
	// EventNegative marks days of unusually low sentiment.
	EventNegative = "negative"
)

// Defaults of EventOptions.
const (
	// DefaultEventThreshold is the sentiment z-score that makes a day an
	// event when EventOptions.Threshold is not set.
	DefaultEventThreshold = 1.5
	// DefaultEventBefore and DefaultEventAfter are the trading days before
	// and after the event day in the window when EventOptions sets neither.
	DefaultEventBefore, DefaultEventAfter = 1, 3
)

// EventOptions selects what EventStudies measures.
type EventOptions struct {
	// Index is the index code copied into the results.
	Index string
	// Sectors limits the sectors; empty means every sector in the daily
	// sentiment. A listed sector without sentiment gets rows with no events.
	Sectors []string
	// Threshold is the z-score a day's sentiment must reach (≥ Threshold)
	// or fall to (≤ −Threshold) to be an event; zero or negative means
	// DefaultEventThreshold.
	Threshold float64
	// Before and After are the trading days before and after the event day
	// in the window; when both are zero they are DefaultEventBefore and
	// DefaultEventAfter, and negative values are an error.
	Before, After int
	// From and To limit the sentiment dates and the returns that set the
	// normal return, inclusive; "" leaves the end open. Window returns may
	// lie outside the range.
	From, To string
}

// EventStudy is the index's abnormal returns around one sector's strong
// sentiment days of one sign.
type EventStudy struct {
	// Index is the index code and Sector the taxonomy id.
	Index, Sector string
	// Direction is EventPositive or EventNegative.
	Direction string
	// Threshold is the z-score threshold used.
	Threshold float64
	// Events is the number of events whose whole window lies in the series.
	Events int
	// Days are the relative trading days of the window, −Before…After.
	Days []int
	// MeanAR is the mean abnormal return on each of Days; NaN when there
	// are no events.
	MeanAR []float64
	// CAR is the mean over events of the cumulative abnormal return over the
	// window, SD the sample standard deviation of those CARs, T =
	// CAR/(SD/√Events) and P its two-sided p-value from Student's t with
	// Events−1 degrees of freedom; each is NaN when undefined.
	CAR, SD, T, P float64
	// Dropped counts events left out because their window runs past either
	// end of the return series or holds a non-finite return.
	Dropped int
	// Note says why T is NaN; "" otherwise.
	Note string
}

// EventStudies measures, for each sector, the index's abnormal returns
// around the days of unusually positive and unusually negative sentiment.
//
// A sector's sentiment days are its days that are days of the return
// series and lie within From/To. A day is an event when its z-score,
// (s − mean)/sd with the mean and sample standard deviation (n − 1) of the
// sector's sentiment days, is ≥ Threshold (positive) or ≤ −Threshold
// (negative); a sector needs two distinct sentiment values for a z-score.
//
// The normal return μ is the mean log return of the days of the return
// series whose date lies within From/To (all days when both are ""),
// non-finite returns left out; the abnormal return of day t is
// AR_t = r_t − μ. Relative day 0 is the event's trading day and day k the
// k-th trading day after it (before it when k < 0) in the return series.
// An event whose window −Before…After runs past either end of the series or
// holds a non-finite return is counted in Dropped and left out. Events whose
// windows overlap are all kept; they are not independent, which the t-test
// ignores.
//
// Each event's CAR is the sum of its window's ARs. The study's CAR is their
// mean, SD their sample standard deviation, T = CAR/(SD/√Events), and P the
// two-sided p-value from Student's t with Events−1 degrees of freedom. With
// fewer than two events, or identical CARs, T and P are NaN and Note says
// why.
//
// daily must hold a single analyzer, each (sector, date) once, and returns
// each date once; otherwise EventStudies returns an error. Rows are sorted
// by sector, positive before negative.
func EventStudies(daily []DailySector, returns []Return, opts EventOptions) ([]EventStudy, error) {
	threshold := opts.Threshold
	if threshold <= 0 || math.IsNaN(threshold) {
		threshold = DefaultEventThreshold
	}
	before, after := opts.Before, opts.After
	if before < 0 || after < 0 {
		return nil, fmt.Errorf("event study: window %d days before and %d after: negative", before, after)
	}
	if before == 0 && after == 0 {
		before, after = DefaultEventBefore, DefaultEventAfter
	}
	pos, series, err := returnSeries(returns)
	if err != nil {
		return nil, fmt.Errorf("event study: %w", err)
	}
	bySector, err := sectorSeries(daily, CorrelationOptions{Sectors: opts.Sectors, From: opts.From, To: opts.To}, pos)
	if err != nil {
		return nil, fmt.Errorf("event study: %w", err)
	}
	dates := seriesDates(pos)

	var sum float64
	var count int
	for i, r := range series {
		if finiteValue(r) && withinDates(dates[i], opts.From, opts.To) {
			sum += r
			count++
		}
	}
	mu := math.NaN()
	if count > 0 {
		mu = sum / float64(count)
	}

	days := make([]int, 0, before+after+1)
	for k := -before; k <= after; k++ {
		days = append(days, k)
	}
	sectors := analysisSectors(opts.Sectors, bySector)
	out := make([]EventStudy, 0, 2*len(sectors))
	for _, sector := range sectors {
		sd := bySector[sector]
		values := sentimentValues(sd)
		mean, sdev := sampleMeanSD(values)
		for _, dir := range []string{EventPositive, EventNegative} {
			e := EventStudy{Index: opts.Index, Sector: sector, Direction: dir, Threshold: threshold, Days: slices.Clone(days)}
			switch {
			case count == 0:
				e.finish(nil, "no returns in range")
			case len(sd) < 2:
				e.finish(nil, fmt.Sprintf("%s, need 2 for a z-score", countNoun(len(sd), "sentiment day")))
			case allEqual(values):
				e.finish(nil, "sentiment constant: no z-score")
			default:
				var cars [][]float64 // per event, its window's ARs
				for _, d := range sd {
					z := (d.sentiment - mean) / sdev
					if (dir == EventPositive && z < threshold) || (dir == EventNegative && z > -threshold) {
						continue
					}
					ar, ok := eventWindow(series, d.pos, before, after, mu)
					if !ok {
						e.Dropped++
						continue
					}
					cars = append(cars, ar)
				}
				e.finish(cars, "")
			}
			out = append(out, e)
		}
	}
	return out, nil
}

// eventWindow returns the abnormal returns of positions p−before…p+after,
// ok false when the window leaves the series or holds a non-finite return.
func eventWindow(series []float64, p, before, after int, mu float64) ([]float64, bool) {
	if p-before < 0 || p+after >= len(series) {
		return nil, false
	}
	ar := make([]float64, 0, before+after+1)
	for j := p - before; j <= p+after; j++ {
		if !finiteValue(series[j]) {
			return nil, false
		}
		ar = append(ar, series[j]-mu)
	}
	return ar, true
}

// finish fills Events, MeanAR, CAR, SD, T, P and Note from the events'
// abnormal returns; note, when not "", explains why there are none.
func (e *EventStudy) finish(events [][]float64, note string) {
	nan := math.NaN()
	e.Events = len(events)
	e.MeanAR = make([]float64, len(e.Days))
	e.CAR, e.SD, e.T, e.P = nan, nan, nan, nan
	e.Note = note
	if len(events) == 0 {
		for i := range e.MeanAR {
			e.MeanAR[i] = nan
		}
		if e.Note == "" {
			e.Note = "no events"
		}
		return
	}
	cars := make([]float64, len(events))
	for i, ar := range events {
		for k, v := range ar {
			e.MeanAR[k] += v
			cars[i] += v
		}
	}
	for k := range e.MeanAR {
		e.MeanAR[k] /= float64(len(events))
	}
	e.CAR, e.SD = sampleMeanSD(cars)
	switch {
	case len(events) < 2:
		e.Note = "1 event, need 2 for a t-test"
	case allEqual(cars):
		e.Note = "identical CARs: no t-test"
	default:
		e.T = e.CAR / (e.SD / math.Sqrt(float64(len(events))))
		e.P = studentTwoSided(e.T, float64(len(events)-1))
	}
}

// studentTwoSided returns P(|T| ≥ |t|) for Student's t with df degrees of
// freedom.
func studentTwoSided(t, df float64) float64 {
	if math.IsNaN(t) || df <= 0 {
		return math.NaN()
	}
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(math.Abs(t))
}

// sampleMeanSD returns the mean and the sample standard deviation (n − 1) of v;
// the mean is NaN when v is empty and the standard deviation when it holds
// fewer than two values.
func sampleMeanSD(v []float64) (mean, sd float64) {
	if len(v) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	if len(v) < 2 {
		return mean, math.NaN()
	}
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(v)-1))
}

// sentimentValues returns the sentiment of each day.
func sentimentValues(days []sentimentDay) []float64 {
	v := make([]float64, len(days))
	for i, d := range days {
		v[i] = d.sentiment
	}
	return v
}

// finiteValue reports whether v is neither NaN nor infinite.
func finiteValue(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0)
}

// allEqual reports whether every value of v is the same.
func allEqual(v []float64) bool {
	for _, x := range v {
		if x != v[0] {
			return false
		}
	}
	return true
}
