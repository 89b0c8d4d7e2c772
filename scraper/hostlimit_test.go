package scraper

import (
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestSetHostRateOverridesTheDefault(t *testing.T) {
	f := NewFetcher(Options{HostRate: 2})
	f.SetHostRate("Slow.Example:8080", 0.25)
	if got := f.limits.limiter("slow.example:8080", 0).Limit(); got != rate.Limit(0.25) {
		t.Errorf("overridden host: limit %v, want 0.25", got)
	}
	if got := f.limits.limiter("other.example", 0).Limit(); got != rate.Limit(2) {
		t.Errorf("other host: limit %v, want the default 2", got)
	}
	// A Crawl-delay asking for less still wins over a faster override.
	f.SetHostRate("fast.example", 10)
	if got := f.limits.limiter("fast.example", 4*time.Second).Limit(); got != rate.Every(4*time.Second) {
		t.Errorf("crawl delay: limit %v, want one per 4s", got)
	}
	// An override set after the limiter exists changes it; negative is off.
	f.SetHostRate("other.example", -1)
	if got := f.limits.limiter("other.example", 0).Limit(); got != rate.Inf {
		t.Errorf("override to off: limit %v, want none", got)
	}
}
