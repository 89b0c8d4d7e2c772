package sentiment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"golang.org/x/time/rate"
)

// The response formats an endpoint may accept, best first.
const (
	ModeJSONSchema = "json_schema"
	ModeJSONObject = "json_object"
	ModeText       = "text"
)

// EndpointCaps is what an endpoint is known to accept.
type EndpointCaps struct {
	// Mode is the response format that works: ModeJSONSchema,
	// ModeJSONObject or ModeText.
	Mode string
	// Seed and Temperature say whether the endpoint accepts the seed and
	// temperature parameters.
	Seed, Temperature bool
}

// defaultCaps is what an endpoint is assumed to accept until it refuses.
var defaultCaps = EndpointCaps{Mode: ModeJSONSchema, Seed: true, Temperature: true}

// downgrade returns the next weaker response format.
func downgrade(mode string) (string, bool) {
	switch mode {
	case ModeJSONSchema:
		return ModeJSONObject, true
	case ModeJSONObject:
		return ModeText, true
	}
	return mode, false
}

// completion is one answered request chain: the answer text and what it
// cost.
type completion struct {
	content          string
	finish           string
	promptTokens     int
	completionTokens int
	requests         int
	mode             string
}

// client sends chat completions with retries, rate limits, a token budget
// and response-format fallback.
type client struct {
	api      *openai.Client
	endpoint string
	model    string
	cfg      *LLMConfig
	schema   json.RawMessage
	log      *slog.Logger
	secrets  redactor
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
	rpm, tpm *rate.Limiter
	budget   *tokenBudget
	// schemaTokens estimates the tokens of the answer schema.
	schemaTokens int

	mu       sync.Mutex
	caps     EndpointCaps
	capsErr  error
	loaded   bool
	saved    EndpointCaps
	paused   time.Time // no request starts before this (a 429 or exhausted rate-limit headers)
	failRuns int       // articles in a row that failed with ErrEndpointUnavailable
	// completionTokens says the endpoint wants max_completion_tokens
	// instead of max_tokens.
	completionTokens atomic.Bool
	rejected         error // set once the endpoint refused us (key, model, URL)
}

// sleepCtx waits d or until ctx is done.
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
		return context.Cause(ctx)
	}
}

// loadCaps reads what the endpoint is known to accept, once.
func (c *client) loadCaps(ctx context.Context) (EndpointCaps, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded {
		return c.caps, c.capsErr
	}
	c.caps = defaultCaps
	if c.cfg.Memory != nil {
		got, ok, err := c.cfg.Memory.EndpointCaps(ctx, c.endpoint, c.model)
		if err != nil {
			return c.caps, fmt.Errorf("llm: read what %s accepts: %w", c.endpoint, err)
		}
		if ok {
			c.caps = got
		}
	}
	if c.cfg.Mode != "" {
		c.caps.Mode = c.cfg.Mode
	}
	c.saved = c.caps
	c.loaded = true
	return c.caps, nil
}

// learned records what an endpoint accepted; it is saved once it changes.
func (c *client) learned(ctx context.Context, caps EndpointCaps) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.caps = caps
	if caps == c.saved {
		return
	}
	// Saved under the lock, so the stored caps are never older than
	// those in use; it happens once per change.
	c.saved = caps
	if c.cfg.Memory != nil {
		if err := c.cfg.Memory.SaveEndpointCaps(ctx, c.endpoint, c.model, caps); err != nil {
			c.log.Warn("llm: could not record what the endpoint accepts", "endpoint", c.endpoint, "err", err)
		}
	}
}

// greedyTemperature stands for temperature 0, which go-openai omits (and
// endpoints then default to about 1). It is greedy decoding on every
// sampler and, unlike the smallest float32, divides logits without
// overflow.
const greedyTemperature = 1e-6

