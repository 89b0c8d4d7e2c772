package sentiment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"golang.org/x/time/rate"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/prompts"
)

// DefaultBaseURL is OpenAI's API, used when no base URL is configured.
const DefaultBaseURL = "https://api.openai.com/v1"

// How the LLM analyzer handles an article longer than MaxInputTokens.
const (
	// LongTruncate sends the head of the article, whole paragraphs up to
	// the limit: wire stories put what matters first.
	LongTruncate = "truncate"
	// LongChunk sends the article in pieces and merges the answers.
	LongChunk = "chunk"
)

// AnswerKey identifies an LLM answer: the same content, model and prompt
// version is never sent twice.
type AnswerKey struct {
	// ContentHash is the hex SHA-256 of the title and the text sent,
	// exactly as sent.
	ContentHash   string
	Model         string
	PromptVersion string
}

// CachedAnswer is an answer the analyzer paid for.
type CachedAnswer struct {
	// Raw is the answer's JSON object.
	Raw string
	// Mode is the response format it came in.
	Mode             string
	PromptTokens     int
	CompletionTokens int
}

// LLMMemory keeps what the LLM analyzer learns across runs: the answers it
// paid for and what each endpoint accepts. The store provides one through
// pipeline.LLMMemory; nil keeps them in memory for one process.
type LLMMemory interface {
	Answer(ctx context.Context, key AnswerKey) (CachedAnswer, bool, error)
	SaveAnswer(ctx context.Context, key AnswerKey, a CachedAnswer) error
	EndpointCaps(ctx context.Context, endpoint, model string) (EndpointCaps, bool, error)
	SaveEndpointCaps(ctx context.Context, endpoint, model string, caps EndpointCaps) error
}

