package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is the optional YAML configuration file. Flags beat environment
// variables, which beat the file, which beats the defaults.
type Config struct {
	// DB is the database path.
	DB string `yaml:"db"`
	// LogFormat is "text" or "json".
	LogFormat string `yaml:"log_format"`
	// Sources is the default sources file of scrape and run.
	Sources string `yaml:"sources"`
	// Analyzer is the default analyzer: auto, lexicon or llm.
	Analyzer string `yaml:"analyzer"`
	// UserAgent overrides the scraper's User-Agent.
	UserAgent string `yaml:"user_agent"`
	// Fetch configures the scraper's politeness and limits.
	Fetch FetchConfig `yaml:"fetch"`
	// LLM configures the OpenAI-compatible endpoint.
	LLM LLMConfig `yaml:"llm"`
	// Entities are YAML entities files, in the format of the built-in
	// gazetteer, whose entities are added to it. Relative paths are
	// relative to the config file's directory.
	Entities []string `yaml:"entities"`
	// Taxonomy is a YAML taxonomy file that replaces the built-in one;
	// entities lose the sector ids it lacks. A relative path is relative
	// to the config file's directory.
	Taxonomy string `yaml:"taxonomy"`
	// Exchanges and Indexes add exchanges and indexes to the built-in
	// registry (an index with a built-in code replaces it).
	Exchanges []ExchangeConfig `yaml:"exchanges"`
	Indexes   []IndexConfig    `yaml:"indexes"`

	// path is where the file was read from, empty when none.
	path string
}

// LLMConfig configures the LLM analyzer. APIKey is a secret: it is never
// logged, printed, stored or exported.
type LLMConfig struct {
	BaseURL string `yaml:"base_url"`
	Model   string `yaml:"model"`
	APIKey  string `yaml:"api_key"`
	// Timeout bounds each request, as a Go duration ("90s").
	Timeout string `yaml:"timeout"`
	// RPM and TPM are requests- and tokens-per-minute limits.
	RPM int `yaml:"rpm"`
	TPM int `yaml:"tpm"`
	// MaxTokens is the token budget of one command (--max-tokens).
	MaxTokens int `yaml:"max_tokens"`
	// MaxInputTokens is the most article text per request.
	MaxInputTokens int `yaml:"max_input_tokens"`
	// MaxAnswerTokens caps each answer.
	MaxAnswerTokens int `yaml:"max_answer_tokens"`
	// LongArticles is truncate or chunk.
	LongArticles string `yaml:"long_articles"`
	// ResponseFormat forces json_schema, json_object or text.
	ResponseFormat string `yaml:"response_format"`
	// Seed is sent where the endpoint accepts one.
	Seed int `yaml:"seed"`
	// MaxAttempts is the tries per request.
	MaxAttempts int `yaml:"max_attempts"`
}

// FetchConfig configures fetching; zero values keep the defaults.
type FetchConfig struct {
	// Rate is requests per second per host (default 1; negative: no
	// limit). A source's own rate and a robots.txt Crawl-delay win.
	Rate float64 `yaml:"rate"`
	// Timeout bounds each request attempt, body included ("30s").
	Timeout string `yaml:"timeout"`
	// Retries is the retries after a timeout, reset, 429 or 5xx (default
	// 3; negative: none).
	Retries int `yaml:"retries"`
	// MaxBytes caps a body after decompression (default 10 MiB).
	MaxBytes int64 `yaml:"max_bytes"`
	// MaxRedirects caps the redirects of one request (default 5).
	MaxRedirects int `yaml:"max_redirects"`
	// IgnoreRobots skips robots.txt: only for sites you own.
	IgnoreRobots bool `yaml:"ignore_robots"`
	// Deadline bounds a whole scrape or run ("50m"); --deadline wins.
	Deadline string `yaml:"deadline"`

	timeout, deadline time.Duration
}

// String hides the key.
func (c LLMConfig) String() string {
	key := "unset"
	if c.APIKey != "" {
		key = "set"
	}
	return fmt.Sprintf("{base_url:%s model:%s api_key:%s}", c.BaseURL, c.Model, key)
}

// loadConfig reads the config file named by --config or
// $SECTORPULSE_CONFIG, else $XDG_CONFIG_HOME/sectorpulse/config.yaml (or
// ~/.config/…) when it exists; no file is no error unless one was named.
func loadConfig(path string, getenv func(string) string) (*Config, error) {
	named := path != ""
	if path == "" {
		path = getenv("SECTORPULSE_CONFIG")
		named = path != ""
	}
	if path == "" {
		dir := getenv("XDG_CONFIG_HOME")
		if dir == "" {
			if home := getenv("HOME"); home != "" {
				dir = filepath.Join(home, ".config")
			}
		}
		if dir != "" {
			path = filepath.Join(dir, "sectorpulse", "config.yaml")
		}
	}
	cfg := &Config{}
	if path == "" {
		return cfg, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if !named && errors.Is(err, fs.ErrNotExist) {
			return cfg, nil
		}
		return nil, asUsage(fmt.Errorf("config file: %w", err))
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, asUsage(fmt.Errorf("config file %s: %w", path, err))
	}
	switch cfg.LogFormat {
	case "", "text", "json":
	default:
		return nil, usageErr("config file %s: log_format %q: want text or json", path, cfg.LogFormat)
	}
	switch cfg.Analyzer {
	case "", "auto", "lexicon", "llm":
	default:
		return nil, usageErr("config file %s: analyzer %q: want auto, lexicon or llm", path, cfg.Analyzer)
	}
	for _, d := range []struct {
		key string
		raw string
		out *time.Duration
	}{{"fetch.timeout", cfg.Fetch.Timeout, &cfg.Fetch.timeout}, {"fetch.deadline", cfg.Fetch.Deadline, &cfg.Fetch.deadline}} {
		if d.raw == "" {
			continue
		}
		v, err := time.ParseDuration(d.raw)
		if err != nil || v <= 0 {
			return nil, usageErr("config file %s: %s %q: want a positive duration such as 30s or 50m", path, d.key, d.raw)
		}
		*d.out = v
	}
	if cfg.Fetch.MaxBytes < 0 {
		return nil, usageErr("config file %s: fetch.max_bytes %d: want a positive size in bytes", path, cfg.Fetch.MaxBytes)
	}
	for i, p := range cfg.Entities {
		if strings.TrimSpace(p) == "" {
			return nil, usageErr("config file %s: entities item %d: empty path", path, i+1)
		}
		cfg.Entities[i] = besideConfig(path, p)
	}
	if cfg.Taxonomy != "" {
		if strings.TrimSpace(cfg.Taxonomy) == "" {
			return nil, usageErr("config file %s: taxonomy: empty path", path)
		}
		cfg.Taxonomy = besideConfig(path, cfg.Taxonomy)
	}
	cfg.path = path
	return cfg, nil
}

// besideConfig resolves p, a path given in the config file at cfgPath,
// against the config file's directory unless it is absolute.
func besideConfig(cfgPath, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(cfgPath), p)
}
