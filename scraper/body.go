package scraper

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// candidateTiers are CSS selectors for the element holding the story, most
// trusted first. The densest element (see densest) is tried after the
// tiers that name the story outright, and main and body last.
var candidateTiers = [][]string{
	{"[itemprop=articleBody]", "[itemprop=articlebody]"},
	{".article-body", ".articleBody", ".article__body", ".article-content", ".story-body",
		".story-content", ".entry-content", ".post-content", ".post-body", ".content-body",
		"#article-body", "#articleBody", "#story-body", "#article-content"},
	{"article"},
	{".content", "#content", ".article", ".story", ".post"},
}

// lateTiers are tried after the densest element.
var lateTiers = [][]string{
	{"main", "[role=main]"},
	{"body"},
}

// refShare is the share of the densest block's score a semantic candidate
// inside that block must reach: an <article> that only wraps a teaser
// within the real body loses to it. A semantic candidate outside the
// densest block wins whatever its share, so a long comment thread beside
// the story does not displace it.
const refShare = 0.6

// bodyParagraphs finds the element that holds the story in a cleaned
// document and returns its paragraphs.
func bodyParagraphs(doc *goquery.Document) []para {
	// Candidates nest (main > article > div.story-body), so the same node
	// is often asked for twice.
	cache := map[*html.Node][]para{}
	collect := func(n *html.Node) []para {
		ps, ok := cache[n]
		if !ok {
			ps = collectParagraphs(n)
			cache[n] = ps
		}
		return ps
	}
	var ref []para
	refScore := 0
	d := densest(doc)
	if d != nil {
		ref = collect(d)
		refScore = score(ref)
	}
	try := func(tiers [][]string, semantic bool) []para {
		for _, tier := range tiers {
			var best []para
			var bestNode *html.Node
			bestScore := -1
			doc.Find(strings.Join(tier, ", ")).Each(func(_ int, s *goquery.Selection) {
				ps := collect(s.Get(0))
				if sc := score(ps); sc > bestScore {
					best, bestNode, bestScore = ps, s.Get(0), sc
				}
			})
			if bestScore < minWords {
				continue
			}
			if float64(bestScore) >= refShare*float64(refScore) || (semantic && !contains(d, bestNode)) {
				return best
			}
		}
		return nil
	}
	if ps := try(candidateTiers, true); ps != nil {
		return ps
	}
	if refScore >= minWords {
		return ref
	}
	if ps := try(lateTiers, false); ps != nil {
		return ps
	}
	return ref
}

// contains reports whether n is outer or a descendant of it.
func contains(outer, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == outer {
			return true
		}
	}
	return false
}

// inDiscussion reports whether n or one of its ancestors is a reader
// comment or discussion block (see isDiscussionToken).
func inDiscussion(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		for _, tok := range classTokens(n) {
			if isDiscussionToken(tok) {
				return true
			}
		}
	}
	return false
}

// densest returns the element whose direct <p> children hold the most
// non-link text, not counting reader comments, or nil when the page has no
// such paragraphs.
func densest(doc *goquery.Document) *html.Node {
	scores := map[*html.Node]int{}
	var best *html.Node
	bestScore := 0
	doc.Find("p").Each(func(_ int, s *goquery.Selection) {
		p := s.Get(0)
		if p.Parent == nil || inDiscussion(p.Parent) {
			return
		}
		var text, link strings.Builder
		nodeText(p, &text, &link, false)
		t := collapseSpace(text.String())
		if t == "" || isBoilerplate(t) {
			return
		}
		scores[p.Parent] += weight(t) - weight(collapseSpace(link.String()))
		if sc := scores[p.Parent]; sc > bestScore {
			best, bestScore = p.Parent, sc
		}
	})
	return best
}

// joinParagraphs joins paragraph texts with a blank line, dropping a first
// paragraph that repeats the title.
func joinParagraphs(paras []para, title string) string {
	texts := make([]string, 0, len(paras))
	for _, p := range paras {
		texts = append(texts, p.text)
	}
	if len(texts) > 0 && title != "" && sameText(texts[0], title) {
		texts = texts[1:]
	}
	return strings.Join(texts, "\n\n")
}

// sameText reports whether two strings are equal ignoring case and spacing.
func sameText(a, b string) bool {
	return strings.EqualFold(collapseSpace(a), collapseSpace(b))
}

// ldParagraphs splits a JSON-LD articleBody into paragraphs at line breaks.
func ldParagraphs(body string) []para {
	var c collector
	for _, line := range strings.Split(body, "\n") {
		c.add(collapseSpace(line), "", atom.P)
	}
	return c.paras
}