// LLMConfig configures the LLM analyzer. Zero fields take the defaults
// given.
type LLMConfig struct {
	// BaseURL is the OpenAI-compatible API root, e.g.
	// "https://api.deepseek.com/v1" or "http://localhost:11434/v1"
	// (default DefaultBaseURL).
	BaseURL string
	// APIKey is sent as a bearer token; local servers need none. It never
	// reaches logs, errors or the database.
	APIKey string
	// Model is the model name; required.
	Model string
	// Timeout bounds each request (default 120 s).
	Timeout time.Duration
	// MaxAttempts is the number of tries per request on 429, 5xx,
	// timeouts and resets (default 5).
	MaxAttempts int
	// RetryBase is the first backoff (default 1 s); it doubles per try,
	// capped at 30 s, with jitter.
	RetryBase time.Duration
	// MaxRetryWait is the longest Retry-After honoured (default 5 min);
	// a longer one fails the request.
	MaxRetryWait time.Duration
	// RequestsPerMinute and TokensPerMinute pace requests; 0 is no limit.
	RequestsPerMinute int
	TokensPerMinute   int
	// TokenBudget caps the tokens spent by this analyzer; 0 is no cap.
	TokenBudget int
	// MaxInputTokens is the most article text sent in one request
	// (estimated; default 6000).
	MaxInputTokens int
	// MaxAnswerTokens caps each answer (default 2000).
	MaxAnswerTokens int
	// LongArticles is LongTruncate (default) or LongChunk.
	LongArticles string
	// MaxChunks caps the requests per article in LongChunk (default 8).
	MaxChunks int
	// Seed is sent where the endpoint accepts one (default 0).
	Seed int
	// Mode forces a response format (ModeJSONSchema, ModeJSONObject,
	// ModeText); empty starts at json_schema and falls back.
	Mode string
	// Memory caches answers and endpoint capabilities; nil keeps them for
	// this process only.
	Memory LLMMemory
	// HTTPClient sends the requests (default: a client whose connection
	// pool fits Concurrency).
	HTTPClient *http.Client
	// Concurrency is the number of requests expected at once, used to
	// size the connection pool (default 8).
	Concurrency int
	// Logger receives retries, fallbacks and dropped items (default:
	// discard).
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// LLMAnalyzer scores articles with a language model behind an
// OpenAI-compatible chat completions API, keeping only what its evidence
// grounds in the article.
type LLMAnalyzer struct {
	cfg     LLMConfig
	gaz     *Gazetteer
	tax     *Taxonomy
	prompt  *prompts.Prompt
	c       *client
	version string
}

var _ Analyzer = (*LLMAnalyzer)(nil)

// NewLLMAnalyzer returns an LLM analyzer over the gazetteer and taxonomy.
func NewLLMAnalyzer(cfg LLMConfig, gaz *Gazetteer, tax *Taxonomy) (*LLMAnalyzer, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("llm analyzer: no model given")
	}
	if gaz == nil || tax == nil {
		return nil, errors.New("llm analyzer: gazetteer and taxonomy are required")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("llm analyzer: base URL %q: want http(s)://host/…", redactBaseURL(cfg.BaseURL, cfg.APIKey))
	}
	switch cfg.LongArticles {
	case "":
		cfg.LongArticles = LongTruncate
	case LongTruncate, LongChunk:
	default:
		return nil, fmt.Errorf("llm analyzer: long articles %q: want %s or %s", cfg.LongArticles, LongTruncate, LongChunk)
	}
	switch cfg.Mode {
	case "", ModeJSONSchema, ModeJSONObject, ModeText:
	default:
		return nil, fmt.Errorf("llm analyzer: response format %q: want %s, %s or %s", cfg.Mode, ModeJSONSchema, ModeJSONObject, ModeText)
	}
	if cfg.RequestsPerMinute < 0 || cfg.TokensPerMinute < 0 || cfg.TokenBudget < 0 {
		return nil, errors.New("llm analyzer: rate limits and budget must not be negative")
	}
	setDefault(&cfg.Timeout, 120*time.Second)
	setDefault(&cfg.MaxAttempts, 5)
	setDefault(&cfg.RetryBase, time.Second)
	setDefault(&cfg.MaxRetryWait, 5*time.Minute)
	setDefault(&cfg.MaxInputTokens, 6000)
	setDefault(&cfg.MaxAnswerTokens, 2000)
	setDefault(&cfg.MaxChunks, 8)
	setDefault(&cfg.Concurrency, 8)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Memory == nil {
		cfg.Memory = newProcessMemory()
	}
	p, err := prompts.Load(prompts.DefaultName)
	if err != nil {
		return nil, fmt.Errorf("llm analyzer: %w", err)
	}
	codes := make([]string, 0, 3)
	for _, ix := range sectorpulse.Indexes() {
		codes = append(codes, ix.Code)
	}
	schema, err := p.Schema(tax.IDs(), codes)
	if err != nil {
		return nil, fmt.Errorf("llm analyzer: %w", err)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = cfg.Concurrency + 2
		hc = &http.Client{Transport: tr}
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	oc.HTTPClient = hc
	c := &client{
		api:      openai.NewClientWithConfig(oc),
		endpoint: endpointName(u),
		model:    cfg.Model,
		schema:   schema,
		log:      cfg.Logger,
		secrets:  redactor{cfg.APIKey, passwordOf(u)},
		now:      cfg.Now,
		sleep:    sleepCtx,
		budget:   &tokenBudget{limit: cfg.TokenBudget},
	}
	if cfg.RequestsPerMinute > 0 {
		c.rpm = rate.NewLimiter(rate.Limit(float64(cfg.RequestsPerMinute)/60), 1)
	}
	if cfg.TokensPerMinute > 0 {
		c.tpm = rate.NewLimiter(rate.Limit(float64(cfg.TokensPerMinute)/60), cfg.TokensPerMinute)
	}
	c.schemaTokens = estimateTokens(string(schema))
	a := &LLMAnalyzer{gaz: gaz, tax: tax, prompt: p, c: c, version: promptVersion(p, tax)}
	a.cfg = cfg
	c.cfg = &a.cfg
	return a, nil
}

func setDefault[T comparable](p *T, v T) {
	var zero T
	if *p == zero {
		*p = v
	}
}

// endpointName is a base URL without credentials, query or trailing slash.
func endpointName(u *url.URL) string {
	v := *u
	v.User = nil
	v.RawQuery = ""
	v.Fragment = ""
	return strings.TrimRight(v.String(), "/")
}

func passwordOf(u *url.URL) string {
	if u.User == nil {
		return ""
	}
	p, _ := u.User.Password()
	return p
}

// Name returns "llm".
func (a *LLMAnalyzer) Name() string { return "llm" }

// Model returns the model name.
func (a *LLMAnalyzer) Model() string { return a.cfg.Model }

// PromptVersion returns the prompt's content-derived version, extended by
// a hash of the sectors offered (ids and names, which fill the prompt and
// the schema's enum) so that a changed taxonomy asks again.
func (a *LLMAnalyzer) PromptVersion() string { return a.version }

// promptVersion is the prompt's version plus "-t" and 8 hex digits of the
// taxonomy's sector ids and names.
func promptVersion(p *prompts.Prompt, tax *Taxonomy) string {
	h := sha256.New()
	for _, s := range tax.Sectors() {
		fmt.Fprintf(h, "%s\x00%s\x00", s.ID, s.Name)
	}
	return p.Version + "-t" + hex.EncodeToString(h.Sum(nil))[:8]
}

// redactBaseURL hides the key and a password in a base URL for messages.
func redactBaseURL(raw, key string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		if p, ok := u.User.Password(); ok {
			return redactor{key, p}.clean(raw)
		}
	}
	return redactor{key}.clean(raw)
}

