package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"path/filepath"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/cmd/sectorpulse/demosite"
	"github.com/sectorpulse/sectorpulse/market"
	"github.com/sectorpulse/sectorpulse/pipeline"
	"github.com/sectorpulse/sectorpulse/store"
	"github.com/spf13/cobra"
)

// DemoOptions are the options of `sectorpulse demo`.
type DemoOptions struct {
	F *Factory
	// Lags are the correlation lags shown.
	Lags string
	// Top is how many rows the entity table shows.
	Top int
	// MinDays is the least number of paired days for a sector to be shown
	// in the correlation tables.
	MinDays int
}

// NewCmdDemo builds `sectorpulse demo`.
func NewCmdDemo(f *Factory, runF func(*DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{F: f}
	cmd := &cobra.Command{
		Use:   "demo [--db PATH]",
		Short: "Run the whole pipeline offline on the built-in sample news site",
		Long: `Demo serves the built-in sample news site on loopback, scrapes its RSS feed
and listing page, analyses the articles with the offline lexicon analyzer,
imports the bundled HSI and HSTECH prices, stores everything in a SQLite file
(./sectorpulse-demo.db unless --db names another; $SECTORPULSE_DB and the config
file are ignored so the sample news never lands in a working database) and prints
the sector table, the top entities, the reported index moves and the lagged
correlations. Running it again adds nothing: every article is stored once.`,
		Example: `  go run ./cmd/sectorpulse demo
  sectorpulse demo --db /tmp/demo.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := market.ParseLags(opts.Lags); err != nil {
				return asUsage(fmt.Errorf("--lags: %w", err))
			}
			if runF != nil {
				return runF(opts)
			}
			return demoRun(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Lags, "lags", "-1:2", "correlation lags to show")
	cmd.Flags().IntVar(&opts.Top, "top", 12, "rows of the entity table")
	cmd.Flags().IntVar(&opts.MinDays, "min-days", 15, "least paired days for a sector to be shown in the correlation tables")
	return cmd
}

func demoRun(cmd *cobra.Command, opts *DemoOptions) error {
	f := opts.F
	ctx := cmd.Context()
	log := f.Logger()
	out := f.IO.Out

	handler, err := demosite.Handler()
	if err != nil {
		return fmt.Errorf("demo site: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo site: listen on loopback: %w", err)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("demo site stopped", "err", err)
		}
	}()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	base := "http://" + ln.Addr().String()

	db, err := f.DemoStore(ctx, "sectorpulse-demo.db")
	if err != nil {
		return err
	}
	if abs, err := filepath.Abs(db.Path()); err == nil {
		fmt.Fprintf(out, "Database: %s\n", abs)
	}
	fmt.Fprintf(out, "Sample news site: %s (%d articles)\n\n", base, demosite.ArticleCount())
	g, t, err := f.Knowledge()
	if err != nil {
		return err
	}
	if err := db.SaveSectors(ctx, t.Sectors()); err != nil {
		return err
	}
	if err := db.SaveEntities(ctx, g.Entities(), "gazetteer"); err != nil {
		return err
	}
	an, err := f.Analyzer("lexicon")
	if err != nil {
		return err
	}

	rec, err := startRun(ctx, f, db, "demo")
	if err != nil {
		return err
	}
	sources := []pipeline.Source{
		{Name: "samplewire", Kind: pipeline.KindFeed, Location: base + "/feed.xml"},
		{Name: "samplewire", Kind: pipeline.KindListing, Location: base + "/"},
	}
	err = rec.scrape(ctx, sources, scrapeSettings{concurrency: 4})
	if err == nil {
		err = rec.analyze(ctx, an, pipeline.AnalyzeOptions{})
	} else {
		rec.addAnalyze(an.Name(), nil)
	}
	if err := rec.finish(err); err != nil {
		return err
	}
	fmt.Fprintf(out, "Scraped: %d fetched, %d new, %d already stored, %d failed.  Analysed: %d new, %d already done.\n",
		rec.run.Fetched, rec.run.New, rec.run.Duplicate, rec.run.Failed, rec.run.Analyzed, rec.run.Skipped)

	for _, p := range demosite.Prices() {
		res, err := pipeline.ImportPricesFrom(ctx, db, bytes.NewReader(p.Data), p.Name, pipeline.ImportOptions{Index: p.Index})
		if err != nil {
			return fmt.Errorf("demo prices: %w", err)
		}
		if len(res.RowErrors) > 0 {
			return fmt.Errorf("demo prices %s: %w", p.Name, res.RowErrors[0])
		}
		fmt.Fprintf(out, "Prices %-7s %d trading days %s … %s (%d new, %d unchanged)\n", res.Index, res.Rows, res.From, res.To, res.Saved.Inserted, res.Saved.Unchanged)
	}

	sum, err := pipeline.Summarize(ctx, db, nil, store.ExportFilter{Analyzer: an.Name()})
	if err != nil {
		return err
	}
	printSectorTable(out, sum.Sectors)
	printEntityTable(out, sum.Entities, opts.Top)
	printMoves(out, sum.Moves)

	lags, _ := market.ParseLags(opts.Lags)
	for _, ix := range []string{"HSTECH", "HSI"} {
		cs, err := pipeline.Correlations(ctx, db, pipeline.CorrelateRequest{
			SeriesRequest: pipeline.SeriesRequest{Index: ix, Analyzer: an.Name()}, Lags: lags, Methods: []string{market.MethodPearson}})
		if err != nil {
			return err
		}
		printCorrelationMatrix(out, ix, cs, lags, opts.MinDays)
	}
	fmt.Fprintln(out, "Lag k pairs sentiment of trading day t with the return k trading days later. Stories published after")
	fmt.Fprintln(out, "the 16:00 close count for the next session, so lag -1 is the session a market wrap describes.")

	dbArg := db.Path()
	fmt.Fprintf(out, `
Next:
  sectorpulse --db %[1]s correlate --index HSTECH --sector tech.ai --lags 0:5
  sectorpulse --db %[1]s export mentions --out mentions.csv
  sectorpulse --db %[1]s export daily --format jsonl
  sectorpulse score "BYD shares jumped 6 percent after it unveiled driver assistance across its range."
  sectorpulse extract --format json https://example.com/some-article.html
`, dbArg)
	return nil
}

func printSectorTable(w io.Writer, ss []pipeline.SectorSummary) {
	fmt.Fprintln(w, "\nSector sentiment (all articles; weighted by relevance × confidence)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "sector\tarticles\tdays\tsentiment\tlabel\t+ / 0 / −")
	for _, s := range ss {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%+.3f\t%s\t%d / %d / %d\n", s.Sector, s.Articles, s.Days, s.Sentiment,
			sectorpulse.LabelFor(s.Sentiment), s.Positive, s.Neutral, s.Negative)
	}
	tw.Flush()
}

func printEntityTable(w io.Writer, es []pipeline.EntitySummary, top int) {
	fmt.Fprintf(w, "\nTop entities by mentions\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "entity\tkind\tticker\tmentions\tsentiment\tlabel")
	for i, e := range es {
		if i == top {
			break
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%+.3f\t%s\n", e.Entity, e.Kind, orDash(e.Ticker), e.Mentions, e.Sentiment, sectorpulse.LabelFor(e.Sentiment))
	}
	tw.Flush()
}

func printMoves(w io.Writer, ms []pipeline.MoveCheck) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].SessionDate != ms[j].SessionDate {
			return ms[i].SessionDate < ms[j].SessionDate
		}
		return ms[i].IndexCode < ms[j].IndexCode
	})
	// Several articles often report the same move: show it once.
	type key struct{ session, index, pct, level string }
	reports := map[key]int{}
	var order []pipeline.MoveCheck
	matched := 0
	for _, m := range ms {
		if m.Matches() {
			matched++
		}
		k := key{m.SessionDate, m.IndexCode, fmtPtr(m.ChangePct, "%+.2f"), fmtPtr(m.Level, "%.2f")}
		if reports[k] == 0 {
			order = append(order, m)
		}
		reports[k]++
	}
	fmt.Fprintf(w, "\nIndex moves reported in the articles, against the imported closes\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "session\tindex\treported %\treported level\tarticles\tclose\tclose %\tagrees")
	for _, m := range order {
		agree := "no"
		if m.Matches() {
			agree = "yes"
		}
		k := key{m.SessionDate, m.IndexCode, fmtPtr(m.ChangePct, "%+.2f"), fmtPtr(m.Level, "%.2f")}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", m.SessionDate, m.IndexCode, k.pct, k.level, reports[k],
			fmtNum(m.StoredClose, "%.2f"), fmtNum(m.StoredChangePct, "%+.2f"), agree)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d of %d reported moves agree with the imported prices.\n", matched, len(ms))
}

// printCorrelationMatrix shows Pearson r per sector (rows) and lag
// (columns) for one index, for sectors with at least minN pairs at every
// lag.
func printCorrelationMatrix(w io.Writer, index string, cs []market.Correlation, lags []int, minN int) {
	bySector := map[string]map[int]market.Correlation{}
	for _, c := range cs {
		if c.Method != market.MethodPearson {
			continue
		}
		if bySector[c.Sector] == nil {
			bySector[c.Sector] = map[int]market.Correlation{}
		}
		bySector[c.Sector][c.Lag] = c
	}
	var sectors []string
	for s, m := range bySector {
		ok := true
		for _, l := range lags {
			if m[l].N < minN || math.IsNaN(m[l].R) {
				ok = false
			}
		}
		if ok {
			sectors = append(sectors, s)
		}
	}
	sort.Strings(sectors)
	fmt.Fprintf(w, "\nPearson r of daily sector sentiment with %s log returns, by lag (n pairs; * p < 0.05)\n", index)
	if len(sectors) == 0 {
		fmt.Fprintf(w, "no sector has %d or more days with both sentiment and a return\n", minN)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "sector")
	for _, l := range lags {
		fmt.Fprintf(tw, "\tlag %+d", l)
	}
	fmt.Fprintln(tw)
	for _, s := range sectors {
		fmt.Fprint(tw, s)
		for _, l := range lags {
			c := bySector[s][l]
			star := ""
			if c.P < 0.05 {
				star = "*"
			}
			fmt.Fprintf(tw, "\t%+.2f%s (%d)", c.R, star, c.N)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

func fmtPtr(v *float64, format string) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf(format, *v)
}
