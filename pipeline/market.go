package pipeline

import (
	"context"
	"errors"
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
	TradingDates(ctx context.Context, indexes ...string) ([]string, error)
	Prices(ctx context.Context, index, from, to string) ([]sectorpulse.Price, error)
	PriceIndexes(ctx context.Context) ([]string, error)
	EachSectorScore(ctx context.Context, f store.ExportFilter, fn func(store.SectorRow) error) error
}

// PriceStore is what a price import needs of the database.
type PriceStore interface {
	SavePrices(ctx context.Context, ps []sectorpulse.Price) (store.PriceResult, error)
}

// PriceImport reports a price import or fetch.
type PriceImport struct {
	// File names what was read (a path or a URL) and Index the index code.
	File, Index string
	// Format is the detected file layout, or the online source.
	Format string
	// Rows counts valid rows; RowErrors lists the rows left out, each
	// naming file (or URL) and line (or date).
	Rows      int
	RowErrors []error
	// Saved says what the database made of the valid rows.
	Saved store.PriceResult
	// From and To are the first and last trading dates imported.
	From, To string
	// Unclosed is the date of today's session a fetch left out because it
	// had not closed yet; "" otherwise.
	Unclosed string
}

// ImportOptions says how to read a price file.
type ImportOptions struct {
	// Index names the index the file holds (code, ticker or alias).
	Index string
	// Registry knows the indexes; nil means the built-in ones.
	Registry *sectorpulse.Registry
	// DateCol, CloseCol, DateFormat and Decimal override detection (see
	// market.ParseOptions).
	DateCol, CloseCol, DateFormat, Decimal string
}

// ImportPrices parses a price file (see market.ParsePrices for the
// formats) and stores its valid rows. Bad rows are reported in the result
// and the rest are imported.
func ImportPrices(ctx context.Context, st PriceStore, path string, opts ImportOptions) (*PriceImport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("import prices: %w", err)}
	}
	defer f.Close()
	return ImportPricesFrom(ctx, st, f, path, opts)
}

// ImportPricesFrom is ImportPrices reading from r; name is used in errors.
func ImportPricesFrom(ctx context.Context, st PriceStore, r io.Reader, name string, opts ImportOptions) (*PriceImport, error) {
	ix, err := opts.Registry.Lookup(opts.Index)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("import prices %s: %w", name, err)}
	}
	parsed, err := market.ParsePrices(r, name, market.ParseOptions{Index: ix, Registry: opts.Registry,
		DateCol: opts.DateCol, CloseCol: opts.CloseCol, DateFormat: opts.DateFormat, Decimal: opts.Decimal})
	if err != nil {
		return nil, &InputError{Err: err}
	}
	return savePrices(ctx, st, name, ix, parsed.Format, parsed.Prices, parsed.RowErrors)
}

// savePrices stores parsed prices and reports them.
func savePrices(ctx context.Context, st PriceStore, name string, ix sectorpulse.Index, format string, prices []sectorpulse.Price, rowErrs []error) (*PriceImport, error) {
	res := &PriceImport{File: name, Index: ix.Code, Format: format, Rows: len(prices), RowErrors: rowErrs}
	if len(prices) == 0 {
		err := fmt.Errorf("import prices %s: no valid price row", name)
		if len(rowErrs) > 0 {
			err = fmt.Errorf("%w (%d bad, the first: %w)", err, len(rowErrs), rowErrs[0])
		}
		return nil, &InputError{Err: err}
	}
	res.From, res.To = prices[0].Date, prices[len(prices)-1].Date
	var err error
	if res.Saved, err = st.SavePrices(ctx, prices); err != nil {
		return res, fmt.Errorf("import prices %s: %w", name, err)
	}
	return res, nil
}

// FetchOptions says which prices to fetch online.
type FetchOptions struct {
	// Index names the index; Registry knows it (nil: built-in).
	Index    string
	Registry *sectorpulse.Registry
	// Source is market.SourceYahoo or market.SourceStooq; "" picks the
	// one the index has a symbol for, Yahoo first.
	Source string
	// Symbol overrides the index's symbol at the source.
	Symbol string
	// From and To bound the trading dates, YYYY-MM-DD inclusive.
	From, To string
	// BaseURL replaces the source's public URL (mirrors, tests).
	BaseURL string
}

// FetchPrices downloads daily prices of one index and stores them. The
// result's File is the URL fetched.
func FetchPrices(ctx context.Context, st PriceStore, f *market.PriceFetcher, opts FetchOptions) (*PriceImport, error) {
	ix, err := opts.Registry.Lookup(opts.Index)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("fetch prices: %w", err)}
	}
	ex, err := opts.Registry.ExchangeOf(ix)
	if err != nil {
		return nil, fmt.Errorf("fetch prices: %w", err)
	}
	got, err := f.Fetch(ctx, market.FetchRequest{Index: ix, Exchange: ex, Source: opts.Source, Symbol: opts.Symbol,
		From: opts.From, To: opts.To, BaseURL: opts.BaseURL})
	if errors.Is(err, market.ErrBadRequest) {
		return nil, &InputError{Err: err}
	}
	if err != nil {
		return nil, fmt.Errorf("fetch prices of %s: %w", ix.Code, err)
	}
	res, err := savePrices(ctx, st, got.URL, ix, got.Source, got.Prices, got.RowErrors)
	if res != nil {
		res.Unclosed = got.Unclosed
	}
	return res, err
}