// Endpoint returns the base URL without credentials.
func (a *LLMAnalyzer) Endpoint() string { return a.c.endpoint }

// Usage returns the requests and tokens spent so far, failed analyses
// included.
func (a *LLMAnalyzer) Usage() Usage { return a.c.budget.snapshot() }

// consecutiveFailuresToStop is the number of articles in a row whose
// requests failed after every retry that stops a batch.
const consecutiveFailuresToStop = 3

// Analyze asks the model about a.Document() and keeps the items whose
// evidence the document grounds. A malformed answer is sent back once
// with a repair request; if that fails too the article fails with
// ErrMalformedAnswer and nothing of it is returned.
func (a *LLMAnalyzer) Analyze(ctx context.Context, art *sectorpulse.Article) (*sectorpulse.Analysis, error) {
	if err := a.c.checkDown(); err != nil {
		return nil, err
	}
	doc := art.Document()
	gt := newGroundText(doc, len(art.Title))
	if len(gt.injections) > 0 {
		a.cfg.Logger.Warn("llm: article holds text addressed to a model; it stays data and is never evidence",
			"article_id", art.ID, "spans", len(gt.injections))
	}
	parts, input := a.parts(art.Text)
	an := &sectorpulse.Analysis{
		ArticleID: art.ID, Analyzer: a.Name(), Model: a.Model(), PromptVersion: a.PromptVersion(),
		CreatedAt: a.cfg.Now().UTC(), Input: input,
	}
	var results []*grounded
	var raws []json.RawMessage
	var sentiment, confidence, wsum float64
	for _, text := range parts {
		ans, raw, cost, err := a.answer(ctx, art, text)
		an.Requests += cost.requests
		an.PromptTokens += cost.promptTokens
		an.CompletionTokens += cost.completionTokens
		if err != nil {
			a.c.noteFailure(err)
			return nil, fmt.Errorf("article %d: %w", art.ID, err)
		}
		w := float64(max(estimateTokens(text), 1))
		results = append(results, ground(ans, gt, a.gaz, a.tax))
		raws = append(raws, raw)
		sentiment += *ans.Overall.Sentiment * w
		confidence += *ans.Overall.Confidence * w
		wsum += w
	}
	a.c.noteSuccess()
	an.Sentiment, an.Confidence = clamp(sentiment/wsum), math.Max(0, math.Min(1, confidence/wsum))
	merged := mergeGrounded(results)
	an.Mentions, an.Sectors, an.Moves, an.Dropped = merged.mentions, merged.sectors, merged.moves, merged.dropped
	if len(raws) == 1 {
		an.Raw = string(raws[0])
	} else {
		b, err := json.Marshal(raws)
		if err != nil {
			return nil, fmt.Errorf("article %d: encode chunk answers: %w", art.ID, err)
		}
		an.Raw = string(b)
	}
	if n := sumCounts(an.Dropped); n > 0 {
		a.cfg.Logger.Info("llm: answer items dropped", "article_id", art.ID, "dropped", n, "by_reason", formatCounts(an.Dropped))
	}
	return an, nil
}

