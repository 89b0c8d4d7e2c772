package pipeline

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Source kinds.
const (
	KindURL     = "url"
	KindFeed    = "feed"
	KindListing = "listing"
	KindFile    = "file"
)

// Source is one place to scrape: a page, a feed, a listing page whose
// article links are followed, or a local file.
type Source struct {
	// Name labels the articles; empty means the host of each article.
	Name string
	// Kind is KindURL, KindFeed, KindListing or KindFile.
	Kind string
	// Location is the URL or file path.
	Location string
}

// sourceEntry is one entry of a sources file.
type sourceEntry struct {
	Name    string   `yaml:"name"`
	URL     []string `yaml:"url"`
	Feed    []string `yaml:"feed"`
	Listing []string `yaml:"listing"`
	File    []string `yaml:"file"`
	line    int
}

// ErrUnknownSource reports a --source name that the sources file lacks.
var ErrUnknownSource = errors.New("unknown source")

// LoadSources reads a sources file (YAML):
//
//	sources:
//	  - name: samplewire
//	    feed: https://news.example.com/feed.xml
//	    listing: [https://news.example.com/markets/]
//	  - name: localcopies
//	    file: [archive/a.html, archive/b.html.gz]
//
// Each of url, feed, listing and file takes one value or a list. When only
// is non-empty, just the sources of those names are returned.
func LoadSources(path string, only []string) ([]Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sources file: %w", err)
	}
	defer f.Close()
	return ParseSources(f, path, only)
}

// ParseSources parses a sources file read from r; name is used in errors.
func ParseSources(r io.Reader, name string, only []string) ([]Source, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(r).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("sources file %s: empty", name)
		}
		return nil, fmt.Errorf("sources file %s: %w", name, err)
	}
	var file struct {
		Sources []yaml.Node `yaml:"sources"`
	}
	if err := doc.Decode(&file); err != nil {
		return nil, fmt.Errorf("sources file %s: %w", name, err)
	}
	if len(file.Sources) == 0 {
		return nil, fmt.Errorf("sources file %s: no sources (want a top-level 'sources:' list)", name)
	}
	want := map[string]bool{}
	for _, n := range only {
		want[n] = true
	}
	seen := map[string]bool{}
	var out []Source
	for _, node := range file.Sources {
		e, err := decodeEntry(&node)
		if err != nil {
			return nil, fmt.Errorf("sources file %s:%d: %w", name, node.Line, err)
		}
		seen[e.Name] = true
		if len(want) > 0 && !want[e.Name] {
			continue
		}
		add := func(kind string, locs []string) error {
			for _, loc := range locs {
				loc = strings.TrimSpace(loc)
				if kind != KindFile {
					u, err := url.Parse(loc)
					if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
						return fmt.Errorf("source %q: %s %q is not an http(s) URL", e.Name, kind, loc)
					}
				}
				out = append(out, Source{Name: e.Name, Kind: kind, Location: loc})
			}
			return nil
		}
		for _, k := range []struct {
			kind string
			locs []string
		}{{KindURL, e.URL}, {KindFeed, e.Feed}, {KindListing, e.Listing}, {KindFile, e.File}} {
			if err := add(k.kind, k.locs); err != nil {
				return nil, fmt.Errorf("sources file %s:%d: %w", name, e.line, err)
			}
		}
	}
	for n := range want {
		if !seen[n] {
			return nil, fmt.Errorf("sources file %s: %w %q", name, ErrUnknownSource, n)
		}
	}
	return out, nil
}

// decodeEntry decodes one source, accepting a scalar or a list for each
// location field.
func decodeEntry(n *yaml.Node) (sourceEntry, error) {
	var raw map[string]yaml.Node
	if err := n.Decode(&raw); err != nil {
		return sourceEntry{}, err
	}
	e := sourceEntry{line: n.Line}
	for key, v := range raw {
		var list []string
		if key != "name" {
			if v.Kind == yaml.ScalarNode {
				list = []string{v.Value}
			} else if err := v.Decode(&list); err != nil {
				return e, fmt.Errorf("%s: %w", key, err)
			}
		}
		switch key {
		case "name":
			e.Name = v.Value
		case "url":
			e.URL = list
		case "feed":
			e.Feed = list
		case "listing":
			e.Listing = list
		case "file":
			e.File = list
		default:
			return e, fmt.Errorf("unknown key %q (want name, url, feed, listing or file)", key)
		}
	}
	if e.Name == "" {
		return e, errors.New("source without a name")
	}
	if len(e.URL)+len(e.Feed)+len(e.Listing)+len(e.File) == 0 {
		return e, fmt.Errorf("source %q has no url, feed, listing or file", e.Name)
	}
	return e, nil
}
