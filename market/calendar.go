package market

import (
	"slices"
	"sort"
	"time"
)

// dateLayout is the layout of trading dates.
const dateLayout = "2006-01-02"

// Calendar maps instants to trading sessions of one market.
//
// Sessions are known from price history plus weekends: within the range of
// known session dates (from the first to the last) a day is a session
// exactly when it is known, so holidays are the weekdays the prices skip;
// outside that range, or when no dates are known, Monday to Friday are
// assumed to be sessions. A gap in the price history inside the range is
// therefore taken for holidays.
//
// Days are civil dates in the market's time zone, and the close is
// wall-clock time there, so daylight saving time moves the close's UTC
// instant with it.
type Calendar struct {
	market Market
	known  []string // sorted, unique
	set    map[string]struct{}
}

// NewCalendar returns the calendar of m with the given known session dates,
// "YYYY-MM-DD". These should be the price dates of every index on an
// exchange sharing m's trading calendar (m.Calendar; see
// sectorpulse.Registry.CalendarIndexes), merged: the more indexes, the
// fewer gaps. The dates may be empty, unsorted or duplicated; entries that
// are not valid dates are ignored. A Market without a Location is taken
// to be on UTC.
func NewCalendar(m Market, tradingDates []string) *Calendar {
	if m.Location == nil {
		m.Location = time.UTC
	}
	c := &Calendar{market: m, set: make(map[string]struct{}, len(tradingDates))}
	for _, d := range tradingDates {
		if _, err := time.Parse(dateLayout, d); err != nil {
			continue
		}
		if _, dup := c.set[d]; dup {
			continue
		}
		c.set[d] = struct{}{}
		c.known = append(c.known, d)
	}
	slices.Sort(c.known)
	return c
}

// Market returns the calendar's market.
func (c *Calendar) Market() Market { return c.market }

// TradingDate returns the date, "YYYY-MM-DD", of the first trading session
// whose close comes strictly after t, in the market's time zone: a story at
// 15:59 HKT on a session day counts for that day; one at 16:00 or later, or
// on a weekend or holiday, counts for the next session. The zero time gives
// "".
func (c *Calendar) TradingDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	local := t.In(c.market.Location)
	y, m, d := local.Date()
	closeAt := time.Date(y, m, d, 0, 0, 0, int(c.market.Close), c.market.Location)
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if local.Before(closeAt) && c.isSession(day) {
		return day.Format(dateLayout)
	}
	return c.nextSession(day)
}

// isSession reports whether the civil date day (midnight UTC) is a session.
func (c *Calendar) isSession(day time.Time) bool {
	s := day.Format(dateLayout)
	if c.inRange(s) {
		_, ok := c.set[s]
		return ok
	}
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// inRange reports whether date s lies within the known dates.
func (c *Calendar) inRange(s string) bool {
	return len(c.known) > 0 && s >= c.known[0] && s <= c.known[len(c.known)-1]
}

// nextSession returns the first session date strictly after the civil date
// day (midnight UTC).
func (c *Calendar) nextSession(day time.Time) string {
	for {
		day = day.AddDate(0, 0, 1)
		s := day.Format(dateLayout)
		if c.inRange(s) {
			// Jump straight to the next known date: it is at or after s and
			// exists because s <= last.
			return c.known[sort.SearchStrings(c.known, s)]
		}
		if c.isSession(day) {
			return s
		}
	}
}

// LastSession returns the date of the last trading session whose close
// came at or before t: the session a market-close report published at t
// describes. The zero time gives "".
func (c *Calendar) LastSession(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	local := t.In(c.market.Location)
	y, m, d := local.Date()
	closeAt := time.Date(y, m, d, 0, 0, 0, int(c.market.Close), c.market.Location)
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if !local.Before(closeAt) && c.isSession(day) {
		return day.Format(dateLayout)
	}
	return c.prevSession(day)
}

// prevSession returns the last session date strictly before the civil
// date day (midnight UTC).
func (c *Calendar) prevSession(day time.Time) string {
	for {
		day = day.AddDate(0, 0, -1)
		s := day.Format(dateLayout)
		if c.inRange(s) {
			// The last known date at or before s exists because s >= first.
			i := sort.SearchStrings(c.known, s)
			if i == len(c.known) || c.known[i] != s {
				i--
			}
			return c.known[i]
		}
		if c.isSession(day) {
			return s
		}
	}
}
