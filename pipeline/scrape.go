package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/scraper"
	"github.com/sectorpulse/sectorpulse/store"
)

// Fetcher fetches pages and feeds; *scraper.Fetcher implements it.
type Fetcher interface {
	Fetch(ctx context.Context, rawURL string) (*scraper.Page, error)
	FetchFeed(ctx context.Context, feedURL string) ([]scraper.FeedItem, error)
}

// ArticleStore is what scraping needs of the database; *store.DB
// implements it.
type ArticleStore interface {
	KnownURL(ctx context.Context, url string) (bool, error)
	SaveArticle(ctx context.Context, a *sectorpulse.Article) (store.SaveResult, error)
}

// Event reports progress to a progress bar or a log.
type Event struct {
	// Stage is "discover", "fetch" or "analyze".
	Stage string
	// Done and Total count items of the stage; Total may grow while
	// discovery goes on.
	Done, Total int
	// Item names the URL, file or article just handled.
	Item string
	// Err is the item's error, nil on success.
	Err error
}

// Failure is one item of a batch that failed.
type Failure struct {
	// Item is the URL, file path or "article N".
	Item string
	// Reason is a short machine-readable cause, e.g. "http_404".
	Reason string
	// Err is the full error.
	Err error
}

func (f Failure) Error() string { return f.Err.Error() }

// ScrapeOptions configures Scrape.
type ScrapeOptions struct {
	// Concurrency is the number of pages fetched at once (default 4).
	Concurrency int
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Progress, when set, receives an event per item.
	Progress func(Event)
}

// ScrapeResult counts what a scrape did.
type ScrapeResult struct {
	// Fetched counts pages fetched and files read.
	Fetched int
	// New counts articles stored; NearDuplicates of them were stored with
	// duplicate_of set.
	New            int
	NearDuplicates int
	// Duplicate counts articles already stored: URLs skipped before
	// fetching and pages whose URL or text was stored before.
	Duplicate int
	// Failed counts items that failed, split by reason in FailedByReason
	// and listed in Failures.
	Failed         int
	FailedByReason map[string]int
	Failures       []Failure
	// Records says what became of each page, file, feed or listing
	// fetched (URLs known before are not fetched and not recorded), for
	// the fetch log behind `sources check`.
	Records []FetchRecord
}

// FetchRecord is what became of one fetch.
type FetchRecord struct {
	// Source is the source's name, else the URL's host, as articles are
	// stored.
	Source string
	URL    string
	At     time.Time
	// Outcome is one of the store.Fetch* outcomes; Reason is the failure
	// reason of a failed fetch.
	Outcome string
	Reason  string
}

func (r *ScrapeResult) fail(item string, err error) {
	reason := scraper.Reason(err)
	r.Failed++
	if r.FailedByReason == nil {
		r.FailedByReason = map[string]int{}
	}
	r.FailedByReason[reason]++
	r.Failures = append(r.Failures, Failure{Item: item, Reason: reason, Err: err})
}

// record adds a fetch record.
func (r *ScrapeResult) record(source, loc string, file bool, at time.Time, outcome, reason string) {
	r.Records = append(r.Records, FetchRecord{Source: sourceName(source, loc, file), URL: loc, At: at.UTC(), Outcome: outcome, Reason: reason})
}

// sourceName names a target's source the way the store names an
// article's: the configured name, else the URL's host ("file" for local
// files).
func sourceName(source, loc string, file bool) string {
	switch {
	case source != "":
		return source
	case file:
		return "file"
	}
	if u, err := url.Parse(loc); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "unknown"
}

// target is one article page or file to fetch.
type target struct {
	source string
	loc    string
	file   bool
}

// Scrape discovers the articles of the sources, fetches those not stored
// yet, extracts and stores them. An item that fails is counted and listed in
// the result and the batch goes on; the returned error is only for failures
// of the whole batch (a cancelled context, a database error).
func Scrape(ctx context.Context, f Fetcher, st ArticleStore, sources []Source, opts ScrapeOptions) (*ScrapeResult, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 4
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(Event) {}
	}
	res := &ScrapeResult{FailedByReason: map[string]int{}}
	targets, err := discover(ctx, f, sources, res, progress, opts.Now)
	if err != nil {
		return res, err
	}
	targets = uniqueTargets(targets)

	var (
		mu    sync.Mutex
		done  int
		fatal error
		wg    sync.WaitGroup
		work  = make(chan target)
	)
	worker := func() {
		defer wg.Done()
		for t := range work {
			outcome, err := scrapeOne(ctx, f, st, t, opts.Now)
			mu.Lock()
			done++
			switch {
			case err != nil && interrupted(ctx, err):
				// Not the item's fault: reported once as the batch's error.
			case err != nil && isStoreError(err):
				if fatal == nil {
					fatal = err
				}
			case err != nil:
				res.fail(t.loc, err)
				outcome := store.FetchFailed
				if errors.Is(err, scraper.ErrNotArticle) {
					// Fetched fine; a section front is not a story.
					outcome = store.FetchNotArticle
				}
				res.record(t.source, t.loc, t.file, opts.Now(), outcome, scraper.Reason(err))
			default:
				if outcome.fetched {
					res.Fetched++
				}
				rec := store.FetchDuplicate
				switch {
				case outcome.status == store.StatusNew:
					res.New++
					rec = store.FetchNew
					if outcome.nearDup {
						res.NearDuplicates++
						rec = store.FetchNearDuplicate
					}
				default:
					res.Duplicate++
				}
				if outcome.fetched {
					res.record(t.source, t.loc, t.file, opts.Now(), rec, "")
				}
			}
			progress(Event{Stage: "fetch", Done: done, Total: len(targets), Item: t.loc, Err: err})
			mu.Unlock()
		}
	}
	for range opts.Concurrency {
		wg.Add(1)
		go worker()
	}
	for _, t := range targets {
		mu.Lock()
		stop := fatal != nil
		mu.Unlock()
		if stop || ctx.Err() != nil {
			break
		}
		work <- t
	}
	close(work)
	wg.Wait()
	if fatal != nil {
		return res, fatal
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("scrape stopped after %d of %d pages: %w", done, len(targets), context.Cause(ctx))
	}
	return res, nil
}