// request builds the chat request for caps. Reasoning models (o1, o3, o4,
// gpt-5 and the like) take max_completion_tokens and no temperature.
func (c *client) request(msgs []openai.ChatCompletionMessage, caps EndpointCaps) (openai.ChatCompletionRequest, error) {
	req := openai.ChatCompletionRequest{
		Model:    c.model,
		Messages: msgs,
	}
	if c.completionTokens.Load() {
		req.MaxCompletionTokens = c.cfg.MaxAnswerTokens
	} else {
		req.MaxTokens = c.cfg.MaxAnswerTokens
	}
	if caps.Temperature {
		req.Temperature = greedyTemperature
	}
	if caps.Seed {
		seed := c.cfg.Seed
		req.Seed = &seed
	}
	switch caps.Mode {
	case ModeJSONSchema:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: "sectorpulse_sentiment_v1", Schema: c.schema, Strict: true,
			},
		}
	case ModeJSONObject:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	if err := openai.NewReasoningValidator().Validate(req); err != nil {
		req.MaxCompletionTokens, req.MaxTokens, req.Temperature = c.cfg.MaxAnswerTokens, 0, 0
		if err := openai.NewReasoningValidator().Validate(req); err != nil {
			return req, fmt.Errorf("model %s: %w", c.model, err)
		}
	}
	return req, nil
}

// complete sends msgs until an answer comes back, retrying what a retry
// may cure and falling back to weaker response formats when the endpoint
// refuses one.
func (c *client) complete(ctx context.Context, msgs []openai.ChatCompletionMessage, estPrompt int) (completion, error) {
	caps, err := c.loadCaps(ctx)
	if err != nil {
		return completion{}, err
	}
	var res completion
	attempts := 0
	for {
		if err := c.waitTurn(ctx, estPrompt); err != nil {
			return res, err
		}
		reserve := estPrompt + c.cfg.MaxAnswerTokens
		if err := c.budget.reserve(ctx, reserve); err != nil {
			return res, err
		}
		req, err := c.request(msgs, caps)
		if err != nil {
			c.budget.release(reserve)
			return res, &EndpointError{Endpoint: c.endpoint, Message: err.Error(), Kind: ErrEndpointRejected}
		}
		rctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
		resp, err := c.api.CreateChatCompletion(rctx, req)
		timedOut := rctx.Err() != nil && ctx.Err() == nil
		cancel()
		res.requests++
		attempts++
		header := resp.Header()
		c.observe(header)
		if err == nil && len(resp.Choices) == 0 {
			err = errNoChoices
		}
		if err == nil {
			pt, ct := resp.Usage.PromptTokens, resp.Usage.CompletionTokens
			if pt == 0 && ct == 0 {
				// Some local servers report no usage: count the estimate.
				pt, ct = estPrompt, estimateTokens(resp.Choices[0].Message.Content)
			}
			c.budget.settle(reserve, pt, ct)
			res.promptTokens += pt
			res.completionTokens += ct
			res.content = resp.Choices[0].Message.Content
			res.finish = string(resp.Choices[0].FinishReason)
			res.mode = caps.Mode
			c.learned(ctx, caps)
			return res, nil
		}
		c.budget.settle(reserve, 0, 0)
		if ctx.Err() != nil {
			return res, context.Cause(ctx)
		}
		v := c.classify(err, timedOut, header)
		switch {
		case v.refused != "":
			next := caps
			switch v.refused {
			case "response_format":
				next.Mode, _ = downgrade(caps.Mode)
			case "seed":
				next.Seed = false
			case "temperature":
				next.Temperature = false
			case "max_tokens":
				c.completionTokens.Store(true)
			}
			c.log.Info("llm: endpoint refused a parameter; trying without it",
				"endpoint", c.endpoint, "param", v.refused, "mode", next.Mode, "msg", v.msg)
			caps = next
			attempts--
			continue
		case v.kind != ErrEndpointUnavailable:
			return res, &EndpointError{Endpoint: c.endpoint, Status: v.status, Message: v.msg, Attempts: attempts, Kind: v.kind}
		case attempts >= c.cfg.MaxAttempts:
			return res, &EndpointError{Endpoint: c.endpoint, Status: v.status, Message: v.msg, Attempts: attempts, Kind: ErrEndpointUnavailable}
		}
		wait := c.backoff(attempts)
		if v.retryAfter > 0 {
			wait = v.retryAfter
		}
		if wait > c.cfg.MaxRetryWait {
			return res, &EndpointError{Endpoint: c.endpoint, Status: v.status, Attempts: attempts, Kind: ErrEndpointUnavailable,
				Message: fmt.Sprintf("%s; asked to wait %s, more than the %s we wait", v.msg, wait.Round(time.Second), c.cfg.MaxRetryWait)}
		}
		if v.status == http.StatusTooManyRequests {
			// Every worker waits, not just this one.
			c.pauseUntil(c.now().Add(wait))
		}
		c.log.Info("llm: request failed; retrying", "endpoint", c.endpoint, "status", v.status,
			"attempt", attempts, "wait", wait.Round(time.Millisecond).String(), "msg", v.msg)
		if err := c.sleep(ctx, wait); err != nil {
			return res, err
		}
	}
}

