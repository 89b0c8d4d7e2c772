package pipeline

import (
	"context"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/market"
	"github.com/sectorpulse/sectorpulse/store"
)

// exportColumns returns the export tables and their columns: the
// command-line contract users' scripts rely on. Columns are only ever added
// at the end.
func exportColumns() map[string][]string {
	return map[string][]string{
		"articles":     {"article_id", "url", "canonical_url", "source", "title", "published_at", "trading_date", "fetched_at", "language", "words", "content_hash", "duplicate_of", "date_source", "date_inferred", "truncated"},
		"mentions":     {"article_id", "url", "source", "published_at", "trading_date", "entity", "entity_kind", "ticker", "sectors", "sentiment", "label", "confidence", "relevance", "evidence", "analyzer", "model", "prompt_version"},
		"sectors":      {"article_id", "url", "source", "published_at", "trading_date", "sector", "sentiment", "label", "confidence", "relevance", "evidence", "analyzer", "model", "prompt_version"},
		"moves":        {"article_id", "url", "published_at", "index_code", "index_name", "change_pct", "level", "evidence", "change_points", "period", "price_date", "price_close", "price_change_pct", "matches"},
		"daily":        {"trading_date", "sector", "sentiment", "articles", "mentions", "analyzer", "weight"},
		"prices":       {"index_code", "trading_date", "open", "high", "low", "close"},
		"correlations": {"index_code", "sector", "lag", "method", "n", "r", "p_value", "ci_low", "ci_high", "from", "to", "p_adjusted", "note"},
	}
}

// ExportTables lists the tables Export writes, in documentation order.
func ExportTables() []string {
	return []string{"articles", "mentions", "sectors", "moves", "daily", "prices", "correlations"}
}

// ExportColumns returns the columns of an export table.
func ExportColumns(table string) ([]string, bool) {
	cols, ok := exportColumns()[table]
	return cols, ok
}

// ExportStore is what exporting needs of the database; *store.DB
// implements it.
type ExportStore interface {
	MarketStore
	EachArticle(ctx context.Context, f store.ExportFilter, fn func(store.ArticleRow) error) error
	EachMention(ctx context.Context, f store.ExportFilter, fn func(store.MentionRow) error) error
	EachMove(ctx context.Context, f store.ExportFilter, fn func(store.MoveRow) error) error
}

// ExportOptions configures Export.
type ExportOptions struct {
	// Format is "csv" or "jsonl".
	Format string
	// Filter bounds the articles by time and analyzer.
	Filter store.ExportFilter
	// Index limits prices and correlations to one index; empty means every
	// index with stored prices. Its exchange's calendar gives the
	// trading_date columns and the daily table's days (HKEX when empty).
	Index string
	// Registry knows the indexes; nil means the built-in ones.
	Registry *sectorpulse.Registry
	// Lags and Methods configure the correlations table (default lags
	// −5..5, all methods).
	Lags    []int
	Methods []string
	// Daily configures the daily aggregation (novelty decay).
	Daily market.DailyOptions
}

