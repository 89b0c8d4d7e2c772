package market

import (
	"slices"
	"testing"
	"time"
)

func hkex(t *testing.T) Market { return marketOf(t, "HKEX") }

// marketOf returns the built-in market of an exchange code.
func marketOf(t *testing.T, code string) Market {
	t.Helper()
	m, err := MarketFor(nil, code)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// weekdays returns the dates Monday to Friday from from to to inclusive,
// YYYY-MM-DD, leaving out the holidays: a price history's dates.
func weekdays(t testing.TB, from, to string, holidays ...string) []string {
	t.Helper()
	d, err := time.Parse(dateLayout, from)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for s := from; s <= to; d = d.AddDate(0, 0, 1) {
		s = d.Format(dateLayout)
		if wd := d.Weekday(); s <= to && wd != time.Saturday && wd != time.Sunday && !slices.Contains(holidays, s) {
			out = append(out, s)
		}
	}
	return out
}

func TestCalendarTradingDate(t *testing.T) {
	m := hkex(t)
	hk := m.Location
	// Sessions around the 2025 Lunar New Year: 29–31 January are holidays.
	// Given unsorted, duplicated and with a bad entry.
	known := []string{"2025-02-04", "2025-01-27", "2025-01-28", "2025-02-03", "2025-02-05",
		"2025-02-06", "2025-02-07", "2025-02-10", "2025-02-11", "2025-02-04", "not-a-date"}
	cal := NewCalendar(m, known)
	empty := NewCalendar(m, nil)

	tests := []struct {
		name string
		cal  *Calendar
		t    time.Time
		want string
	}{
		{"15:59 HKT counts for the day", cal, time.Date(2025, 2, 4, 15, 59, 0, 0, hk), "2025-02-04"},
		{"15:59:59.999 HKT counts for the day", cal, time.Date(2025, 2, 4, 15, 59, 59, 999999999, hk), "2025-02-04"},
		{"16:00 HKT counts for the next session", cal, time.Date(2025, 2, 4, 16, 0, 0, 0, hk), "2025-02-05"},
		{"UTC morning is after the HK close", cal, time.Date(2025, 2, 4, 8, 30, 0, 0, time.UTC), "2025-02-05"},
		{"UTC evening is the next day in HK", cal, time.Date(2025, 2, 4, 20, 0, 0, 0, time.UTC), "2025-02-05"},
		{"UTC before the HK close", cal, time.Date(2025, 2, 4, 7, 59, 0, 0, time.UTC), "2025-02-04"},
		{"02:59 EST is 15:59 HKT", cal, time.Date(2025, 2, 4, 2, 59, 0, 0, time.FixedZone("EST", -5*3600)), "2025-02-04"},
		{"Friday evening goes to Monday", cal, time.Date(2025, 2, 7, 18, 0, 0, 0, hk), "2025-02-10"},
		{"Saturday goes to Monday", cal, time.Date(2025, 2, 8, 11, 0, 0, 0, hk), "2025-02-10"},
		{"holiday missing from known dates goes to the next known date", cal, time.Date(2025, 1, 29, 10, 0, 0, 0, hk), "2025-02-03"},
		{"evening before a holiday run", cal, time.Date(2025, 1, 28, 16, 30, 0, 0, hk), "2025-02-03"},
		{"last known session after close: weekdays beyond", cal, time.Date(2025, 2, 11, 17, 0, 0, 0, hk), "2025-02-12"},
		{"beyond the range a weekday is a session", cal, time.Date(2025, 2, 12, 10, 0, 0, 0, hk), "2025-02-12"},
		{"beyond the range Friday evening goes to Monday", cal, time.Date(2025, 2, 14, 18, 0, 0, 0, hk), "2025-02-17"},
		{"before the range a weekday is a session", cal, time.Date(2025, 1, 20, 10, 0, 0, 0, hk), "2025-01-20"},
		{"weekend before the range goes to the first known date", cal, time.Date(2025, 1, 25, 10, 0, 0, 0, hk), "2025-01-27"},
		{"no known dates: weekday", empty, time.Date(2025, 1, 29, 10, 0, 0, 0, hk), "2025-01-29"},
		{"no known dates: Friday after close to Monday", empty, time.Date(2025, 1, 31, 16, 0, 0, 0, hk), "2025-02-03"},
		{"zero time", cal, time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cal.TradingDate(tt.t); got != tt.want {
				t.Errorf("TradingDate(%v): got %q, want %q", tt.t, got, tt.want)
			}
		})
	}
	if got := cal.Market().Name; got != "HKEX" {
		t.Errorf("Market().Name: got %q, want HKEX", got)
	}
}

