package scraper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// MaxCrawlDelay caps the Crawl-delay a robots.txt can impose, so that one
// site asking for an hour between requests cannot stall a run.
const MaxCrawlDelay = 60 * time.Second

// robotsMaxBytes caps a robots.txt; a bigger one counts as absent.
const robotsMaxBytes = 512 << 10

// robotsRules is what a site's robots.txt says to our product token.
type robotsRules struct {
	disallowAll bool
	group       *robotstxt.Group // nil: everything allowed
	crawlDelay  time.Duration
}

// allows reports whether the rules allow requestURI (path and query).
func (r *robotsRules) allows(requestURI string) bool {
	switch {
	case r.disallowAll:
		return false
	case r.group == nil:
		return true
	}
	return r.group.Test(requestURI)
}

// robotsCache holds the rules of each scheme and host, fetched once.
type robotsCache struct {
	mu sync.Mutex
	m  map[string]*robotsEntry
}

// robotsEntry is one origin's rules; ready closes when they are known.
type robotsEntry struct {
	ready chan struct{}
	rules robotsRules
}

// robotsKey marks the context of a robots.txt request, which skips the
// robots check and the rate limit on redirects.
type robotsKey struct{}

func isRobotsRequest(ctx context.Context) bool {
	return ctx.Value(robotsKey{}) != nil
}

// checkRobots returns ErrDisallowed when robots.txt disallows u for our
// product token, else the host's Crawl-delay (zero if none). With robots
// off it allows everything.
func (f *Fetcher) checkRobots(ctx context.Context, u *url.URL) (time.Duration, error) {
	if !f.robotsOn {
		return 0, nil
	}
	rules, err := f.robotsFor(ctx, u)
	if err != nil {
		return 0, fmt.Errorf("robots.txt: %w", err)
	}
	if !rules.allows(u.RequestURI()) {
		return 0, fmt.Errorf("%w for %q", ErrDisallowed, f.agentToken)
	}
	return rules.crawlDelay, nil
}

// robotsFor returns the rules of u's scheme and host, fetching robots.txt
// on the origin's first use. Concurrent first users share one fetch, which
// runs to its own timeout even if the context that started it ends; the
// others wait for it or for their context.
func (f *Fetcher) robotsFor(ctx context.Context, u *url.URL) (*robotsRules, error) {
	origin := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
	f.robots.mu.Lock()
	e, ok := f.robots.m[origin]
	if !ok {
		e = &robotsEntry{ready: make(chan struct{})}
		f.robots.m[origin] = e
		go func() {
			e.rules = f.fetchRobots(context.WithoutCancel(ctx), origin)
			close(e.ready)
		}()
	}
	f.robots.mu.Unlock()
	select {
	case <-e.ready:
		return &e.rules, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// fetchRobots GETs origin's robots.txt — one attempt, no rate limit — and
// reads it the way most crawlers do:
//
//   - 2xx: parsed; the group for our product token (else "*") applies. A
//     file that does not parse allows everything.
//   - 401, 403: the site keeps crawlers out, so everything is disallowed.
//   - 404, 410 and other 4xx: there are no rules, everything is allowed.
//   - 5xx, timeouts, network errors, a file over 512 KiB: everything is
//     allowed. (Google disallows on 5xx; for a tool that fetches a handful
//     of news pages a flaky robots.txt should not stop the run, and the
//     failure is not logged: the page fetch that follows reports the
//     site's state.)
//
// The result is cached for the Fetcher's life, which is one run.
func (f *Fetcher) fetchRobots(ctx context.Context, origin string) robotsRules {
	ctx = context.WithValue(ctx, robotsKey{}, true)
	resp, err := f.attempt(ctx, origin+"/robots.txt", "text/plain, */*;q=0.5", Validators{}, robotsMaxBytes)
	if err != nil {
		var he *HTTPError
		if errors.As(err, &he) && (he.StatusCode == http.StatusUnauthorized || he.StatusCode == http.StatusForbidden) {
			return robotsRules{disallowAll: true}
		}
		return robotsRules{}
	}
	data, err := robotstxt.FromBytes(resp.body)
	if err != nil {
		return robotsRules{}
	}
	g := data.FindGroup(f.agentToken)
	return robotsRules{group: g, crawlDelay: min(g.CrawlDelay, MaxCrawlDelay)}
}
