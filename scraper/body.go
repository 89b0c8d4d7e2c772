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
// document and returns its paragraphs. On a live blog (see isLiveBlog) the
// story is the run of update elements, not the first of them.
func bodyParagraphs(doc *goquery.Document, liveBlog bool) []para {
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
	try := func(tiers [][]string, semantic bool) *html.Node {
		for _, tier := range tiers {
			var bestNode *html.Node
			bestScore := -1
			doc.Find(strings.Join(tier, ", ")).Each(func(_ int, s *goquery.Selection) {
				if sc := score(collect(s.Get(0))); sc > bestScore {
					bestNode, bestScore = s.Get(0), sc
				}
			})
			if bestScore < minWords {
				continue
			}
			if float64(bestScore) >= refShare*float64(refScore) || (semantic && !contains(d, bestNode)) {
				return bestNode
			}
		}
		return nil
	}
	withSiblings := func(n *html.Node) []para {
		sibs := repeatedSiblings(n, liveBlog)
		if len(sibs) == 1 {
			return collect(n)
		}
		var ps []para
		for _, sib := range sibs {
			ps = append(ps, collect(sib)...)
		}
		return ps
	}
	if n := try(candidateTiers, true); n != nil {
		return withSiblings(n)
	}
	if refScore >= minWords {
		return withSiblings(d)
	}
	if n := try(lateTiers, false); n != nil {
		return collect(n)
	}
	return ref
}

// repeatedSiblings returns n together with its siblings of the same tag and
// class, in document order: a story split into parts around ads and
// inline boxes (<div class="story-part">…<div class="ad">…<div
// class="story-part">), or the updates of a live blog. Siblings that are
// reader comments are left out, as is everything when n has no class.
// Sibling <article> elements are separate stories (teasers, the next story
// of an endless page) unless the page is a live blog.
func repeatedSiblings(n *html.Node, liveBlog bool) []*html.Node {
	class := strings.Join(strings.Fields(attr(n, "class")), " ")
	if n.Parent == nil || class == "" || (n.DataAtom == atom.Article && !liveBlog) {
		return []*html.Node{n}
	}
	var sibs []*html.Node
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == n {
			sibs = append(sibs, c)
			continue
		}
		if c.Type != html.ElementNode || c.DataAtom != n.DataAtom || inDiscussion(c) ||
			strings.Join(strings.Fields(attr(c, "class")), " ") != class {
			continue
		}
		sibs = append(sibs, c)
	}
	return sibs
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
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

// densest returns the element whose text blocks hold the most non-link
// text, not counting reader comments, or nil when the page has none. A text
// block is a <p> or a <div> that holds only text and inline elements (many
// sites set every paragraph in its own <div>). Each block counts fully for
// its parent and half for its grandparent, so a story whose paragraphs are
// each wrapped in their own element is still found as one.
func densest(doc *goquery.Document) *html.Node {
	scores := map[*html.Node]int{}
	var best *html.Node
	bestScore := 0
	credit := func(n *html.Node, sc int) {
		if n == nil || n.Type != html.ElementNode {
			return
		}
		scores[n] += sc
		if scores[n] > bestScore {
			best, bestScore = n, scores[n]
		}
	}
	doc.Find("p, div").Each(func(_ int, s *goquery.Selection) {
		p := s.Get(0)
		if p.Parent == nil || inDiscussion(p.Parent) {
			return
		}
		if p.DataAtom == atom.Div && !isTextDiv(p) {
			return
		}
		var text, link strings.Builder
		nodeText(p, &text, &link, false)
		t := collapseSpace(text.String())
		if t == "" || isBoilerplate(t) {
			return
		}
		w := weight(t)
		if p.DataAtom == atom.Div && w < minLooseWeight {
			return
		}
		sc := w - weight(collapseSpace(link.String()))
		credit(p.Parent, sc)
		credit(p.Parent.Parent, sc/2)
	})
	return best
}

// isTextDiv reports whether a <div> holds only text and inline elements.
func isTextDiv(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !inlineTags[c.DataAtom] && c.DataAtom != atom.Br {
			return false
		}
	}
	return true
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
