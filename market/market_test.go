package market

import (
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // tests run on machines without a zoneinfo database

	"github.com/sectorpulse/sectorpulse"
)

// withLSE returns the built-in registry plus the London Stock Exchange and
// the FTSE 100.
func withLSE(t *testing.T) *sectorpulse.Registry {
	t.Helper()
	reg, err := (*sectorpulse.Registry)(nil).With(
		[]sectorpulse.Exchange{{Code: "LSE", Name: "London Stock Exchange", TimeZone: "Europe/London", Close: 16*time.Hour + 30*time.Minute}},
		[]sectorpulse.Index{{Code: "FTSE", Name: "FTSE 100", Market: "LSE", Aliases: []string{"FTSE 100"}}})
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func TestNewMarket(t *testing.T) {
	tests := []struct {
		name                   string
		in                     sectorpulse.Exchange
		wantZone, wantCalendar string
		wantClose              time.Duration
		wantErr                []string // substrings of the error
	}{
		{name: "own calendar", in: sectorpulse.Exchange{Code: "HKEX", TimeZone: "Asia/Hong_Kong", Close: 16 * time.Hour},
			wantZone: "Asia/Hong_Kong", wantCalendar: "HKEX", wantClose: 16 * time.Hour},
		{name: "shared calendar", in: sectorpulse.Exchange{Code: "NASDAQ", TimeZone: "America/New_York", Close: 16 * time.Hour, Calendar: "US"},
			wantZone: "America/New_York", wantCalendar: "US", wantClose: 16 * time.Hour},
		{name: "user exchange", in: sectorpulse.Exchange{Code: "LSE", TimeZone: "Europe/London", Close: 16*time.Hour + 30*time.Minute},
			wantZone: "Europe/London", wantCalendar: "LSE", wantClose: 16*time.Hour + 30*time.Minute},
		{name: "unknown zone", in: sectorpulse.Exchange{Code: "MARS", TimeZone: "Mars/Olympus_Mons", Close: 16 * time.Hour},
			wantErr: []string{"MARS", "Mars/Olympus_Mons"}},
		{name: "no zone", in: sectorpulse.Exchange{Code: "LSE", Close: 16 * time.Hour}, wantErr: []string{"LSE", "time zone"}},
		{name: "no close", in: sectorpulse.Exchange{Code: "LSE", TimeZone: "Europe/London"}, wantErr: []string{"LSE", "close"}},
		{name: "close past midnight", in: sectorpulse.Exchange{Code: "LSE", TimeZone: "Europe/London", Close: 25 * time.Hour}, wantErr: []string{"LSE", "close"}},
		{name: "no code", in: sectorpulse.Exchange{TimeZone: "Europe/London", Close: 16 * time.Hour}, wantErr: []string{"code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewMarket(tt.in)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("got %+v and no error, want an error containing %q", got, tt.wantErr)
				}
				for _, s := range tt.wantErr {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("got error %v, want one containing %q", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.in.Code || got.Location.String() != tt.wantZone || got.Close != tt.wantClose || got.Calendar != tt.wantCalendar {
				t.Errorf("got %s %s %v %s, want %s %s %v %s", got.Name, got.Location, got.Close, got.Calendar,
					tt.in.Code, tt.wantZone, tt.wantClose, tt.wantCalendar)
			}
		})
	}
}

func TestMarketFor(t *testing.T) {
	lse := withLSE(t)
	tests := []struct {
		name                   string
		reg                    *sectorpulse.Registry
		in, wantName, wantZone string
		wantCalendar           string
		wantClose              time.Duration
		wantErr                []string
	}{
		{name: "HKEX", in: "HKEX", wantName: "HKEX", wantZone: "Asia/Hong_Kong", wantCalendar: "HKEX", wantClose: 16 * time.Hour},
		{name: "case ignored", in: "hkex", wantName: "HKEX", wantZone: "Asia/Hong_Kong", wantCalendar: "HKEX", wantClose: 16 * time.Hour},
		{name: "Shanghai", in: "SSE", wantName: "SSE", wantZone: "Asia/Shanghai", wantCalendar: "CN", wantClose: 15 * time.Hour},
		{name: "Shenzhen shares Shanghai's calendar", in: "SZSE", wantName: "SZSE", wantZone: "Asia/Shanghai", wantCalendar: "CN", wantClose: 15 * time.Hour},
		{name: "Tokyo", in: "JPX", wantName: "JPX", wantZone: "Asia/Tokyo", wantCalendar: "JPX", wantClose: 15*time.Hour + 30*time.Minute},
		{name: "Taipei", in: "TWSE", wantName: "TWSE", wantZone: "Asia/Taipei", wantCalendar: "TWSE", wantClose: 13*time.Hour + 30*time.Minute},
		{name: "New York", in: "NYSE", wantName: "NYSE", wantZone: "America/New_York", wantCalendar: "US", wantClose: 16 * time.Hour},
		{name: "user exchange", reg: lse, in: "lse", wantName: "LSE", wantZone: "Europe/London", wantCalendar: "LSE", wantClose: 16*time.Hour + 30*time.Minute},
		{name: "user registry keeps the built-ins", reg: lse, in: "NASDAQ", wantName: "NASDAQ", wantZone: "America/New_York", wantCalendar: "US", wantClose: 16 * time.Hour},
		{name: "unknown", in: "LSE", wantErr: []string{`"LSE"`, "HKEX, SSE, SZSE"}},
		{name: "unknown lists user exchanges", reg: lse, in: "XETRA", wantErr: []string{`"XETRA"`, "LSE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MarketFor(tt.reg, tt.in)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("got %+v and no error, want an error", got)
				}
				for _, s := range tt.wantErr {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("got error %v, want one containing %s", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.wantName || got.Location.String() != tt.wantZone || got.Close != tt.wantClose || got.Calendar != tt.wantCalendar {
				t.Errorf("got %s %s %v %s, want %s %s %v %s", got.Name, got.Location, got.Close, got.Calendar,
					tt.wantName, tt.wantZone, tt.wantClose, tt.wantCalendar)
			}
		})
	}
}

func TestMarketForIndex(t *testing.T) {
	lse := withLSE(t)
	tests := []struct {
		reg                      *sectorpulse.Registry
		code, want, wantCalendar string
	}{
		{nil, "HSI", "HKEX", "HKEX"},
		{nil, "HSTECH", "HKEX", "HKEX"},
		{nil, "^HSCE", "HKEX", "HKEX"},
		{nil, "恒指", "HKEX", "HKEX"},
		{nil, "SZI", "SZSE", "CN"},
		{nil, "^GSPC", "NYSE", "US"},
		{nil, "IXIC", "NASDAQ", "US"},
		{nil, "N225", "JPX", "JPX"},
		{lse, "FTSE 100", "LSE", "LSE"},
		{lse, "HSI", "HKEX", "HKEX"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			m, err := MarketForIndex(tt.reg, tt.code)
			if err != nil {
				t.Fatal(err)
			}
			if m.Name != tt.want || m.Calendar != tt.wantCalendar {
				t.Errorf("got market %s calendar %s, want %s calendar %s", m.Name, m.Calendar, tt.want, tt.wantCalendar)
			}
		})
	}

	_, err := MarketForIndex(nil, "FTSE")
	var unknown *sectorpulse.UnknownIndexError
	if !errors.As(err, &unknown) || unknown.Name != "FTSE" {
		t.Fatalf("got error %v, want an *UnknownIndexError naming FTSE", err)
	}
	if !strings.Contains(err.Error(), "HSI, HSCEI, HSTECH") {
		t.Errorf("got error %v, want one listing HSI, HSCEI, HSTECH", err)
	}
}
