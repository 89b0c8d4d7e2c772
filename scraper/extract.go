package scraper

import (
	"bytes"
	"fmt"
	"io"
	"net/url"

	"github.com/PuerkitoBio/goquery"

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
// headline links.
func Extract(r io.Reader, pageURL *url.URL) (*sectorpulse.Article, error) {
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
	a := &sectorpulse.Article{
		Source:       sourceOf(pageURL),
		CanonicalURL: extractCanonical(doc, meta, pageURL),
		Title:        extractTitle(doc, ld, meta),
		Byline:       extractByline(doc, ld, meta),
		PublishedAt:  extractPublished(doc, ld, meta, pageURL),
		Language:     extractLanguage(doc, ld, meta),
	}
	if pageURL != nil {
		a.URL = pageURL.String()
	}

	prompt := hasPaywallPrompt(doc)
	liveBlog := isLiveBlog(doc, ld)
	for _, n := range doc.Nodes {
		cleanTree(n)
	}
	paras := bodyParagraphs(doc, liveBlog)
	shown := score(paras)
	ldp := ldParagraphs(ld.body)
	ldScore := score(ldp)
	if ldScore >= minWords && float64(ldScore) >= refShare*float64(shown) {
		paras = ldp
	}
	// The page shows less than its JSON-LD body: a teaser.
	shorter := ldScore >= minWords && float64(shown) < teaserShare*float64(ldScore)
	a.Truncated = (prompt && (ldScore < minWords || shorter)) || (ld.notFree && shorter)
	if !hasLD && ldScore < minWords && isHeadlineList(doc, meta, score(paras)) {
		return nil, fmt.Errorf("extract %s: %w", pageURL, ErrNotArticle)
	}
	if score(paras) < minWords {
		return nil, fmt.Errorf("extract %s: body text under %d words: %w", pageURL, minWords, ErrEmpty)
	}
	a.Text = joinParagraphs(paras, a.Title)
	a.ContentHash = sectorpulse.ContentHash(a.Text)
	a.Fingerprint = sectorpulse.SimHash(a.Text)
	return a, nil
}

// teaserShare is the share of the JSON-LD articleBody's weight below which
// the visible body is a teaser of it.
const teaserShare = 0.9

// ExtractPage extracts the article of a fetched or read page and sets its
// FetchedAt from the page.
func ExtractPage(p *Page) (*sectorpulse.Article, error) {
	u, err := url.Parse(p.URL)
	if err != nil {
		return nil, fmt.Errorf("extract %s: bad page url: %w", p.URL, err)
	}
	a, err := Extract(bytes.NewReader(p.Body), u)
	if err != nil {
		return nil, err
	}
	a.FetchedAt = p.FetchedAt.UTC()
	return a, nil
}