// Export writes one table to w and returns the number of rows written.
func Export(ctx context.Context, st ExportStore, table string, w io.Writer, opts ExportOptions) (int, error) {
	cols, ok := ExportColumns(table)
	if !ok {
		return 0, fmt.Errorf("unknown export table %q (want one of %v)", table, ExportTables())
	}
	enc, err := NewRowEncoder(w, opts.Format)
	if err != nil {
		return 0, err
	}
	if err := enc.WriteHeader(cols); err != nil {
		return 0, fmt.Errorf("export %s: %w", table, err)
	}
	exchange := sectorpulse.MarketHKEX
	if opts.Index != "" {
		ix, err := opts.Registry.Lookup(opts.Index)
		if err != nil {
			return 0, &InputError{Err: fmt.Errorf("export %s: %w", table, err)}
		}
		exchange = ix.Market
	}
	cal, err := Calendar(ctx, st, opts.Registry, exchange)
	if err != nil {
		return 0, err
	}
	n := 0
	row := func(vals ...any) error {
		n++
		return enc.WriteRow(vals)
	}
	td := func(published, fetched time.Time) string {
		return cal.TradingDate(articleTime(published, fetched))
	}
	switch table {
	case "articles":
		err = st.EachArticle(ctx, opts.Filter, func(r store.ArticleRow) error {
			var dup any
			if r.DuplicateOf != 0 {
				dup = r.DuplicateOf
			}
			return row(r.ID, r.URL, r.CanonicalURL, r.Source, r.Title, r.PublishedAt, td(r.PublishedAt, r.FetchedAt),
				r.FetchedAt.UTC(), r.Language, r.Words, r.ContentHash, dup, r.DateSource, r.DateInferred, r.Truncated)
		})
	case "mentions":
		err = st.EachMention(ctx, opts.Filter, func(r store.MentionRow) error {
			return row(r.ArticleID, r.URL, r.Source, r.PublishedAt, td(r.PublishedAt, r.FetchedAt), r.Entity, r.EntityKind, r.Ticker,
				r.Sectors, round4(r.Sentiment), string(sectorpulse.LabelFor(r.Sentiment)), round4(r.Confidence), round4(r.Relevance),
				r.Evidence, r.Analyzer, r.Model, r.PromptVersion)
		})
	case "sectors":
		err = st.EachSectorScore(ctx, opts.Filter, func(r store.SectorRow) error {
			return row(r.ArticleID, r.URL, r.Source, r.PublishedAt, td(r.PublishedAt, r.FetchedAt), r.Sector,
				round4(r.Sentiment), string(sectorpulse.LabelFor(r.Sentiment)), round4(r.Confidence), round4(r.Relevance),
				r.Evidence, r.Analyzer, r.Model, r.PromptVersion)
		})
	case "moves":
		checker := newMoveChecker(st, opts.Registry)
		err = st.EachMove(ctx, opts.Filter, func(r store.MoveRow) error {
			ix, _ := opts.Registry.Index(r.IndexCode)
			mc, err := checker.check(ctx, r)
			if err != nil {
				return err
			}
			var priceDate, matches any
			if !math.IsNaN(mc.StoredClose) {
				priceDate = mc.SessionDate
			}
			if mc.Compared {
				matches = mc.Matches()
			}
			return row(r.ArticleID, r.URL, r.PublishedAt, r.IndexCode, ix.Name, r.ChangePct, r.Level, r.Evidence,
				r.ChangePoints, r.Period, priceDate, mc.StoredClose, round4(mc.StoredChangePct), matches)
		})
	case "daily":
		var daily []market.DailySector
		if daily, err = DailySectors(ctx, st, cal, opts.Filter, opts.Daily); err == nil {
			for _, d := range daily {
				if err = row(d.TradingDate, d.Sector, round4(d.Sentiment), d.Articles, d.Mentions, d.Analyzer, round4(d.Weight)); err != nil {
					break
				}
			}
		}
	case "prices":
		err = eachIndex(ctx, st, opts.Registry, opts.Index, func(code string) error {
			ps, err := st.Prices(ctx, code, "", "")
			if err != nil {
				return err
			}
			for _, p := range ps {
				if err := row(p.Index, p.Date, optional(p.Open), optional(p.High), optional(p.Low), p.Close); err != nil {
					return err
				}
			}
			return nil
		})
	case "correlations":
		err = eachIndex(ctx, st, opts.Registry, opts.Index, func(code string) error {
			lags := opts.Lags
			if len(lags) == 0 {
				lags = DefaultLags()
			}
			s, err := LoadSeries(ctx, st, SeriesRequest{Index: code, Registry: opts.Registry,
				Analyzer: opts.Filter.Analyzer, Daily: opts.Daily})
			if err != nil {
				return err
			}
			co := market.CorrelationOptions{Index: s.Index.Code, Lags: lags, Methods: opts.Methods}
			// --since/--until bound the sentiment days: the sessions of the
			// first and last instants they admit.
			if !opts.Filter.Since.IsZero() {
				co.From = s.Calendar.TradingDate(opts.Filter.Since)
			}
			if !opts.Filter.Until.IsZero() {
				co.To = s.Calendar.LastSession(opts.Filter.Until)
			}
			cs, err := market.Correlate(s.Daily, s.Returns, co)
			if err != nil {
				return err
			}
			for _, c := range cs {
				if err := row(correlationRow(c)...); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return n, fmt.Errorf("export %s: %w", table, err)
	}
	if err := enc.Flush(); err != nil {
		return n, fmt.Errorf("export %s: %w", table, err)
	}
	return n, nil
}

// optional maps a zero open/high/low (not given by the source) to empty.
func optional(v float64) any {
	if v == 0 {
		return nil
	}
	return v
}

// DefaultLags returns the lags correlations use when none are given:
// −5 … +5 trading days.
func DefaultLags() []int { return []int{-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5} }

// eachIndex calls fn for the named index or for every index with prices.
func eachIndex(ctx context.Context, st MarketStore, reg *sectorpulse.Registry, index string, fn func(code string) error) error {
	if index != "" {
		ix, err := reg.Lookup(index)
		if err != nil {
			return &InputError{Err: err}
		}
		return fn(ix.Code)
	}
	codes, err := st.PriceIndexes(ctx)
	if err != nil {
		return err
	}
	for _, c := range codes {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// correlationRow is one row of the correlations table.
func correlationRow(c market.Correlation) []any {
	return []any{c.Index, c.Sector, c.Lag, c.Method, c.N, sig6(c.R), sig6(c.P), sig6(c.CILow), sig6(c.CIHigh), c.From, c.To,
		sig6(c.PAdjusted), c.Note}
}

// WriteCorrelations writes correlations as the correlations table, in the
// same columns and rounding as `export correlations`.
func WriteCorrelations(w io.Writer, format string, cs []market.Correlation) error {
	enc, err := NewRowEncoder(w, format)
	if err != nil {
		return err
	}
	cols, _ := ExportColumns("correlations")
	if err := enc.WriteHeader(cols); err != nil {
		return err
	}
	for _, c := range cs {
		if err := enc.WriteRow(correlationRow(c)); err != nil {
			return err
		}
	}
	return enc.Flush()
}
