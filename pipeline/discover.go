package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sort"
	"time"

	"github.com/sectorpulse/sectorpulse/scraper"
	"github.com/sectorpulse/sectorpulse/store"
)

// maxChildSitemaps caps the child sitemaps of one sitemap index read per
// run, newest first by lastmod: an archive index of thousands of monthly
// sitemaps is read a slice at a time.
const maxChildSitemaps = 50

// target is one article page or file to fetch.
type target struct {
	src  *Source
	loc  string
	file bool
	// from is the feed, sitemap or listing page that named the target;
	// nil for url and file sources.
	from *location
	// hint is what the discovery document said about the article.
	hint hint
}

// hint is what a feed item or news sitemap entry says about an article:
// it fills a publication time the page lacks and stands in for a body the
// page does not show.
type hint struct {
	title       string
	published   time.Time
	description string
}

// location is a feed, sitemap or listing page whose state and cursor are
// saved after the run when everything it named was handled.
type location struct {
	src *Source
	url string
	// states are the validators to store: the document's and, for a
	// sitemap index, its children's.
	states []store.FetchState
	// newest is the newest item time seen; cursor the stored one.
	newest, cursor time.Time
	// incomplete says something it named is left for the next run: capped
	// away, failed for a transient reason, or not reached.
	incomplete bool
	// pending counts its targets not handled yet.
	pending int
}

// candidate is an article URL a discovery document names.
type candidate struct {
	url string
	at  time.Time
	h   hint
}

// discoverer expands sources into targets.
type discoverer struct {
	f     Fetcher
	st    ArticleStore
	opts  ScrapeOptions
	res   *ScrapeResult
	locs  []*location
	known map[string]bool
}

// discover expands feeds, sitemaps, listing pages and directories into
// article targets, leaving out URLs already stored.
func discover(ctx context.Context, f Fetcher, st ArticleStore, sources []Source, res *ScrapeResult, opts ScrapeOptions, progress func(Event)) ([]target, []*location, error) {
	d := &discoverer{f: f, st: st, opts: opts, res: res, known: map[string]bool{}}
	var targets []target
	for i := range sources {
		s := &sources[i]
		if err := ctx.Err(); err != nil {
			return targets, d.locs, fmt.Errorf("scrape: %w", err)
		}
		var (
			more []target
			err  error
		)
		switch s.Kind {
		case KindURL:
			more = []target{{src: s, loc: s.Location}}
		case KindFile:
			more, err = d.files(ctx, s)
		case KindFeed, KindSitemap, KindListing:
			more, err = d.document(ctx, s)
		default:
			return targets, d.locs, fmt.Errorf("scrape: source %q has unknown kind %q", s.Name, s.Kind)
		}
		if err != nil {
			return targets, d.locs, err
		}
		targets = append(targets, more...)
		progress(Event{Stage: "discover", Done: i + 1, Total: len(sources), Item: s.Location})
	}
	return targets, d.locs, nil
}

// files lists a file source: the file itself, or the pages of a directory.
func (d *discoverer) files(ctx context.Context, s *Source) ([]target, error) {
	fi, err := os.Stat(s.Location)
	if err != nil || !fi.IsDir() {
		// A missing file fails when it is read, with the path.
		return []target{{src: s, loc: s.Location, file: true}}, nil
	}
	paths, err := scraper.PageFiles(s.Location)
	if err != nil {
		d.fail(s, s.Location, err)
		return nil, nil
	}
	// Files stored before are left out here, as URLs are, so that a cap
	// moves on through the directory from run to run.
	ts := make([]target, 0, len(paths))
	for _, p := range paths {
		u, err := scraper.FileURL(p)
		if err != nil {
			d.fail(s, p, err)
			continue
		}
		known, err := d.st.KnownURL(ctx, u)
		if err != nil {
			return nil, storeError{fmt.Errorf("check %s: %w", p, err)}
		}
		if known {
			d.res.Duplicate++
			continue
		}
		ts = append(ts, target{src: s, loc: p, file: true})
	}
	if s.MaxPerRun > 0 && len(ts) > s.MaxPerRun {
		d.res.Capped += len(ts) - s.MaxPerRun
		ts = ts[:s.MaxPerRun]
	}
	return ts, nil
}

// fail records a discovery document that could not be used.
func (d *discoverer) fail(s *Source, loc string, err error) {
	d.res.fail(loc, err)
	d.res.record(s.Name, loc, false, d.opts.Now(), store.FetchFailed, scraper.Reason(err))
}

