package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sectorpulse/sectorpulse/scraper"
	"github.com/sectorpulse/sectorpulse/sentiment"
	"github.com/sectorpulse/sectorpulse/store"
)

// globalOptions are the flags every command takes.
type globalOptions struct {
	DB         string
	ConfigPath string
	LogFormat  string
	Quiet      bool
}

// Factory hands commands their dependencies, each made on first use.
type Factory struct {
	IO     *IOStreams
	Getenv func(string) string
	Now    func() time.Time
	// HTTPClient is the client for fetching (tests point it at loopback
	// servers).
	HTTPClient func() *http.Client

	global globalOptions

	cfgOnce sync.Once
	cfg     *Config
	cfgErr  error

	storeOnce sync.Once
	db        *store.DB
	dbErr     error

	gazOnce sync.Once
	gaz     *sentiment.Gazetteer
	tax     *sentiment.Taxonomy
	gazErr  error
}

// newFactory returns the production factory.
func newFactory(io *IOStreams, getenv func(string) string) *Factory {
	return &Factory{
		IO:     io,
		Getenv: getenv,
		Now:    time.Now,
		HTTPClient: func() *http.Client {
			return &http.Client{Timeout: 30 * time.Second}
		},
	}
}

// Config returns the loaded configuration file.
func (f *Factory) Config() (*Config, error) {
	f.cfgOnce.Do(func() { f.cfg, f.cfgErr = loadConfig(f.global.ConfigPath, f.Getenv) })
	return f.cfg, f.cfgErr
}

// DBPath resolves the database path: --db, $SECTORPULSE_DB, the config
// file, else fallback.
func (f *Factory) DBPath(fallback string) (string, error) {
	if f.global.DB != "" {
		return f.global.DB, nil
	}
	if p := f.Getenv("SECTORPULSE_DB"); p != "" {
		return p, nil
	}
	cfg, err := f.Config()
	if err != nil {
		return "", err
	}
	if cfg.DB != "" {
		return cfg.DB, nil
	}
	return fallback, nil
}

// Store opens the database once at the resolved path (--db,
// $SECTORPULSE_DB, the config file, else ./sectorpulse.db); the root
// command closes it.
func (f *Factory) Store(ctx context.Context) (*store.DB, error) {
	path, err := f.DBPath("sectorpulse.db")
	if err != nil {
		return nil, err
	}
	return f.openStore(ctx, path)
}

// DemoStore opens the demo's database: --db, else fallback. The
// environment and the config file are ignored so that the sample news never
// lands in a working database.
func (f *Factory) DemoStore(ctx context.Context, fallback string) (*store.DB, error) {
	path := f.global.DB
	if path == "" {
		path = fallback
	}
	return f.openStore(ctx, path)
}

// openStore opens the database once; later calls return the same handle.
func (f *Factory) openStore(ctx context.Context, path string) (*store.DB, error) {
	f.storeOnce.Do(func() { f.db, f.dbErr = store.Open(ctx, path) })
	return f.db, f.dbErr
}

// closeStore closes the database if it was opened.
func (f *Factory) closeStore() error {
	if f.db == nil {
		return nil
	}
	return f.db.Close()
}

// Logger returns the logger on stderr in the chosen format; -q keeps only
// warnings and errors.
func (f *Factory) Logger() *slog.Logger {
	level := slog.LevelInfo
	if f.global.Quiet {
		level = slog.LevelWarn
	}
	format := f.global.LogFormat
	if format == "" {
		if cfg, err := f.Config(); err == nil {
			format = cfg.LogFormat
		}
	}
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(f.IO.ErrOut, opts))
	}
	return slog.New(slog.NewTextHandler(f.IO.ErrOut, opts))
}

// Fetcher returns the scraper's fetcher on the factory's HTTP client.
// The config file's fetch settings apply.
func (f *Factory) Fetcher() *scraper.Fetcher {
	opts := scraper.Options{Client: f.HTTPClient()}
	if cfg, err := f.Config(); err == nil {
		opts.UserAgent = cfg.UserAgent
		fc := cfg.Fetch
		opts.HostRate, opts.Timeout, opts.Retries = fc.Rate, fc.timeout, fc.Retries
		opts.MaxBytes, opts.MaxRedirects, opts.IgnoreRobots = fc.MaxBytes, fc.MaxRedirects, fc.IgnoreRobots
	}
	return scraper.NewFetcher(opts)
}

// Knowledge returns the entity gazetteer and sector taxonomy.
func (f *Factory) Knowledge() (*sentiment.Gazetteer, *sentiment.Taxonomy, error) {
	f.gazOnce.Do(func() {
		if f.gaz, f.gazErr = sentiment.DefaultGazetteer(); f.gazErr != nil {
			return
		}
		f.tax, f.gazErr = sentiment.DefaultTaxonomy()
	})
	return f.gaz, f.tax, f.gazErr
}

// llmOptions are a command's LLM settings from its flags; zero values
// defer to the environment, the config file and the defaults.
type llmOptions struct {
	Model        string
	BaseURL      string
	MaxTokens    int
	RPM, TPM     int
	Timeout      time.Duration
	LongArticles string
	Concurrency  int
	// Memory keeps answers and endpoint capabilities; nil keeps them for
	// this process.
	Memory sentiment.LLMMemory
}

