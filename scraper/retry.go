package scraper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// nextRetry decides what follows a failed attempt (numbered from 0): the
// wait before the next one, or the error to return. Only transient
// failures are retried (see retryable), at most f.retries times; a
// Retry-After header sets the wait, else an exponential backoff with
// jitter does. A Retry-After over f.maxRetryWait, or a wait that would
// pass the context's deadline, ends the request at once.
func (f *Fetcher) nextRetry(ctx context.Context, err error, attempt int) (time.Duration, error) {
	if ctx.Err() != nil {
		return 0, err
	}
	retryAfter, ok := retryable(err)
	switch {
	case !ok && attempt == 0:
		return 0, err
	case !ok:
		return 0, fmt.Errorf("%w (attempt %d)", err, attempt+1)
	case attempt >= f.retries && attempt == 0:
		return 0, err
	case attempt >= f.retries:
		return 0, fmt.Errorf("%w (gave up after %d attempts)", err, attempt+1)
	case retryAfter > f.maxRetryWait:
		return 0, fmt.Errorf("%w: Retry-After %v is over the %v limit", err, retryAfter, f.maxRetryWait)
	}
	wait := retryAfter
	if wait <= 0 {
		wait = f.backoff(attempt)
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		return 0, fmt.Errorf("%w: a retry in %v would pass the deadline", err, wait.Round(time.Millisecond))
	}
	return wait, nil
}

// retryable reports whether err is a transient failure worth another
// attempt — a timeout, a connection reset or EOF, or a 429, 500, 502, 503
// or 504 — and the Retry-After the server asked for, if any. Refused
// connections and DNS failures are not retried: nothing is listening, and
// waiting a few seconds rarely changes that.
func retryable(err error) (time.Duration, bool) {
	var he *HTTPError
	if errors.As(err, &he) {
		switch he.StatusCode {
		case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return he.RetryAfter, true
		}
		return 0, false
	}
	for _, final := range []error{ErrTooLarge, ErrNotModified, ErrBadURL, ErrUnsupportedScheme,
		ErrDisallowed, ErrRedirectLoop, ErrTooManyRedirects} {
		if errors.Is(err, final) {
			return 0, false
		}
	}
	switch {
	case isTimeout(err):
		return 0, true
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return 0, true
	}
	return 0, false
}

// backoff is the wait before retry attempt+1: RetryBase doubled per
// attempt, capped at MaxRetryWait, of which a random half is jitter.
func (f *Fetcher) backoff(attempt int) time.Duration {
	d := f.maxRetryWait
	if attempt < 30 {
		if b := f.retryBase << attempt; b > 0 && b < d {
			d = b
		}
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// parseRetryAfter reads a Retry-After header, in seconds or as an HTTP
// date, as a wait from now; zero when absent, malformed or past.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(365*24*time.Hour/time.Second) {
			secs = int64(365 * 24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// sleepCtx waits d, or until ctx ends with its error.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
