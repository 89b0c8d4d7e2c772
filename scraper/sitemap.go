package scraper

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// ErrBadSitemap reports a document that is not a sitemap.
var ErrBadSitemap = errors.New("not a sitemap")

// maxSitemapEntries is the most <url> or <sitemap> entries ParseSitemap
// reads from one document, the limit of the sitemap protocol; later
// entries are ignored.
const maxSitemapEntries = 50000

// SitemapEntry is one <url> of a urlset or one <sitemap> of a sitemap index.
type SitemapEntry struct {
	// URL is the <loc>: an absolute http(s) URL, resolved against the
	// sitemap URL, fragment dropped.
	URL string
	// LastMod is the <lastmod>, with the offset the document wrote; zero
	// when absent or unparseable.
	LastMod time.Time
	// Published is the <news:news><news:publication_date>, with the offset
	// the document wrote; zero when absent or unparseable.
	Published time.Time
	// Title is the <news:title>, white space collapsed.
	Title string
	// Language is the <news:publication><news:language>, e.g. "en" or
	// "zh-tw".
	Language string
}

// Sitemap is a parsed sitemap document: a urlset (URLs) or a sitemap index
// (Sitemaps).
type Sitemap struct {
	// URLs are the pages of a urlset, in document order.
	URLs []SitemapEntry
	// Sitemaps are the child sitemaps of a sitemap index, in document
	// order.
	Sitemaps []SitemapEntry
}

// ParseSitemap parses a sitemap (urlset or sitemapindex, with or without
// the Google News extension) read from r. Elements are matched by local
// name, so namespace prefixes do not matter, and a declared encoding other
// than UTF-8 is decoded. Input that starts with the gzip magic number (a
// .xml.gz file) is gunzipped, up to DefaultMaxBytes (past that,
// ErrTooLarge).
//
// Locations are resolved against sitemapURL (which may be nil when all are
// absolute); entries whose location is empty or not http(s) are skipped, a
// repeated URL keeps its first entry, and only the first 50,000 entries
// (the protocol's limit) are read. A document whose root is neither
// <urlset> nor <sitemapindex> (an HTML page, an RSS feed), or that is not
// well-formed XML, gives ErrBadSitemap. Errors name sitemapURL.
func ParseSitemap(r io.Reader, sitemapURL *url.URL) (*Sitemap, error) {
	name := sitemapName(sitemapURL)
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); hasGzipMagic(head) {
		body, err := gunzipCapped(br, DefaultMaxBytes)
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return nil, fmt.Errorf("parse sitemap %s: gunzip: %w", name, err)
			}
			return nil, fmt.Errorf("parse sitemap %s: gunzip: %w: %w", name, ErrBadSitemap, err)
		}
		br = bufio.NewReader(bytes.NewReader(body))
	}
	if head, _ := br.Peek(len(utf8BOM)); bytes.Equal(head, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}

	d := xml.NewDecoder(br)
	d.CharsetReader = charset.NewReaderLabel
	// Sitemaps written by CMS templates sometimes carry HTML entities
	// (&nbsp; in a title); they should not sink the whole document.
	d.Entity = xml.HTMLEntity
	p := sitemapParser{base: sitemapURL, seen: map[string]bool{}}
	if err := p.run(d); err != nil {
		return nil, fmt.Errorf("parse sitemap %s: %w", name, err)
	}
	return &p.sm, nil
}

// sitemapName names a sitemap URL in errors.
func sitemapName(u *url.URL) string {
	if u == nil {
		return "(no URL)"
	}
	return u.String()
}

// sitemapParser holds the state of one ParseSitemap.
type sitemapParser struct {
	base *url.URL
	sm   Sitemap
	seen map[string]bool
	read int // entries read, kept or not
}

// entryField says which SitemapEntry field the element at a path inside a
// <url> or <sitemap> fills ("" for none). The path is the local names of
// the elements from the entry's child down, so <image:image><image:loc>
// is not mistaken for the entry's <loc>.
func entryField(path []string) string {
	switch strings.Join(path, "/") {
	case "loc":
		return "loc"
	case "lastmod":
		return "lastmod"
	case "news/publication_date":
		return "published"
	case "news/title":
		return "title"
	case "news/publication/language":
		return "language"
	}
	return ""
}

