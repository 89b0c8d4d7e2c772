package sectorpulse

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestRegistryLookup(t *testing.T) {
	r := DefaultRegistry()
	for name, want := range map[string]string{
		"HSI": "HSI", "^hsi": "HSI", "HSTECH.HK": "HSTECH", "^GSPC": "SPX", "^spx": "SPX", "000300.SS": "CSI300",
		"Nikkei": "N225", "  ndx ": "NDX", "^nkx": "N225",
	} {
		ix, ok := r.Index(name)
		if !ok || ix.Code != want {
			t.Errorf("Index(%q) = %q, %v; want %s", name, ix.Code, ok, want)
		}
	}
	var nilReg *Registry
	if ix, ok := nilReg.Index("HSI"); !ok || ix.Currency != "HKD" {
		t.Errorf("nil registry: %+v %v", ix, ok)
	}
	_, err := r.Lookup("FTSE")
	var ue *UnknownIndexError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), `"FTSE"`) || !strings.Contains(err.Error(), "HSI, HSCEI, HSTECH") {
		t.Errorf("Lookup(FTSE) err = %v", err)
	}
}

// Every built-in index names a known exchange, a currency and a Yahoo
// symbol, and the nine indexes are there.
func TestBuiltinRegistry(t *testing.T) {
	r := DefaultRegistry()
	for _, code := range []string{"HSI", "HSCEI", "HSTECH", "CSI300", "SSEC", "SZI", "N225", "SPX", "NDX"} {
		if _, ok := r.Index(code); !ok {
			t.Errorf("index %s missing", code)
		}
	}
	for _, ix := range r.Indexes() {
		e, err := r.ExchangeOf(ix)
		if err != nil {
			t.Error(err)
			continue
		}
		if _, err := time.LoadLocation(e.TimeZone); err != nil {
			t.Errorf("%s: %v", e.Code, err)
		}
		if len(ix.Currency) != 3 || ix.Yahoo == "" {
			t.Errorf("index %s: currency %q, yahoo %q", ix.Code, ix.Currency, ix.Yahoo)
		}
	}
	if _, err := r.With(nil, nil); err != nil {
		t.Errorf("built-in registry does not pass its own checks: %v", err)
	}
}

func TestRegistryWith(t *testing.T) {
	lse := Exchange{Code: "LSE", Name: "London Stock Exchange", TimeZone: "Europe/London", Close: 16*time.Hour + 30*time.Minute}
	ftse := Index{Code: "FTSE", Name: "FTSE 100", Market: "LSE", Currency: "GBP", Yahoo: "^FTSE", Stooq: "^ukx", Aliases: []string{"Footsie"}}
	r, err := DefaultRegistry().With([]Exchange{lse}, []Index{ftse})
	if err != nil {
		t.Fatal(err)
	}
	if ix, ok := r.Index("footsie"); !ok || ix.Code != "FTSE" {
		t.Errorf("added index not found by alias: %v %v", ix.Code, ok)
	}
	if _, ok := DefaultRegistry().Index("FTSE"); ok {
		t.Error("With changed the registry it was called on")
	}
	// Replacing a built-in by code keeps one entry.
	hsi, _ := r.Index("HSI")
	hsi.Stooq = "^hsi2"
	r2, err := r.With(nil, []Index{hsi})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := r2.Index("HSI"); got.Stooq != "^hsi2" || len(r2.Indexes()) != len(r.Indexes()) {
		t.Errorf("replace: stooq %q, %d indexes (want %d)", got.Stooq, len(r2.Indexes()), len(r.Indexes()))
	}
	// NYSE and NASDAQ share a calendar; HKEX's is its own.
	nyse, _ := r.Exchange("nyse")
	if got := r.CalendarIndexes(nyse); !slices.Equal(got, []string{"SPX", "IXIC", "NDX", "DJIA"}) {
		t.Errorf("US calendar indexes = %v", got)
	}
	hk, _ := r.Exchange("HKEX")
	if got := r.CalendarIndexes(hk); !slices.Equal(got, []string{"HSI", "HSCEI", "HSTECH"}) {
		t.Errorf("HK calendar indexes = %v", got)
	}

	bad := []struct {
		name string
		ex   []Exchange
		ix   []Index
		want string
	}{
		{"unknown exchange", nil, []Index{{Code: "DAX", Market: "XETRA"}}, `index DAX: unknown exchange "XETRA"`},
		{"no exchange", nil, []Index{{Code: "DAX"}}, "index DAX: no exchange"},
		{"no code", nil, []Index{{Market: "HKEX"}}, "index without a code"},
		{"code with comma", nil, []Index{{Code: "A,B", Market: "HKEX"}}, `index "A,B"`},
		{"alias clash", nil, []Index{{Code: "HSX", Market: "HKEX", Aliases: []string{"Hang Seng"}}}, `index HSX: name "Hang Seng" also names index HSI`},
		{"twice", nil, []Index{{Code: "X1", Market: "HKEX"}, {Code: "x1", Market: "HKEX"}}, "index x1: added twice"},
		{"bad zone", []Exchange{{Code: "MOON", TimeZone: "Moon/Base", Close: time.Hour}}, nil, `exchange MOON: time zone "Moon/Base"`},
		{"no zone", []Exchange{{Code: "MOON", Close: time.Hour}}, nil, "exchange MOON: no time zone"},
		{"bad close", []Exchange{{Code: "MOON", TimeZone: "UTC", Close: 25 * time.Hour}}, nil, "exchange MOON: close 25h0m0s"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DefaultRegistry().With(tt.ex, tt.ix)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
