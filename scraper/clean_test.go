package scraper

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestIsFurnitureClass(t *testing.T) {
	tests := []struct {
		attrs string
		want  bool
	}{
		{`class="article-text no-ads"`, false},
		{`class="story main-column"`, false},
		{`class="commentary-body"`, false},
		{`class="download-links"`, false},
		{`class="ad-slot"`, true},
		{`class="ads"`, true},
		{`class="share-bar"`, true},
		{`class="share_tools"`, true},
		{`class="related-links"`, true},
		{`class="wrap comments"`, true},
		{`id="reader-responses"`, true},
		{`id="commentList"`, true},
		{`class="discussion-thread"`, true},
		{`class="related-links article-body"`, false}, // keepRE wins
	}
	for _, tt := range tests {
		t.Run(tt.attrs, func(t *testing.T) {
			n := firstDiv(t, `<div `+tt.attrs+`>x</div>`)
			if got := isFurniture(n); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCleanTreeKeepsMainText checks that an element holding most of the
// page's paragraph text survives cleaning even with a furniture class.
func TestCleanTreeKeepsMainText(t *testing.T) {
	page := `<html><body><div class="share-wrapper">` + storyParagraphs + `</div>
<div class="share-bar"><p>Share this story with a friend by email or on your favourite network.</p></div></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	cleanTree(doc)
	var b strings.Builder
	if err := html.Render(&b, doc); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	if !strings.Contains(got, "Hong Kong shares rose") {
		t.Errorf("story removed: %s", got)
	}
	if strings.Contains(got, "favourite network") {
		t.Errorf("share bar kept: %s", got)
	}
}

func firstDiv(t *testing.T, frag string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(frag))
	if err != nil {
		t.Fatal(err)
	}
	var find func(*html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && n.Data == "div" {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if d := find(c); d != nil {
				return d
			}
		}
		return nil
	}
	d := find(doc)
	if d == nil {
		t.Fatalf("no div in %s", frag)
	}
	return d
}
