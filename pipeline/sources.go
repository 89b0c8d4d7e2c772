package pipeline

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sectorpulse/sectorpulse/scraper"
)

// Source kinds.
const (
	// KindURL is one article page.
	KindURL = "url"
	// KindFeed is an RSS, Atom or JSON feed whose items are articles.
	KindFeed = "feed"
	// KindSitemap is a sitemap, sitemap index or news sitemap (.xml or
	// .xml.gz) whose URLs are articles.
	KindSitemap = "sitemap"
	// KindListing is a page whose links to articles are followed.
	KindListing = "listing"
	// KindFile is a saved page (.html, .htm, .html.gz) or a directory of
	// them, read recursively.
	KindFile = "file"
)

// Source is one place to scrape: a page, a feed, a sitemap, a listing page
// whose article links are followed, or a local file or directory. The
// fields after Location come from the source's sources-file entry and
// apply to every article found through it.
type Source struct {
	// Name labels the articles; empty means the host of each article.
	Name string
	// Kind is one of the Kind* constants.
	Kind string
	// Location is the URL or file path.
	Location string

	// LinkPattern, when set, keeps only the article URLs (of a listing,
	// feed or sitemap) it matches.
	LinkPattern *regexp.Regexp
	// Extract holds the CSS selectors that override the generic title,
	// body and date rules, and the time zone of dates without an offset.
	Extract scraper.ExtractOptions
	// Language is the BCP 47 tag of the source's articles, used when a
	// page neither declares nor reveals its language.
	Language string
	// MaxPerRun caps the new articles fetched per run from each location
	// (newest first where dates are known); 0 means no cap. What the cap
	// leaves is fetched by the next run.
	MaxPerRun int
	// Rate is the request rate, per second, for the hosts of the source's
	// locations; 0 leaves the fetcher's default.
	Rate float64
}

// ErrUnknownSource reports a --source name that the sources file lacks.
var ErrUnknownSource = errors.New("unknown source")

// locationKeys are the keys that name where a source lives; each is also
// the kind of what it names.
var locationKeys = []string{KindURL, KindFeed, KindSitemap, KindListing, KindFile}

// LoadSources reads a sources file (YAML):
//
//	sources:
//	  - name: harbourwire
//	    kind: feed
//	    url: https://www.harbourwire.example/rss/markets.xml
//	    timezone: Asia/Hong_Kong
//	    language: en
//	    max_per_run: 50
//	    rate: 0.5
//	  - name: pearlriver
//	    kind: sitemap
//	    url: https://pearlriver.example/sitemap-news.xml
//	    link_pattern: '/companies/'
//	  - name: kowloondaily
//	    kind: listing
//	    url: [https://kowloondaily.example/markets/, https://kowloondaily.example/tech/]
//	    link_pattern: '/\d{4}-\d{2}/\d{2}/'
//	    selectors:
//	      title: h1.headline
//	      body: div.article-text
//	      date: span.pubtime
//	  - name: archive
//	    file: archive/
//
// url takes one location or a list; kind says what they are (default
// url). The kinds also work as keys (feed: URL is kind: feed, url: URL),
// and one entry may mix them. Every setting is checked here: a bad URL,
// pattern, selector, time zone or number fails with the file and line.
// When only is non-empty, just the sources of those names are returned.
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
		srcs, err := decodeEntry(&node)
		if err != nil {
			line := node.Line
			var le lineError
			if errors.As(err, &le) {
				line = le.line
			}
			return nil, fmt.Errorf("sources file %s:%d: %w", name, line, err)
		}
		seen[srcs[0].Name] = true
		if len(want) > 0 && !want[srcs[0].Name] {
			continue
		}
		out = append(out, srcs...)
	}
	for n := range want {
		if !seen[n] {
			return nil, fmt.Errorf("sources file %s: %w %q", name, ErrUnknownSource, n)
		}
	}
	return out, nil
}

// langTagRE is the shape of a BCP 47 tag as sources files write it.
var langTagRE = regexp.MustCompile(`^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$`)

