package market

import (
	"fmt"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// Market is an exchange's time zone and closing time.
type Market struct {
	// Name is the exchange's name, e.g. "HKEX".
	Name string
	// Location is the exchange's time zone.
	Location *time.Location
	// Close is the closing time as wall-clock time since local midnight,
	// e.g. 16h for HKEX.
	Close time.Duration
}

// marketSpec is the static description of one exchange.
type marketSpec struct {
	name  string
	zone  string
	close time.Duration
}

// marketSpecs returns the exchanges sectorpulse knows.
func marketSpecs() []marketSpec {
	return []marketSpec{
		{name: sectorpulse.MarketHKEX, zone: "Asia/Hong_Kong", close: 16 * time.Hour},
		{name: "SSE", zone: "Asia/Shanghai", close: 15 * time.Hour},
		{name: "SZSE", zone: "Asia/Shanghai", close: 15 * time.Hour},
	}
}

// MarketFor returns the market of the named exchange ("HKEX", "SSE",
// "SZSE"; case is ignored). An unknown name is an error naming it.
func MarketFor(name string) (Market, error) {
	var known []string
	for _, s := range marketSpecs() {
		known = append(known, s.name)
		if !strings.EqualFold(s.name, name) {
			continue
		}
		loc, err := time.LoadLocation(s.zone)
		if err != nil {
			return Market{}, fmt.Errorf("market %s: load time zone %s: %w", s.name, s.zone, err)
		}
		return Market{Name: s.name, Location: loc, Close: s.close}, nil
	}
	return Market{}, fmt.Errorf("unknown market %q (known: %s)", name, strings.Join(known, ", "))
}

// MarketForIndex returns the market whose calendar and close the index
// follows; code may be an index code, vendor ticker or alias as accepted by
// sectorpulse.LookupIndex. An unknown code is an error listing the known
// codes.
func MarketForIndex(code string) (Market, error) {
	ix, ok := sectorpulse.LookupIndex(code)
	if !ok {
		return Market{}, unknownIndexError(code)
	}
	m, err := MarketFor(ix.Market)
	if err != nil {
		return Market{}, fmt.Errorf("index %s: %w", ix.Code, err)
	}
	return m, nil
}

// unknownIndexError reports an index code that sectorpulse.LookupIndex does
// not know, listing the codes it does know.
func unknownIndexError(code string) error {
	var codes []string
	for _, ix := range sectorpulse.Indexes() {
		codes = append(codes, ix.Code)
	}
	return fmt.Errorf("unknown index %q (known: %s)", code, strings.Join(codes, ", "))
}