func BenchmarkTradingDate(b *testing.B) {
	m, err := MarketFor(nil, "HKEX")
	if err != nil {
		b.Fatal(err)
	}
	var known []string
	d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 500 {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			known = append(known, d.Format(dateLayout))
		}
		d = d.AddDate(0, 0, 1)
	}
	cal := NewCalendar(m, known)
	t0 := time.Date(2024, 6, 7, 17, 0, 0, 0, m.Location)
	b.ResetTimer()
	for i := range b.N {
		cal.TradingDate(t0.Add(time.Duration(i%1000) * time.Hour))
	}
}

func TestLastSession(t *testing.T) {
	hk, err := MarketFor(nil, "HKEX")
	if err != nil {
		t.Fatal(err)
	}
	// Known sessions around the 2025 Lunar New Year holiday (29–31 Jan).
	cal := NewCalendar(hk, []string{"2025-01-27", "2025-01-28", "2025-02-03", "2025-02-04"})
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		name, at, want string
	}{
		{"wrap after the close describes that day", "2025-02-03T16:30:00+08:00", "2025-02-03"},
		{"exactly at the close", "2025-02-03T16:00:00+08:00", "2025-02-03"},
		{"midday describes the previous session", "2025-02-03T12:10:00+08:00", "2025-01-28"},
		{"holiday looks back past the gap", "2025-01-30T10:00:00+08:00", "2025-01-28"},
		{"UTC evening is next morning in Hong Kong", "2025-02-03T20:00:00Z", "2025-02-03"},
		{"Sunday before the known range uses weekdays", "2025-01-26T10:00:00+08:00", "2025-01-24"},
		{"after the known range uses weekdays", "2025-02-08T10:00:00+08:00", "2025-02-07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.LastSession(at(tt.at)); got != tt.want {
				t.Errorf("LastSession(%s) = %s, want %s", tt.at, got, tt.want)
			}
		})
	}
	if got := cal.LastSession(time.Time{}); got != "" {
		t.Errorf("LastSession(zero) = %q, want empty", got)
	}
}