// validators returns the stored validators of url, none when backfilling
// or without a state store.
func (d *discoverer) validators(ctx context.Context, url string) (scraper.Validators, error) {
	if d.opts.State == nil || !d.opts.Since.IsZero() {
		return scraper.Validators{}, nil
	}
	st, ok, err := d.opts.State.FetchState(ctx, url)
	if err != nil || !ok {
		return scraper.Validators{}, err
	}
	return scraper.Validators{ETag: st.ETag, LastModified: st.LastModified}, nil
}

// get fetches a discovery document conditionally. A 304 is recorded and
// gives a nil page and nil error.
func (d *discoverer) get(ctx context.Context, l *location, rawURL string, raw bool, accept string) (*scraper.Page, error) {
	v, err := d.validators(ctx, rawURL)
	if err != nil {
		return nil, storeError{err}
	}
	var page *scraper.Page
	if raw {
		page, err = d.f.FetchRawIf(ctx, rawURL, accept, v)
	} else {
		page, err = d.f.FetchIf(ctx, rawURL, v)
	}
	now := d.opts.Now().UTC()
	if errors.Is(err, scraper.ErrNotModified) {
		d.res.NotModified++
		d.res.record(l.src.Name, rawURL, false, now, store.FetchNotModified, "")
		// Remember when it was last asked.
		l.states = append(l.states, store.FetchState{URL: rawURL, Source: l.src.Name, ETag: v.ETag, LastModified: v.LastModified, CheckedAt: now})
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	l.states = append(l.states, store.FetchState{URL: rawURL, Source: l.src.Name, ETag: page.ETag,
		LastModified: page.LastModified, CheckedAt: now, ChangedAt: now})
	return page, nil
}

// document expands a feed, sitemap or listing page.
func (d *discoverer) document(ctx context.Context, s *Source) ([]target, error) {
	l := &location{src: s, url: s.Location}
	if d.opts.State != nil && s.Name != "" {
		c, ok, err := d.opts.State.Cursor(ctx, s.Name, s.Location)
		if err != nil {
			return nil, storeError{err}
		}
		if ok {
			l.cursor, _ = time.Parse(time.RFC3339Nano, c)
		}
	}
	var (
		cands []candidate
		err   error
	)
	switch s.Kind {
	case KindFeed:
		cands, err = d.feed(ctx, l)
	case KindSitemap:
		cands, err = d.sitemap(ctx, l)
	case KindListing:
		cands, err = d.listing(ctx, l)
	}
	if isStoreError(err) {
		return nil, err
	}
	if err != nil {
		d.fail(s, s.Location, err)
		return nil, nil
	}
	d.locs = append(d.locs, l)
	ts, err := d.keep(ctx, l, cands)
	l.pending = len(ts)
	return ts, err
}

func (d *discoverer) feed(ctx context.Context, l *location) ([]candidate, error) {
	page, err := d.get(ctx, l, l.url, true, scraper.AcceptFeed)
	if page == nil || err != nil {
		return nil, err
	}
	u, err := url.Parse(page.URL)
	if err != nil {
		return nil, fmt.Errorf("feed %s: %w", l.url, err)
	}
	items, err := scraper.ParseFeed(bytes.NewReader(page.Body), u)
	if err != nil {
		return nil, err
	}
	cands := make([]candidate, len(items))
	for i, it := range items {
		cands[i] = candidate{url: it.URL, at: it.Published, h: hint{title: it.Title, published: it.Published, description: it.Description}}
	}
	return cands, nil
}

func (d *discoverer) sitemap(ctx context.Context, l *location) ([]candidate, error) {
	sm, err := d.readSitemap(ctx, l, l.url)
	if sm == nil || err != nil {
		return nil, err
	}
	cands := sitemapCandidates(sm)
	if len(sm.Sitemaps) == 0 {
		return cands, nil
	}
	// An index: read the children changed since the floor, newest first.
	floor := d.floor(l)
	children := make([]scraper.SitemapEntry, 0, len(sm.Sitemaps))
	for _, c := range sm.Sitemaps {
		if floor.IsZero() || c.LastMod.IsZero() || !c.LastMod.Before(floor) {
			children = append(children, c)
		} else {
			d.res.Passed++
		}
	}
	sort.SliceStable(children, func(i, j int) bool { return children[i].LastMod.After(children[j].LastMod) })
	if len(children) > maxChildSitemaps {
		l.incomplete = true
		children = children[:maxChildSitemaps]
	}
	for _, c := range children {
		if err := ctx.Err(); err != nil {
			return cands, nil
		}
		child, err := d.readSitemap(ctx, l, c.URL)
		if isStoreError(err) {
			return nil, err
		}
		if err != nil {
			// One bad child does not cost the rest.
			d.fail(l.src, c.URL, err)
			l.incomplete = true
			continue
		}
		if child != nil {
			cands = append(cands, sitemapCandidates(child)...)
		}
	}
	return cands, nil
}

// readSitemap fetches and parses one sitemap; nil when not modified.
func (d *discoverer) readSitemap(ctx context.Context, l *location, rawURL string) (*scraper.Sitemap, error) {
	page, err := d.get(ctx, l, rawURL, true, scraper.AcceptSitemap)
	if page == nil || err != nil {
		return nil, err
	}
	u, err := url.Parse(page.URL)
	if err != nil {
		return nil, fmt.Errorf("sitemap %s: %w", rawURL, err)
	}
	return scraper.ParseSitemap(bytes.NewReader(page.Body), u)
}

// sitemapCandidates turns a sitemap's URLs into candidates, dated by the
// news publication date, else lastmod.
func sitemapCandidates(sm *scraper.Sitemap) []candidate {
	cands := make([]candidate, len(sm.URLs))
	for i, e := range sm.URLs {
		at := e.Published
		if at.IsZero() {
			at = e.LastMod
		}
		cands[i] = candidate{url: e.URL, at: at, h: hint{title: e.Title, published: e.Published}}
	}
	return cands
}

func (d *discoverer) listing(ctx context.Context, l *location) ([]candidate, error) {
	page, err := d.get(ctx, l, l.url, false, "")
	if page == nil || err != nil {
		return nil, err
	}
	base, err := url.Parse(page.URL)
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", l.url, err)
	}
	links, err := scraper.ListingLinks(bytes.NewReader(page.Body), base)
	if err != nil {
		return nil, err
	}
	cands := make([]candidate, len(links))
	for i, u := range links {
		cands[i] = candidate{url: u}
	}
	return cands, nil
}