// run reads the document from d: the root element, then each entry until
// the root ends or maxSitemapEntries have been read.
func (p *sitemapParser) run(d *xml.Decoder) error {
	root, err := rootElement(d)
	if err != nil {
		return err
	}
	var entryName string
	switch root {
	case "urlset":
		entryName = "url"
	case "sitemapindex":
		entryName = "sitemap"
	default:
		return fmt.Errorf("root element <%s>, want <urlset> or <sitemapindex>: %w", root, ErrBadSitemap)
	}
	for p.read < maxSitemapEntries {
		tok, err := d.Token()
		if err != nil {
			return syntaxErr(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != entryName {
				if err := d.Skip(); err != nil {
					return syntaxErr(d, err)
				}
				continue
			}
			fields, err := readEntry(d)
			if err != nil {
				return err
			}
			p.read++
			p.add(root, fields)
		case xml.EndElement:
			// The root's end: nothing after it matters.
			return nil
		}
	}
	return nil
}

// rootElement returns the local name of the document's root element.
func rootElement(d *xml.Decoder) (string, error) {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", fmt.Errorf("no root element: %w", ErrBadSitemap)
		}
		if err != nil {
			return "", syntaxErr(d, err)
		}
		if t, ok := tok.(xml.StartElement); ok {
			return t.Name.Local, nil
		}
	}
}

// readEntry reads the children of a <url> or <sitemap> whose start tag
// was just read, up to its end tag, and returns the text of the fields
// entryField names.
func readEntry(d *xml.Decoder) (map[string]string, error) {
	fields := map[string]string{}
	var path []string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, syntaxErr(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			text.Reset()
		case xml.CharData:
			if entryField(path) != "" {
				text.Write(t)
			}
		case xml.EndElement:
			if len(path) == 0 {
				return fields, nil
			}
			if f := entryField(path); f != "" {
				if _, dup := fields[f]; !dup {
					fields[f] = text.String()
				}
			}
			text.Reset()
			path = path[:len(path)-1]
		}
	}
}

// add turns an entry's fields into a SitemapEntry and keeps it unless its
// location is unusable or already seen.
func (p *sitemapParser) add(root string, fields map[string]string) {
	loc := strings.TrimSpace(fields["loc"])
	if loc == "" {
		return
	}
	u, err := resolve(p.base, loc)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return
	}
	u.Fragment = ""
	u.RawFragment = ""
	abs := u.String()
	if p.seen[abs] {
		return
	}
	p.seen[abs] = true
	e := SitemapEntry{URL: abs}
	e.LastMod, _ = parseW3CTime(fields["lastmod"])
	e.Published, _ = parseW3CTime(fields["published"])
	e.Title = collapseSpace(fields["title"])
	e.Language = collapseSpace(fields["language"])
	if root == "urlset" {
		p.sm.URLs = append(p.sm.URLs, e)
	} else {
		p.sm.Sitemaps = append(p.sm.Sitemaps, e)
	}
}

// syntaxErr wraps a decoder error as ErrBadSitemap, with the line it
// stopped at.
func syntaxErr(d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		// Its message names the line.
		return fmt.Errorf("%w: %w", ErrBadSitemap, err)
	}
	line, _ := d.InputPos()
	if err == io.EOF {
		return fmt.Errorf("line %d: %w: unexpected end of document", line, ErrBadSitemap)
	}
	return fmt.Errorf("line %d: %w: %w", line, ErrBadSitemap, err)
}

// parseW3CTime parses a sitemap date in a W3C datetime form, keeping the
// offset it states; a date alone is midnight UTC. The forms down to the
// day, and the others parseTime knows ("2025-02-15 09:59:00", "+0800"
// offsets), are parseTime's; a year and month, or a year alone, are added.
func parseW3CTime(s string) (time.Time, bool) {
	if t, ok := parseTime(s); ok {
		return t, true
	}
	for _, layout := range [...]string{"2006-01", "2006"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(s), time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// hasGzipMagic reports whether b starts with the gzip magic number.
func hasGzipMagic(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// gunzipCapped decompresses the gzip stream r, failing with ErrTooLarge
// past max bytes of output.
func gunzipCapped(r io.Reader, max int64) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return readCapped(zr, max)
}
