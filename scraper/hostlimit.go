package scraper

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// hostLimits holds one rate limiter per host (host:port), made on the
// host's first request.
type hostLimits struct {
	// limit is the configured rate; rate.Inf when off.
	limit rate.Limit
	// byDefault says limit is the default, which loopback hosts skip.
	byDefault bool

	mu        sync.Mutex
	m         map[string]*rate.Limiter
	overrides map[string]rate.Limit
}

// newHostLimits returns the limiters for Options.HostRate: zero means
// DefaultHostRate, negative no limit.
func newHostLimits(perSecond float64) *hostLimits {
	h := &hostLimits{limit: rate.Limit(perSecond), m: map[string]*rate.Limiter{}, overrides: map[string]rate.Limit{}}
	switch {
	case perSecond == 0:
		h.limit, h.byDefault = rate.Limit(DefaultHostRate), true
	case perSecond < 0:
		h.limit = rate.Inf
	}
	return h
}

// limiter returns host's limiter, making it on first use with the
// configured rate, or the slower rate of a robots.txt Crawl-delay. A
// crawl delay learnt later slows an existing limiter down.
func (h *hostLimits) limiter(host string, crawlDelay time.Duration) *rate.Limiter {
	host = strings.ToLower(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	limit := h.limit
	if h.byDefault && isLoopback(host) {
		limit = rate.Inf
	}
	if o, ok := h.overrides[host]; ok {
		limit = o
	}
	if crawlDelay > 0 {
		limit = min(limit, rate.Every(crawlDelay))
	}
	lim, ok := h.m[host]
	if !ok {
		lim = rate.NewLimiter(limit, 1)
		h.m[host] = lim
	} else if limit < lim.Limit() {
		lim.SetLimit(limit)
	}
	return lim
}

// SetHostRate sets the request rate for one host (host or host:port, as in
// a URL), overriding Options.HostRate, e.g. for a source whose sources-file
// entry names its own rate; negative means no limit. A robots.txt
// Crawl-delay that asks for a slower rate still wins.
func (f *Fetcher) SetHostRate(host string, perSecond float64) {
	limit := rate.Limit(perSecond)
	if perSecond < 0 {
		limit = rate.Inf
	}
	host = strings.ToLower(host)
	h := f.limits
	h.mu.Lock()
	defer h.mu.Unlock()
	h.overrides[host] = limit
	if lim, ok := h.m[host]; ok {
		lim.SetLimit(limit)
	}
}

// waitHost waits until host's limiter lets a request through. A wait that
// would pass the context's deadline fails at once, wrapping
// context.DeadlineExceeded; a context that ends while waiting gives its
// error.
func (f *Fetcher) waitHost(ctx context.Context, host string, crawlDelay time.Duration) error {
	lim := f.limits.limiter(host, crawlDelay)
	if lim.Limit() == rate.Inf {
		return nil
	}
	r := lim.Reserve()
	d := r.Delay()
	if d <= 0 {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		r.Cancel()
		return fmt.Errorf("rate limit for %s: a wait of %v would pass the deadline: %w", host, d.Round(time.Millisecond), context.DeadlineExceeded)
	}
	if err := f.sleep(ctx, d); err != nil {
		r.Cancel()
		return fmt.Errorf("rate limit for %s: %w", host, err)
	}
	return nil
}

// isLoopback reports whether host (host or host:port) is localhost or a
// loopback address.
func isLoopback(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