// parts splits an article's text by MaxInputTokens and says how: "full",
// "truncated:KEPT/TOTAL" or "chunked:N" (or "chunked:N/M" when MaxChunks
// left chunks out).
func (a *LLMAnalyzer) parts(text string) ([]string, string) {
	total := estimateTokens(text)
	if total <= a.cfg.MaxInputTokens {
		return []string{text}, "full"
	}
	pieces := splitText(text, a.cfg.MaxInputTokens)
	if a.cfg.LongArticles == LongTruncate {
		return pieces[:1], fmt.Sprintf("truncated:%d/%d", estimateTokens(pieces[0]), total)
	}
	if len(pieces) > a.cfg.MaxChunks {
		return pieces[:a.cfg.MaxChunks], fmt.Sprintf("chunked:%d/%d", a.cfg.MaxChunks, len(pieces))
	}
	return pieces, fmt.Sprintf("chunked:%d", len(pieces))
}

// answer returns the parsed answer for one piece of an article: from the
// memory when this content, model and prompt version was answered before,
// else from the endpoint, with one repair request for a malformed answer.
func (a *LLMAnalyzer) answer(ctx context.Context, art *sectorpulse.Article, text string) (*answerV1, json.RawMessage, completion, error) {
	sum := sha256.Sum256([]byte(art.Title + "\n\n" + text))
	key := AnswerKey{ContentHash: hex.EncodeToString(sum[:]), Model: a.Model(), PromptVersion: a.PromptVersion()}
	cached, ok, err := a.cfg.Memory.Answer(ctx, key)
	if err != nil {
		return nil, nil, completion{}, fmt.Errorf("llm: read cached answer: %w", err)
	}
	if ok {
		if ans, raw, perr := parseAnswer(cached.Raw); perr == nil {
			// No request: the analysis records what the answer cost when
			// it was bought, and Requests 0 says it came from the cache.
			return ans, raw, completion{mode: cached.Mode, promptTokens: cached.PromptTokens, completionTokens: cached.CompletionTokens}, nil
		}
		// A cached answer that no longer parses is asked again.
	}
	system, user, err := a.render(art, text)
	if err != nil {
		return nil, nil, completion{}, err
	}
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: system},
		{Role: openai.ChatMessageRoleUser, Content: user},
	}
	// The estimate is padded: the endpoint also counts the schema and
	// its own message framing, and tokenizers differ.
	est := (estimateTokens(system)+estimateTokens(user)+a.c.schemaTokens)*6/5 + 8
	first, err := a.c.complete(ctx, msgs, est)
	if err != nil {
		return nil, nil, first, err
	}
	ans, raw, perr := parseCompletion(first)
	total := first
	if perr != nil {
		a.cfg.Logger.Info("llm: malformed answer; asking once for a repair", "article_id", art.ID, "err", perr)
		msgs = append(msgs,
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: first.content},
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: repairMessage(perr)})
		second, err := a.c.complete(ctx, msgs, est+estimateTokens(first.content)+80)
		total = addCompletion(total, second)
		if err != nil {
			return nil, nil, total, err
		}
		var perr2 error
		ans, raw, perr2 = parseCompletion(second)
		if perr2 != nil {
			return nil, nil, total, fmt.Errorf("%w: %v; after a repair request: %v", ErrMalformedAnswer, perr, perr2)
		}
		total.mode = second.mode
	}
	if err := a.cfg.Memory.SaveAnswer(ctx, key, CachedAnswer{
		Raw: string(raw), Mode: total.mode, PromptTokens: total.promptTokens, CompletionTokens: total.completionTokens,
	}); err != nil {
		return nil, nil, total, fmt.Errorf("llm: cache answer: %w", err)
	}
	return ans, raw, total, nil
}

