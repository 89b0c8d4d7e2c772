package sentiment

import (
	"errors"
	"fmt"
	"strings"
)

// ErrEndpointRejected reports an endpoint that refuses every request: a
// bad API key, an unknown model, a wrong base URL. A batch stops at it.
var ErrEndpointRejected = errors.New("LLM endpoint rejected the request")

// ErrEndpointDown reports an endpoint that kept failing (5xx, 429,
// timeouts, resets) for several articles in a row after every retry. A
// batch stops at it.
var ErrEndpointDown = errors.New("LLM endpoint is down")

// ErrEndpointUnavailable reports a request that still failed after every
// retry; the article fails and the batch goes on.
var ErrEndpointUnavailable = errors.New("LLM endpoint unavailable")

// ErrArticleRejected reports a request the endpoint refused for this
// article only (HTTP 400 or 422 that no fallback cured, e.g. a context
// window too small for the article).
var ErrArticleRejected = errors.New("LLM endpoint rejected the article")

// ErrMalformedAnswer reports an answer that is not JSON of the answer
// schema, even after one repair request.
var ErrMalformedAnswer = errors.New("malformed LLM answer")

// ErrBudgetExhausted reports that the next request would go over the
// token budget; a batch stops cleanly at it.
var ErrBudgetExhausted = errors.New("token budget exhausted")

// EndpointError is a failed request to an LLM endpoint. Its message never
// holds the API key.
type EndpointError struct {
	// Endpoint is the base URL without credentials or query.
	Endpoint string
	// Status is the HTTP status, 0 when no response came.
	Status int
	// Message says what the endpoint answered or what went wrong.
	Message string
	// Attempts counts the requests made.
	Attempts int
	// Kind is one of the sentinel errors above.
	Kind error
}

func (e *EndpointError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", e.Endpoint)
	if e.Status > 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.Status)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return fmt.Sprintf("%v: %s", e.Kind, b.String())
}

// Unwrap returns the sentinel that classifies the error.
func (e *EndpointError) Unwrap() error { return e.Kind }

// redactor removes secrets from text that may reach logs or the database.
type redactor []string

func (r redactor) clean(s string) string {
	for _, secret := range r {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}