// TestCalendarExchanges maps instants to sessions on several exchanges.
// Each case gives the session a story at that instant counts for
// (TradingDate) and the session a market-close report at that instant
// describes (LastSession); the comment gives the local wall-clock time.
func TestCalendarExchanges(t *testing.T) {
	// Hong Kong sessions known from a price history of 2 January to 31
	// March 2025 that skips the Lunar New Year (29–31 January).
	hk := NewCalendar(marketOf(t, "HKEX"), weekdays(t, "2025-01-02", "2025-03-31", "2025-01-29", "2025-01-30", "2025-01-31"))
	// US sessions known from 2 January to 30 June 2025, without the
	// holidays: national mourning, MLK, Presidents' Day, Good Friday,
	// Memorial Day.
	us := NewCalendar(marketOf(t, "NYSE"), weekdays(t, "2025-01-02", "2025-06-30",
		"2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26"))
	// No prices: Monday to Friday.
	jpx := NewCalendar(marketOf(t, "JPX"), nil)
	twse := NewCalendar(marketOf(t, "TWSE"), nil)

	tests := []struct {
		name          string
		cal           *Calendar
		at            string // RFC 3339
		trading, last string
	}{
		// HKEX closes at 16:00 HKT (UTC+8).
		{"HKEX 15:59 on a session day", hk, "2025-02-04T15:59:00+08:00", "2025-02-04", "2025-02-03"},              // Tue 15:59 HKT
		{"HKEX 16:01 goes to the next session", hk, "2025-02-04T16:01:00+08:00", "2025-02-05", "2025-02-04"},      // Tue 16:01 HKT
		{"HKEX Friday evening goes to Monday", hk, "2025-02-07T20:00:00+08:00", "2025-02-10", "2025-02-07"},       // Fri 20:00 HKT
		{"HKEX holiday goes past the gap", hk, "2025-01-29T10:00:00+08:00", "2025-02-03", "2025-01-28"},           // Wed 10:00 HKT, Lunar New Year
		{"HKEX evening before the holidays", hk, "2025-01-28T16:30:00+08:00", "2025-02-03", "2025-01-28"},         // Tue 16:30 HKT
		{"HKEX report at 16:30 describes today", hk, "2025-02-05T16:30:00+08:00", "2025-02-06", "2025-02-05"},     // Wed 16:30 HKT
		{"HKEX report at 09:00 describes yesterday", hk, "2025-02-05T09:00:00+08:00", "2025-02-05", "2025-02-04"}, // Wed 09:00 HKT
		{"HKEX Monday morning after the holidays", hk, "2025-02-03T09:00:00+08:00", "2025-02-03", "2025-01-28"},   // Mon 09:00 HKT
		// Midnight UTC is not midnight in Hong Kong.
		{"HKEX Sunday 23:30 UTC is Monday morning", hk, "2025-02-09T23:30:00Z", "2025-02-10", "2025-02-07"}, // Mon 07:30 HKT
		// Beyond the last known date (31 March), weekdays are sessions.
		{"HKEX after the last known close", hk, "2025-03-31T16:30:00+08:00", "2025-04-01", "2025-03-31"},             // Mon 16:30 HKT
		{"HKEX beyond the known range, Friday evening", hk, "2025-04-04T18:00:00+08:00", "2025-04-07", "2025-04-04"}, // Fri 18:00 HKT
		{"HKEX beyond the known range, weekday", hk, "2025-04-09T11:00:00+08:00", "2025-04-09", "2025-04-08"},        // Wed 11:00 HKT

		// NYSE closes at 16:00 New York time: EST (UTC−5) in winter,
		// EDT (UTC−4) from 9 March to 2 November 2025.
		{"NYSE Friday night goes to Monday", us, "2025-02-07T21:00:00-05:00", "2025-02-10", "2025-02-07"},         // Fri 21:00 EST
		{"NYSE 00:30 UTC is the evening before", us, "2025-02-11T00:30:00Z", "2025-02-11", "2025-02-10"},          // Mon 19:30 EST
		{"NYSE Sunday 23:30 UTC is Sunday afternoon", us, "2025-02-09T23:30:00Z", "2025-02-10", "2025-02-07"},     // Sun 18:30 EST
		{"NYSE Good Friday goes to Monday", us, "2025-04-18T10:00:00-04:00", "2025-04-21", "2025-04-17"},          // Fri 10:00 EDT
		{"NYSE Thursday evening before Good Friday", us, "2025-04-17T16:30:00-04:00", "2025-04-21", "2025-04-17"}, // Thu 16:30 EDT
		{"NYSE Monday morning after Good Friday", us, "2025-04-21T09:00:00-04:00", "2025-04-21", "2025-04-17"},    // Mon 09:00 EDT
		{"NYSE EDT 19:59 UTC is before the close", us, "2025-03-10T19:59:00Z", "2025-03-10", "2025-03-07"},        // Mon 15:59 EDT
		{"NYSE EDT 20:01 UTC is after the close", us, "2025-03-10T20:01:00Z", "2025-03-11", "2025-03-10"},         // Mon 16:01 EDT
		{"NYSE EST 20:30 UTC is before the close", us, "2025-03-07T20:30:00Z", "2025-03-07", "2025-03-06"},        // Fri 15:30 EST
		{"NYSE EST 21:01 UTC is after the close", us, "2025-03-07T21:01:00Z", "2025-03-10", "2025-03-07"},         // Fri 16:01 EST
		// Autumn, beyond the known dates: EDT until Sunday 2 November.
		{"NYSE last EDT Friday after the close", us, "2025-10-31T20:30:00Z", "2025-11-03", "2025-10-31"},   // Fri 16:30 EDT
		{"NYSE the Sunday of the switch", us, "2025-11-02T12:00:00Z", "2025-11-03", "2025-10-31"},          // Sun 07:00 EST
		{"NYSE EST 20:59 UTC is before the close", us, "2025-11-03T20:59:00Z", "2025-11-03", "2025-10-31"}, // Mon 15:59 EST
		{"NYSE EST 21:01 UTC is after the close", us, "2025-11-03T21:01:00Z", "2025-11-04", "2025-11-03"},  // Mon 16:01 EST

		// One instant, different sessions: 2025-02-10T12:00Z.
		{"same instant on HKEX", hk, "2025-02-10T12:00:00Z", "2025-02-11", "2025-02-10"}, // Mon 20:00 HKT
		{"same instant on NYSE", us, "2025-02-10T12:00:00Z", "2025-02-10", "2025-02-07"}, // Mon 07:00 EST

		// JPX closes at 15:30 JST (UTC+9), TWSE at 13:30 CST (UTC+8).
		{"JPX 15:29", jpx, "2025-02-13T15:29:00+09:00", "2025-02-13", "2025-02-12"},   // Thu 15:29 JST
		{"JPX 15:30", jpx, "2025-02-13T15:30:00+09:00", "2025-02-14", "2025-02-13"},   // Thu 15:30 JST
		{"TWSE 13:29", twse, "2025-02-13T13:29:00+08:00", "2025-02-13", "2025-02-12"}, // Thu 13:29 CST
		{"TWSE 13:30", twse, "2025-02-13T13:30:00+08:00", "2025-02-14", "2025-02-13"}, // Thu 13:30 CST
		// 05:45 UTC: after the Taipei close, before Tokyo's and Hong Kong's.
		{"05:45 UTC on TWSE", twse, "2025-02-13T05:45:00Z", "2025-02-14", "2025-02-13"}, // Thu 13:45 CST
		{"05:45 UTC on JPX", jpx, "2025-02-13T05:45:00Z", "2025-02-13", "2025-02-12"},   // Thu 14:45 JST
		{"05:45 UTC on HKEX", hk, "2025-02-13T05:45:00Z", "2025-02-13", "2025-02-12"},   // Thu 13:45 HKT
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, err := time.Parse(time.RFC3339, tt.at)
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.cal.TradingDate(at); got != tt.trading {
				t.Errorf("%s TradingDate(%s): got %s, want %s", tt.cal.Market().Name, tt.at, got, tt.trading)
			}
			if got := tt.cal.LastSession(at); got != tt.last {
				t.Errorf("%s LastSession(%s): got %s, want %s", tt.cal.Market().Name, tt.at, got, tt.last)
			}
		})
	}
}

