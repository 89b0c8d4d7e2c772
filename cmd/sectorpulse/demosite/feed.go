package demosite

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"time"
)

// feedSize is how many of the newest articles the RSS feed carries.
const feedSize = 20

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	Copyright     string    `xml:"copyright"`
	LastBuildDate string    `xml:"lastBuildDate"`
	TTL           int       `xml:"ttl"`
	Self          rssAtom   `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssAtom struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	Description string   `xml:"description,omitempty"`
	Creator     string   `xml:"dc:creator,omitempty"`
	Categories  []string `xml:"category"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// renderFeed returns an RSS 2.0 document of the n newest pages of cat with
// absolute links under base (scheme and host, no trailing slash).
func renderFeed(cat catalog, base string, n int) ([]byte, error) {
	if n > len(cat) {
		n = len(cat)
	}
	doc := rssDoc{
		Version: "2.0",
		DC:      "http://purl.org/dc/elements/1.1/",
		Atom:    "http://www.w3.org/2005/Atom",
		Channel: rssChannel{
			Title:         "Sample Wire - Hong Kong and China markets",
			Link:          base + "/",
			Description:   "Fictional wire reports on Hong Kong and mainland China markets, sectors and companies.",
			Language:      "en",
			Copyright:     "Copyright 2025 Sample Wire",
			LastBuildDate: cat[0].Published.Format(time.RFC1123Z),
			TTL:           30,
			Self:          rssAtom{Href: base + "/feed.xml", Rel: "self", Type: "application/rss+xml"},
		},
	}
	for _, p := range cat[:n] {
		link := base + p.Path
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title:       p.Title,
			Link:        link,
			Description: p.Summary,
			Creator:     p.Byline,
			Categories:  append([]string{p.Section}, p.Tags...),
			GUID:        rssGUID{IsPermaLink: "true", Value: link},
			PubDate:     p.Published.Format(time.RFC1123Z),
		})
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("demosite: render feed for %s: %w", base, err)
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// etag returns a strong entity tag for body.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}