// Analyzer returns the analyzer called name with default LLM settings.
func (f *Factory) Analyzer(name string) (sentiment.Analyzer, error) {
	return f.AnalyzerWith(name, llmOptions{})
}

// AnalyzerWith returns the analyzer called name: "lexicon", "llm" or
// "auto" (the LLM when an endpoint is configured, else the lexicon).
func (f *Factory) AnalyzerWith(name string, o llmOptions) (sentiment.Analyzer, error) {
	if name == "" {
		if cfg, err := f.Config(); err == nil && cfg.Analyzer != "" {
			name = cfg.Analyzer
		} else {
			name = "auto"
		}
	}
	switch strings.ToLower(name) {
	case "auto":
		if f.llmConfigured(o) {
			return f.llm(o)
		}
		return f.lexicon()
	case "lexicon":
		return f.lexicon()
	case "llm":
		return f.llm(o)
	default:
		return nil, usageErr("unknown analyzer %q (want auto, lexicon or llm)", name)
	}
}

func (f *Factory) lexicon() (sentiment.Analyzer, error) {
	g, t, err := f.Knowledge()
	if err != nil {
		return nil, err
	}
	a, err := sentiment.NewLexiconAnalyzer(g, t)
	if err != nil {
		return nil, fmt.Errorf("lexicon analyzer: %w", err)
	}
	return a, nil
}

// llmConfigured says whether an LLM endpoint is configured: a key, a
// keyless local server's base URL, or the config file's llm section.
func (f *Factory) llmConfigured(o llmOptions) bool {
	if o.BaseURL != "" || f.Getenv("OPENAI_API_KEY") != "" || f.Getenv("SECTORPULSE_LLM_BASE_URL") != "" {
		return true
	}
	cfg, err := f.Config()
	return err == nil && (cfg.LLM.APIKey != "" || cfg.LLM.BaseURL != "")
}

// llm builds the LLM analyzer: flags beat environment variables, which
// beat the config file, which beats the defaults.
func (f *Factory) llm(o llmOptions) (sentiment.Analyzer, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	c := cfg.LLM
	first := func(vs ...string) string {
		for _, v := range vs {
			if v != "" {
				return v
			}
		}
		return ""
	}
	firstInt := func(vs ...int) int {
		for _, v := range vs {
			if v != 0 {
				return v
			}
		}
		return 0
	}
	lc := sentiment.LLMConfig{
		BaseURL:           first(o.BaseURL, f.Getenv("SECTORPULSE_LLM_BASE_URL"), f.Getenv("OPENAI_BASE_URL"), c.BaseURL, sentiment.DefaultBaseURL),
		APIKey:            first(f.Getenv("OPENAI_API_KEY"), c.APIKey),
		Model:             first(o.Model, f.Getenv("SECTORPULSE_LLM_MODEL"), c.Model),
		Timeout:           o.Timeout,
		RequestsPerMinute: firstInt(o.RPM, c.RPM),
		TokensPerMinute:   firstInt(o.TPM, c.TPM),
		TokenBudget:       firstInt(o.MaxTokens, c.MaxTokens),
		MaxInputTokens:    c.MaxInputTokens,
		MaxAnswerTokens:   c.MaxAnswerTokens,
		LongArticles:      first(o.LongArticles, c.LongArticles),
		Mode:              c.ResponseFormat,
		Seed:              c.Seed,
		MaxAttempts:       c.MaxAttempts,
		Concurrency:       o.Concurrency,
		Memory:            o.Memory,
		Logger:            f.Logger(),
		Now:               f.Now,
	}
	if lc.Timeout == 0 && c.Timeout != "" {
		d, err := time.ParseDuration(c.Timeout)
		if err != nil || d <= 0 {
			return nil, usageErr("config file %s: llm.timeout %q: want a duration such as 90s", cfg.path, c.Timeout)
		}
		lc.Timeout = d
	}
	if lc.Model == "" {
		lc.Model = defaultModel(lc.BaseURL)
	}
	if lc.Model == "" {
		return nil, usageErr("analyzer llm: no model for %s: give --model, $SECTORPULSE_LLM_MODEL or llm.model in the config file", lc.BaseURL)
	}
	if lc.APIKey == "" && strings.TrimRight(lc.BaseURL, "/") == sentiment.DefaultBaseURL {
		return nil, usageErr("analyzer llm: %s needs an API key in $OPENAI_API_KEY (a local server needs --llm-base-url or $SECTORPULSE_LLM_BASE_URL instead)", sentiment.DefaultBaseURL)
	}
	g, t, err := f.Knowledge()
	if err != nil {
		return nil, err
	}
	a, err := sentiment.NewLLMAnalyzer(lc, g, t)
	if err != nil {
		return nil, asUsage(err)
	}
	return a, nil
}

// defaultModel is the model used at a well-known endpoint when none is
// given; empty elsewhere.
func defaultModel(baseURL string) string {
	switch {
	case strings.TrimRight(baseURL, "/") == sentiment.DefaultBaseURL:
		return "gpt-4o-mini"
	case strings.Contains(baseURL, "api.deepseek.com"):
		return "deepseek-chat"
	}
	return ""
}
