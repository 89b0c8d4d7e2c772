package main

import (
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sectorpulse/sectorpulse/market"
	"github.com/sectorpulse/sectorpulse/pipeline"
	"github.com/spf13/cobra"
)

// CorrelateOptions are the options of `sectorpulse correlate`.
type CorrelateOptions struct {
	F        *Factory
	Index    string
	Sectors  []string
	Lags     string
	Method   string
	From, To string
	Format   string
	Analyzer string
	MinN     int
}

// NewCmdCorrelate builds `sectorpulse correlate`.
func NewCmdCorrelate(f *Factory, runF func(*CorrelateOptions) error) *cobra.Command {
	opts := &CorrelateOptions{F: f}
	cmd := &cobra.Command{
		Use:   "correlate --index CODE [--sector ID]... [--lags 0:5] [--method pearson|spearman] [--from DATE] [--to DATE] [--format table|csv]",
		Short: "Correlate daily sector sentiment with the index's log returns at each lag",
		Long: `Correlate pairs the daily sentiment of each sector on trading day t with the
index's log return k trading days later (lag k), leaving out days without
sentiment (never filling them with zero), and prints n, r, the two-sided
p-value and a 95% confidence interval per sector, method and lag.
Return on trading day t = ln(close_t / close_t-1) over consecutive price rows.`,
		Example: `  sectorpulse correlate --index HSTECH --sector tech.ai --lags 0:3
  sectorpulse correlate --index HSI --method spearman --format csv > corr.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Index == "" {
				return usageErr("correlate: --index CODE is required (HSI, HSCEI or HSTECH)")
			}
			if opts.Format != "table" && opts.Format != "csv" {
				return usageErr("--format %q: want table or csv", opts.Format)
			}
			if _, err := market.ParseLags(opts.Lags); err != nil {
				return asUsage(fmt.Errorf("--lags: %w", err))
			}
			if _, err := methods(opts.Method); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return correlateRun(cmd, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Index, "index", "", "index `CODE` (HSI, HSCEI, HSTECH)")
	fl.StringArrayVar(&opts.Sectors, "sector", nil, "sector `ID` (repeatable; default all)")
	fl.StringVar(&opts.Lags, "lags", "0:5", "lags in trading days: N, A:B or a comma list")
	fl.StringVar(&opts.Method, "method", "", "pearson or spearman (default both)")
	fl.StringVar(&opts.From, "from", "", "first trading `DATE` (YYYY-MM-DD)")
	fl.StringVar(&opts.To, "to", "", "last trading `DATE` (YYYY-MM-DD)")
	fl.StringVar(&opts.Format, "format", "table", "table or csv")
	fl.StringVar(&opts.Analyzer, "analyzer", "", "use the scores of this analyzer (needed when several are stored)")
	fl.IntVar(&opts.MinN, "min-n", 3, "least number of pairs for an r")
	return cmd
}

func methods(m string) ([]string, error) {
	switch strings.ToLower(m) {
	case "":
		return nil, nil
	case "pearson", "spearman":
		return []string{strings.ToLower(m)}, nil
	}
	return nil, usageErr("--method %q: want pearson or spearman", m)
}

func correlateRun(cmd *cobra.Command, opts *CorrelateOptions) error {
	f := opts.F
	ctx := cmd.Context()
	lags, _ := market.ParseLags(opts.Lags)
	ms, _ := methods(opts.Method)
	for _, d := range []struct{ name, v string }{{"--from", opts.From}, {"--to", opts.To}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			return usageErr("%s %q: want a trading date YYYY-MM-DD", d.name, d.v)
		}
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	cs, err := pipeline.Correlations(ctx, db, pipeline.CorrelateRequest{
		Index: opts.Index, Sectors: opts.Sectors, Lags: lags, Methods: ms,
		From: opts.From, To: opts.To, Analyzer: opts.Analyzer, MinN: opts.MinN,
	})
	if err != nil {
		return err
	}
	if opts.Format == "csv" {
		return pipeline.WriteCorrelations(f.IO.Out, pipeline.FormatCSV, cs)
	}
	if len(cs) == 0 {
		fmt.Fprintln(f.IO.ErrOut, "no sector has sentiment on the index's trading days; scrape and analyze first")
		return nil
	}
	printCorrelations(f.IO.Out, cs)
	return nil
}

// printCorrelations writes correlations as an aligned table.
func printCorrelations(w interface{ Write([]byte) (int, error) }, cs []market.Correlation) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "index\tsector\tmethod\tlag\tn\tr\tp\t95% CI\tfrom\tto\t")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t\n", c.Index, c.Sector, c.Method, c.Lag, c.N,
			fmtNum(c.R, "%.3f"), fmtNum(c.P, "%.3f"), fmtCI(c.CILow, c.CIHigh), c.From, c.To)
	}
	tw.Flush()
}

func fmtNum(v float64, format string) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf(format, v)
}

func fmtCI(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "-"
	}
	return fmt.Sprintf("[%.2f, %.2f]", lo, hi)
}
