package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/scraper"
	"github.com/spf13/cobra"
)

// ExtractOptions are the options of `sectorpulse extract`.
type ExtractOptions struct {
	IO      *IOStreams
	Fetcher func() *scraper.Fetcher
	Now     func() time.Time

	Format   string
	TimeZone string
	Sources  []string
}

// NewCmdExtract builds `sectorpulse extract`.
func NewCmdExtract(f *Factory, runF func(*ExtractOptions) error) *cobra.Command {
	opts := &ExtractOptions{IO: f.IO, Fetcher: f.Fetcher, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "extract [--format text|json] SOURCE...",
		Short: "Extract title, date, byline, language and body text from pages or files",
		Long: `Extract fetches each SOURCE (an http(s) URL, or a local .html/.htm/.html.gz
file) and prints what the extractor finds. With --format json it prints one
JSON object per line: {"source","url","title","published_at","byline","language","text",
"canonical_url","date_source","date_inferred","truncated"}; a page the extractor
refuses (a section front, under 25 words of body) is still printed, with
"refused" set to not_article or empty, and counts as failed. --timezone reads
times that state no offset in that zone. No database is used.`,
		Example: `  sectorpulse extract https://news.example.com/markets/hk-stocks-rally.html
  sectorpulse extract --format json saved/*.html | jq .title`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "text" && opts.Format != "json" {
				return usageErr("--format %q: want text or json", opts.Format)
			}
			opts.Sources = args
			if runF != nil {
				return runF(opts)
			}
			return extractRun(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&opts.TimeZone, "timezone", "", "IANA `ZONE` for times that state no offset (default UTC)")
	return cmd
}

// extractJSON is the line printed by --format json.
type extractJSON struct {
	Source      string `json:"source"`
	URL         string `json:"url"`
	Title       string `json:"title"`
	PublishedAt string `json:"published_at"`
	Byline      string `json:"byline"`
	Language    string `json:"language"`
	Text        string `json:"text"`
	// Fields added after the first release go here, after text.
	CanonicalURL string `json:"canonical_url"`
	DateSource   string `json:"date_source"`
	DateInferred bool   `json:"date_inferred"`
	Truncated    bool   `json:"truncated"`
	Refused      string `json:"refused,omitempty"`
}

func extractRun(cmd *cobra.Command, opts *ExtractOptions) error {
	ctx := cmd.Context()
	var xo scraper.ExtractOptions
	if opts.TimeZone != "" {
		loc, err := time.LoadLocation(opts.TimeZone)
		if err != nil || strings.EqualFold(opts.TimeZone, "local") {
			return usageErr("--timezone %q: want an IANA zone such as Asia/Hong_Kong", opts.TimeZone)
		}
		xo.Location = loc
	}
	var fetcher *scraper.Fetcher
	failed := 0
	enc := json.NewEncoder(opts.IO.Out)
	enc.SetEscapeHTML(false)
	for _, src := range opts.Sources {
		var (
			page *scraper.Page
			err  error
		)
		if isURL(src) {
			if fetcher == nil {
				fetcher = opts.Fetcher()
			}
			page, err = fetcher.Fetch(ctx, src)
		} else {
			page, err = scraper.ReadFile(src, opts.Now())
		}
		var a *sectorpulse.Article
		if err == nil {
			a, err = scraper.ExtractPageWith(page, xo)
		}
		refused := ""
		if err != nil {
			failed++
			fmt.Fprintf(opts.IO.ErrOut, "extract %s: %v\n", src, err)
			if a == nil || opts.Format != "json" || !errors.Is(err, scraper.ErrEmpty) {
				continue
			}
			// Show what the extractor saw on a page it refused.
			refused = scraper.Reason(err)
		}
		published := ""
		if !a.PublishedAt.IsZero() {
			published = a.PublishedAt.Format(time.RFC3339)
		}
		if opts.Format == "json" {
			if err := enc.Encode(extractJSON{Source: a.Source, URL: a.URL, Title: a.Title, PublishedAt: published,
				Byline: a.Byline, Language: a.Language, Text: a.Text, CanonicalURL: a.CanonicalURL,
				DateSource: a.DateSource, DateInferred: a.DateInferred, Truncated: a.Truncated, Refused: refused}); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			continue
		}
		fmt.Fprintf(opts.IO.Out, "Title:     %s\nURL:       %s\nSource:    %s\nPublished: %s\nByline:    %s\nLanguage:  %s\nWords:     %d\n\n%s\n\n",
			a.Title, a.URL, a.Source, orDash(published), orDash(a.Byline), orDash(a.Language), a.Words(), a.Text)
	}
	return batchOutcome("extract", len(opts.Sources), failed)
}

// batchOutcome maps a batch's failures to an error: none → nil, all →
// failure (exit 1), some → partial (exit 3).
func batchOutcome(what string, total, failed int) error {
	switch {
	case failed == 0:
		return nil
	case failed == total:
		return fmt.Errorf("%s: all %d failed", what, total)
	default:
		return partialErr("%s: %d of %d failed", what, failed, total)
	}
}

// isURL says whether s is an http(s) URL rather than a file path.
func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
