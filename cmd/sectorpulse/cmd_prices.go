package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/sectorpulse/sectorpulse/market"
	"github.com/sectorpulse/sectorpulse/pipeline"
	"github.com/spf13/cobra"
)

// NewCmdPrices builds `sectorpulse prices`.
func NewCmdPrices(f *Factory) *cobra.Command {
	cmd := groupCommand("prices", "Import or fetch daily index prices, list the known indexes")
	cmd.AddCommand(NewCmdPricesImport(f, nil), NewCmdPricesFetch(f, nil), NewCmdPricesIndexes(f, nil))
	return cmd
}

// PricesImportOptions are the options of `sectorpulse prices import`.
type PricesImportOptions struct {
	F                             *Factory
	Index                         string
	Files                         []string
	DateCol, CloseCol, DateFormat string
	Decimal                       string
}

// NewCmdPricesImport builds `sectorpulse prices import`.
func NewCmdPricesImport(f *Factory, runF func(*PricesImportOptions) error) *cobra.Command {
	opts := &PricesImportOptions{F: f}
	cmd := &cobra.Command{
		Use:   "import --index CODE [--date-col COL] [--close-col COL] [--date-format FMT] [--decimal point|comma] FILE...",
		Short: "Import daily index prices from a Yahoo, yfinance, Stooq, investing.com-style or generic CSV",
		Long: `Import reads daily prices of one index and stores them; importing the same
file again changes nothing. The layout is detected from the header: Yahoo
Finance downloads (Close is used, never Adj Close), yfinance exports, Stooq
files, investing.com-style exports ("Price" is the close) and any CSV with a
date and a close column it can recognise by name (Date/Close, trade_date,
收盘 …). Comma, semicolon and tab separators, thousands separators and
decimal commas are understood; dates may be ISO, compact, day-first or
month-first (decided once per file) or with month names.
--date-col and --close-col name the columns (a header name or a 1-based
number) when detection fails; --date-format is ymd, dmy, mdy or a Go layout;
--decimal point|comma settles a file whose numbers never show their decimal
mark.
A bad row is reported with file and line and the rest is imported (exit 3).
'sectorpulse prices indexes' lists the index codes.`,
		Example: `  sectorpulse prices import --index HSI ^HSI.csv
  sectorpulse prices import --index HSTECH hstech_d.csv
  sectorpulse prices import --index CSI300 --date-col 交易日期 --close-col 收盘价 csi300.csv
  sectorpulse prices import --index N225 --date-format dmy nikkei.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Index == "" {
				return usageErr("prices import: --index CODE is required (see 'sectorpulse prices indexes')")
			}
			opts.Files = args
			if opts.Decimal != "" && opts.Decimal != "point" && opts.Decimal != "comma" {
				return usageErr("--decimal %q: want point or comma", opts.Decimal)
			}
			if runF != nil {
				return runF(opts)
			}
			return pricesImportRun(cmd, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Index, "index", "", "index `CODE` the file holds (HSI, HSTECH, SPX …)")
	fl.StringVar(&opts.DateCol, "date-col", "", "date column: header name or 1-based number")
	fl.StringVar(&opts.CloseCol, "close-col", "", "close column: header name or 1-based number")
	fl.StringVar(&opts.DateFormat, "date-format", "", "date order ymd, dmy or mdy, or a Go layout such as 02.01.2006 (default: detect)")
	fl.StringVar(&opts.Decimal, "decimal", "", "decimal mark: point or comma (default: detect)")
	return cmd
}

func pricesImportRun(cmd *cobra.Command, opts *PricesImportOptions) error {
	f := opts.F
	ctx := cmd.Context()
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	if _, err := reg.Lookup(opts.Index); err != nil {
		return asUsage(fmt.Errorf("prices import: --index: %w", err))
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	log := f.Logger()
	bad := 0
	var failed []error
	for _, file := range opts.Files {
		res, err := pipeline.ImportPrices(ctx, db, file, pipeline.ImportOptions{Index: opts.Index, Registry: reg,
			DateCol: opts.DateCol, CloseCol: opts.CloseCol, DateFormat: opts.DateFormat, Decimal: opts.Decimal})
		if err != nil {
			failed = append(failed, err)
			log.Error("import failed", "file", file, "err", err)
			continue
		}
		bad += logPriceImport(f, res, "prices imported")
	}
	return priceBatchResult("prices import", len(opts.Files), failed, bad)
}

// logPriceImport logs an import's skipped rows and summary and returns the
// number of rows skipped.
func logPriceImport(f *Factory, res *pipeline.PriceImport, msg string) int {
	log := f.Logger()
	for _, re := range res.RowErrors {
		log.Warn("row skipped", "err", re)
	}
	log.Info(msg, "file", res.File, "index", res.Index, "format", res.Format, "rows", res.Rows,
		"inserted", res.Saved.Inserted, "updated", res.Saved.Updated, "unchanged", res.Saved.Unchanged,
		"bad_rows", len(res.RowErrors), "from", res.From, "to", res.To)
	return len(res.RowErrors)
}

// priceBatchResult turns a batch's failures into the command's error.
func priceBatchResult(what string, items int, failed []error, bad int) error {
	switch {
	case len(failed) == items:
		// Keep the first error's type: bad input exits 2, a database or
		// network error 1.
		return fmt.Errorf("%s: %d of %d failed, first: %w", what, len(failed), items, failed[0])
	case len(failed) > 0 || bad > 0:
		return partialErr("%s: %d failed, %d bad row(s) skipped; the rest was stored", what, len(failed), bad)
	}
	return nil
}

// PricesFetchOptions are the options of `sectorpulse prices fetch`.
type PricesFetchOptions struct {
	F        *Factory
	Indexes  []string
	Source   string
	Symbol   string
	From, To string
	BaseURL  string
}

// NewCmdPricesFetch builds `sectorpulse prices fetch`.
func NewCmdPricesFetch(f *Factory, runF func(*PricesFetchOptions) error) *cobra.Command {
	opts := &PricesFetchOptions{F: f}
	cmd := &cobra.Command{
		Use:   "fetch --index CODE... [--source yahoo|stooq] [--from DATE] [--to DATE] [--symbol SYMBOL]",
		Short: "Download daily index prices from Yahoo Finance's chart API or Stooq and store them",
		Long: `Fetch downloads the daily prices of each index and stores them like an import
(fetching again updates changed closes and adds new days). --source picks
Yahoo Finance's chart JSON or Stooq's CSV download; by default Yahoo when
the index has a Yahoo symbol, else Stooq. --from defaults to ten years
before --to, which defaults to today in the exchange's time zone. --symbol
overrides the source's symbol (one index only); --base-url points at a
mirror. Respecting each source's terms of use is up to you.`,
		Example: `  sectorpulse prices fetch --index HSI --from 2024-01-01
  sectorpulse prices fetch --index SPX --index NDX --source stooq
  sectorpulse prices fetch --index HSTECH --symbol HSTECH.HK --from 2025-01-01 --to 2025-06-30`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(opts.Indexes) == 0 {
				return usageErr("prices fetch: --index CODE is required (see 'sectorpulse prices indexes')")
			}
			switch opts.Source {
			case "", market.SourceYahoo, market.SourceStooq:
			default:
				return usageErr("--source %q: want %s or %s", opts.Source, market.SourceYahoo, market.SourceStooq)
			}
			if opts.Symbol != "" && len(opts.Indexes) > 1 {
				return usageErr("--symbol names one index's symbol; give one --index with it")
			}
			for _, d := range []struct{ name, v string }{{"--from", opts.From}, {"--to", opts.To}} {
				if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
					return usageErr("%s %q: want a date YYYY-MM-DD", d.name, d.v)
				}
			}
			if opts.From != "" && opts.To != "" && opts.From > opts.To {
				return usageErr("--from %s is after --to %s", opts.From, opts.To)
			}
			if runF != nil {
				return runF(opts)
			}
			return pricesFetchRun(cmd, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&opts.Indexes, "index", nil, "index `CODE` (repeatable)")
	fl.StringVar(&opts.Source, "source", "", "yahoo or stooq (default: yahoo when the index has a Yahoo symbol)")
	fl.StringVar(&opts.Symbol, "symbol", "", "the source's `SYMBOL` for the index, e.g. ^HSI or ^hsi")
	fl.StringVar(&opts.From, "from", "", "first `DATE` (YYYY-MM-DD; default ten years before --to)")
	fl.StringVar(&opts.To, "to", "", "last `DATE` (YYYY-MM-DD; default today)")
	fl.StringVar(&opts.BaseURL, "base-url", "", "the source's base `URL` (a mirror; default the public one)")
	return cmd
}

