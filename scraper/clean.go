package scraper

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropTags are elements that never hold story text.
var dropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Svg: true, atom.Math: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Input: true, atom.Textarea: true, atom.Nav: true,
	atom.Footer: true, atom.Header: true, atom.Aside: true, atom.Figure: true,
	atom.Figcaption: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Video: true, atom.Audio: true, atom.Dialog: true, atom.Menu: true,
}

// dropRoles are ARIA roles of page furniture.
var dropRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "menu": true, "menubar": true, "dialog": true, "alert": true,
}

// furnitureWords name page furniture in class and id values: navigation,
// related links, sharing, comments, advertising and the like. A class or id
// token is furniture when it is one of these words or starts with one
// followed by '-' or '_' ("ad-slot", "share_bar", "related-links"), so
// hyphen-joined story classes such as "article-text no-ads" are not.
var furnitureWords = []string{
	"nav", "navbar", "menu", "footer", "masthead", "sidebar", "side-bar",
	"related", "recommend", "recommended", "recommendations", "more-stories", "read-more",
	"share", "sharing", "social", "comment", "comments", "disqus",
	"advert", "advertisement", "ad", "ads", "sponsor", "sponsored", "promo",
	"newsletter", "subscribe", "subscription", "paywall", "breadcrumb", "breadcrumbs",
	"pagination", "pager", "cookie", "gdpr", "popup", "modal", "byline", "dateline",
	"timestamp", "caption", "credit", "kicker", "eyebrow", "tag", "tags", "topics",
	"author-bio", "visually-hidden", "sr-only",
}

// discussionParts are substrings that mark reader comments wherever they
// appear in a class or id token ("reader-responses", "commentList").
var discussionParts = []string{"comment", "responses", "discussion", "disqus"}

// isFurnitureToken reports whether one lower-cased class or id token names
// page furniture.
func isFurnitureToken(tok string) bool {
	for _, w := range furnitureWords {
		if rest, ok := strings.CutPrefix(tok, w); ok && (rest == "" || rest[0] == '-' || rest[0] == '_') {
			return true
		}
	}
	return isDiscussionToken(tok)
}

// isDiscussionToken reports whether a lower-cased class or id token names a
// reader comment or discussion block.
func isDiscussionToken(tok string) bool {
	for _, part := range discussionParts {
		if strings.Contains(tok, part) && !strings.Contains(tok, "commentary") {
			return true
		}
	}
	return false
}

// classTokens returns the lower-cased white-space separated tokens of the
// class and id attributes of n.
func classTokens(n *html.Node) []string {
	var toks []string
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			toks = append(toks, strings.Fields(strings.ToLower(a.Val))...)
		}
	}
	return toks
}

// keepRE matches class or id values that name story content; an element
// matching it is kept even when furnitureRE also matches.
var keepRE = regexp.MustCompile(`(?i)article-?body|story-?body|article-?content|story-?content|entry-?content|post-?content|articlebody`)

// cleanTree removes page furniture from the tree under n, in place. An
// element that holds more than half of the <p> text under n is kept
// whatever its class, id or role, so a misnamed story body survives.
func cleanTree(n *html.Node) {
	cleanNode(n, pWeight(n))
}

func cleanNode(n *html.Node, total int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode:
			n.RemoveChild(c)
		case html.ElementNode:
			if dropTags[c.DataAtom] || (isFurniture(c) && 2*pWeight(c) <= total) {
				n.RemoveChild(c)
			} else {
				cleanNode(c, total)
			}
		}
		c = next
	}
}

// pWeight is the weight of the text of the <p> elements under n.
func pWeight(n *html.Node) int {
	w := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || dropTags[c.DataAtom] {
			continue
		}
		if c.DataAtom == atom.P {
			var text, link strings.Builder
			nodeText(c, &text, &link, false)
			w += weight(collapseSpace(text.String()))
			continue
		}
		w += pWeight(c)
	}
	return w
}

// isFurniture reports whether an element is navigation, advertising or
// other non-story furniture.
func isFurniture(n *html.Node) bool {
	if dropTags[n.DataAtom] {
		return true
	}
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html || n.DataAtom == atom.Article || n.DataAtom == atom.Main {
		return false
	}
	var classID string
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "role":
			if dropRoles[strings.ToLower(strings.TrimSpace(a.Val))] {
				return true
			}
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "class", "id":
			classID += " " + a.Val
		case "itemprop":
			if strings.EqualFold(a.Val, "articleBody") {
				return false
			}
		}
	}
	if classID == "" || keepRE.MatchString(classID) {
		return false
	}
	for _, tok := range strings.Fields(strings.ToLower(classID)) {
		if gatedWords[tok] && paragraphTags[n.DataAtom] {
			// Some sites mark each story paragraph behind the paywall
			// (<p class="paywall">); on a container the same word is the
			// subscription prompt.
			continue
		}
		if isFurnitureToken(tok) {
			return true
		}
	}
	return false
}

// gatedWords are class and id tokens that, on a paragraph element, mark
// story text reserved for subscribers rather than page furniture.
var gatedWords = map[string]bool{"paywall": true, "paywalled": true, "premium": true}
