package sectorpulse

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Registry is the set of indexes and exchanges one run knows: the built-in
// ones plus those the user adds. A nil *Registry is the built-in registry.
type Registry struct {
	indexes   []Index
	exchanges []Exchange
}

// DefaultRegistry returns the built-in indexes and exchanges.
func DefaultRegistry() *Registry {
	return &Registry{indexes: Indexes(), exchanges: Exchanges()}
}

// orDefault returns r, or the built-in registry when r is nil.
func (r *Registry) orDefault() *Registry {
	if r == nil {
		return DefaultRegistry()
	}
	return r
}

// With returns a new registry holding r's entries plus the given exchanges
// and indexes; an entry whose code r already knows replaces it. Each entry
// is checked: codes set and unique among the additions, time zones known,
// closes within the day, every index on a known exchange, and no index
// name (code, vendor ticker, symbol or alias) naming another index. Errors
// name the entry.
func (r *Registry) With(exchanges []Exchange, indexes []Index) (*Registry, error) {
	r = r.orDefault()
	out := &Registry{indexes: slices.Clone(r.indexes), exchanges: slices.Clone(r.exchanges)}
	seen := map[string]bool{}
	for _, e := range exchanges {
		e.Code = strings.TrimSpace(e.Code)
		if err := checkExchange(e); err != nil {
			return nil, err
		}
		if seen[strings.ToUpper(e.Code)] {
			return nil, fmt.Errorf("exchange %s: added twice", e.Code)
		}
		seen[strings.ToUpper(e.Code)] = true
		out.exchanges = replaceOrAppend(out.exchanges, e, func(x Exchange) string { return x.Code })
	}
	seen = map[string]bool{}
	for _, ix := range indexes {
		ix.Code = strings.TrimSpace(ix.Code)
		if ix.Name == "" {
			ix.Name = ix.Code
		}
		if err := out.checkIndex(ix); err != nil {
			return nil, err
		}
		if seen[strings.ToUpper(ix.Code)] {
			return nil, fmt.Errorf("index %s: added twice", ix.Code)
		}
		seen[strings.ToUpper(ix.Code)] = true
		out.indexes = replaceOrAppend(out.indexes, ix, func(x Index) string { return x.Code })
	}
	// Names are checked once all additions are in, so that two added
	// indexes cannot share one.
	for _, ix := range out.indexes {
		if !seen[strings.ToUpper(ix.Code)] && len(indexes) > 0 {
			continue // a built-in or earlier entry, checked against the additions below
		}
		for _, name := range ix.names() {
			for _, other := range out.indexes {
				if other.Code != ix.Code && slices.ContainsFunc(other.names(), func(n string) bool { return strings.EqualFold(n, name) }) {
					return nil, fmt.Errorf("index %s: name %q also names index %s", ix.Code, name, other.Code)
				}
			}
		}
	}
	return out, nil
}

// replaceOrAppend replaces the element of s with v's code, or appends v.
func replaceOrAppend[T any](s []T, v T, code func(T) string) []T {
	for i := range s {
		if strings.EqualFold(code(s[i]), code(v)) {
			s[i] = v
			return s
		}
	}
	return append(s, v)
}

// checkExchange checks one exchange's fields.
func checkExchange(e Exchange) error {
	switch {
	case e.Code == "":
		return errors.New("exchange without a code")
	case e.TimeZone == "":
		return fmt.Errorf("exchange %s: no time zone (an IANA name such as Europe/London)", e.Code)
	case e.Close <= 0 || e.Close >= 24*time.Hour:
		return fmt.Errorf("exchange %s: close %v is not a time of day", e.Code, e.Close)
	}
	if _, err := time.LoadLocation(e.TimeZone); err != nil {
		return fmt.Errorf("exchange %s: time zone %q: %w", e.Code, e.TimeZone, err)
	}
	return nil
}

