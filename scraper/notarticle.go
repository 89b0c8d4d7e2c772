package scraper

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNotArticle reports a page that is not a single story: a section
// front, tag page or other list of headlines (see Extract). It wraps
// ErrEmpty, so callers that skip pages without article text skip these too;
// Reason counts them as "not_article".
var ErrNotArticle = fmt.Errorf("not an article page: %w", ErrEmpty)

// minTeasers is the least number of headline-plus-summary units that make a
// page without a long run of story text a list of headlines.
const minTeasers = 6

// minHeadlineLinks is the least number of headline links that make a page
// without body text a list of headlines rather than an empty page.
const minHeadlineLinks = 10

// isHeadlineList reports whether a cleaned page whose body paragraphs weigh
// body is a list of headlines rather than a story. The rule is
// deliberately narrow. The page must not call itself an article (no
// JSON-LD article, checked by the caller, and no og:type "article"), and
// either
//
//   - at least minTeasers runs of text follow a headline link, the
//     headline-and-summary pattern of a section front, and no run of
//     paragraphs between blocks of headline links stands out as a story:
//     none weighs as much as two minimal bodies (2*minWords) or twice the
//     median summary (a story, however many teasers surround it, is one
//     run longer than theirs); or
//   - the body is too short to be an article and the page holds at least
//     minHeadlineLinks headline links: a bare list of links.
func isHeadlineList(doc *goquery.Document, meta metaTags, body int) bool {
	if strings.EqualFold(meta["og:type"], "article") {
		return false
	}
	for _, n := range doc.Nodes {
		maxRun, teasers, links := pageShape(n)
		if len(teasers) >= minTeasers && maxRun < 2*minWords && maxRun < 2*median(teasers) {
			return true
		}
		if body < minWords && links >= minHeadlineLinks {
			return true
		}
	}
	return false
}

// median returns the middle value of xs (the upper one of an even count).
func median(xs []int) int {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// paywallPromptRE matches the short call to action of a paywall that hides
// the rest of a story.
var paywallPromptRE = regexp.MustCompile(`(?i)^(?:` +
	`(?:subscribe|sign in|sign up|log in|login|register|join|become a (?:member|subscriber)|unlock)\b.{0,60}?\b` +
	`(?:to (?:continue|keep) reading|to read (?:the |this )?(?:full|whole|rest|entire|more)|to unlock|for full access)\b.*|` +
	`(?:continue|keep) reading (?:with|by subscribing)\b.*|` +
	`(?:this|the rest of this) (?:article|story|content) is (?:for|only (?:available )?(?:to|for)|exclusive to|reserved for) (?:paying )?(?:subscribers|members)\b.*|` +
	`.{0,10}(?:订阅|訂閱|登录|登錄|登入).{0,10}(?:阅读全文|閱讀全文|继续阅读|繼續閱讀).*` +
	`)$`)

// hasPaywallPrompt reports whether an uncleaned page shows a paywall prompt
// such as "Subscribe to continue reading".
func hasPaywallPrompt(doc *goquery.Document) bool {
	found := false
	doc.Find("h2, h3, h4, h5, h6, p, div, span, strong, a, button").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		n := s.Get(0)
		if n.DataAtom == atom.Div && !isTextDiv(n) {
			return true // its text blocks are checked on their own
		}
		var text, link strings.Builder
		nodeText(n, &text, &link, false)
		t := collapseSpace(text.String())
		found = t != "" && weight(t) <= maxBoilerplateWeight && paywallPromptRE.MatchString(t)
		return !found
	})
	return found
}

// liveBlogWords start class and id tokens of live blog containers.
var liveBlogWords = []string{"liveblog", "live-blog", "live-feed", "live-update"}

// isLiveBlog reports whether a page is a live blog: JSON-LD says
// LiveBlogPosting or an element's class or id names a live blog feed.
func isLiveBlog(doc *goquery.Document, ld ldArticle) bool {
	if ld.liveBlog {
		return true
	}
	found := false
	doc.Find("[class], [id]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		found = namesLiveBlog(s.Get(0))
		return !found
	})
	return found
}

func namesLiveBlog(n *html.Node) bool {
	for _, tok := range classTokens(n) {
		for _, w := range liveBlogWords {
			if strings.HasPrefix(tok, w) {
				return true
			}
		}
	}
	return false
}
