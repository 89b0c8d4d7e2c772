package pipeline

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/market"
	"github.com/sectorpulse/sectorpulse/store"
)

// MoveCheck is a reported index move next to the stored close of the
// session it describes.
type MoveCheck struct {
	store.MoveRow
	// TradingDate is the session the article counts for.
	TradingDate string
	// SessionDate is the session the move describes: the last session of
	// the index's exchange whose close is not after the article's
	// publication.
	SessionDate string
	// StoredChangePct and StoredClose are from the imported prices for
	// SessionDate; NaN when there is none (StoredChangePct also when the
	// session before it has no price).
	StoredChangePct, StoredClose float64
	// Compared says whether the move could be checked: a day's move (not
	// a week's or an intraday one) of a known index with a stored price
	// for its session, and a reported level, or a reported change and a
	// stored close the session before.
	Compared bool
}

// Matches says whether the reported figures that can be checked agree
// with the stored prices to the precision they were reported with: a
// change of 2.1% must lie within 0.05 of the stored change, one of 2.13%
// within 0.005, and the level likewise. It is false when the move was not
// Compared.
func (m MoveCheck) Matches() bool {
	if !m.Compared {
		return false
	}
	if m.ChangePct != nil && !math.IsNaN(m.StoredChangePct) && !agrees(*m.ChangePct, m.StoredChangePct) {
		return false
	}
	return m.Level == nil || agrees(*m.Level, m.StoredClose)
}

// agrees reports whether stored, rounded to the decimals reported has,
// equals reported: |reported − stored| ≤ half a unit of the last reported
// decimal (plus a hair for binary rounding).
func agrees(reported, stored float64) bool {
	s := strconv.FormatFloat(math.Abs(reported), 'f', -1, 64)
	decimals := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = len(s) - i - 1
	}
	tol := 0.5*math.Pow10(-decimals) + 1e-9
	return math.Abs(reported-stored) <= tol
}

// moveChecker compares reported moves with stored prices, loading each
// index's exchange calendar and closes once.
type moveChecker struct {
	st      MarketStore
	reg     *sectorpulse.Registry
	indexes map[string]*indexCloses
}

// indexCloses is one index's calendar and stored closes.
type indexCloses struct {
	cal    *market.Calendar
	closes map[string][2]float64 // date → close, change % from the previous stored close
}

// newMoveChecker returns a checker over st's prices.
func newMoveChecker(st MarketStore, reg *sectorpulse.Registry) *moveChecker {
	return &moveChecker{st: st, reg: reg, indexes: map[string]*indexCloses{}}
}

// check places r on its sessions and compares it with the stored prices.
// A move of an index the registry does not know is returned unchecked.
func (c *moveChecker) check(ctx context.Context, r store.MoveRow) (MoveCheck, error) {
	mc := MoveCheck{MoveRow: r, StoredChangePct: math.NaN(), StoredClose: math.NaN()}
	ic, ok := c.indexes[r.IndexCode]
	if !ok {
		var err error
		if ic, err = c.load(ctx, r.IndexCode); err != nil {
			return mc, err
		}
		c.indexes[r.IndexCode] = ic
	}
	if ic == nil {
		return mc, nil
	}
	t := articleTime(r.PublishedAt, r.FetchedAt)
	mc.TradingDate, mc.SessionDate = ic.cal.TradingDate(t), ic.cal.LastSession(t)
	v, ok := ic.closes[mc.SessionDate]
	if !ok {
		return mc, nil
	}
	mc.StoredClose, mc.StoredChangePct = v[0], v[1]
	// Only a session's move can be checked against its close, and only a
	// figure with a stored counterpart.
	mc.Compared = (r.Period == "" || r.Period == sectorpulse.PeriodDay) &&
		(r.Level != nil || r.ChangePct != nil && !math.IsNaN(mc.StoredChangePct))
	return mc, nil
}

// load reads an index's calendar and closes; nil when the index is unknown.
func (c *moveChecker) load(ctx context.Context, code string) (*indexCloses, error) {
	ix, ok := c.reg.Index(code)
	if !ok {
		return nil, nil
	}
	cal, err := Calendar(ctx, c.st, c.reg, ix.Market)
	if err != nil {
		return nil, err
	}
	ps, err := c.st.Prices(ctx, ix.Code, "", "")
	if err != nil {
		return nil, fmt.Errorf("check moves of %s: %w", ix.Code, err)
	}
	ic := &indexCloses{cal: cal, closes: make(map[string][2]float64, len(ps))}
	for i, p := range ps {
		chg := math.NaN()
		if i > 0 && ps[i-1].Close > 0 {
			chg = (p.Close/ps[i-1].Close - 1) * 100
		}
		ic.closes[p.Date] = [2]float64{p.Close, chg}
	}
	return ic, nil
}