// parseCompletion parses an answer, naming a cut-off answer as such.
func parseCompletion(c completion) (*answerV1, json.RawMessage, error) {
	ans, raw, err := parseAnswer(c.content)
	if err != nil && c.finish == string(openai.FinishReasonLength) {
		err = fmt.Errorf("the answer was cut off at the token limit: %w", err)
	}
	return ans, raw, err
}

func addCompletion(a, b completion) completion {
	a.requests += b.requests
	a.promptTokens += b.promptTokens
	a.completionTokens += b.completionTokens
	return a
}

// repairMessage asks the model to answer again within the schema.
func repairMessage(err error) string {
	return "Your answer could not be used: " + err.Error() + ". Answer again with only the JSON object, " +
		"following the schema exactly: the members overall, entities, sectors and index_moves, numbers in their ranges, " +
		"evidence quoted character for character from the article."
}

// render fills the prompt for one piece of an article, offering the known
// entities the piece mentions.
func (a *LLMAnalyzer) render(art *sectorpulse.Article, text string) (string, string, error) {
	d := prompts.Data{Title: art.Title, Text: text, Source: art.Source}
	if !art.PublishedAt.IsZero() {
		d.Published = art.PublishedAt.UTC().Format(time.RFC3339)
	}
	for _, s := range a.tax.Sectors() {
		d.Sectors = append(d.Sectors, prompts.SectorRef{ID: s.ID, Name: s.Name})
	}
	for _, ix := range sectorpulse.Indexes() {
		d.Indexes = append(d.Indexes, prompts.IndexRef{Code: ix.Code, Name: ix.Name})
	}
	seen := map[string]bool{}
	for _, h := range a.gaz.Find(art.Title + "\n\n" + text) {
		if seen[h.Entity.Name] || len(d.Entities) >= maxPromptEntities {
			continue
		}
		seen[h.Entity.Name] = true
		d.Entities = append(d.Entities, prompts.EntityRef{Name: h.Entity.Name, Kind: string(h.Entity.Kind), Tickers: h.Entity.Tickers})
	}
	system, user, err := a.prompt.Render(d)
	if err != nil {
		return "", "", fmt.Errorf("llm: %w", err)
	}
	return system, user, nil
}

// maxPromptEntities caps the known entities offered in one prompt.
const maxPromptEntities = 40

// checkDown fails fast once the endpoint has failed several articles in a
// row.
func (c *client) checkDown() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rejected != nil {
		return c.rejected
	}
	if c.failRuns >= consecutiveFailuresToStop {
		return fmt.Errorf("%w: %d articles in a row failed after every retry at %s", ErrEndpointDown, c.failRuns, c.endpoint)
	}
	return nil
}

func (c *client) noteFailure(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case errors.Is(err, ErrEndpointRejected):
		c.rejected = err
	case errors.Is(err, ErrEndpointUnavailable):
		c.failRuns++
	}
}

func (c *client) noteSuccess() {
	c.mu.Lock()
	c.failRuns = 0
	c.mu.Unlock()
}

