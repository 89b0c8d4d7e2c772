package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

// NewCmdStatus builds `sectorpulse status`.
func NewCmdStatus(f *Factory) *cobra.Command {
	var last int
	cmd := &cobra.Command{
		Use:   "status [--runs N]",
		Short: "Show what the database holds and the last runs",
		Long: `Status prints the number of rows of each table and the last recorded runs
(scrape, analyze, run, demo) with their counts, so a cron user can see at a
glance what the last batches did.`,
		Example: `  sectorpulse status
  sectorpulse --db /srv/news/sectorpulse.db status --runs 20`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if last < 0 {
				return usageErr("--runs %d: want 0 or more", last)
			}
			ctx := cmd.Context()
			db, err := f.Store(ctx)
			if err != nil {
				return err
			}
			c, err := db.Counts(ctx)
			if err != nil {
				return err
			}
			out := f.IO.Out
			fmt.Fprintf(out, "Database %s\n", db.Path())
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
			for _, row := range []struct {
				name string
				n    int
			}{{"sources", c.Sources}, {"articles", c.Articles}, {"analyses", c.Analyses}, {"mentions", c.Mentions},
				{"sector scores", c.SectorScores}, {"index moves", c.IndexMoves}, {"entities", c.Entities},
				{"sectors", c.Sectors}, {"prices", c.Prices}, {"runs", c.Runs}} {
				fmt.Fprintf(tw, "%s\t%d\t\n", row.name, row.n)
			}
			tw.Flush()
			if last == 0 {
				return nil
			}
			runs, err := db.Runs(ctx, last)
			if err != nil {
				return err
			}
			if len(runs) == 0 {
				return nil
			}
			fmt.Fprintln(out, "\nLast runs")
			tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "id\tcommand\tstarted (UTC)\tseconds\tstatus\tfetched\tnew\tduplicate\tfailed\tanalyzer\tanalyzed\ttokens\tfailed by reason")
			for _, r := range runs {
				secs := "-"
				if !r.EndedAt.IsZero() {
					secs = fmt.Sprintf("%.1f", r.EndedAt.Sub(r.StartedAt).Seconds())
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%d\t%d\t%s\n", r.ID, r.Command, r.StartedAt.UTC().Format(time.DateTime),
					secs, r.Status, r.Fetched, r.New, r.Duplicate, r.Failed+r.AnalyzeFailed, orDash(r.Analyzer), r.Analyzed,
					r.PromptTokens+r.CompletionTokens, orDash(formatReasons(r.FailedByReason)))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().IntVar(&last, "runs", 5, "how many recent runs to list")
	return cmd
}
