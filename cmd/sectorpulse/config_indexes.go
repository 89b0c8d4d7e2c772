package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"go.yaml.in/yaml/v3"
)

// ExchangeConfig is an exchange added in the config file's exchanges list.
type ExchangeConfig struct {
	Code     string `yaml:"code"`
	Name     string `yaml:"name"`
	TimeZone string `yaml:"time_zone"`
	// Close is the local closing time, "HH:MM".
	Close string `yaml:"close"`
	// Calendar names a calendar shared with other exchanges.
	Calendar string `yaml:"calendar"`

	line int
}

// IndexConfig is an index added (or a built-in one replaced, by code) in
// the config file's indexes list.
type IndexConfig struct {
	Code     string   `yaml:"code"`
	Name     string   `yaml:"name"`
	Exchange string   `yaml:"exchange"`
	Currency string   `yaml:"currency"`
	Yahoo    string   `yaml:"yahoo"`
	Stooq    string   `yaml:"stooq"`
	Aliases  []string `yaml:"aliases"`

	line int
}

// UnmarshalYAML decodes an exchange, keeping its line for messages.
func (e *ExchangeConfig) UnmarshalYAML(n *yaml.Node) error {
	type plain ExchangeConfig
	if err := decodeStrict(n, (*plain)(e)); err != nil {
		return err
	}
	e.line = n.Line
	return nil
}

// UnmarshalYAML decodes an index, keeping its line for messages.
func (ix *IndexConfig) UnmarshalYAML(n *yaml.Node) error {
	type plain IndexConfig
	if err := decodeStrict(n, (*plain)(ix)); err != nil {
		return err
	}
	ix.line = n.Line
	return nil
}

// decodeStrict decodes a mapping node into v, rejecting unknown keys (a
// node's Decode does not inherit the decoder's KnownFields).
func decodeStrict(n *yaml.Node, v any) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: want a mapping", n.Line)
	}
	b, err := yaml.Marshal(n)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("item at line %d: %w", n.Line, err)
	}
	return nil
}

// registry builds the index registry of the config file: the built-in
// indexes and exchanges plus the file's, added one by one so that an error
// names the file and the line of the entry at fault.
func (c *Config) registry() (*sectorpulse.Registry, error) {
	reg := sectorpulse.DefaultRegistry()
	seen := map[string]int{} // upper-cased code → line
	twice := func(section, kind, code string, line int) error {
		key := kind + " " + strings.ToUpper(strings.TrimSpace(code))
		if first, dup := seen[key]; dup {
			return usageErr("config file %s:%d: %s: %s %s is also at line %d", c.path, line, section, kind, code, first)
		}
		seen[key] = line
		return nil
	}
	var err error
	for _, e := range c.Exchanges {
		if err := twice("exchanges", "exchange", e.Code, e.line); err != nil {
			return nil, err
		}
		hm, perr := time.Parse("15:04", strings.TrimSpace(e.Close))
		if perr != nil {
			return nil, usageErr("config file %s:%d: exchanges: close %q: want HH:MM local time", c.path, e.line, e.Close)
		}
		x := sectorpulse.Exchange{Code: e.Code, Name: e.Name, TimeZone: e.TimeZone, Calendar: e.Calendar,
			Close: time.Duration(hm.Hour())*time.Hour + time.Duration(hm.Minute())*time.Minute}
		if reg, err = reg.With([]sectorpulse.Exchange{x}, nil); err != nil {
			return nil, usageErr("config file %s:%d: exchanges: %v", c.path, e.line, err)
		}
	}
	for _, ix := range c.Indexes {
		if err := twice("indexes", "index", ix.Code, ix.line); err != nil {
			return nil, err
		}
		x := sectorpulse.Index{Code: ix.Code, Name: ix.Name, Market: ix.Exchange, Currency: ix.Currency,
			Yahoo: ix.Yahoo, Stooq: ix.Stooq, Aliases: ix.Aliases}
		if reg, err = reg.With(nil, []sectorpulse.Index{x}); err != nil {
			return nil, usageErr("config file %s:%d: indexes: %v", c.path, ix.line, err)
		}
	}
	return reg, nil
}