// errNoChoices reports a response without an answer.
var errNoChoices = errors.New("response has no choices")

// waitTurn waits out a server-requested pause and the requests- and
// tokens-per-minute limits.
func (c *client) waitTurn(ctx context.Context, estTokens int) error {
	c.mu.Lock()
	until := c.paused
	c.mu.Unlock()
	if d := until.Sub(c.now()); d > 0 {
		if err := c.sleep(ctx, d); err != nil {
			return err
		}
	}
	if c.rpm != nil {
		if err := c.rpm.Wait(ctx); err != nil {
			return fmt.Errorf("llm: requests-per-minute limit: %w", err)
		}
	}
	if c.tpm != nil {
		n := min(estTokens+c.cfg.MaxAnswerTokens, c.tpm.Burst())
		if err := c.tpm.WaitN(ctx, n); err != nil {
			return fmt.Errorf("llm: tokens-per-minute limit: %w", err)
		}
	}
	return nil
}

// pauseUntil holds every request until t.
func (c *client) pauseUntil(t time.Time) {
	c.mu.Lock()
	if t.After(c.paused) {
		c.paused = t
	}
	c.mu.Unlock()
}

// observe honours the rate-limit headers of a response: when the requests
// or tokens left in the window run out, requests wait for the reset.
func (c *client) observe(h http.Header) {
	if h == nil {
		return
	}
	for _, kind := range []string{"requests", "tokens"} {
		left := h.Get("x-ratelimit-remaining-" + kind)
		if left == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(left))
		if err != nil || n > 0 {
			continue
		}
		if d, ok := parseReset(h.Get("x-ratelimit-reset-" + kind)); ok {
			c.pauseUntil(c.now().Add(min(d, c.cfg.MaxRetryWait)))
		}
	}
}

// parseReset reads a rate-limit reset: a Go-style duration ("1s",
// "6m0s", "120ms") or seconds.
func parseReset(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return d, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 {
		return time.Duration(f * float64(time.Second)), true
	}
	return 0, false
}

// parseRetryAfter reads Retry-After (seconds or an HTTP date) and
// retry-after-ms.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	if h == nil {
		return 0
	}
	if ms := h.Get("retry-after-ms"); ms != "" {
		if f, err := strconv.ParseFloat(strings.TrimSpace(ms), 64); err == nil && f > 0 {
			return time.Duration(f * float64(time.Millisecond))
		}
	}
	ra := strings.TrimSpace(h.Get("Retry-After"))
	if ra == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(ra, 64); err == nil && s > 0 {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(ra); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}

// backoff is the wait before retry n (1-based): exponential from
// RetryBase, capped at 30 s, with jitter over its upper half.
func (c *client) backoff(n int) time.Duration {
	d := c.cfg.RetryBase << min(n-1, 10)
	d = min(d, 30*time.Second)
	half := d / 2
	return half + rand.N(half+1)
}

// verdict is what to do about a failed request.
type verdict struct {
	kind       error  // sentinel; ErrEndpointUnavailable is retried
	refused    string // a parameter to drop and retry without: response_format, seed, temperature
	status     int
	msg        string
	retryAfter time.Duration
}

