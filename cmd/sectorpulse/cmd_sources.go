package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sectorpulse/sectorpulse/store"
	"github.com/spf13/cobra"
)

// SourcesCheckOptions are the options of `sectorpulse sources check`.
type SourcesCheckOptions struct {
	F *Factory
	// Window is how far back failures are counted.
	Window time.Duration
	// Stale is the age of the last article after which a source is
	// reported stale.
	Stale time.Duration
	// Format is table or json.
	Format string
}

// NewCmdSources builds `sectorpulse sources`.
func NewCmdSources(f *Factory) *cobra.Command {
	cmd := groupCommand("sources", "Check the configured news sources")
	cmd.AddCommand(NewCmdSourcesCheck(f, nil))
	return cmd
}

// NewCmdSourcesCheck builds `sectorpulse sources check`.
func NewCmdSourcesCheck(f *Factory, runF func(*SourcesCheckOptions) error) *cobra.Command {
	opts := &SourcesCheckOptions{F: f}
	cmd := &cobra.Command{
		Use:   "check [--window 168h] [--stale 72h] [--format table|json]",
		Short: "Report, per source, its last article and its recent failures by reason",
		Long: `Check reads the fetch log that scrape and run keep and reports, for every
source: the articles stored, when it last yielded one, when it was last
fetched, and over the window the fetches, the failures by reason, the 304s
and the last error. Status is "failing" when every fetch in the window
failed, "stale" when the last article is older than --stale, else "ok": a
source whose layout changed shows up here (failures with reason empty or
not_html), not as silence.`,
		Example: `  sectorpulse sources check
  sectorpulse sources check --window 24h --format json | jq '.[] | select(.status != "ok")'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Window <= 0 || opts.Stale <= 0 {
				return usageErr("--window and --stale must be positive durations such as 24h")
			}
			if opts.Format != "table" && opts.Format != "json" {
				return usageErr("--format %q: want table or json", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return sourcesCheckRun(cmd, opts)
		},
	}
	cmd.Flags().DurationVar(&opts.Window, "window", 7*24*time.Hour, "count fetches and failures over this `DURATION`")
	cmd.Flags().DurationVar(&opts.Stale, "stale", 72*time.Hour, "a source whose last article is older than `DURATION` is stale")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or json")
	return cmd
}

// sourceCheck is one source's line of the report.
type sourceCheck struct {
	Source         string         `json:"source"`
	Status         string         `json:"status"`
	Articles       int            `json:"articles"`
	LastArticleAt  *time.Time     `json:"last_article_at"`
	LastFetchAt    *time.Time     `json:"last_fetch_at"`
	Fetches        int            `json:"fetches"`
	Failures       int            `json:"failures"`
	NotModified    int            `json:"not_modified"`
	FailedByReason map[string]int `json:"failed_by_reason"`
	LastError      string         `json:"last_error"`
}

func sourcesCheckRun(cmd *cobra.Command, opts *SourcesCheckOptions) error {
	f := opts.F
	ctx := cmd.Context()
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	now := f.Now().UTC()
	health, err := db.SourceHealth(ctx, now.Add(-opts.Window))
	if err != nil {
		return err
	}
	checks := make([]sourceCheck, 0, len(health))
	for _, h := range health {
		checks = append(checks, checkSource(h, now, opts.Stale))
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(f.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(checks)
	}
	if len(checks) == 0 {
		fmt.Fprintln(f.IO.Out, "no sources yet: run scrape or run first")
		return nil
	}
	tw := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "source\tstatus\tarticles\tlast article (UTC)\tlast fetch (UTC)\tfetches\tfailures\t304s\tfailed by reason\tlast error")
	for _, c := range checks {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", c.Source, c.Status, c.Articles,
			fmtOptTime(c.LastArticleAt), fmtOptTime(c.LastFetchAt), c.Fetches, c.Failures, c.NotModified,
			formatReasons(c.FailedByReason), abbreviate(c.LastError, 60))
	}
	return tw.Flush()
}

// checkSource grades a source: failing when every fetch of the window
// failed, stale when its last article is older than stale, else ok.
func checkSource(h store.SourceHealth, now time.Time, stale time.Duration) sourceCheck {
	c := sourceCheck{Source: h.Source, Articles: h.Articles, Fetches: h.Fetches, Failures: h.Failures,
		NotModified: h.NotModified, FailedByReason: h.FailedByReason, LastError: h.LastError, Status: "ok"}
	if !h.LastArticleAt.IsZero() {
		t := h.LastArticleAt.UTC()
		c.LastArticleAt = &t
	}
	if !h.LastFetchAt.IsZero() {
		t := h.LastFetchAt.UTC()
		c.LastFetchAt = &t
	}
	if c.FailedByReason == nil {
		c.FailedByReason = map[string]int{}
	}
	switch {
	case h.Fetches > 0 && h.Failures == h.Fetches:
		c.Status = "failing"
	case h.LastArticleAt.IsZero() || now.Sub(h.LastArticleAt) > stale:
		c.Status = "stale"
	}
	return c
}

func fmtOptTime(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return strings.Replace(t.Format(time.RFC3339), "T", " ", 1)
}
