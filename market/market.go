package market

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// Market is an exchange's time zone, closing time and trading calendar.
type Market struct {
	// Name is the exchange's code, e.g. "HKEX".
	Name string
	// Location is the exchange's time zone.
	Location *time.Location
	// Close is the closing time as wall-clock time since local midnight,
	// e.g. 16h for HKEX.
	Close time.Duration
	// Calendar names the trading calendar the exchange shares with
	// others (sectorpulse.Exchange.CalendarName), e.g. "US" for NYSE
	// and NASDAQ: the price dates of every index on an exchange with
	// this calendar are the exchange's known sessions.
	Calendar string
}

// NewMarket returns the market of exchange e, loading its time zone. An
// exchange without a code or time zone, with a time zone the system does
// not know, or with a close outside the day is an error naming the
// exchange.
func NewMarket(e sectorpulse.Exchange) (Market, error) {
	switch {
	case e.Code == "":
		return Market{}, errors.New("new market: exchange without a code")
	case e.TimeZone == "":
		// time.LoadLocation("") would silently give UTC.
		return Market{}, fmt.Errorf("market %s: no time zone", e.Code)
	case e.Close <= 0 || e.Close >= 24*time.Hour:
		return Market{}, fmt.Errorf("market %s: close %v is not a time of day", e.Code, e.Close)
	}
	loc, err := time.LoadLocation(e.TimeZone)
	if err != nil {
		return Market{}, fmt.Errorf("market %s: load time zone %s: %w", e.Code, e.TimeZone, err)
	}
	return Market{Name: e.Code, Location: loc, Close: e.Close, Calendar: e.CalendarName()}, nil
}

// MarketFor returns the market of the exchange with the given code in reg
// (case is ignored); a nil reg is the built-in registry. An unknown code
// is an error naming it and listing the known ones.
func MarketFor(reg *sectorpulse.Registry, exchange string) (Market, error) {
	e, ok := reg.Exchange(exchange)
	if !ok {
		var known []string
		for _, x := range reg.Exchanges() {
			known = append(known, x.Code)
		}
		return Market{}, fmt.Errorf("unknown exchange %q (known: %s)", exchange, strings.Join(known, ", "))
	}
	return NewMarket(e)
}

// MarketForIndex returns the market whose calendar and close the index
// follows; code may be anything reg.Lookup accepts (code, vendor ticker,
// Yahoo or Stooq symbol, alias). A nil reg is the built-in registry. An
// unknown index gives reg.Lookup's *sectorpulse.UnknownIndexError, which
// lists the known codes.
func MarketForIndex(reg *sectorpulse.Registry, code string) (Market, error) {
	ix, err := reg.Lookup(code)
	if err != nil {
		return Market{}, err
	}
	e, err := reg.ExchangeOf(ix)
	if err != nil {
		return Market{}, fmt.Errorf("market of index %s: %w", ix.Code, err)
	}
	m, err := NewMarket(e)
	if err != nil {
		return Market{}, fmt.Errorf("index %s: %w", ix.Code, err)
	}
	return m, nil
}