func pricesFetchRun(cmd *cobra.Command, opts *PricesFetchOptions) error {
	f := opts.F
	ctx := cmd.Context()
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	for _, code := range opts.Indexes {
		if _, err := reg.Lookup(code); err != nil {
			return asUsage(fmt.Errorf("prices fetch: --index: %w", err))
		}
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	fetcher := &market.PriceFetcher{Client: f.HTTPClient(), Now: f.Now}
	if cfg, err := f.Config(); err == nil && cfg.UserAgent != "" {
		fetcher.UserAgent = cfg.UserAgent
	}
	log := f.Logger()
	bad := 0
	var failed []error
	for _, code := range opts.Indexes {
		res, err := pipeline.FetchPrices(ctx, db, fetcher, pipeline.FetchOptions{Index: code, Registry: reg,
			Source: opts.Source, Symbol: opts.Symbol, From: opts.From, To: opts.To, BaseURL: opts.BaseURL})
		if err != nil {
			failed = append(failed, err)
			log.Error("fetch failed", "index", code, "err", err)
			continue
		}
		if res.Unclosed != "" {
			log.Info("today's session has not closed yet; its bar is left out until it has", "index", res.Index, "date", res.Unclosed)
		}
		bad += logPriceImport(f, res, "prices fetched")
	}
	return priceBatchResult("prices fetch", len(opts.Indexes), failed, bad)
}

// PricesIndexesOptions are the options of `sectorpulse prices indexes`.
type PricesIndexesOptions struct {
	F      *Factory
	Format string
}

// NewCmdPricesIndexes builds `sectorpulse prices indexes`.
func NewCmdPricesIndexes(f *Factory, runF func(*PricesIndexesOptions) error) *cobra.Command {
	opts := &PricesIndexesOptions{F: f}
	cmd := &cobra.Command{
		Use:   "indexes [--format table|jsonl]",
		Short: "List the indexes sectorpulse knows: exchange, time zone, close, currency, Yahoo and Stooq symbols",
		Long: `Indexes lists the built-in indexes and those the config file adds under
indexes: (with their exchanges under exchanges:). The exchange's time zone
and close decide which trading day a story counts for.`,
		Example: `  sectorpulse prices indexes
  sectorpulse prices indexes --format jsonl | jq -r .code`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "table" && opts.Format != "jsonl" {
				return usageErr("--format %q: want table or jsonl", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return pricesIndexesRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "table", "table or jsonl")
	return cmd
}

// indexJSON is one line of `prices indexes --format jsonl`.
type indexJSON struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Exchange string   `json:"exchange"`
	TimeZone string   `json:"time_zone"`
	Close    string   `json:"close"`
	Calendar string   `json:"calendar"`
	Currency string   `json:"currency"`
	Yahoo    string   `json:"yahoo"`
	Stooq    string   `json:"stooq"`
	Aliases  []string `json:"aliases"`
}

func pricesIndexesRun(opts *PricesIndexesOptions) error {
	reg, err := opts.F.Registry()
	if err != nil {
		return err
	}
	var rows []indexJSON
	for _, ix := range reg.Indexes() {
		e, err := reg.ExchangeOf(ix)
		if err != nil {
			return err
		}
		rows = append(rows, indexJSON{Code: ix.Code, Name: ix.Name, Exchange: e.Code, TimeZone: e.TimeZone,
			Close: fmtClock(e.Close), Calendar: e.CalendarName(), Currency: ix.Currency, Yahoo: ix.Yahoo, Stooq: ix.Stooq,
			Aliases: append([]string{}, ix.Aliases...)})
	}
	out := opts.F.IO.Out
	if opts.Format == "jsonl" {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "code\tname\texchange\ttime zone\tclose\tcurrency\tyahoo\tstooq")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Code, r.Name, r.Exchange, r.TimeZone, r.Close,
			r.Currency, orDash(r.Yahoo), orDash(r.Stooq))
	}
	return tw.Flush()
}

// fmtClock formats a time of day as HH:MM.
func fmtClock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}
