package scraper

import (
	"strings"
	"testing"
)

// longBlock is a larger run of paragraphs that is not the story.
const longBlock = `<p>Another increase, this is the third time in two years. I fly this route every month for work and the surcharge alone now costs more than a hotel night.</p>
<p>Fuel prices went down last autumn and nobody lowered the surcharge then. It only ever moves one way as far as passengers are concerned, which says enough.</p>
<p>I switched to a rival carrier last year after the previous increase and the service was just as good, the seats were better and the price was lower.</p>`

func TestBodyPrefersSemanticCandidate(t *testing.T) {
	tests := []struct {
		name string
		page string
		want string // prefix of the text
		not  string // text that must not appear
	}{
		{
			name: "article beside larger plain block",
			page: `<html><body><article>` + storyParagraphs + `</article><div id="board">` + longBlock + `</div></body></html>`,
			want: "Hong Kong shares rose",
			not:  "surcharge",
		},
		{
			name: "article beside larger comment block",
			page: `<html><body><article>` + storyParagraphs + `</article><div id="reader-responses">` + longBlock + `</div></body></html>`,
			want: "Hong Kong shares rose",
			not:  "surcharge",
		},
		{
			name: "comments without semantic markup",
			page: `<html><body><div id="txt">` + storyParagraphs + `</div><div class="user-comments-list">` + longBlock + `</div></body></html>`,
			want: "Hong Kong shares rose",
			not:  "surcharge",
		},
		{
			name: "short article inside the densest block",
			page: `<html><body><div id="txt">` + longBlock + storyParagraphs +
				`<article><p>Markets in Tokyo also rose on Monday, with exporters leading gains as the yen weakened against the dollar for a third straight session of trading.</p></article></div></body></html>`,
			want: "Another increase",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tt.page), mustURL(t, "https://news.example.com/x"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(a.Text, tt.want) || (tt.not != "" && strings.Contains(a.Text, tt.not)) {
				t.Errorf("got text %q, want it to start with %q", a.Text, tt.want)
			}
		})
	}
}
