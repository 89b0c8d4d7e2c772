package market

import (
	"math"
	"slices"
	"strings"

	"github.com/sectorpulse/sectorpulse"
)

// Return is the log return of an index on a trading day.
type Return struct {
	// Date is the trading date, YYYY-MM-DD.
	Date string
	// Close is the day's close.
	Close float64
	// LogReturn is ln(Close / previous session's Close).
	LogReturn float64
}

// LogReturns returns the log returns of prices of one index: the prices are
// sorted by date and the return of row t is ln(close_t / close_t-1) over
// consecutive rows, so the first row has no return and is left out. Prices
// are taken as given: a missing session simply makes the next return span
// two sessions.
func LogReturns(prices []sectorpulse.Price) []Return {
	if len(prices) < 2 {
		return nil
	}
	sorted := slices.Clone(prices)
	slices.SortStableFunc(sorted, func(a, b sectorpulse.Price) int { return strings.Compare(a.Date, b.Date) })
	out := make([]Return, 0, len(sorted)-1)
	for i := 1; i < len(sorted); i++ {
		out = append(out, Return{
			Date:      sorted[i].Date,
			Close:     sorted[i].Close,
			LogReturn: math.Log(sorted[i].Close / sorted[i-1].Close),
		})
	}
	return out
}
