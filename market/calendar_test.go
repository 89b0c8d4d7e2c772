package market

import (
	"testing"
	"time"
)

func hkex(t *testing.T) Market {
	t.Helper()
	m, err := MarketFor("HKEX")
	if err != nil {
		t.Fatal(err)
	}
	return m
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
	m, err := MarketFor("HKEX")
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
	hk, err := MarketFor("HKEX")
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
