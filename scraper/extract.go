package scraper

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/sectorpulse/sectorpulse"
)

// Extract reads an HTML page and returns the article it holds. It needs no
// network: pageURL is where the page came from and resolves relative links.
//
// The body need not be UTF-8: a page that is not valid UTF-8 is decoded by
// its <meta charset>. Metadata comes from JSON-LD, then meta tags, then the
// markup (see the Article fields); a publication time that states no offset
// is taken as UTC. The body text is the JSON-LD articleBody when it is
// substantial, else the paragraphs of the element that holds the story,
// with navigation, related links and boilerplate lines dropped.
//
// The language is the one the page declares (<html lang>, meta, JSON-LD)
// unless DetectLanguage reads the text confidently as another, or refines
// a bare "zh" into "zh-Hans" or "zh-Hant" (see chooseLanguage).
//
// A page behind a paywall that shows only a teaser with a prompt such as
// "Subscribe to continue reading", or whose JSON-LD says it is not free
// and holds more than the page shows, is marked Truncated; its text is the
// JSON-LD articleBody when the page has one.
//
// Extract fails with ErrEmpty when the page is empty or holds less than
// about 25 words of body text, and with ErrNotArticle (which wraps
// ErrEmpty) when the page is a list of headlines, such as a section front,
// rather than a story. That rule is narrow (see isHeadlineList): the page
// names no JSON-LD article and no og:type "article", and either has at
// least six headline links each followed by a short summary with no run
// of paragraphs that stands out as a story (50 words or more, or twice the
// typical summary), or has less than 25 words of text among at least ten
// headline links. With those two errors (after the page was parsed) the
// returned article holds what was found, for diagnosis (`sectorpulse
// extract` prints it); it is not a story to store.
func Extract(r io.Reader, pageURL *url.URL) (*sectorpulse.Article, error) {
	return ExtractWith(r, pageURL, ExtractOptions{})
}

// ExtractOptions carry a source's extraction settings from the sources
// file.
type ExtractOptions struct {
	// TitleSelector, BodySelector and DateSelector are CSS selectors
	// (validated by CheckSelector) that win over the generic rules: the
	// title is the text of the first element TitleSelector matches, the
	// body the paragraphs of every element BodySelector matches, the date
	// the datetime or content attribute or the text of the first element
	// DateSelector matches. A selector that matches nothing, or a body
	// selector whose elements hold less than about 25 words, leaves the
	// field to the generic rules, so a redesigned page degrades rather
	// than fails.
	TitleSelector, BodySelector, DateSelector string
	// Location is the zone of publication times that state no offset
	// (nil: UTC); such times are marked DateInferred.
	Location *time.Location
	// NotAfter, when not zero, rejects publication times later than it
	// (allowing five minutes of clock skew); ExtractPage sets it to the
	// fetch time.
	NotAfter time.Time
}

