package scraper

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nonArticlePathRE matches paths of section, tag, account and info pages.
var nonArticlePathRE = regexp.MustCompile(`(?i)(?:^|/)(?:tags?|topics?|category|categories|section|sections|author|authors|` +
	`search|login|logout|signin|sign-in|signup|sign-up|register|account|subscribe|subscription|newsletter|` +
	`about|about-us|contact|contact-us|privacy|privacy-policy|terms|terms-of-use|cookies|help|faq|careers|advertise|` +
	`rss|feed|feeds|page)(?:/|$)`)

// nonArticleExtRE matches file extensions of non-article resources.
var nonArticleExtRE = regexp.MustCompile(`(?i)\.(?:xml|rss|atom|json|jpe?g|png|gif|webp|svg|ico|pdf|zip|gz|css|js|mp3|mp4|mov|avi|doc|docx|xls|xlsx|csv|txt)$`)

// articleDateRE matches a date in a path: /2026/11/25/, 2026-11-25 or
// 20261125.
var articleDateRE = regexp.MustCompile(`(?:^|/|\D)(?:19|20)\d{2}(?:/|-)?(?:0[1-9]|1[0-2])(?:/|-)?(?:0[1-9]|[12]\d|3[01])(?:/|-|\D|$)`)

// articleIDRE matches a last path segment that is a long numeric id, as
// many Chinese-language sites use.
var articleIDRE = regexp.MustCompile(`^\d{6,}$`)

// pagingQueryRE matches pagination query strings.
var pagingQueryRE = regexp.MustCompile(`(?i)(?:^|&)(?:page|p|offset|start)=\d+`)

// ListingLinks returns the article links of a listing or section page:
// absolute, on the page's own host, deduplicated and in page order.
// Navigation, header, footer, sidebars and pagination are skipped, as are
// fragments, mailto: and other non-HTTP links, tag/category/account pages
// and media files. A link counts as an article when its path holds a date,
// ends in a slug of three or more hyphenated words, ends in .html/.htm/
// .shtml, or ends in a long numeric id. Links inside <main> are preferred
// when <main> holds any.
func ListingLinks(r io.Reader, pageURL *url.URL) ([]string, error) {
	if pageURL == nil {
		return nil, fmt.Errorf("listing links: nil page url")
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return nil, fmt.Errorf("listing links %s: parse html: %w", pageURL, err)
	}
	for _, n := range doc.Nodes {
		cleanListing(n, false)
	}
	if main := doc.Find("main, [role=main]"); main.Length() > 0 {
		if links := articleLinks(main, pageURL); len(links) > 0 {
			return links, nil
		}
	}
	return articleLinks(doc.Selection, pageURL), nil
}

// articleLinks returns the article links under sel.
func articleLinks(sel *goquery.Selection, pageURL *url.URL) []string {
	var links []string
	seen := map[string]bool{}
	sel.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href := strings.TrimSpace(a.AttrOr("href", ""))
		if href == "" || strings.HasPrefix(href, "#") {
			return
		}
		u, err := pageURL.Parse(href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !sameSite(u, pageURL) {
			return
		}
		if !looksLikeArticle(u) {
			return
		}
		norm := NormalizeURL(u)
		if seen[norm] || norm == NormalizeURL(pageURL) {
			return
		}
		seen[norm] = true
		links = append(links, norm)
	})
	return links
}

// looksLikeArticle reports whether a URL's path looks like a story rather
// than a section, tag, account page or media file.
func looksLikeArticle(u *url.URL) bool {
	p := u.EscapedPath()
	if p == "" || p == "/" || nonArticlePathRE.MatchString(p) || nonArticleExtRE.MatchString(p) {
		return false
	}
	if pagingQueryRE.MatchString(u.RawQuery) {
		return false
	}
	last := path.Base(strings.TrimSuffix(p, "/"))
	ext := strings.ToLower(path.Ext(last))
	switch {
	case ext == ".html" || ext == ".htm" || ext == ".shtml":
		return true
	case articleDateRE.MatchString(p):
		return true
	case articleIDRE.MatchString(strings.TrimSuffix(last, ext)):
		return true
	}
	return len(strings.FieldsFunc(last, func(r rune) bool { return r == '-' || r == '_' })) >= 3
}

// cleanListing removes navigation, header, footer, sidebars and pagination
// from a listing page; unlike cleanTree it keeps lists of links. A
// <header> inside an <article> or <main> is kept: listing cards often put
// their headline link there.
func cleanListing(n *html.Node, inStory bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if isListingFurniture(c, inStory) {
				n.RemoveChild(c)
			} else {
				cleanListing(c, inStory || c.DataAtom == atom.Article || c.DataAtom == atom.Main)
			}
		}
		c = next
	}
}

// listingFurnitureRE matches class or id values of listing-page furniture.
var listingFurnitureRE = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:nav|navbar|menu|footer|masthead|sidebar|side-bar|` +
	`breadcrumbs?|pagination|pager|paging|share|sharing|social|advert|advertisement|ads?|promo|newsletter|` +
	`cookie|popup|modal|tags?|tag-cloud|topics)(?:$|[\s_-])`)

// isListingFurniture reports whether an element of a listing page is
// navigation, a sidebar, pagination or other furniture.
func isListingFurniture(n *html.Node, inStory bool) bool {
	switch n.Data {
	case "header":
		if !inStory {
			return true
		}
	case "nav", "footer", "aside", "script", "style", "noscript", "template", "form":
		return true
	case "body", "html", "main":
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if dropRoles[strings.ToLower(strings.TrimSpace(a.Val))] {
				return true
			}
		case "class", "id":
			if listingFurnitureRE.MatchString(a.Val) {
				return true
			}
		}
	}
	return false
}
