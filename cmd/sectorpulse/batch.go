package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/pipeline"
	"github.com/sectorpulse/sectorpulse/sentiment"
	"github.com/sectorpulse/sectorpulse/store"
	"github.com/spf13/cobra"
)

// sourceFlags are the flags that name what to scrape.
type sourceFlags struct {
	URLs        []string
	Feeds       []string
	Listings    []string
	Files       []string
	Sitemaps    []string
	SourcesFile string
	SourceNames []string
	Concurrency int
	// Since backfills from a date (scrape's --since; run shares
	// analyze's). Deadline bounds the whole command.
	Since    string
	Deadline time.Duration
}

func (s *sourceFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringArrayVar(&s.URLs, "url", nil, "article `URL` to fetch (repeatable)")
	fl.StringArrayVar(&s.Feeds, "feed", nil, "RSS/Atom/JSON feed `URL` whose items are fetched (repeatable)")
	fl.StringArrayVar(&s.Listings, "listing", nil, "listing page `URL` whose article links are fetched (repeatable)")
	fl.StringArrayVar(&s.Sitemaps, "sitemap", nil, "sitemap, sitemap index or news sitemap `URL` (.xml or .xml.gz; repeatable)")
	fl.StringArrayVar(&s.Files, "file", nil, "local .html/.htm/.html.gz file or directory `PATH` (repeatable)")
	fl.StringVar(&s.SourcesFile, "sources", "", "sources `FILE` (YAML; else the config file's sources)")
	fl.StringArrayVar(&s.SourceNames, "source", nil, "only the source called `NAME` in the sources file (repeatable)")
	fl.IntVar(&s.Concurrency, "fetch-concurrency", 4, "pages fetched at once")
	fl.DurationVar(&s.Deadline, "deadline", 0, "stop the whole command after `DURATION` (e.g. 50m), keeping what was stored; exit 3 (default: the config's fetch.deadline, else none)")
}

// registerSince adds --since, for commands that do not get it from the
// analyze flags.
func (s *sourceFlags) registerSince(cmd *cobra.Command) {
	cmd.Flags().StringVar(&s.Since, "since", "", "backfill: fetch feed and sitemap items dated on or after `DATE` (YYYY-MM-DD or RFC 3339), ignoring stored validators and cursors")
}

// withDeadline bounds ctx by --deadline, else the config's fetch.deadline;
// reaching it ends the command with exit 3.
func (s *sourceFlags) withDeadline(ctx context.Context, cfg *Config) (context.Context, context.CancelFunc) {
	d := s.Deadline
	if d == 0 && cfg != nil {
		d = cfg.Fetch.deadline
	}
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, d, partialErr("deadline of %v reached; what was fetched is stored and the rest is left for the next run", d))
}

// resolve turns the flags (and the config's sources file) into sources.
func (s *sourceFlags) resolve(cfg *Config) ([]pipeline.Source, error) {
	var out []pipeline.Source
	for _, u := range s.URLs {
		if !isURL(u) {
			return nil, usageErr("--url %q is not an http(s) URL", u)
		}
		out = append(out, pipeline.Source{Kind: pipeline.KindURL, Location: u})
	}
	for _, u := range s.Feeds {
		if !isURL(u) {
			return nil, usageErr("--feed %q is not an http(s) URL", u)
		}
		out = append(out, pipeline.Source{Kind: pipeline.KindFeed, Location: u})
	}
	for _, u := range s.Listings {
		if !isURL(u) {
			return nil, usageErr("--listing %q is not an http(s) URL", u)
		}
		out = append(out, pipeline.Source{Kind: pipeline.KindListing, Location: u})
	}
	for _, u := range s.Sitemaps {
		if !isURL(u) {
			return nil, usageErr("--sitemap %q is not an http(s) URL", u)
		}
		out = append(out, pipeline.Source{Kind: pipeline.KindSitemap, Location: u})
	}
	for _, p := range s.Files {
		out = append(out, pipeline.Source{Kind: pipeline.KindFile, Location: p})
	}
	file := s.SourcesFile
	if file == "" && len(out) == 0 && cfg != nil {
		file = cfg.Sources
	}
	if file != "" {
		more, err := pipeline.LoadSources(file, s.SourceNames)
		if err != nil {
			return nil, asUsage(err)
		}
		out = append(out, more...)
	} else if len(s.SourceNames) > 0 {
		return nil, usageErr("--source needs a sources file (--sources FILE or 'sources:' in the config file)")
	}
	if len(out) == 0 {
		return nil, usageErr("nothing to scrape: give --url, --feed, --sitemap, --listing, --file or --sources")
	}
	if s.Concurrency < 1 {
		return nil, usageErr("--fetch-concurrency %d: want 1 or more", s.Concurrency)
	}
	return out, nil
}

