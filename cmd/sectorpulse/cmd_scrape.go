package main

import (
	"github.com/spf13/cobra"
)

// ScrapeOptions are the options of `sectorpulse scrape`.
type ScrapeOptions struct {
	F       *Factory
	Sources sourceFlags
}

// NewCmdScrape builds `sectorpulse scrape`.
func NewCmdScrape(f *Factory, runF func(*ScrapeOptions) error) *cobra.Command {
	opts := &ScrapeOptions{F: f}
	cmd := &cobra.Command{
		Use:   "scrape [--url URL]... [--feed URL]... [--sitemap URL]... [--listing URL]... [--file PATH]... [--sources FILE] [--source NAME]... [--since DATE] [--deadline D]",
		Short: "Fetch articles and store each one once",
		Long: `Scrape fetches article pages, the items of RSS/Atom/JSON feeds and of sitemaps
(sitemap indexes, news sitemaps, .xml.gz), the article links of listing pages,
and local files and directories, extracts them and stores each article once: a
URL or a text stored before is counted as a duplicate and not stored again.

Runs are incremental: feeds, sitemaps and listing pages are asked for with the
ETag and Last-Modified of the last run (a 304 costs nothing), and items older
than a source's cursor are passed over; --since backfills from a date instead.
A page that fails is logged with its URL and reason and the batch goes on
(exit 3 when some failed).`,
		Example: `  sectorpulse scrape --feed https://news.example.com/markets/rss.xml
  sectorpulse scrape --sources sources.yaml --source samplewire
  sectorpulse scrape --file saved/hk-stocks-rally.html.gz
  sectorpulse scrape --file archive/2025-02/
  sectorpulse scrape --sources sources.yaml --since 2025-01-01 --deadline 50m`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return scrapeRun(cmd, opts)
		},
	}
	opts.Sources.register(cmd)
	opts.Sources.registerSince(cmd)
	return cmd
}

func scrapeRun(cmd *cobra.Command, opts *ScrapeOptions) error {
	f := opts.F
	ctx := cmd.Context()
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	sources, err := opts.Sources.resolve(cfg)
	if err != nil {
		return err
	}
	since, err := parseDateFlag("--since", opts.Sources.Since)
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	rec, err := startRun(ctx, f, db, "scrape")
	if err != nil {
		return err
	}
	ctx, cancel := opts.Sources.withDeadline(ctx, cfg)
	defer cancel()
	return rec.finish(rec.scrape(ctx, sources, scrapeSettings{concurrency: opts.Sources.Concurrency, since: since}))
}
