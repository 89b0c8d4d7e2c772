package pipeline

import (
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

// Fetcher fetches pages, feeds and sitemaps, conditionally when given a
// stored ETag or Last-Modified; *scraper.Fetcher implements it.
type Fetcher interface {
	// FetchIf fetches an HTML page (see scraper.Fetcher.FetchIf).
	FetchIf(ctx context.Context, rawURL string, v scraper.Validators) (*scraper.Page, error)
	// FetchRawIf fetches a feed or sitemap as sent (see
	// scraper.Fetcher.FetchRawIf).
	FetchRawIf(ctx context.Context, rawURL, accept string, v scraper.Validators) (*scraper.Page, error)
}

// StateStore keeps what incremental scraping remembers between runs: the
// validators of feeds, sitemaps and listing pages, and per-location
// cursors; *store.DB implements it.
type StateStore interface {
	FetchState(ctx context.Context, url string) (store.FetchState, bool, error)
	SaveFetchState(ctx context.Context, s store.FetchState) error
	Cursor(ctx context.Context, source, location string) (string, bool, error)
	SaveCursor(ctx context.Context, source, location, cursor string, at time.Time) error
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
	// State, when set, makes runs incremental: feeds, sitemaps and
	// listing pages are fetched with the ETag and Last-Modified of the
	// last run (a 304 yields nothing and costs nothing), and items dated
	// before a location's cursor (less CursorOverlap) are passed over
	// unseen. Nil fetches every discovery document in full.
	State StateStore
	// Since, when not zero, backfills: validators and cursors are ignored
	// and every item dated at or after Since is considered (undated ones
	// too); items dated before it are passed over.
	Since time.Time
}

// CursorOverlap is how far before a location's cursor (the newest item
// time its last complete run saw) items are still considered: an item that
// failed for a transient reason near the cursor gets another try, and a
// feed that backdates an item a little does not lose it.
const CursorOverlap = 24 * time.Hour

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
	// NotModified counts feeds, sitemaps and listing pages that answered
	// 304 Not Modified; Passed counts discovered items left out as older
	// than the cursor or Since, and Capped those left for the next run by
	// a source's max_per_run.
	NotModified int
	Passed      int
	Capped      int
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

// Scrape discovers the articles of the sources, fetches those not stored
// yet, extracts and stores them. An item that fails is counted and listed in
// the result and the batch goes on; the returned error is only for failures
// of the whole batch (a cancelled context, a database error). With
// opts.State set, the validators and cursors of feeds, sitemaps and listing
// pages are saved at the end for the next run (see ScrapeOptions.State).
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
	targets, locs, err := discover(ctx, f, st, sources, res, opts, progress)
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
				res.record(t.src.Name, t.loc, t.file, opts.Now(), outcome, scraper.Reason(err))
				if t.from != nil && transient(scraper.Reason(err)) {
					t.from.incomplete = true
				}
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
					res.record(t.src.Name, t.loc, t.file, opts.Now(), rec, "")
				}
			}
			if t.from != nil && (err == nil || !interrupted(ctx, err) && !isStoreError(err)) {
				t.from.pending--
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
	// What was handled is saved even when the run was stopped: a
	// location with items left keeps its old state.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := saveLocations(sctx, opts.State, locs, opts.Now()); err != nil {
		return res, fmt.Errorf("scrape: save fetch state: %w", err)
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
		} else if t.from != nil {
			t.from.pending--
		}
	}
	return out
}

// interrupted says whether err is the batch's context ending rather than a
// failure of the item.
func interrupted(ctx context.Context, err error) bool {
	return ctx.Err() != nil && errors.Is(err, ctx.Err())
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
	if !t.file && t.from == nil {
		// Discovery checked the URLs it found; a url source is checked here.
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
		page, err = f.FetchIf(ctx, t.loc, scraper.Validators{})
	}
	if err != nil {
		return out, err
	}
	out.fetched = true
	a, err := scraper.ExtractPageWith(page, t.src.Extract)
	if err != nil && t.hint.description != "" && errors.Is(err, scraper.ErrEmpty) && !errors.Is(err, scraper.ErrNotArticle) {
		// A page that shows no story (rendered by JavaScript, behind a
		// wall): the feed's description stands in, flagged as a teaser.
		a, err = hintArticle(page, t.hint)
	}
	if err != nil {
		return out, fmt.Errorf("extract %s: %w", t.loc, err)
	}
	applyHint(a, t.hint, page.FetchedAt)
	if a.Language == "" {
		a.Language = t.src.Language
	}
	if t.src.Name != "" {
		a.Source = t.src.Name
	}
	saved, err := st.SaveArticle(ctx, a)
	if err != nil {
		return out, storeError{fmt.Errorf("save %s: %w", t.loc, err)}
	}
	out.status = saved.Status
	out.nearDup = saved.DuplicateOf != 0
	return out, nil
}

// minHintWords is the least length of a feed description that may stand
// in for a page's missing body.
const minHintWords = 25

// hintArticle makes an article of a feed item's title and description for
// a page whose own body is missing, flagged Truncated.
func hintArticle(page *scraper.Page, h hint) (*sectorpulse.Article, error) {
	a := &sectorpulse.Article{URL: page.URL, CanonicalURL: page.URL, Title: h.title, Text: h.description,
		FetchedAt: page.FetchedAt.UTC(), Truncated: true}
	if a.Words() < minHintWords {
		return nil, fmt.Errorf("feed description of %d words: %w", a.Words(), scraper.ErrEmpty)
	}
	if u, err := url.Parse(page.URL); err == nil {
		a.CanonicalURL = scraper.NormalizeURL(u)
		a.Source = u.Hostname()
	}
	a.ContentHash = sectorpulse.ContentHash(a.Text)
	a.Fingerprint = sectorpulse.SimHash(a.Text)
	return a, nil
}

// applyHint gives an article the feed's or news sitemap's publication time
// when the page has none (or only a day from its URL), unless that too is
// after the fetch.
func applyHint(a *sectorpulse.Article, h hint, fetched time.Time) {
	if h.published.IsZero() || (!a.PublishedAt.IsZero() && a.DateSource != sectorpulse.DateFromURL) {
		return
	}
	if !fetched.IsZero() && h.published.After(fetched.Add(scraper.FutureAllowance)) {
		return
	}
	a.PublishedAt, a.DateSource, a.DateInferred = h.published, sectorpulse.DateFromFeed, false
	if a.Title == "" {
		a.Title = h.title
	}
}