// TestCalendarMirror checks, hour by hour through 2025, that LastSession
// is the session just before TradingDate: the two split the sessions at
// the instant, with none between them.
func TestCalendarMirror(t *testing.T) {
	cals := []*Calendar{
		NewCalendar(marketOf(t, "HKEX"), weekdays(t, "2025-01-02", "2025-06-30", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-04")),
		NewCalendar(marketOf(t, "NYSE"), weekdays(t, "2025-03-03", "2025-09-30", "2025-04-18", "2025-05-26", "2025-07-04")),
		NewCalendar(marketOf(t, "TWSE"), nil),
	}
	for _, cal := range cals {
		for at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC); at.Year() == 2025; at = at.Add(time.Hour) {
			next, last := cal.TradingDate(at), cal.LastSession(at)
			if !(last < next) {
				t.Fatalf("%s at %v: got LastSession %s, TradingDate %s, want the first before the second", cal.Market().Name, at, last, next)
			}
			// The session after last, found from its close, is next.
			lastDay, err := time.Parse(dateLayout, last)
			if err != nil {
				t.Fatal(err)
			}
			y, m, d := lastDay.Date()
			closeAt := time.Date(y, m, d, 0, 0, 0, 0, cal.Market().Location).Add(cal.Market().Close)
			if got := cal.TradingDate(closeAt); got != next {
				t.Fatalf("%s at %v: got TradingDate(close of %s) %s, want %s", cal.Market().Name, at, last, got, next)
			}
		}
	}
}
