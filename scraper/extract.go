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
// Extract fails with ErrEmpty when the page is empty or holds less than
// about 25 words of body text.
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

	ld, _ := jsonLDArticle(doc)
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

	for _, n := range doc.Nodes {
		cleanTree(n)
	}
	paras := bodyParagraphs(doc)
	if ldp := ldParagraphs(ld.body); score(ldp) >= minWords && float64(score(ldp)) >= refShare*float64(score(paras)) {
		paras = ldp
	}
	if score(paras) < minWords {
		return nil, fmt.Errorf("extract %s: body text under %d words: %w", pageURL, minWords, ErrEmpty)
	}
	a.Text = joinParagraphs(paras, a.Title)
	a.ContentHash = sectorpulse.ContentHash(a.Text)
	a.Fingerprint = sectorpulse.SimHash(a.Text)
	return a, nil
}

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
