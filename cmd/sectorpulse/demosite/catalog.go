package demosite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// titleSuffix ends every page's <title>.
const titleSuffix = " - Sample Wire"

// page is one embedded article page and the metadata the listing and the
// feed show.
type page struct {
	Slug      string
	Path      string // "/news/SLUG.html"
	Title     string
	Summary   string
	Section   string
	Byline    string
	Lang      string
	Tags      []string
	Published time.Time
	HTML      []byte
	ETag      string
}

// catalog is every page, newest first.
type catalog []page

// loadCatalog parses every *.html page under dir of fsys.
func loadCatalog(fsys fs.FS, dir string) (catalog, error) {
	names, err := fs.Glob(fsys, dir+"/*.html")
	if err != nil {
		return nil, fmt.Errorf("demosite: list %s: %w", dir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("demosite: no pages in %s", dir)
	}
	cat := make(catalog, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("demosite: read %s: %w", name, err)
		}
		p, err := parsePage(name, data)
		if err != nil {
			return nil, err
		}
		cat = append(cat, p)
	}
	sort.SliceStable(cat, func(i, j int) bool {
		if !cat[i].Published.Equal(cat[j].Published) {
			return cat[i].Published.After(cat[j].Published)
		}
		return cat[i].Slug < cat[j].Slug
	})
	return cat, nil
}

// ldArticle is the part of a JSON-LD NewsArticle the site reads.
type ldArticle struct {
	Type           string          `json:"@type"`
	Headline       string          `json:"headline"`
	Description    string          `json:"description"`
	DatePublished  string          `json:"datePublished"`
	ArticleSection string          `json:"articleSection"`
	Keywords       []string        `json:"keywords"`
	Author         json.RawMessage `json:"author"`
}

// parsePage reads a page's metadata from whichever markup its template
// uses: JSON-LD, OpenGraph article tags or a <time datetime> element.
func parsePage(name string, data []byte) (page, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return page{}, fmt.Errorf("demosite: parse %s: %w", name, err)
	}
	slug := strings.TrimSuffix(path.Base(name), ".html")
	p := page{
		Slug: slug,
		Path: "/news/" + slug + ".html",
		Lang: attr(doc.Find("html"), "lang"),
		HTML: data,
		ETag: etag(data),
	}

	var ld ldArticle
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v ldArticle
		if json.Unmarshal([]byte(s.Text()), &v) == nil && v.Type == "NewsArticle" {
			ld = v
			return false
		}
		return true
	})

	p.Title = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(doc.Find("title").First().Text()), titleSuffix))
	if p.Title == "" {
		p.Title = firstNonEmpty(ld.Headline, strings.TrimSpace(doc.Find("h1").First().Text()))
	}
	if p.Title == "" {
		return page{}, fmt.Errorf("demosite: %s: page has no title", name)
	}

	published := firstNonEmpty(
		ld.DatePublished,
		attr(doc.Find(`meta[property="article:published_time"]`), "content"),
		attr(doc.Find("time[datetime]"), "datetime"),
	)
	if published == "" {
		return page{}, fmt.Errorf("demosite: %s: page has no publication time", name)
	}
	p.Published, err = time.Parse(time.RFC3339, published)
	if err != nil {
		return page{}, fmt.Errorf("demosite: %s: publication time: %w", name, err)
	}

	p.Summary = firstNonEmpty(
		attr(doc.Find(`meta[name="description"]`), "content"),
		attr(doc.Find(`meta[property="og:description"]`), "content"),
		ld.Description,
	)
	p.Section = firstNonEmpty(
		attr(doc.Find(`meta[property="article:section"]`), "content"),
		ld.ArticleSection,
		strings.TrimSpace(doc.Find(".crumbs a").Last().Text()),
		"News",
	)
	p.Byline = firstNonEmpty(ldAuthor(ld.Author), attr(doc.Find(`meta[name="author"]`), "content"))

	doc.Find(`meta[property="article:tag"]`).Each(func(_ int, s *goquery.Selection) {
		if t := strings.TrimSpace(attr(s, "content")); t != "" {
			p.Tags = append(p.Tags, t)
		}
	})
	if len(p.Tags) == 0 {
		p.Tags = ld.Keywords
	}
	if len(p.Tags) == 0 {
		for _, t := range strings.Split(attr(doc.Find(`meta[name="keywords"]`), "content"), ",") {
			if t = strings.TrimSpace(t); t != "" {
				p.Tags = append(p.Tags, t)
			}
		}
	}
	return p, nil
}

// ldAuthor returns the first author name of a JSON-LD author value, which
// may be a string, an object or a list of objects.
func ldAuthor(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var name string
	if json.Unmarshal(raw, &name) == nil {
		return name
	}
	type person struct {
		Name string `json:"name"`
	}
	var one person
	if json.Unmarshal(raw, &one) == nil && one.Name != "" {
		return one.Name
	}
	var many []person
	if json.Unmarshal(raw, &many) == nil && len(many) > 0 {
		return many[0].Name
	}
	return ""
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.First().Attr(name)
	return strings.TrimSpace(v)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
