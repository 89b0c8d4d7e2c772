package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sectorpulse/sectorpulse"
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

	taxOnce sync.Once
	tax     *sentiment.Taxonomy
	taxErr  error

	regOnce sync.Once
	reg     *sectorpulse.Registry
	regErr  error

	gazOnce   sync.Once
	gaz       *sentiment.Gazetteer
	gazOrigin map[string]string // lower-cased entity name → origin
	gazErr    error
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

// Registry returns the indexes and exchanges: the built-in ones plus the
// config file's.
func (f *Factory) Registry() (*sectorpulse.Registry, error) {
	f.regOnce.Do(func() {
		cfg, err := f.Config()
		if err != nil {
			f.regErr = err
			return
		}
		f.reg, f.regErr = cfg.registry()
	})
	return f.reg, f.regErr
}

// The origins of the gazetteer's entities, as `entities list` shows them.
const (
	// originBuiltin marks the entities built into sectorpulse.
	originBuiltin = "builtin"
	// originConfig marks the entities of the config file's entities files.
	originConfig = "config"
	// originUser marks the entities added with `entities add`, kept in the
	// database.
	originUser = "user"
)

// Taxonomy returns the sector taxonomy: the config file's taxonomy file
// when it names one, else the built-in taxonomy.
func (f *Factory) Taxonomy() (*sentiment.Taxonomy, error) {
	f.taxOnce.Do(func() { f.tax, f.taxErr = f.loadTaxonomy() })
	return f.tax, f.taxErr
}

// loadTaxonomy reads the taxonomy Taxonomy returns.
func (f *Factory) loadTaxonomy() (*sentiment.Taxonomy, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	if cfg.Taxonomy == "" {
		return sentiment.DefaultTaxonomy()
	}
	file, err := os.Open(cfg.Taxonomy)
	if err != nil {
		return nil, asUsage(fmt.Errorf("config file %s: taxonomy: %w", cfg.path, err))
	}
	defer file.Close()
	t, err := sentiment.LoadTaxonomy(file, cfg.Taxonomy)
	if err != nil {
		return nil, asUsage(fmt.Errorf("config file %s: taxonomy: %w", cfg.path, err))
	}
	return t, nil
}

// Knowledge returns the entity gazetteer and the sector taxonomy. The
// gazetteer is the built-in one plus the entities of the config file's
// entities files plus the user entities of the database (those added with
// `entities add`): of the database the command opened, else, read-only,
// of the file at the resolved database path when it exists (it is never
// created). Entities lose the sector ids the taxonomy lacks, with one
// warning.
func (f *Factory) Knowledge() (*sentiment.Gazetteer, *sentiment.Taxonomy, error) {
	t, err := f.Taxonomy()
	if err != nil {
		return nil, nil, err
	}
	f.gazOnce.Do(func() { f.gaz, f.gazOrigin, f.gazErr = f.loadGazetteer(t) })
	return f.gaz, t, f.gazErr
}

// entityOrigin returns where the gazetteer's entity called name came from:
// originBuiltin, originConfig or originUser; Knowledge must have
// succeeded.
func (f *Factory) entityOrigin(name string) string {
	if o, ok := f.gazOrigin[strings.ToLower(name)]; ok {
		return o
	}
	return originBuiltin
}

// loadGazetteer builds the gazetteer Knowledge returns, with the origin of
// each entity.
func (f *Factory) loadGazetteer(t *sentiment.Taxonomy) (*sentiment.Gazetteer, map[string]string, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, nil, err
	}
	g, err := sentiment.DefaultGazetteer()
	if err != nil {
		return nil, nil, err
	}
	origin := make(map[string]string)
	for _, e := range g.Entities() {
		origin[strings.ToLower(e.Name)] = originBuiltin
	}
	for _, path := range cfg.Entities {
		if err := addEntitiesFile(g, path, t); err != nil {
			return nil, nil, asUsage(fmt.Errorf("config file %s: entities: %w", cfg.path, err))
		}
		for _, e := range g.Entities() {
			if _, ok := origin[strings.ToLower(e.Name)]; !ok {
				origin[strings.ToLower(e.Name)] = originConfig
			}
		}
	}
	users, from, err := f.userEntities()
	if err != nil {
		return nil, nil, err
	}
	log := f.Logger()
	for _, e := range users {
		if have, ok := g.Lookup(e.Name); ok && sameEntity(have, e) {
			continue // also in an entities file
		}
		if err := g.Add(e); err != nil {
			log.Warn("user entity left out", "database", from, "err", err)
			continue
		}
		origin[strings.ToLower(e.Name)] = originUser
	}
	if dropped := g.RestrictSectors(t); len(dropped) > 0 {
		taxonomy := cfg.Taxonomy
		if taxonomy == "" {
			taxonomy = "built-in"
		}
		entities := make(map[string]bool)
		var missing []string
		for _, d := range dropped {
			entities[d.Entity] = true
			if !slices.Contains(missing, d.Sector) {
				missing = append(missing, d.Sector)
			}
		}
		const show = 5
		if len(missing) > show {
			missing = append(missing[:show:show], "…")
		}
		log.Warn("sector ids the taxonomy lacks were dropped from entities", "taxonomy", taxonomy,
			"sector_ids", len(dropped), "entities", len(entities), "missing", strings.Join(missing, ","))
	}
	return g, origin, nil
}

// addEntitiesFile adds the entities file at path to g, its sector ids
// checked against t.
func addEntitiesFile(g *sentiment.Gazetteer, path string, t *sentiment.Taxonomy) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	return g.AddFile(file, path, t)
}

// userEntities returns the entities users added to the database, and the
// database's path: of the database the command opened, else of the file
// at the resolved database path, read without creating or writing it;
// none when that file does not exist.
func (f *Factory) userEntities() ([]sectorpulse.Entity, string, error) {
	ctx := context.Background() // Knowledge takes no context; the read is small and local
	var stored []store.StoredEntity
	var path string
	if f.db != nil {
		path = f.db.Path()
		var err error
		if stored, err = f.db.Entities(ctx); err != nil {
			return nil, path, fmt.Errorf("user entities: %w", err)
		}
	} else {
		var err error
		if path, err = f.DBPath("sectorpulse.db"); err != nil {
			return nil, path, err
		}
		stored, err = store.ReadEntities(ctx, path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, path, nil
		}
		if err != nil {
			return nil, path, fmt.Errorf("user entities: %w", err)
		}
	}
	var out []sectorpulse.Entity
	for _, e := range stored {
		if e.Origin == store.OriginUser {
			out = append(out, e.Entity)
		}
	}
	return out, path, nil
}

// sameEntity says whether a and b are the same entity: the same name
// (ignoring case), kind, and sets of aliases, tickers and sectors.
func sameEntity(a, b sectorpulse.Entity) bool {
	sameSet := func(x, y []string) bool {
		x, y = slices.Clone(x), slices.Clone(y)
		slices.Sort(x)
		slices.Sort(y)
		return slices.Equal(slices.Compact(x), slices.Compact(y))
	}
	return strings.EqualFold(a.Name, b.Name) && a.Kind == b.Kind && sameSet(a.Aliases, b.Aliases) &&
		sameSet(a.Tickers, b.Tickers) && sameSet(a.Sectors, b.Sectors)
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