// ExtractWith is Extract with a source's settings; see ExtractOptions.
func ExtractWith(r io.Reader, pageURL *url.URL, o ExtractOptions) (*sectorpulse.Article, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("extract %s: read: %w", pageURL, err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("extract %s: empty page: %w", pageURL, ErrEmpty)
	}
	body, err := toUTF8(raw, "")
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", pageURL, err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("extract %s: parse html: %w", pageURL, err)
	}

	ld, hasLD := jsonLDArticle(doc)
	meta := readMeta(doc)
	pub := extractPublished(doc, ld, meta, pageURL, dateRules{selector: o.DateSelector, loc: o.Location, notAfter: o.NotAfter})
	a := &sectorpulse.Article{
		Source:       sourceOf(pageURL),
		CanonicalURL: extractCanonical(doc, meta, pageURL),
		Title:        extractTitle(doc, ld, meta),
		Byline:       extractByline(doc, ld, meta),
		PublishedAt:  pub.t,
		DateSource:   pub.source,
		DateInferred: pub.inferred,
		Language:     extractLanguage(doc, ld, meta),
	}
	if pageURL != nil {
		a.URL = pageURL.String()
	}
	if o.TitleSelector != "" {
		if t := collapseSpace(doc.Find(o.TitleSelector).First().Text()); t != "" {
			a.Title = t
		}
	}
	// The body selector's elements are cleaned on their own, before the
	// page: what the source names is kept even where it looks like
	// furniture (a sidebar class) to the generic rules.
	var selected []para
	if o.BodySelector != "" {
		selected = selectedParagraphs(doc.Find(o.BodySelector).Nodes)
	}

	prompt := hasPaywallPrompt(doc)
	liveBlog := isLiveBlog(doc, ld)
	for _, n := range doc.Nodes {
		cleanTree(n)
	}
	paras := selected
	bySelector := score(paras) >= minWords
	if !bySelector {
		paras = bodyParagraphs(doc, liveBlog)
	}
	shown := score(paras)
	ldp := ldParagraphs(ld.body)
	ldScore := score(ldp)
	if !bySelector && ldScore >= minWords && float64(ldScore) >= refShare*float64(shown) {
		paras = ldp
	}
	// The page shows less than its JSON-LD body: a teaser.
	shorter := ldScore >= minWords && float64(shown) < teaserShare*float64(ldScore)
	a.Truncated = (prompt && (ldScore < minWords || shorter)) || (ld.notFree && shorter)
	if !bySelector && !hasLD && ldScore < minWords && isHeadlineList(doc, meta, score(paras)) {
		a.Text = joinParagraphs(paras, a.Title)
		return a, fmt.Errorf("extract %s: %w", pageURL, ErrNotArticle)
	}
	a.Text = joinParagraphs(paras, a.Title)
	if score(paras) < minWords {
		return a, fmt.Errorf("extract %s: body text under %d words: %w", pageURL, minWords, ErrEmpty)
	}
	a.Language = chooseLanguage(a.Language, a.Title+"\n\n"+a.Text)
	a.ContentHash = sectorpulse.ContentHash(a.Text)
	a.Fingerprint = sectorpulse.SimHash(a.Text)
	return a, nil
}

// overrideConfidence is the detector confidence at which the text's own
// language beats a different one the page declares: templates often say
// lang="en" on every page of a bilingual site.
const overrideConfidence = 0.8

// chooseLanguage picks an article's language from what the page declares
// and what its text reveals (DetectLanguage): the declared tag, unless the
// text is confidently another language, or the declared tag is the bare
// language the detector refines ("zh" read as "zh-Hant").
func chooseLanguage(declared, text string) string {
	detected, conf := DetectLanguage(text)
	switch {
	case detected == "":
		return declared
	case declared == "":
		return detected
	}
	dp, _, dHasSub := strings.Cut(declared, "-")
	tp, _, _ := strings.Cut(detected, "-")
	if strings.EqualFold(dp, tp) {
		if dHasSub {
			return declared
		}
		return detected
	}
	if conf >= overrideConfidence {
		return detected
	}
	return declared
}

// teaserShare is the share of the JSON-LD articleBody's weight below which
// the visible body is a teaser of it.
const teaserShare = 0.9

// selectedParagraphs cleans the elements a body selector matched and
// returns their paragraphs in document order, each element once (an
// element inside another matched one is read with it).
func selectedParagraphs(nodes []*html.Node) []para {
	var out []para
	for i, n := range nodes {
		if slices.ContainsFunc(nodes[:i], func(m *html.Node) bool { return contains(m, n) }) {
			continue
		}
		cleanTree(n)
		out = append(out, collectParagraphs(n)...)
	}
	return out
}

// ExtractPage extracts the article of a fetched or read page and sets its
// FetchedAt from the page.
func ExtractPage(p *Page) (*sectorpulse.Article, error) {
	return ExtractPageWith(p, ExtractOptions{})
}

// ExtractPageWith is ExtractPage with a source's settings; NotAfter
// defaults to the page's fetch time.
func ExtractPageWith(p *Page, o ExtractOptions) (*sectorpulse.Article, error) {
	u, err := url.Parse(p.URL)
	if err != nil {
		return nil, fmt.Errorf("extract %s: bad page url: %w", p.URL, err)
	}
	if o.NotAfter.IsZero() {
		o.NotAfter = p.FetchedAt
	}
	a, err := ExtractWith(bytes.NewReader(p.Body), u, o)
	if a != nil {
		a.FetchedAt = p.FetchedAt.UTC()
	}
	return a, err
}
