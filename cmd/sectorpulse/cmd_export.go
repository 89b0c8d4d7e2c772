package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse/market"
	"github.com/sectorpulse/sectorpulse/pipeline"
	"github.com/sectorpulse/sectorpulse/store"
	"github.com/spf13/cobra"
)

// ExportOptions are the options of `sectorpulse export`.
type ExportOptions struct {
	F            *Factory
	Table        string
	Format       string
	Out          string
	Since, Until string
	Analyzer     string
	Index        string
	Lags         string
	Methods      []string
	// NoveltyDecay and NoveltyWindow configure the daily aggregation.
	NoveltyDecay  float64
	NoveltyWindow time.Duration
}

// NewCmdExport builds `sectorpulse export`.
func NewCmdExport(f *Factory, runF func(*ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{F: f}
	cmd := &cobra.Command{
		Use:   "export {" + strings.Join(pipeline.ExportTables(), "|") + "} [--format csv|jsonl] [--out FILE|-] [--since DATE] [--until DATE]",
		Short: "Write a table as CSV or JSON Lines for pandas, R or Excel",
		Long: `Export writes one table with a header row and the stable columns documented in
the README's data dictionary. CSV is RFC 4180 UTF-8; text cells starting with
= + - @ are prefixed with ' against spreadsheet formula injection. --out FILE is
written to a temporary file and renamed, so a failed export leaves no half file.`,
		Example: `  sectorpulse export mentions --out mentions.csv
  sectorpulse export sectors --format jsonl --since 2025-02-01 | jq .
  sectorpulse export correlations --index HSTECH --lags 0:3`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: pipeline.ExportTables(),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Table = args[0]
			if _, ok := pipeline.ExportColumns(opts.Table); !ok {
				return usageErr("export: unknown table %q (want %s)", opts.Table, strings.Join(pipeline.ExportTables(), ", "))
			}
			if opts.Format != pipeline.FormatCSV && opts.Format != pipeline.FormatJSONL {
				return usageErr("--format %q: want csv or jsonl", opts.Format)
			}
			if _, err := market.ParseLags(opts.Lags); err != nil {
				return asUsage(fmt.Errorf("--lags: %w", err))
			}
			for i, m := range opts.Methods {
				m = strings.ToLower(strings.TrimSpace(m))
				opts.Methods[i] = m
				switch m {
				case market.MethodPearson, market.MethodSpearman, market.MethodKendall:
				default:
					return usageErr("--method %q: want pearson, spearman or kendall", m)
				}
			}
			if opts.NoveltyDecay <= 0 || opts.NoveltyDecay > 1 {
				return usageErr("--novelty-decay %v: want a factor in (0, 1]; 1 turns it off", opts.NoveltyDecay)
			}
			if opts.NoveltyWindow <= 0 {
				return usageErr("--novelty-window %v: want a positive duration such as 24h", opts.NoveltyWindow)
			}
			if runF != nil {
				return runF(opts)
			}
			return exportRun(cmd, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Format, "format", "csv", "csv or jsonl")
	fl.StringVarP(&opts.Out, "out", "o", "-", "output `FILE`, - for stdout")
	fl.StringVar(&opts.Since, "since", "", "articles published on or after `DATE`")
	fl.StringVar(&opts.Until, "until", "", "articles published before `DATE`")
	fl.StringVar(&opts.Analyzer, "analyzer", "", "only scores of this analyzer")
	fl.StringVar(&opts.Index, "index", "", "prices and correlations: only this index `CODE`; its exchange's calendar gives trading dates (default HKEX)")
	fl.StringVar(&opts.Lags, "lags", "-5:5", "correlations: lags in trading days")
	fl.StringSliceVar(&opts.Methods, "method", nil, "correlations: pearson, spearman and/or kendall (default all)")
	fl.Float64Var(&opts.NoveltyDecay, "novelty-decay", 1, "daily and correlations: weight factor per earlier story on the sector within --novelty-window (1: off)")
	fl.DurationVar(&opts.NoveltyWindow, "novelty-window", 24*time.Hour, "daily and correlations: how far back earlier stories lower novelty")
	return cmd
}

func exportRun(cmd *cobra.Command, opts *ExportOptions) error {
	f := opts.F
	ctx := cmd.Context()
	since, err := parseDateFlag("--since", opts.Since)
	if err != nil {
		return err
	}
	until, err := parseDateFlag("--until", opts.Until)
	if err != nil {
		return err
	}
	lags, _ := market.ParseLags(opts.Lags)
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	write := func(w io.Writer) (int, error) {
		return pipeline.Export(ctx, db, opts.Table, w, pipeline.ExportOptions{
			Format:   opts.Format,
			Filter:   store.ExportFilter{Since: since, Until: until, Analyzer: opts.Analyzer},
			Index:    opts.Index,
			Registry: reg,
			Lags:     lags,
			Methods:  opts.Methods,
			Daily:    market.DailyOptions{NoveltyDecay: opts.NoveltyDecay, NoveltyWindow: opts.NoveltyWindow},
		})
	}
	if opts.Out == "-" {
		_, err := write(f.IO.Out)
		return err
	}
	n, err := writeFileAtomic(opts.Out, write)
	if err != nil {
		return err
	}
	f.Logger().Info("exported", "table", opts.Table, "rows", n, "file", opts.Out)
	return nil
}

// writeFileAtomic writes through a temporary file in the target's
// directory and renames it into place only when write succeeds.
// The file gets the mode of the file it replaces, else 0644.
func writeFileAtomic(path string, write func(io.Writer) (int, error)) (int, error) {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return 0, usageErr("export to %s: is a directory", path)
		}
		mode = fi.Mode().Perm()
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return 0, usageErr("export to %s: directory %s does not exist", path, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("export to %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return 0, fmt.Errorf("export to %s: %w", path, err)
	}
	n, err := write(tmp)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("export to %s: %w", path, cerr)
	}
	if err != nil {
		return n, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return n, fmt.Errorf("export to %s: %w", path, err)
	}
	return n, nil
}