// classify decides whether a failed request is retried, retried without
// a parameter, or fails the article or the batch.
func (c *client) classify(err error, timedOut bool, h http.Header) verdict {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case timedOut:
		return verdict{kind: ErrEndpointUnavailable, msg: fmt.Sprintf("no answer within %s", c.cfg.Timeout)}
	case errors.As(err, &reqErr):
		// A body that is not an OpenAI error object: a proxy's page, or
		// {"error":"…"}. (Check it before APIError: it may wrap a
		// half-decoded one without a status.)
		v := verdict{status: reqErr.HTTPStatusCode, msg: c.secrets.clean(bodySummary(reqErr.Body))}
		return c.byStatus(v, string(reqErr.Body), h)
	case errors.As(err, &apiErr):
		v := verdict{status: apiErr.HTTPStatusCode, msg: c.secrets.clean(apiErr.Message)}
		if apiErr.Param != nil {
			v.msg += " (param " + *apiErr.Param + ")"
		}
		return c.byStatus(v, apiErr.Message+" "+deref(apiErr.Param)+" "+fmt.Sprint(apiErr.Code), h)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return verdict{kind: ErrEndpointRejected, msg: c.secrets.clean(err.Error())}
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		// Resets, refused connections, EOFs: the endpoint may come back.
		return verdict{kind: ErrEndpointUnavailable, msg: c.secrets.clean(urlErr.Err.Error())}
	}
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &syntaxErr) || errors.As(err, &typeErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, errNoChoices) {
		// A 2xx whose body is not a chat completion (a proxy's page).
		return verdict{kind: ErrEndpointUnavailable, msg: c.secrets.clean("unreadable response: " + err.Error())}
	}
	// The client refused to build or send the request.
	return verdict{kind: ErrEndpointRejected, msg: c.secrets.clean(err.Error())}
}

// byStatus fills a verdict from the HTTP status and the error text.
func (c *client) byStatus(v verdict, text string, h http.Header) verdict {
	lower := strings.ToLower(text)
	switch {
	case v.status == http.StatusPaymentRequired || strings.Contains(lower, "insufficient_quota") || strings.Contains(lower, "insufficient balance"):
		v.kind = ErrEndpointRejected
		v.msg = "the account has no credit or quota left: " + v.msg
	case v.status == http.StatusTooManyRequests || v.status == http.StatusRequestTimeout || v.status >= 500:
		v.kind = ErrEndpointUnavailable
		v.retryAfter = parseRetryAfter(h, c.now())
		if v.retryAfter == 0 && v.status == http.StatusTooManyRequests {
			for _, k := range []string{"requests", "tokens"} {
				if d, ok := parseReset(h.Get("x-ratelimit-reset-" + k)); ok && d > v.retryAfter {
					v.retryAfter = d
				}
			}
		}
	case v.status == http.StatusUnauthorized || v.status == http.StatusForbidden:
		v.kind = ErrEndpointRejected
		v.msg = "the API key was refused: " + v.msg
	case v.status == http.StatusNotFound:
		v.kind = ErrEndpointRejected
		v.msg = "not found (check the model name and that the base URL ends in /v1): " + v.msg
	case v.status == http.StatusBadRequest || v.status == http.StatusUnprocessableEntity:
		v.kind = ErrArticleRejected
		if strings.Contains(lower, "context") && (strings.Contains(lower, "length") || strings.Contains(lower, "window")) {
			return v
		}
		caps := c.currentCaps()
		switch {
		case strings.Contains(lower, "max_completion_tokens") && !c.completionTokens.Load():
			v.refused = "max_tokens"
		case caps.Mode != ModeText && containsAny(lower, "response_format", "json_schema", "json_object", "structured output", "schema"):
			v.refused = "response_format"
		case caps.Seed && strings.Contains(lower, "seed"):
			v.refused = "seed"
		case caps.Temperature && strings.Contains(lower, "temperature"):
			v.refused = "temperature"
		}
	default:
		v.kind = ErrArticleRejected
	}
	return v
}

func (c *client) currentCaps() EndpointCaps {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.caps
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// bodySummary describes a non-JSON error body in one short line: an HTML
// page's title, else its first words.
func bodySummary(body []byte) string {
	s := string(body)
	lower := strings.ToLower(s)
	if i := strings.Index(lower, "<title>"); i >= 0 {
		if j := strings.Index(lower[i:], "</title>"); j > 0 {
			return "non-JSON body: " + strings.TrimSpace(s[i+7:i+j])
		}
	}
	var b strings.Builder
	inTag := false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
			b.WriteByte(' ')
		case !inTag:
			b.WriteRune(r)
		}
	}
	words := strings.Fields(b.String())
	text := strings.Join(words, " ")
	if len(text) > 120 {
		text = text[:120] + "…"
	}
	if text == "" {
		return "empty body"
	}
	return "non-JSON body: " + text
}
