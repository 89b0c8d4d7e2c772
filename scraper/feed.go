package scraper

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
)

// FeedItem is one entry of an RSS, Atom or JSON feed.
type FeedItem struct {
	// URL is the item's absolute link.
	URL string
	// Title is the item's title.
	Title string
	// Published is the item's publication (else update) time with the
	// feed's own offset; the zero time when the feed gives none.
	Published time.Time
	// Description is the item's summary (else its content) as plain text
	// in paragraphs: what a story behind a paywall or rendered by
	// JavaScript falls back to.
	Description string
}

// FetchFeed GETs an RSS, Atom or JSON feed with the Fetcher's client,
// timeout and size cap and returns its items; see ParseFeed.
func (f *Fetcher) FetchFeed(ctx context.Context, feedURL string) ([]FeedItem, error) {
	p, err := f.FetchRawIf(ctx, feedURL, AcceptFeed, Validators{})
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(p.URL)
	if err != nil {
		return nil, fmt.Errorf("fetch feed %s: %w", feedURL, err)
	}
	return ParseFeed(bytes.NewReader(p.Body), u)
}

// ParseFeed parses an RSS, Atom or JSON feed and returns its items in feed
// order, with links resolved against feedURL and duplicates and items
// without a link dropped. A feed that cannot be parsed gives ErrBadFeed.
func ParseFeed(r io.Reader, feedURL *url.URL) ([]FeedItem, error) {
	feed, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, fmt.Errorf("parse feed %s: %w: %w", feedURL, ErrBadFeed, err)
	}
	items := make([]FeedItem, 0, len(feed.Items))
	seen := map[string]bool{}
	for _, it := range feed.Items {
		link := itemLink(it)
		if link == "" {
			continue
		}
		u, err := resolve(feedURL, link)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "file") {
			continue
		}
		u.Fragment = ""
		abs := u.String()
		if seen[abs] {
			continue
		}
		seen[abs] = true
		items = append(items, FeedItem{URL: abs, Title: collapseSpace(it.Title), Published: itemTime(it), Description: itemText(it)})
	}
	return items, nil
}

// itemLink returns an item's link: its link, its first link, or a GUID that
// is a URL.
func itemLink(it *gofeed.Item) string {
	if l := strings.TrimSpace(it.Link); l != "" {
		return l
	}
	for _, l := range it.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	if g := strings.TrimSpace(it.GUID); strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://") {
		return g
	}
	return ""
}

// itemTime returns an item's publication time, else its update time, with
// the offset the feed wrote (gofeed's parsed times are in UTC).
func itemTime(it *gofeed.Item) time.Time {
	for _, c := range []struct {
		raw    string
		parsed *time.Time
	}{{it.Published, it.PublishedParsed}, {it.Updated, it.UpdatedParsed}} {
		// Prefer our own parse, which keeps the offset, when it agrees
		// with gofeed's (zone abbreviations can fool time.Parse).
		if t, ok := parseTime(c.raw); ok && (c.parsed == nil || t.Equal(*c.parsed)) {
			return t
		}
		if c.parsed != nil {
			return *c.parsed
		}
	}
	return time.Time{}
}

// itemText returns an item's description, else its content, as plain text:
// feeds often carry escaped HTML there.
func itemText(it *gofeed.Item) string {
	raw := it.Description
	if strings.TrimSpace(raw) == "" {
		raw = it.Content
	}
	if strings.TrimSpace(raw) == "" {
		return ""
	}
	if !strings.Contains(raw, "<") {
		return collapseSpace(raw)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(raw))
	if err != nil {
		return collapseSpace(raw)
	}
	for _, n := range doc.Nodes {
		cleanTree(n)
	}
	var ps []para
	for _, n := range doc.Nodes {
		ps = append(ps, collectParagraphs(n)...)
	}
	return joinParagraphs(ps, "")
}
