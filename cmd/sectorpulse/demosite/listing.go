package demosite

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"html/template"
	"sort"
	"strings"
	"time"
	"unicode"
)

// hongKong returns the site's display time zone (Hong Kong has no daylight
// saving time).
func hongKong() *time.Location { return time.FixedZone("HKT", 8*60*60) }

// mostReadCount is how many articles the "Most read" sidebar lists.
const mostReadCount = 5

const homeTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sample Wire - Hong Kong and China markets news</title>
  <meta name="description" content="Fictional wire reports on Hong Kong and mainland China markets, sectors and companies.">
  <link rel="alternate" type="application/rss+xml" title="Sample Wire" href="/feed.xml">
  <link rel="stylesheet" href="/static/wire.css">
</head>
<body class="home">
  <a class="skip-link" href="#main-content">Skip to main content</a>
  <header class="site-header">
    <a class="site-logo" href="/">Sample Wire</a>
    <nav class="primary-nav" aria-label="Sections">
      <ul>
{{- range .Sections}}
        <li><a href="/section/{{slug .}}">{{.}}</a></li>
{{- end}}
      </ul>
    </nav>
    <form class="search" action="/search" method="get"><input type="search" name="q" placeholder="Search"><button type="submit">Search</button></form>
  </header>
  <div class="market-strip" aria-hidden="true"><span>Asia markets</span> <span>Currencies</span> <span>Data delayed at least 15 minutes</span></div>
  <div class="layout">
    <main id="main-content">
      <h1>Latest news</h1>
      <ol class="story-list">
{{- range .Articles}}
        <li class="story-item" lang="{{.Lang}}">
          <a class="kicker" href="/section/{{slug .Section}}">{{.Section}}</a>
          <h2 class="story-headline"><a href="{{.Path}}">{{.Title}}</a></h2>
          <div class="story-summary">{{.Summary}}</div>
          <div class="story-meta">{{with .Byline}}<span class="byline">{{.}}</span> {{end}}<time datetime="{{rfc3339 .Published}}">{{display .Published}}</time></div>
          <ul class="story-tags">
{{- range .Tags}}
            <li><a href="/tag/{{slug .}}">{{.}}</a></li>
{{- end}}
          </ul>
        </li>
{{- end}}
      </ol>
      <nav class="pagination" aria-label="Pages">
        <span class="current">1</span> <a href="/page/2">2</a> <a href="/page/3">3</a> <a href="/page/4">4</a> <a rel="next" href="/page/2">Older stories &rsaquo;</a>
      </nav>
    </main>
    <aside class="sidebar">
      <section class="most-read">
        <h2>Most read</h2>
        <ol>
{{- range .MostRead}}
          <li><a href="{{.Path}}">{{.Title}}</a></li>
{{- end}}
        </ol>
      </section>
      <section class="topics">
        <h2>Topics</h2>
        <ul>
{{- range .Topics}}
          <li><a href="/tag/{{slug .}}">{{.}}</a></li>
{{- end}}
        </ul>
      </section>
      <section class="newsletter">
        <h2>Asia Morning Briefing</h2>
        <div>Get the day's market-moving news in your inbox before the open.</div>
        <a class="button" href="/newsletters">Sign up</a>
      </section>
    </aside>
  </div>
  <footer class="site-footer">
    <nav aria-label="Footer">
      <a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/feed.xml">RSS</a> <a href="/terms">Terms of use</a> <a href="/privacy">Privacy</a>
    </nav>
    <div class="copyright">&copy; 2025 Sample Wire. All rights reserved. Sample Wire is a fictional news service used for demonstration; its prices are synthetic.</div>
  </footer>
</body>
</html>
`

// homeData is what the home page template renders.
type homeData struct {
	Sections []string
	Articles catalog
	MostRead catalog
	Topics   []string
}

// renderHome renders the home page: every article of cat (newest first),
// a "Most read" sidebar and the most used tags.
func renderHome(cat catalog) ([]byte, error) {
	tmpl, err := template.New("home").Funcs(template.FuncMap{
		"slug":    tagSlug,
		"rfc3339": func(t time.Time) string { return t.Format(time.RFC3339) },
		"display": func(t time.Time) string { return t.In(hongKong()).Format("Jan 2, 2006 15:04") + " HKT" },
	}).Parse(homeTemplate)
	if err != nil {
		return nil, fmt.Errorf("demosite: parse home template: %w", err)
	}
	data := homeData{
		Sections: []string{"Markets", "Companies", "Technology", "Economy", "Property", "Opinion"},
		Articles: cat,
		MostRead: mostRead(cat, mostReadCount),
		Topics:   topTags(cat, 12),
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("demosite: render home page: %w", err)
	}
	return b.Bytes(), nil
}

// mostRead picks n of the 20 newest pages in a stable pseudo-random order
// (by a hash of the slug), standing in for page-view counts.
func mostRead(cat catalog, n int) catalog {
	recent := append(catalog(nil), cat[:min(len(cat), feedSize)]...)
	views := func(p page) uint64 {
		h := fnv.New64a()
		h.Write([]byte(p.Slug))
		return h.Sum64()
	}
	sort.SliceStable(recent, func(i, j int) bool { return views(recent[i]) > views(recent[j]) })
	return recent[:min(n, len(recent))]
}

// topTags returns the n most used tags of cat, most used first.
func topTags(cat catalog, n int) []string {
	count := map[string]int{}
	for _, p := range cat {
		for _, t := range p.Tags {
			count[t]++
		}
	}
	tags := make([]string, 0, len(count))
	for t := range count {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool {
		if count[tags[i]] != count[tags[j]] {
			return count[tags[i]] > count[tags[j]]
		}
		return tags[i] < tags[j]
	})
	return tags[:min(n, len(tags))]
}

// tagSlug turns a tag into its URL path segment: lower case, runs of
// anything but letters and digits become one hyphen.
func tagSlug(tag string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(tag) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	return b.String()
}