// progress returns a progress callback that draws a bar on stderr when it
// is a terminal and -q is not given; failures are logged after the batch.
func progress(f *Factory) func(pipeline.Event) {
	var bar *progressbar.ProgressBar
	stage := ""
	return func(e pipeline.Event) {
		if !f.IO.ErrTTY || f.global.Quiet || e.Stage == "discover" {
			return
		}
		if bar == nil || stage != e.Stage {
			if bar != nil {
				_ = bar.Finish()
			}
			stage = e.Stage
			bar = progressbar.NewOptions(e.Total, progressbar.OptionSetWriter(f.IO.ErrOut),
				progressbar.OptionSetDescription(e.Stage), progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
		}
		bar.ChangeMax(e.Total)
		_ = bar.Set(e.Done)
		if e.Done >= e.Total {
			_ = bar.Finish()
			bar = nil
		}
	}
}

// runRecorder runs the batches of a command and records them in the runs
// table.
type runRecorder struct {
	f   *Factory
	db  *store.DB
	log *slog.Logger
	id  int64
	run sectorpulse.Run
	// nearDup counts new articles stored as near-duplicates of earlier ones.
	nearDup int
	// skippedBy counts articles the analyzer skipped, by reason.
	skippedBy map[string]int
}

func startRun(ctx context.Context, f *Factory, db *store.DB, command string) (*runRecorder, error) {
	r := &runRecorder{f: f, db: db, log: f.Logger(),
		run: sectorpulse.Run{Command: command, StartedAt: f.Now().UTC(), FailedByReason: map[string]int{}}}
	id, err := db.StartRun(ctx, command, r.run.StartedAt)
	if err != nil {
		return nil, fmt.Errorf("record run: %w", err)
	}
	r.id, r.run.ID = id, id
	return r, nil
}

// scrapeSettings are a scrape batch's settings from the flags.
type scrapeSettings struct {
	concurrency int
	// since, when not zero, backfills (see pipeline.ScrapeOptions.Since).
	since time.Time
}

// scrape runs a scrape batch and adds its counts to the run. Sources with
// their own rate get it for their hosts.
func (r *runRecorder) scrape(ctx context.Context, sources []pipeline.Source, set scrapeSettings) error {
	fetcher := r.f.Fetcher()
	for _, s := range sources {
		if s.Rate > 0 {
			if u, err := url.Parse(s.Location); err == nil && u.Host != "" {
				fetcher.SetHostRate(u.Host, s.Rate)
			}
		}
	}
	res, err := pipeline.Scrape(ctx, fetcher, r.db, sources, pipeline.ScrapeOptions{
		Concurrency: set.concurrency, Now: r.f.Now, Progress: progress(r.f), State: r.db, Since: set.since,
	})
	r.addScrape(res)
	if res != nil && (res.NotModified > 0 || res.Passed > 0 || res.Capped > 0) {
		r.log.Info("incremental", "not_modified", res.NotModified, "passed_before_cursor", res.Passed, "capped_for_next_run", res.Capped)
	}
	if res != nil && len(res.Records) > 0 {
		entries := make([]store.FetchLogEntry, len(res.Records))
		for i, rec := range res.Records {
			entries[i] = store.FetchLogEntry{RunID: r.id, Source: rec.Source, URL: rec.URL, At: rec.At, Outcome: rec.Outcome, Reason: rec.Reason}
		}
		// Logged even when the batch was interrupted: what was fetched was
		// fetched.
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if lerr := r.db.LogFetches(lctx, entries); lerr != nil && err == nil {
			err = fmt.Errorf("record fetch log: %w", lerr)
		}
	}
	return err
}

// analyze runs an analyze batch and adds its counts to the run.
func (r *runRecorder) analyze(ctx context.Context, an sentiment.Analyzer, opts pipeline.AnalyzeOptions) error {
	opts.Progress = progress(r.f)
	res, err := pipeline.Analyze(ctx, an, r.db, opts)
	if u, ok := an.(interface{ Usage() sentiment.Usage }); ok && res != nil {
		// What the endpoint charged, failed analyses included.
		use := u.Usage()
		res.PromptTokens, res.CompletionTokens = use.PromptTokens, use.CompletionTokens
		r.run.Requests += use.Requests
	}
	r.addAnalyze(an.Name(), res)
	if res != nil && res.BudgetExhausted {
		r.log.Warn("token budget reached; the batch stopped cleanly", "left_for_next_run", res.Left)
	}
	return err
}

func (r *runRecorder) addScrape(s *pipeline.ScrapeResult) {
	if s == nil {
		return
	}
	logFailures(r.log, s.Failures)
	r.run.Fetched += s.Fetched
	r.run.New += s.New
	r.nearDup += s.NearDuplicates
	r.run.Duplicate += s.Duplicate
	r.run.Failed += s.Failed
	for k, v := range s.FailedByReason {
		r.run.FailedByReason[k] += v
	}
}

func (r *runRecorder) addAnalyze(name string, a *pipeline.AnalyzeResult) {
	r.run.Analyzer = name
	if a == nil {
		return
	}
	logFailures(r.log, a.Failures)
	r.run.Analyzed += a.Analyzed
	r.run.Skipped += a.Skipped
	r.run.AnalyzeFailed += a.Failed
	r.run.PromptTokens += a.PromptTokens
	r.run.CompletionTokens += a.CompletionTokens
	r.run.BudgetExhausted = r.run.BudgetExhausted || a.BudgetExhausted
	for k, v := range a.Dropped {
		if r.run.DroppedByReason == nil {
			r.run.DroppedByReason = map[string]int{}
		}
		r.run.DroppedByReason[k] += v
		r.run.Dropped += v
	}
	for _, fl := range a.Failures {
		r.run.FailedByReason["analyze_"+fl.Reason]++
	}
	for k, v := range a.SkippedByReason {
		if r.skippedBy == nil {
			r.skippedBy = map[string]int{}
		}
		r.skippedBy[k] += v
	}
}

// finish records the outcome and logs the one summary line. It returns
// the command's error: err itself, or a partial error when items failed.
func (r *runRecorder) finish(err error) error {
	log := r.log
	r.run.EndedAt = r.f.Now().UTC()
	failed := r.run.Failed + r.run.AnalyzeFailed
	switch {
	case err != nil && exitCode(err) == ExitPartial:
		// A deadline: what was done is stored.
		r.run.Status, r.run.Error = "partial", err.Error()
	case err != nil:
		r.run.Status, r.run.Error = "failed", err.Error()
	case failed > 0 && r.run.New+r.run.Duplicate+r.run.Analyzed == 0:
		err = fmt.Errorf("%s: every item failed (%s)", r.run.Command, formatReasons(r.run.FailedByReason))
		r.run.Status, r.run.Error = "failed", err.Error()
	case failed > 0:
		r.run.Status = "partial"
	default:
		r.run.Status = "ok"
	}
	// Record even when ctx was cancelled: the run's row must be closed.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if ferr := r.db.FinishRun(ctx, r.id, &r.run); ferr != nil && err == nil {
		err = fmt.Errorf("record run %d: %w", r.id, ferr)
	}
	log.Info(r.run.Command+" finished",
		"run_id", r.id, "status", r.run.Status,
		"fetched", r.run.Fetched, "new", r.run.New, "near_duplicate", r.nearDup, "duplicate", r.run.Duplicate,
		"failed", r.run.Failed, "failed_by_reason", formatReasons(r.run.FailedByReason),
		"analyzer", r.run.Analyzer, "analyzed", r.run.Analyzed, "skipped", r.run.Skipped, "skipped_by_reason", formatReasons(r.skippedBy), "analyze_failed", r.run.AnalyzeFailed,
		"dropped", r.run.Dropped, "dropped_by_reason", formatReasons(r.run.DroppedByReason),
		"requests", r.run.Requests, "prompt_tokens", r.run.PromptTokens, "completion_tokens", r.run.CompletionTokens,
		"budget_exhausted", r.run.BudgetExhausted,
		"duration", r.run.EndedAt.Sub(r.run.StartedAt).Round(time.Millisecond).String())
	if err != nil {
		return err
	}
	if r.run.Status == "partial" {
		return partialErr("%s: %d item(s) failed (%s); the rest was stored", r.run.Command, failed, formatReasons(r.run.FailedByReason))
	}
	return nil
}

// formatReasons renders failure counts as "http_404=2,timeout=1".
func formatReasons(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, ",")
}

// logFailures writes one line per failed item.
func logFailures(log *slog.Logger, fs []pipeline.Failure) {
	for _, fl := range fs {
		log.Warn("failed", "item", fl.Item, "reason", fl.Reason, "err", fl.Err)
	}
}
