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
// indexes and exchanges plus the file's. Errors name the file and line.
func (c *Config) registry() (*sectorpulse.Registry, error) {
	var exs []sectorpulse.Exchange
	for _, e := range c.Exchanges {
		at := fmt.Sprintf("config file %s:%d: exchanges", c.path, e.line)
		hm, err := time.Parse("15:04", strings.TrimSpace(e.Close))
		if err != nil {
			return nil, usageErr("%s: close %q: want HH:MM local time", at, e.Close)
		}
		d := time.Duration(hm.Hour())*time.Hour + time.Duration(hm.Minute())*time.Minute
		exs = append(exs, sectorpulse.Exchange{Code: e.Code, Name: e.Name, TimeZone: e.TimeZone, Close: d, Calendar: e.Calendar})
		if _, err := sectorpulse.DefaultRegistry().With(exs[len(exs)-1:], nil); err != nil {
			return nil, usageErr("%s: %v", at, err)
		}
	}
	reg, err := sectorpulse.DefaultRegistry().With(exs, nil)
	if err != nil {
		return nil, usageErr("config file %s: exchanges: %v", c.path, err)
	}
	var ixs []sectorpulse.Index
	for _, ix := range c.Indexes {
		ixs = append(ixs, sectorpulse.Index{Code: ix.Code, Name: ix.Name, Market: ix.Exchange, Currency: ix.Currency,
			Yahoo: ix.Yahoo, Stooq: ix.Stooq, Aliases: ix.Aliases})
		if _, err := reg.With(nil, ixs); err != nil {
			return nil, usageErr("config file %s:%d: indexes: %v", c.path, ix.line, err)
		}
	}
	if reg, err = reg.With(nil, ixs); err != nil {
		return nil, usageErr("config file %s: indexes: %v", c.path, err)
	}
	return reg, nil
}
