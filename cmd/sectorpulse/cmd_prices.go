package main

import (
	"fmt"

	"github.com/sectorpulse/sectorpulse/pipeline"
	"github.com/spf13/cobra"
)

// NewCmdPrices builds `sectorpulse prices`.
func NewCmdPrices(f *Factory) *cobra.Command {
	cmd := groupCommand("prices", "Import index prices")
	cmd.AddCommand(NewCmdPricesImport(f, nil))
	return cmd
}

// PricesImportOptions are the options of `sectorpulse prices import`.
type PricesImportOptions struct {
	F     *Factory
	Index string
	Files []string
}

// NewCmdPricesImport builds `sectorpulse prices import`.
func NewCmdPricesImport(f *Factory, runF func(*PricesImportOptions) error) *cobra.Command {
	opts := &PricesImportOptions{F: f}
	cmd := &cobra.Command{
		Use:   "import --index CODE FILE...",
		Short: "Import daily index prices from Yahoo Finance, yfinance, Stooq or Date,Close CSV",
		Long: `Import reads daily prices of one index and stores them; importing the same
file again changes nothing. Formats are detected from the header: Date,Close;
Yahoo Finance downloads (Date,Open,High,Low,Close,Adj Close,Volume — Close is
used); yfinance exports (three header rows Price/Ticker/Date); Stooq files.
A bad row is reported with file and line and the rest is imported (exit 3).
Known index codes: HSI, HSCEI, HSTECH.`,
		Example: `  sectorpulse prices import --index HSI ^HSI.csv
  sectorpulse prices import --index HSTECH hstech_d.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Index == "" {
				return usageErr("prices import: --index CODE is required (HSI, HSCEI or HSTECH)")
			}
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return pricesImportRun(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Index, "index", "", "index `CODE` the file holds (HSI, HSCEI, HSTECH)")
	return cmd
}

func pricesImportRun(cmd *cobra.Command, opts *PricesImportOptions) error {
	f := opts.F
	ctx := cmd.Context()
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	log := f.Logger()
	bad := 0
	var failed []error
	for _, file := range opts.Files {
		res, err := pipeline.ImportPrices(ctx, db, file, opts.Index)
		if err != nil {
			failed = append(failed, err)
			log.Error("import failed", "file", file, "err", err)
			continue
		}
		for _, re := range res.RowErrors {
			log.Warn("row skipped", "err", re)
		}
		bad += len(res.RowErrors)
		log.Info("prices imported", "file", file, "index", res.Index, "rows", res.Rows,
			"inserted", res.Saved.Inserted, "updated", res.Saved.Updated, "unchanged", res.Saved.Unchanged,
			"bad_rows", len(res.RowErrors), "from", res.From, "to", res.To)
	}
	switch {
	case len(failed) == len(opts.Files):
		// Keep the first error's type: bad input exits 2, a database error 1.
		return fmt.Errorf("prices import: %d of %d file(s) failed, first: %w", len(failed), len(opts.Files), failed[0])
	case len(failed) > 0 || bad > 0:
		return partialErr("prices import: %d file(s) failed, %d bad row(s) skipped; the rest was stored", len(failed), bad)
	}
	return nil
}