// mergeGrounded merges the grounded answers of an article's chunks: an
// entity or sector named in several chunks gets the mean sentiment
// weighted by confidence × relevance, the highest relevance and
// confidence, and the evidence of its strongest item; an index move is
// taken from the first chunk that reports it.
func mergeGrounded(rs []*grounded) *grounded {
	if len(rs) == 1 {
		return rs[0]
	}
	out := &grounded{}
	mentions := newScoreMerger(func(m *sectorpulse.Mention) scoreFields {
		return scoreFields{strings.ToLower(m.Entity), &m.Sentiment, &m.Confidence, &m.Relevance, &m.Evidence}
	})
	sectors := newScoreMerger(func(s *sectorpulse.SectorScore) scoreFields {
		return scoreFields{s.Sector, &s.Sentiment, &s.Confidence, &s.Relevance, &s.Evidence}
	})
	moves := map[string]bool{}
	for _, r := range rs {
		for reason, n := range r.dropped {
			for range n {
				out.drop(reason)
			}
		}
		for _, m := range r.mentions {
			mentions.add(m)
		}
		for _, s := range r.sectors {
			sectors.add(s)
		}
		for _, mv := range r.moves {
			if !moves[mv.Index] {
				moves[mv.Index] = true
				out.moves = append(out.moves, mv)
			}
		}
	}
	out.mentions, out.sectors = mentions.out, sectors.out
	return out
}

// scoreFields points into a mention or sector score: its merge key and
// the fields merging combines.
type scoreFields struct {
	key                              string
	sentiment, confidence, relevance *float64
	evidence                         *sectorpulse.Evidence
}

// scoreMerger merges scored items by key (see mergeGrounded).
type scoreMerger[T any] struct {
	fields func(*T) scoreFields
	out    []T
	index  map[string]int
	acc    []struct{ sum, w, best float64 }
}

func newScoreMerger[T any](fields func(*T) scoreFields) *scoreMerger[T] {
	return &scoreMerger[T]{fields: fields, index: map[string]int{}}
}

func (m *scoreMerger[T]) add(item T) {
	f := m.fields(&item)
	w := max(*f.confidence**f.relevance, 1e-6)
	i, ok := m.index[f.key]
	if !ok {
		m.index[f.key] = len(m.out)
		m.out = append(m.out, item)
		m.acc = append(m.acc, struct{ sum, w, best float64 }{*f.sentiment * w, w, w})
		return
	}
	ac, cur := &m.acc[i], m.fields(&m.out[i])
	ac.sum += *f.sentiment * w
	ac.w += w
	if w > ac.best {
		ac.best = w
		*cur.evidence = *f.evidence
	}
	*cur.relevance = max(*cur.relevance, *f.relevance)
	*cur.confidence = max(*cur.confidence, *f.confidence)
	*cur.sentiment = clamp(ac.sum / ac.w)
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// formatCounts renders counts as "a=1,b=2" in key order.
func formatCounts(m map[string]int) string {
	parts := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, ",")
}

// processMemory is the LLMMemory of one process.
type processMemory struct {
	mu      sync.Mutex
	answers map[AnswerKey]CachedAnswer
	caps    map[[2]string]EndpointCaps
}

func newProcessMemory() *processMemory {
	return &processMemory{answers: map[AnswerKey]CachedAnswer{}, caps: map[[2]string]EndpointCaps{}}
}

func (m *processMemory) Answer(_ context.Context, k AnswerKey) (CachedAnswer, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.answers[k]
	return a, ok, nil
}

func (m *processMemory) SaveAnswer(_ context.Context, k AnswerKey, a CachedAnswer) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.answers[k] = a
	return nil
}

func (m *processMemory) EndpointCaps(_ context.Context, endpoint, model string) (EndpointCaps, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.caps[[2]string{endpoint, model}]
	return c, ok, nil
}

func (m *processMemory) SaveEndpointCaps(_ context.Context, endpoint, model string, c EndpointCaps) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.caps[[2]string{endpoint, model}] = c
	return nil
}
