package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/market"
	"github.com/sectorpulse/sectorpulse/store"
)

// MarketStore is what the market statistics need of the database;
// *store.DB implements it.
type MarketStore interface {
	TradingDates(ctx context.Context) ([]string, error)
	Prices(ctx context.Context, index, from, to string) ([]sectorpulse.Price, error)
	PriceIndexes(ctx context.Context) ([]string, error)
	EachSectorScore(ctx context.Context, f store.ExportFilter, fn func(store.SectorRow) error) error
}

// PriceStore is what a price import needs of the database.
type PriceStore interface {
	SavePrices(ctx context.Context, ps []sectorpulse.Price) (store.PriceResult, error)
}

// PriceImport reports a price import.
type PriceImport struct {
	// File and Index say what was imported.
	File, Index string
	// Rows counts valid rows; RowErrors lists the rows left out, each
	// naming file and line.
	Rows      int
	RowErrors []error
	// Saved says what the database made of the valid rows.
	Saved store.PriceResult
	// From and To are the first and last trading dates imported.
	From, To string
}

// ImportPrices parses a price file (Yahoo Finance, yfinance, Stooq or
// Date,Close CSV) and stores its valid rows. Bad rows are reported in the
// result and the rest are imported.
func ImportPrices(ctx context.Context, st PriceStore, path, index string) (*PriceImport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("import prices: %w", err)}
	}
	defer f.Close()
	return ImportPricesFrom(ctx, st, f, path, index)
}

// ImportPricesFrom is ImportPrices reading from r; name is used in errors.
func ImportPricesFrom(ctx context.Context, st PriceStore, r io.Reader, name, index string) (*PriceImport, error) {
	ix, ok := sectorpulse.LookupIndex(index)
	if !ok {
		return nil, fmt.Errorf("import prices %s: %w", name, unknownIndexError(index))
	}
	parsed, err := market.ParsePrices(r, name, market.ParseOptions{Index: ix})
	if err != nil {
		return nil, &InputError{Err: err}
	}
	prices, rowErrs := parsed.Prices, parsed.RowErrors
	res := &PriceImport{File: name, Index: ix.Code, Rows: len(prices), RowErrors: rowErrs}
	if len(prices) == 0 {
		return res, nil
	}
	res.From, res.To = prices[0].Date, prices[len(prices)-1].Date
	if res.Saved, err = st.SavePrices(ctx, prices); err != nil {
		return res, fmt.Errorf("import prices %s: %w", name, err)
	}
	return res, nil
}

// InputError marks a failure caused by bad input — a file that cannot be
// read or parsed — rather than by the database or the network.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// UnknownIndexError reports an index code sectorpulse does not know.
type UnknownIndexError struct{ Code string }

func (e *UnknownIndexError) Error() string {
	var codes []string
	for _, ix := range sectorpulse.Indexes() {
		codes = append(codes, ix.Code)
	}
	return fmt.Sprintf("unknown index code %q (known: %v)", e.Code, codes)
}

func unknownIndexError(code string) error { return &UnknownIndexError{Code: code} }

// Calendar returns the trading calendar of a market, with the trading dates
// of all imported prices as its known sessions.
func Calendar(ctx context.Context, st MarketStore, marketName string) (*market.Calendar, error) {
	m, err := market.MarketFor(marketName)
	if err != nil {
		return nil, err
	}
	dates, err := st.TradingDates(ctx)
	if err != nil {
		return nil, fmt.Errorf("trading calendar: %w", err)
	}
	return market.NewCalendar(m, dates), nil
}

// articleTime is the instant a story counts from: its publication time,
// else when it was fetched.
func articleTime(published, fetched time.Time) time.Time {
	if !published.IsZero() {
		return published
	}
	return fetched
}

// DailySectors aggregates the stored sector scores into daily sector
// sentiment on the calendar's trading days.
func DailySectors(ctx context.Context, st MarketStore, cal *market.Calendar, f store.ExportFilter) ([]market.DailySector, error) {
	var obs []market.Observation
	err := st.EachSectorScore(ctx, f, func(r store.SectorRow) error {
		obs = append(obs, market.Observation{
			ArticleID:  r.ArticleID,
			Time:       articleTime(r.PublishedAt, r.FetchedAt),
			Sector:     r.Sector,
			Analyzer:   r.Analyzer,
			Sentiment:  r.Sentiment,
			Confidence: r.Confidence,
			Relevance:  r.Relevance,
		})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("daily sector sentiment: %w", err)
	}
	return market.DailySectorSentiment(obs, cal), nil
}

// CorrelateRequest says what to correlate.
type CorrelateRequest struct {
	// Index is the index code.
	Index string
	// Sectors limits the sectors; empty means all.
	Sectors []string
	// Lags are the lags in trading days.
	Lags []int
	// Methods are "pearson" and/or "spearman"; empty means both.
	Methods []string
	// From and To bound the trading dates, "" for open.
	From, To string
	// Analyzer picks the analyzer whose scores are used; empty means the
	// only one present.
	Analyzer string
	// MinN is the least number of pairs for an r (default 3).
	MinN int
}

// Correlations correlates daily sector sentiment with the index's log
// returns at each lag.
func Correlations(ctx context.Context, st MarketStore, req CorrelateRequest) ([]market.Correlation, error) {
	ix, ok := sectorpulse.LookupIndex(req.Index)
	if !ok {
		return nil, unknownIndexError(req.Index)
	}
	cal, err := Calendar(ctx, st, ix.Market)
	if err != nil {
		return nil, err
	}
	daily, err := DailySectors(ctx, st, cal, store.ExportFilter{Analyzer: req.Analyzer})
	if err != nil {
		return nil, err
	}
	if req.Analyzer == "" {
		daily, err = onlyAnalyzer(daily)
		if err != nil {
			return nil, err
		}
	}
	prices, err := st.Prices(ctx, ix.Code, "", "")
	if err != nil {
		return nil, fmt.Errorf("correlate %s: %w", ix.Code, err)
	}
	if len(prices) < 2 {
		return nil, fmt.Errorf("correlate %s: %d price rows stored, need at least 2 (import them with: sectorpulse prices import --index %s FILE)", ix.Code, len(prices), ix.Code)
	}
	return market.Correlate(daily, market.LogReturns(prices), market.CorrelationOptions{
		Index:   ix.Code,
		Sectors: req.Sectors,
		Lags:    req.Lags,
		Methods: req.Methods,
		From:    req.From,
		To:      req.To,
		MinN:    req.MinN,
	})
}

// AnalyzersMixedError reports daily sentiment from several analyzers when
// the caller named none.
type AnalyzersMixedError struct{ Analyzers []string }

func (e *AnalyzersMixedError) Error() string {
	return fmt.Sprintf("scores from several analyzers %v are stored; choose one with --analyzer", e.Analyzers)
}

// onlyAnalyzer checks that the daily rows come from one analyzer.
func onlyAnalyzer(daily []market.DailySector) ([]market.DailySector, error) {
	seen := map[string]bool{}
	for _, d := range daily {
		seen[d.Analyzer] = true
	}
	if len(seen) <= 1 {
		return daily, nil
	}
	var names []string
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return nil, &AnalyzersMixedError{Analyzers: names}
}