// uniqueTargets drops repeated locations (a feed and a listing page often
// name the same articles), keeping the first.
func uniqueTargets(ts []target) []target {
	seen := make(map[string]bool, len(ts))
	out := ts[:0]
	for _, t := range ts {
		if !seen[t.loc] {
			seen[t.loc] = true
			out = append(out, t)
		}
	}
	return out
}

// interrupted says whether err is the batch's context ending rather than a
// failure of the item.
func interrupted(ctx context.Context, err error) bool {
	return ctx.Err() != nil && errors.Is(err, ctx.Err())
}

// discover expands feeds and listing pages into article targets.
func discover(ctx context.Context, f Fetcher, sources []Source, res *ScrapeResult, progress func(Event), now func() time.Time) ([]target, error) {
	var targets []target
	fail := func(s Source, err error) {
		res.fail(s.Location, err)
		res.record(s.Name, s.Location, false, now(), store.FetchFailed, scraper.Reason(err))
	}
	for i, s := range sources {
		if err := ctx.Err(); err != nil {
			return targets, fmt.Errorf("scrape: %w", err)
		}
		switch s.Kind {
		case KindURL:
			targets = append(targets, target{source: s.Name, loc: s.Location})
		case KindFile:
			targets = append(targets, target{source: s.Name, loc: s.Location, file: true})
		case KindFeed:
			items, err := f.FetchFeed(ctx, s.Location)
			if err != nil {
				fail(s, err)
				break
			}
			for _, it := range items {
				targets = append(targets, target{source: s.Name, loc: it.URL})
			}
		case KindListing:
			page, err := f.Fetch(ctx, s.Location)
			if err != nil {
				fail(s, err)
				break
			}
			base, err := url.Parse(page.URL)
			if err != nil {
				fail(s, fmt.Errorf("listing %s: %w", s.Location, err))
				break
			}
			links, err := scraper.ListingLinks(bytes.NewReader(page.Body), base)
			if err != nil {
				fail(s, err)
				break
			}
			for _, l := range links {
				targets = append(targets, target{source: s.Name, loc: l})
			}
		default:
			return targets, fmt.Errorf("scrape: source %q has unknown kind %q", s.Name, s.Kind)
		}
		progress(Event{Stage: "discover", Done: i + 1, Total: len(sources), Item: s.Location})
	}
	return targets, nil
}

// outcome is what became of one target.
type outcome struct {
	fetched bool
	status  store.SaveStatus
	nearDup bool
}

// storeError marks a database failure, which stops the batch.
type storeError struct{ err error }

func (e storeError) Error() string { return e.err.Error() }
func (e storeError) Unwrap() error { return e.err }

func isStoreError(err error) bool {
	var se storeError
	return errors.As(err, &se)
}

// scrapeOne fetches, extracts and stores one target.
func scrapeOne(ctx context.Context, f Fetcher, st ArticleStore, t target, now func() time.Time) (outcome, error) {
	var out outcome
	if !t.file {
		known, err := st.KnownURL(ctx, t.loc)
		if err != nil {
			return out, storeError{fmt.Errorf("check %s: %w", t.loc, err)}
		}
		if known {
			out.status = store.StatusDuplicateURL
			return out, nil
		}
	}
	var (
		page *scraper.Page
		err  error
	)
	if t.file {
		page, err = scraper.ReadFile(t.loc, now())
	} else {
		page, err = f.Fetch(ctx, t.loc)
	}
	if err != nil {
		return out, err
	}
	out.fetched = true
	a, err := scraper.ExtractPage(page)
	if err != nil {
		return out, fmt.Errorf("extract %s: %w", t.loc, err)
	}
	if t.source != "" {
		a.Source = t.source
	}
	saved, err := st.SaveArticle(ctx, a)
	if err != nil {
		return out, storeError{fmt.Errorf("save %s: %w", t.loc, err)}
	}
	out.status = saved.Status
	out.nearDup = saved.DuplicateOf != 0
	return out, nil
}