// decodeEntry decodes one source entry into a Source per location. Errors
// name the line of the offending key.
func decodeEntry(n *yaml.Node) ([]Source, error) {
	if n.Kind != yaml.MappingNode {
		return nil, errors.New("a source is a mapping of keys such as name, kind and url")
	}
	var (
		base Source
		kind string
		locs = map[string][]string{}
	)
	list := func(v *yaml.Node) ([]string, error) {
		if v.Kind == yaml.ScalarNode {
			return []string{v.Value}, nil
		}
		var l []string
		err := v.Decode(&l)
		return l, err
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		fail := func(format string, args ...any) error {
			return lineError{k.Line, fmt.Errorf("%s: %s", k.Value, fmt.Sprintf(format, args...))}
		}
		switch key := k.Value; key {
		case "name":
			base.Name = strings.TrimSpace(v.Value)
		case "kind":
			kind = strings.ToLower(strings.TrimSpace(v.Value))
			if !isKind(kind) {
				return nil, fail("unknown kind %q (want url, feed, sitemap, listing or file)", v.Value)
			}
		case KindURL, KindFeed, KindSitemap, KindListing, KindFile:
			l, err := list(v)
			if err != nil {
				return nil, fail("%v", err)
			}
			locs[key] = append(locs[key], l...)
		case "link_pattern":
			re, err := regexp.Compile(v.Value)
			if err != nil {
				return nil, fail("%v", err)
			}
			base.LinkPattern = re
		case "selectors":
			var sel map[string]string
			if err := v.Decode(&sel); err != nil {
				return nil, fail("%v", err)
			}
			for field, css := range sel {
				if err := scraper.CheckSelector(css); err != nil {
					return nil, fail("%s: %v", field, err)
				}
				switch field {
				case "title":
					base.Extract.TitleSelector = css
				case "body":
					base.Extract.BodySelector = css
				case "date":
					base.Extract.DateSelector = css
				default:
					return nil, fail("unknown selector %q (want title, body or date)", field)
				}
			}
		case "language":
			if !langTagRE.MatchString(v.Value) {
				return nil, fail("%q is not a language tag such as en or zh-Hant", v.Value)
			}
			base.Language = v.Value
		case "timezone", "time_zone":
			loc, err := time.LoadLocation(v.Value)
			if err != nil || v.Value == "" || strings.EqualFold(v.Value, "local") {
				return nil, fail("unknown time zone %q (want an IANA name such as Asia/Hong_Kong)", v.Value)
			}
			base.Extract.Location = loc
		case "max_per_run":
			m, err := strconv.Atoi(v.Value)
			if err != nil || m < 0 {
				return nil, fail("%q is not a count of 0 or more", v.Value)
			}
			base.MaxPerRun = m
		case "rate":
			r, err := strconv.ParseFloat(v.Value, 64)
			if err != nil || r <= 0 {
				return nil, fail("%q is not a positive number of requests per second", v.Value)
			}
			base.Rate = r
		default:
			return nil, fail("unknown key (want name, kind, url, feed, sitemap, listing, file, link_pattern, selectors, language, timezone, max_per_run or rate)")
		}
	}
	if base.Name == "" {
		return nil, errors.New("source without a name")
	}
	if kind != "" && kind != KindURL {
		// kind: X makes the url: list X's.
		locs[kind] = append(locs[kind], locs[KindURL]...)
		delete(locs, KindURL)
	}
	var out []Source
	for _, k := range locationKeys {
		for _, loc := range locs[k] {
			loc = strings.TrimSpace(loc)
			if k != KindFile {
				u, err := url.Parse(loc)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return nil, fmt.Errorf("source %q: %s %q is not an http(s) URL", base.Name, k, loc)
				}
			} else if loc == "" {
				return nil, fmt.Errorf("source %q: empty file path", base.Name)
			}
			s := base
			s.Kind, s.Location = k, loc
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("source %q has no url, feed, sitemap, listing or file", base.Name)
	}
	return out, nil
}

// isKind reports whether k is a source kind.
func isKind(k string) bool { return slices.Contains(locationKeys, k) }

// lineError is an error in a sources-file entry at a line other than the
// entry's first.
type lineError struct {
	line int
	err  error
}

func (e lineError) Error() string { return e.err.Error() }
func (e lineError) Unwrap() error { return e.err }
