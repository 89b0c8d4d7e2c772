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

// furnitureRE matches class or id values of page furniture: navigation,
// related links, sharing, comments, advertising and the like.
var furnitureRE = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:nav|navbar|menu|footer|masthead|sidebar|side-bar|` +
	`related|recommend(?:ed|ations)?|more-stories|read-more|share|sharing|social|comments?|disqus|` +
	`advert|advertisement|ads?|ad-slot|sponsor(?:ed)?|promo|newsletter|subscribe|subscription|` +
	`paywall|breadcrumbs?|pagination|pager|cookie|gdpr|popup|modal|byline|dateline|timestamp|` +
	`caption|credit|kicker|eyebrow|tags?|topics|author-bio|visually-hidden|sr-only)(?:$|[\s_-])`)

// keepRE matches class or id values that name story content; an element
// matching it is kept even when furnitureRE also matches.
var keepRE = regexp.MustCompile(`(?i)article-?body|story-?body|article-?content|story-?content|entry-?content|post-?content|articlebody`)

// cleanTree removes page furniture from the tree under n, in place.
func cleanTree(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode:
			n.RemoveChild(c)
		case html.ElementNode:
			if isFurniture(c) {
				n.RemoveChild(c)
			} else {
				cleanTree(c)
			}
		}
		c = next
	}
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
	if classID == "" {
		return false
	}
	return furnitureRE.MatchString(classID) && !keepRE.MatchString(classID)
}