// InputError marks a failure caused by bad input — a file that cannot be
// read or parsed, an unknown name — rather than by the database or the
// network.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Calendar returns the trading calendar of an exchange, with the trading
// dates of the stored prices of every index on an exchange sharing its
// calendar as the known sessions.
func Calendar(ctx context.Context, st MarketStore, reg *sectorpulse.Registry, exchange string) (*market.Calendar, error) {
	ex, ok := reg.Exchange(exchange)
	if !ok {
		return nil, fmt.Errorf("trading calendar: unknown exchange %q", exchange)
	}
	m, err := market.NewMarket(ex)
	if err != nil {
		return nil, err
	}
	codes := reg.CalendarIndexes(ex)
	if len(codes) == 0 {
		return market.NewCalendar(m, nil), nil
	}
	dates, err := st.TradingDates(ctx, codes...)
	if err != nil {
		return nil, fmt.Errorf("trading calendar of %s: %w", ex.Code, err)
	}
	return market.NewCalendar(m, dates), nil
}

// IndexCalendar returns an index and the calendar of its exchange.
func IndexCalendar(ctx context.Context, st MarketStore, reg *sectorpulse.Registry, index string) (sectorpulse.Index, *market.Calendar, error) {
	ix, err := reg.Lookup(index)
	if err != nil {
		return sectorpulse.Index{}, nil, &InputError{Err: err}
	}
	cal, err := Calendar(ctx, st, reg, ix.Market)
	return ix, cal, err
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
func DailySectors(ctx context.Context, st MarketStore, cal *market.Calendar, f store.ExportFilter, opts market.DailyOptions) ([]market.DailySector, error) {
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
	daily, err := market.DailySectorSentiment(obs, cal, opts)
	if err != nil {
		return nil, &InputError{Err: fmt.Errorf("daily sector sentiment: %w", err)}
	}
	return daily, nil
}

// SeriesRequest says which series to line up.
type SeriesRequest struct {
	// Index names the index; Registry knows it (nil: built-in).
	Index    string
	Registry *sectorpulse.Registry
	// Analyzer picks the analyzer whose scores are used; empty means the
	// only one present (several are an *AnalyzersMixedError).
	Analyzer string
	// Daily configures the daily aggregation (novelty decay).
	Daily market.DailyOptions
}

// Series is an index's log returns and the daily sector sentiment on its
// exchange's trading days: the input of every market statistic.
type Series struct {
	Index sectorpulse.Index
	// Calendar is the calendar of the index's exchange the daily rows
	// follow.
	Calendar *market.Calendar
	Daily    []market.DailySector
	Returns  []market.Return
}

// LoadSeries reads the daily sector sentiment of one analyzer on the
// index's exchange calendar and the index's log returns.
func LoadSeries(ctx context.Context, st MarketStore, req SeriesRequest) (*Series, error) {
	ix, cal, err := IndexCalendar(ctx, st, req.Registry, req.Index)
	if err != nil {
		return nil, err
	}
	daily, err := DailySectors(ctx, st, cal, store.ExportFilter{Analyzer: req.Analyzer}, req.Daily)
	if err != nil {
		return nil, err
	}
	if req.Analyzer == "" {
		if daily, err = onlyAnalyzer(daily); err != nil {
			return nil, err
		}
	}
	prices, err := st.Prices(ctx, ix.Code, "", "")
	if err != nil {
		return nil, fmt.Errorf("prices of %s: %w", ix.Code, err)
	}
	if len(prices) < 2 {
		return nil, &InputError{Err: fmt.Errorf("index %s: %d price rows stored, need at least 2 (sectorpulse prices import --index %s FILE, or prices fetch --index %s)",
			ix.Code, len(prices), ix.Code, ix.Code)}
	}
	return &Series{Index: ix, Calendar: cal, Daily: daily, Returns: market.LogReturns(prices)}, nil
}

// CorrelateRequest says what to correlate.
type CorrelateRequest struct {
	SeriesRequest
	// Sectors limits the sectors; empty means all.
	Sectors []string
	// Lags are the lags in trading days.
	Lags []int
	// Methods are market.Method* names; empty means all.
	Methods []string
	// From and To bound the trading dates, "" for open.
	From, To string
	// MinN is the least number of pairs for an r (default 3).
	MinN int
}

// Correlations correlates daily sector sentiment with the index's log
// returns at each lag.
func Correlations(ctx context.Context, st MarketStore, req CorrelateRequest) ([]market.Correlation, error) {
	s, err := LoadSeries(ctx, st, req.SeriesRequest)
	if err != nil {
		return nil, err
	}
	return market.Correlate(s.Daily, s.Returns, market.CorrelationOptions{
		Index:   s.Index.Code,
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