// checkIndex checks one index's fields against r's exchanges.
func (r *Registry) checkIndex(ix Index) error {
	if ix.Code == "" {
		return errors.New("index without a code")
	}
	if strings.ContainsFunc(ix.Code, func(c rune) bool { return c <= ' ' || c == ',' || c == '"' }) {
		return fmt.Errorf("index %q: a code holds no spaces, commas or quotes", ix.Code)
	}
	if ix.Market == "" {
		return fmt.Errorf("index %s: no exchange", ix.Code)
	}
	if _, ok := r.Exchange(ix.Market); !ok {
		return fmt.Errorf("index %s: unknown exchange %q (known: %s)", ix.Code, ix.Market, strings.Join(r.exchangeCodes(), ", "))
	}
	return nil
}

// names returns every name an index is looked up by.
func (ix Index) names() []string {
	out := []string{ix.Code}
	out = append(out, ix.Tickers...)
	out = append(out, ix.Aliases...)
	for _, s := range []string{ix.Yahoo, ix.Stooq} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Index finds an index by code, vendor ticker, Yahoo or Stooq symbol, or
// alias, ignoring case; codes are tried first.
func (r *Registry) Index(name string) (Index, bool) {
	r = r.orDefault()
	name = strings.TrimSpace(name)
	for _, ix := range r.indexes {
		if strings.EqualFold(ix.Code, name) {
			return ix, true
		}
	}
	for _, ix := range r.indexes {
		if slices.ContainsFunc(ix.names(), func(n string) bool { return strings.EqualFold(n, name) }) {
			return ix, true
		}
	}
	return Index{}, false
}

// Indexes returns the registry's indexes, in a new slice.
func (r *Registry) Indexes() []Index { return slices.Clone(r.orDefault().indexes) }

// Codes returns the registry's index codes in registry order.
func (r *Registry) Codes() []string {
	r = r.orDefault()
	out := make([]string, len(r.indexes))
	for i, ix := range r.indexes {
		out[i] = ix.Code
	}
	return out
}

// Exchange finds an exchange by code, ignoring case.
func (r *Registry) Exchange(code string) (Exchange, bool) {
	for _, e := range r.orDefault().exchanges {
		if strings.EqualFold(e.Code, strings.TrimSpace(code)) {
			return e, true
		}
	}
	return Exchange{}, false
}

// Exchanges returns the registry's exchanges, in a new slice.
func (r *Registry) Exchanges() []Exchange { return slices.Clone(r.orDefault().exchanges) }

// exchangeCodes returns the exchange codes in registry order.
func (r *Registry) exchangeCodes() []string {
	var out []string
	for _, e := range r.orDefault().exchanges {
		out = append(out, e.Code)
	}
	return out
}

// ExchangeOf returns the exchange of an index.
func (r *Registry) ExchangeOf(ix Index) (Exchange, error) {
	e, ok := r.Exchange(ix.Market)
	if !ok {
		return Exchange{}, fmt.Errorf("index %s: unknown exchange %q", ix.Code, ix.Market)
	}
	return e, nil
}

// CalendarIndexes returns the codes of the indexes listed on exchanges
// that share the trading calendar of exchange e: the indexes whose price
// history tells e's trading days.
func (r *Registry) CalendarIndexes(e Exchange) []string {
	r = r.orDefault()
	var out []string
	for _, ix := range r.indexes {
		if x, ok := r.Exchange(ix.Market); ok && x.CalendarName() == e.CalendarName() {
			out = append(out, ix.Code)
		}
	}
	return out
}

// UnknownIndexError reports an index name a registry does not know.
type UnknownIndexError struct {
	// Name is the name asked for; Known lists the codes the registry knows.
	Name  string
	Known []string
}

// Error names the index and lists the known codes.
func (e *UnknownIndexError) Error() string {
	return fmt.Sprintf("unknown index %q (known: %s; add your own under indexes: in the config file)", e.Name, strings.Join(e.Known, ", "))
}

// Lookup is Index returning an *UnknownIndexError listing the known codes
// when the name is unknown.
func (r *Registry) Lookup(name string) (Index, error) {
	if ix, ok := r.Index(name); ok {
		return ix, nil
	}
	return Index{}, &UnknownIndexError{Name: name, Known: r.Codes()}
}
