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
		Use:   "scrape [--url URL]... [--feed URL]... [--listing URL]... [--file PATH]... [--sources FILE] [--source NAME]...",
		Short: "Fetch articles and store each one once",
		Long: `Scrape fetches article pages, the items of RSS/Atom feeds, the article links of
listing pages and local files, extracts them and stores each article once: a URL
or a text stored before is counted as a duplicate and not stored again.
A page that fails is logged with its URL and reason and the batch goes on
(exit 3 when some failed).`,
		Example: `  sectorpulse scrape --feed https://news.example.com/markets/rss.xml
  sectorpulse scrape --sources sources.yaml --source samplewire
  sectorpulse scrape --file saved/hk-stocks-rally.html.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return scrapeRun(cmd, opts)
		},
	}
	opts.Sources.register(cmd)
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
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	rec, err := startRun(ctx, f, db, "scrape")
	if err != nil {
		return err
	}
	return rec.finish(rec.scrape(ctx, sources, opts.Sources.Concurrency))
}
