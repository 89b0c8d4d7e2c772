package main

import (
	"fmt"
	"io"
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
	Methods  []string
	From, To string
	Format   string
	Out      string
	Analyzer string
	MinN     int
	// Rolling is the rolling window in trading days (0: off).
	Rolling int
	// Granger runs Granger tests with lag orders up to MaxLag.
	Granger bool
	MaxLag  int
	// Fill is how Granger treats days without sentiment: none or zero.
	Fill string
	// Events runs the event study with threshold EventZ over Window.
	Events bool
	EventZ float64
	Window string
	// NoveltyDecay and NoveltyWindow configure the daily aggregation.
	NoveltyDecay  float64
	NoveltyWindow time.Duration

	lags             []int
	methods          []string
	before, after    int
	lagsSet, minNSet bool
}

// NewCmdCorrelate builds `sectorpulse correlate`.
func NewCmdCorrelate(f *Factory, runF func(*CorrelateOptions) error) *cobra.Command {
	opts := &CorrelateOptions{F: f}
	cmd := &cobra.Command{
		Use:   "correlate --index CODE [--sector ID]... [--lags -5:5] [--method pearson,spearman,kendall] [--rolling N | --granger | --events] [--format table|csv|jsonl]",
		Short: "Correlate daily sector sentiment with the index's log returns; rolling, Granger and event-study variants",
		Long: `Correlate lines up each sector's daily sentiment (on the index exchange's
trading days) with the index's log returns and prints, per sector, method and
lag, n, r, the two-sided p-value, a 95% confidence interval (Fisher z), the
Benjamini–Hochberg adjusted p-value across the table, and a note when r is
undefined. Lag k pairs the sentiment of trading day t with the return of
trading day t+k: positive lags ask whether sentiment leads returns, negative
ones whether returns lead sentiment. Days without sentiment are left out,
never filled with zero. Return on day t = ln(close_t / close_t-1).

--rolling N prints the correlation over a moving window of N trading days
(one lag, default 0). --granger tests Granger causality in both directions,
lag order up to --max-lag chosen by AIC; a day without sentiment breaks the
lag chain unless --fill zero counts it as neutral news. --events prints the mean abnormal
return (return minus the index's mean) on the days of --window around days
whose sentiment z-score is at least --event-z (positive) or at most its
negative, with a t-statistic.

Scores of one analyzer only are used: name it with --analyzer when several
are stored.`,
		Example: `  sectorpulse correlate --index HSTECH --sector tech.ai --lags 0:3
  sectorpulse correlate --index HSI --method spearman,kendall --format csv --out corr.csv
  sectorpulse correlate --index HSI --sector tech.ai --rolling 60 --format csv
  sectorpulse correlate --index HSTECH --granger --max-lag 5
  sectorpulse correlate --index HSTECH --events --event-z 1.5 --format jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.lagsSet = cmd.Flags().Changed("lags")
			opts.minNSet = cmd.Flags().Changed("min-n")
			if err := checkCorrelateOptions(opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return correlateRun(cmd, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Index, "index", "", "index `CODE` (see 'sectorpulse prices indexes')")
	fl.StringArrayVar(&opts.Sectors, "sector", nil, "sector `ID` (repeatable; default all)")
	fl.StringVar(&opts.Lags, "lags", "-5:5", "lags in trading days: N, A:B or a comma list")
	fl.StringSliceVar(&opts.Methods, "method", nil, "pearson, spearman and/or kendall, comma-separated (default all three)")
	fl.StringVar(&opts.From, "from", "", "first trading `DATE` of sentiment (YYYY-MM-DD)")
	fl.StringVar(&opts.To, "to", "", "last trading `DATE` of sentiment (YYYY-MM-DD)")
	fl.StringVar(&opts.Format, "format", "table", "table, csv or jsonl")
	fl.StringVarP(&opts.Out, "out", "o", "-", "write to `FILE` instead of stdout")
	fl.StringVar(&opts.Analyzer, "analyzer", "", "use the scores of this analyzer (needed when several are stored)")
	fl.IntVar(&opts.MinN, "min-n", 3, "least pairs for an r (rolling default 10, Granger default 20 usable days)")
	fl.IntVar(&opts.Rolling, "rolling", 0, "rolling correlation over `N` trading days")
	fl.BoolVar(&opts.Granger, "granger", false, "Granger causality F-tests in both directions")
	fl.IntVar(&opts.MaxLag, "max-lag", 5, "largest lag order the Granger tests consider")
	fl.StringVar(&opts.Fill, "fill", "none", "Granger: days without sentiment break the lag chain (none) or count as neutral 0 (zero)")
	fl.BoolVar(&opts.Events, "events", false, "event study around strongly positive and negative sentiment days")
	fl.Float64Var(&opts.EventZ, "event-z", 1.5, "sentiment z-score that makes a strong day")
	fl.StringVar(&opts.Window, "window", "-1:3", "event window in trading days around the event day")
	fl.Float64Var(&opts.NoveltyDecay, "novelty-decay", 1, "weight factor per earlier story on the sector within --novelty-window (1: off)")
	fl.DurationVar(&opts.NoveltyWindow, "novelty-window", 24*time.Hour, "how far back earlier stories lower a story's novelty")
	return cmd
}

// checkCorrelateOptions checks the flags and fills the parsed fields.
func checkCorrelateOptions(opts *CorrelateOptions) error {
	if opts.Index == "" {
		return usageErr("correlate: --index CODE is required (see 'sectorpulse prices indexes')")
	}
	switch opts.Format {
	case "table", pipeline.FormatCSV, pipeline.FormatJSONL:
	default:
		return usageErr("--format %q: want table, csv or jsonl", opts.Format)
	}
	modes := 0
	for _, on := range []bool{opts.Rolling != 0, opts.Granger, opts.Events} {
		if on {
			modes++
		}
	}
	if modes > 1 {
		return usageErr("correlate: --rolling, --granger and --events are separate tables; choose one")
	}
	lags, err := market.ParseLags(opts.Lags)
	if err != nil {
		return asUsage(fmt.Errorf("--lags: %w", err))
	}
	opts.lags = lags
	if opts.Rolling != 0 {
		if opts.Rolling < 3 {
			return usageErr("--rolling %d: want a window of at least 3 trading days", opts.Rolling)
		}
		if !opts.lagsSet {
			opts.lags = []int{0}
		}
		if len(opts.lags) != 1 {
			return usageErr("--rolling takes one lag (--lags %s names %d)", opts.Lags, len(opts.lags))
		}
	}
	for _, m := range opts.Methods {
		m = strings.ToLower(strings.TrimSpace(m))
		switch m {
		case market.MethodPearson, market.MethodSpearman, market.MethodKendall:
			opts.methods = append(opts.methods, m)
		default:
			return usageErr("--method %q: want pearson, spearman or kendall", m)
		}
	}
	if opts.Fill != "none" && opts.Fill != "zero" {
		return usageErr("--fill %q: want none or zero", opts.Fill)
	}
	if opts.Fill == "zero" && !opts.Granger {
		return usageErr("--fill zero applies to --granger only; correlations never fill missing days")
	}
	if opts.Granger && (opts.MaxLag < 1 || opts.MaxLag > 20) {
		return usageErr("--max-lag %d: want 1 to 20", opts.MaxLag)
	}
	if opts.Events {
		if opts.EventZ <= 0 || math.IsNaN(opts.EventZ) || math.IsInf(opts.EventZ, 0) {
			return usageErr("--event-z %v: want a positive number", opts.EventZ)
		}
		w, err := market.ParseLags(opts.Window)
		if err != nil || w[0] > 0 || w[len(w)-1] < 0 || len(w) != w[len(w)-1]-w[0]+1 || len(w) == 1 {
			return usageErr("--window %q: want a range A:B with A ≤ 0 ≤ B around the event day, such as -1:3 or 0:1", opts.Window)
		}
		opts.before, opts.after = -w[0], w[len(w)-1]
	}
	if opts.NoveltyDecay <= 0 || opts.NoveltyDecay > 1 {
		return usageErr("--novelty-decay %v: want a factor in (0, 1]; 1 turns it off", opts.NoveltyDecay)
	}
	if opts.NoveltyWindow <= 0 {
		return usageErr("--novelty-window %v: want a positive duration such as 24h", opts.NoveltyWindow)
	}
	for _, d := range []struct{ name, v string }{{"--from", opts.From}, {"--to", opts.To}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			return usageErr("%s %q: want a trading date YYYY-MM-DD", d.name, d.v)
		}
	}
	return nil
}

func correlateRun(cmd *cobra.Command, opts *CorrelateOptions) error {
	f := opts.F
	ctx := cmd.Context()
	reg, err := f.Registry()
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	s, err := pipeline.LoadSeries(ctx, db, pipeline.SeriesRequest{Index: opts.Index, Registry: reg, Analyzer: opts.Analyzer,
		Daily: market.DailyOptions{NoveltyDecay: opts.NoveltyDecay, NoveltyWindow: opts.NoveltyWindow}})
	if err != nil {
		return err
	}
	if opts.Out == "-" {
		return writeStatistics(f.IO.Out, opts, s)
	}
	_, err = writeFileAtomic(opts.Out, func(w io.Writer) (int, error) { return 0, writeStatistics(w, opts, s) })
	return err
}

// writeStatistics computes the table the options ask for and writes it.
func writeStatistics(w io.Writer, opts *CorrelateOptions, s *pipeline.Series) error {
	code := s.Index.Code
	minN := func(def int) int {
		if opts.minNSet {
			return opts.MinN
		}
		return def
	}
	switch {
	case opts.Rolling != 0:
		ps, err := market.RollingCorrelation(s.Daily, s.Returns, market.RollingOptions{Index: code, Sectors: opts.Sectors,
			Lag: opts.lags[0], Methods: opts.methods, Window: opts.Rolling, MinN: minN(min(10, opts.Rolling)), From: opts.From, To: opts.To})
		if err != nil {
			return asUsage(err)
		}
		if opts.Format != "table" {
			return pipeline.WriteRolling(w, opts.Format, ps)
		}
		if len(ps) == 0 {
			fmt.Fprintf(w, "no window of %d sessions holds enough sentiment days; lower --min-n or widen --rolling\n", opts.Rolling)
			return nil
		}
		return printRolling(w, ps)
	case opts.Granger:
		gs, err := market.Granger(s.Daily, s.Returns, market.GrangerOptions{Index: code, Sectors: opts.Sectors,
			MaxLag: opts.MaxLag, From: opts.From, To: opts.To, MinN: minN(20), FillZero: opts.Fill == "zero"})
		if err != nil {
			return asUsage(err)
		}
		if opts.Format != "table" {
			return pipeline.WriteGranger(w, opts.Format, gs)
		}
		return printGranger(w, gs)
	case opts.Events:
		es, err := market.EventStudies(s.Daily, s.Returns, market.EventOptions{Index: code, Sectors: opts.Sectors,
			Threshold: opts.EventZ, Before: opts.before, After: opts.after, From: opts.From, To: opts.To})
		if err != nil {
			return asUsage(err)
		}
		if opts.Format != "table" {
			return pipeline.WriteEvents(w, opts.Format, es)
		}
		return printEvents(w, es)
	}
	cs, err := market.Correlate(s.Daily, s.Returns, market.CorrelationOptions{Index: code, Sectors: opts.Sectors,
		Lags: opts.lags, Methods: opts.methods, From: opts.From, To: opts.To, MinN: opts.MinN})
	if err != nil {
		return asUsage(err)
	}
	if opts.Format != "table" {
		return pipeline.WriteCorrelations(w, opts.Format, cs)
	}
	if len(cs) == 0 {
		fmt.Fprintln(w, "no sector has sentiment on the index's trading days; scrape and analyze first, or widen --from/--to")
		return nil
	}
	return printCorrelations(w, cs)
}

// printCorrelations writes correlations as an aligned table.
func printCorrelations(w io.Writer, cs []market.Correlation) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "index\tsector\tmethod\tlag\tn\tr\tp\tp (BH)\t95% CI\tfrom\tto\tnote")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%+d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Index, c.Sector, c.Method, c.Lag, c.N,
			fmtNum(c.R, "%+.3f"), fmtP(c.P), fmtP(c.PAdjusted), fmtCI(c.CILow, c.CIHigh), orDash(c.From), orDash(c.To), c.Note)
	}
	return tw.Flush()
}

// printRolling writes rolling correlations as an aligned table.
func printRolling(w io.Writer, ps []market.RollingPoint) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "index\tsector\tmethod\tlag\tdate\twindow\tn\tr\tp\tnote")
	for _, p := range ps {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%+d\t%s\t%d\t%d\t%s\t%s\t%s\n", p.Index, p.Sector, p.Method, p.Lag, p.Date, p.Window, p.N,
			fmtNum(p.R, "%+.3f"), fmtP(p.P), p.Note)
	}
	return tw.Flush()
}

// printGranger writes Granger tests as an aligned table.
func printGranger(w io.Writer, gs []market.GrangerResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "index\tsector\tdirection\tlag\tn\tF\tdf\tp\tfrom\tto\tnote")
	for _, g := range gs {
		df := "-"
		if g.DF2 > 0 {
			df = fmt.Sprintf("%d, %d", g.DF1, g.DF2)
		}
		lag := "-"
		if g.Lag > 0 {
			lag = fmt.Sprint(g.Lag)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", g.Index, g.Sector, g.Direction, lag, g.N,
			fmtNum(g.F, "%.3f"), df, fmtP(g.P), orDash(g.From), orDash(g.To), g.Note)
	}
	return tw.Flush()
}

// printEvents writes event studies as an aligned table, mean abnormal
// returns in percent.
func printEvents(w io.Writer, es []market.EventStudy) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var days []int
	if len(es) > 0 {
		days = es[0].Days
	}
	head := "index\tsector\tdirection\tevents"
	for _, d := range days {
		head += fmt.Sprintf("\tAR %+d %%", d)
	}
	fmt.Fprintln(tw, head+"\tCAR %\tt\tp\tnote")
	for _, e := range es {
		line := fmt.Sprintf("%s\t%s\t%s\t%d", e.Index, e.Sector, e.Direction, e.Events)
		for j := range days {
			v := math.NaN()
			if j < len(e.MeanAR) {
				v = e.MeanAR[j] * 100
			}
			line += "\t" + fmtNum(v, "%+.3f")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", line, fmtNum(e.CAR*100, "%+.3f"), fmtNum(e.T, "%+.2f"), fmtP(e.P), e.Note)
	}
	return tw.Flush()
}

func fmtNum(v float64, format string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return fmt.Sprintf(format, v)
}

// fmtP formats a p-value: three decimals, "<0.001" below that.
func fmtP(p float64) string {
	if !math.IsNaN(p) && p < 0.001 {
		return "<0.001"
	}
	return fmtNum(p, "%.3f")
}

func fmtCI(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "-"
	}
	return fmt.Sprintf("[%+.2f, %+.2f]", lo, hi)
}