// floor is the time before which a location's dated items are passed
// over: Since when backfilling, else the cursor less CursorOverlap.
func (d *discoverer) floor(l *location) time.Time {
	if !d.opts.Since.IsZero() {
		return d.opts.Since
	}
	if l.cursor.IsZero() {
		return time.Time{}
	}
	return l.cursor.Add(-CursorOverlap)
}

// keep keeps the candidates to fetch: those the link pattern matches,
// not dated before the floor, not stored yet, newest first up to the
// source's cap.
func (d *discoverer) keep(ctx context.Context, l *location, cands []candidate) ([]target, error) {
	floor := d.floor(l)
	kept := cands[:0:0]
	for _, c := range cands {
		if c.at.After(l.newest) {
			l.newest = c.at
		}
		if l.src.LinkPattern != nil && !l.src.LinkPattern.MatchString(c.url) {
			continue
		}
		if !floor.IsZero() && !c.at.IsZero() && c.at.Before(floor) {
			d.res.Passed++
			continue
		}
		known, ok := d.known[c.url]
		if !ok {
			var err error
			if known, err = d.st.KnownURL(ctx, c.url); err != nil {
				return nil, storeError{fmt.Errorf("check %s: %w", c.url, err)}
			}
			d.known[c.url] = known
		}
		if known {
			d.res.Duplicate++
			continue
		}
		d.known[c.url] = true // named twice: fetched once
		kept = append(kept, c)
	}
	if cap := l.src.MaxPerRun; cap > 0 && len(kept) > cap {
		// Newest first; undated items keep their place after the dated.
		sort.SliceStable(kept, func(i, j int) bool { return kept[i].at.After(kept[j].at) })
		d.res.Capped += len(kept) - cap
		kept = kept[:cap]
		l.incomplete = true
	}
	ts := make([]target, len(kept))
	for i, c := range kept {
		ts[i] = target{src: l.src, loc: c.url, from: l, hint: c.h}
	}
	return ts, nil
}

// saveLocations stores the validators and cursor of every location whose
// items were all handled, so that the next run asks only for what changed.
// A location with items left (capped, failed for a transient reason, not
// reached) keeps its old state and is read in full next time.
func saveLocations(ctx context.Context, st StateStore, locs []*location, now time.Time) error {
	if st == nil {
		return nil
	}
	for _, l := range locs {
		if l.incomplete || l.pending > 0 {
			continue
		}
		for _, s := range l.states {
			if err := st.SaveFetchState(ctx, s); err != nil {
				return err
			}
		}
		if l.src.Name != "" && l.newest.After(l.cursor) {
			if err := st.SaveCursor(ctx, l.src.Name, l.url, l.newest.UTC().Format(time.RFC3339Nano), now); err != nil {
				return err
			}
		}
	}
	return nil
}

// transient reports whether a failure reason may clear up by itself, so
// that the item deserves another try next run.
func transient(reason string) bool {
	switch reason {
	case "not_article", "empty", "not_html", "too_large", "bad_url", "robots_disallowed", "file",
		"redirect_loop", "too_many_redirects", "http_404", "http_410", "http_451":
		return false
	}
	return true
}
