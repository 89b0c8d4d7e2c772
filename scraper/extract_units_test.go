package scraper

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

func mustURL(t testing.TB, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// storyParagraphs is enough story text for Extract to accept a page.
const storyParagraphs = `<p>Hong Kong shares rose on Monday as investors bought technology stocks after a run of strong earnings reports from chipmakers and online platforms.</p>
<p>The benchmark index gained 1.2 percent by the close, with turnover rising to its highest level in a month as mainland investors added to their holdings.</p>`

func TestExtractEmpty(t *testing.T) {
	tests := []struct {
		name string
		page string
	}{
		{"empty", ""},
		{"whitespace", " \n\t "},
		{"no body text", `<html><head><title>Markets</title></head><body><nav><a href="/">Home</a></nav></body></html>`},
		{"too short", `<html><body><article><p>Shares rose.</p><p>More soon.</p></article></body></html>`},
		{"only boilerplate", `<html><body><article><p>Advertisement</p><p>Share this article</p><p>Read more</p></article></body></html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tt.page), mustURL(t, "https://news.example.com/x"))
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("got article %v, err %v, want ErrEmpty", a, err)
			}
			if got := Reason(err); got != "empty" {
				t.Errorf("Reason = %q, want %q", got, "empty")
			}
			if !strings.Contains(err.Error(), "https://news.example.com/x") {
				t.Errorf("error %q does not name the URL", err)
			}
		})
	}
}

func TestExtractChoosesStoryOverTeaser(t *testing.T) {
	page := `<html><body>
<article class="teaser"><h2><a href="/other">Other story</a></h2><p>A short teaser for another story.</p></article>
<div id="story">` + storyParagraphs + `</div></body></html>`
	a, err := Extract(strings.NewReader(page), mustURL(t, "https://news.example.com/x"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "teaser") || !strings.HasPrefix(a.Text, "Hong Kong shares rose") {
		t.Errorf("got text %q, want the story paragraphs only", a.Text)
	}
	if n := strings.Count(a.Text, "\n\n"); n != 1 {
		t.Errorf("got %d paragraph breaks, want 1", n)
	}
}

func TestExtractDropsRepeatedHeadline(t *testing.T) {
	page := `<html><head><title>Stocks rise - Wire</title></head><body><div class="story"><p>Stocks rise</p>` + storyParagraphs + `</div></body></html>`
	a, err := Extract(strings.NewReader(page), mustURL(t, "https://news.example.com/x"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Stocks rise" {
		t.Errorf("got title %q, want %q", a.Title, "Stocks rise")
	}
	if strings.HasPrefix(a.Text, "Stocks rise") {
		t.Errorf("got text %q, want the repeated headline dropped", a.Text)
	}
}

func TestExtractFileURL(t *testing.T) {
	page := `<html><head><link rel="canonical" href="https://www.news.example.com/a/b-c-d"></head><body><article>` + storyParagraphs + `</article></body></html>`
	a, err := Extract(strings.NewReader(page), mustURL(t, "file:///home/me/saved/story.html"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "file" {
		t.Errorf("got source %q, want %q", a.Source, "file")
	}
	if a.URL != "file:///home/me/saved/story.html" {
		t.Errorf("got URL %q, want the file URL", a.URL)
	}
	if a.CanonicalURL != "https://www.news.example.com/a/b-c-d" {
		t.Errorf("got canonical %q, want the page's canonical link", a.CanonicalURL)
	}
}

func TestExtractPage(t *testing.T) {
	fetched := time.Date(2026, 11, 25, 8, 0, 0, 0, time.FixedZone("HKT", 8*3600))
	p := &Page{URL: "https://news.example.com/x", Body: []byte("<html><body><article>" + storyParagraphs + "</article></body></html>"), FetchedAt: fetched}
	a, err := ExtractPage(p)
	if err != nil {
		t.Fatal(err)
	}
	if !a.FetchedAt.Equal(fetched) || a.FetchedAt.Location() != time.UTC {
		t.Errorf("got FetchedAt %v, want %v in UTC", a.FetchedAt, fetched.UTC())
	}
	if a.URL != p.URL {
		t.Errorf("got URL %q, want %q", a.URL, p.URL)
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://WWW.Example.COM:443/a/B?x=1#frag", "https://www.example.com/a/B?x=1"},
		{"http://example.com:80", "http://example.com/"},
		{"http://example.com:8080/a", "http://example.com:8080/a"},
		{"https://example.com/a?utm_source=x&id=7&UTM_Medium=y&fbclid=abc&gclid=def&b=2", "https://example.com/a?id=7&b=2"},
		{"https://example.com/a?utm_source=x", "https://example.com/a"},
		{"file:///tmp/Page.html#x", "file:///tmp/Page.html#x"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := NormalizeURL(mustURL(t, tt.in)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNormalizeLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"zh_HK", "zh-HK"},
		{"zh-hk", "zh-HK"},
		{"EN-us", "en-US"},
		{"en-US", "en-US"},
		{"zh-hant-tw", "zh-Hant-TW"},
		{"es-419", "es-419"},
		{"en, fr", "en"},
		{"", ""},
		{"not a tag", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := normalizeLang(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	hkt := time.FixedZone("", 8*3600)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-11-25T16:42:00+08:00", time.Date(2026, 11, 25, 16, 42, 0, 0, hkt), true},
		{"2026-11-25T16:42:00.123+08:00", time.Date(2026, 11, 25, 16, 42, 0, 123e6, hkt), true},
		{"2026-11-25T16:42:00+0800", time.Date(2026, 11, 25, 16, 42, 0, 0, hkt), true},
		{"2026-11-25T08:42:00Z", time.Date(2026, 11, 25, 8, 42, 0, 0, time.UTC), true},
		{"2026-11-25 16:42:00", time.Date(2026, 11, 25, 16, 42, 0, 0, time.UTC), true},
		{"2026-11-25", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), true},
		{"Wed, 25 Nov 2026 16:42:00 +0800", time.Date(2026, 11, 25, 16, 42, 0, 0, hkt), true},
		{"Tue, 14 Jan 2025 09:30:00 HKT", time.Date(2025, 1, 14, 9, 30, 0, 0, hkt), true},
		{"Tue, 14 Jan 2025 09:30:00 SGT", time.Date(2025, 1, 14, 9, 30, 0, 0, hkt), true},
		{"Tue, 14 Jan 2025 09:30:00 JST", time.Date(2025, 1, 14, 9, 30, 0, 0, time.FixedZone("", 9*3600)), true},
		{"Tue, 14 Jan 2025 09:30:00 KST", time.Date(2025, 1, 14, 9, 30, 0, 0, time.FixedZone("", 9*3600)), true},
		{"Tue, 14 Jan 2025 09:30:00 EST", time.Date(2025, 1, 14, 9, 30, 0, 0, time.FixedZone("", -5*3600)), true},
		{"Mon, 14 Jul 2025 09:30:00 EDT", time.Date(2025, 7, 14, 9, 30, 0, 0, time.FixedZone("", -4*3600)), true},
		{"Mon, 14 Jul 2025 09:30:00 BST", time.Date(2025, 7, 14, 9, 30, 0, 0, time.FixedZone("", 3600)), true},
		{"Tue, 14 Jan 2025 09:30:00 GMT", time.Date(2025, 1, 14, 9, 30, 0, 0, time.UTC), true},
		{"Tue, 14 Jan 2025 09:30:00 UTC", time.Date(2025, 1, 14, 9, 30, 0, 0, time.UTC), true},
		{"Tue, 14 Jan 2025 09:30:00 CST", time.Date(2025, 1, 14, 9, 30, 0, 0, time.UTC), true}, // ambiguous: read as UTC
		{"2025-01-14 09:30:00 HKT", time.Date(2025, 1, 14, 9, 30, 0, 0, hkt), true},
		{"yesterday", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseTime(tt.in)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Fatalf("got %v, %v, want %v, %v", got, ok, tt.want, tt.ok)
			}
			_, gotOff := got.Zone()
			_, wantOff := tt.want.Zone()
			if gotOff != wantOff {
				t.Errorf("got offset %d, want %d (the page's own offset)", gotOff, wantOff)
			}
		})
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct {
		title, site string
		guess       bool
		want        string
	}{
		{"Stocks rise - Harbour Daily", "", true, "Stocks rise"},
		{"Stocks rise | Harbour Daily", "Harbour Daily", false, "Stocks rise"},
		{"Stocks rise | Harbour Daily", "", false, "Stocks rise | Harbour Daily"},
		{"沪指高开高走_南方财经网", "", true, "沪指高开高走"},
		{"Tencent - a long explanation of what the company announced today", "", true, "Tencent - a long explanation of what the company announced today"},
		{"Harbour Daily", "Harbour Daily", true, "Harbour Daily"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got := stripSiteName(tt.title, tt.site, tt.guess); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTextTime(t *testing.T) {
	tests := []struct {
		line  string
		want  string // RFC 3339, "" for no date
		clock bool
	}{
		{"2025-02-14 17:06:41", "2025-02-14T17:06:41Z", true},
		{"Source: Xinhua News Editor: Zhang Wei 2025-02-14 17:06:41", "2025-02-14T17:06:41Z", true},
		{"By Liu Ming (People's Daily Online) 09:59, February 15, 2025", "2025-02-15T09:59:00Z", true},
		{"Feb 18, 2025 04:32 p.m. GMT+8", "2025-02-18T16:32:00+08:00", true},
		{"2025年02月25日 15:42", "2025-02-25T15:42:00Z", true},
		{"2025年2月26日（星期三）11:20", "2025-02-26T11:20:00Z", true},
		{"發布時間：2025/03/10 14:05　來源：香港財經郵報", "2025-03-10T14:05:00Z", true},
		{"Published: 9:59am, 17 Feb 2025 Updated: 2:20pm, 17 Feb 2025", "2025-02-17T09:59:00Z", true},
		{"Updated: 2:20pm, 17 Feb 2025 | Published: 9:59am, 17 Feb 2025", "2025-02-17T09:59:00Z", true},
		{"Mar 12, 2025 · 3:45 PM HKT", "2025-03-12T15:45:00+08:00", true},
		{"February 20, 2025 at 12:31 PM GMT+8 Updated on February 20, 2025 at 4:02 PM GMT+8", "2025-02-20T12:31:00+08:00", true},
		{"12:05 a.m., March 1, 2025", "2025-03-01T00:05:00Z", true},
		{"15 Feb 2025 09:59 (Beijing time)", "2025-02-15T09:59:00+08:00", true},
		{"March 21, 2025", "2025-03-21T00:00:00Z", false},
		{"2025-02-30 10:00", "", false},
		{"Copyright © 2000-2025 All Rights Reserved", "", false},
		{"5 min read", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, clock, ok := textTime(tt.line)
			if !ok {
				if tt.want != "" {
					t.Fatalf("got no date, want %s", tt.want)
				}
				return
			}
			if g := got.Format(time.RFC3339); g != tt.want || clock != tt.clock {
				t.Errorf("got %s (clock %v), want %s (clock %v)", g, clock, tt.want, tt.clock)
			}
		})
	}
}

func TestExtractVisiblePublishedTime(t *testing.T) {
	tests := []struct {
		name, head, body, url, want string
	}{
		{
			name: "date line after the headline",
			body: `<div class="hd"><h1>Stocks rise</h1></div><div class="info">By Wang Ying | Updated: 2025-03-04 17:22</div>`,
			url:  "https://news.example.com/x", want: "2025-03-04T17:22:00Z",
		},
		{
			name: "time of day for a date-only meta tag",
			head: `<meta name="publishdate" content="2025-02-15">`,
			body: `<h1>Stocks rise</h1><div class="origin"><span>By Liu Ming</span> <span>09:59, February 15, 2025</span></div>`,
			url:  "https://news.example.com/x", want: "2025-02-15T09:59:00Z",
		},
		{
			name: "date-only meta tag kept when the text names another day",
			head: `<meta name="publishdate" content="2025-02-15">`,
			body: `<h1>Stocks rise</h1><div class="origin">23:10, February 14, 2025</div>`,
			url:  "https://news.example.com/x", want: "2025-02-15T00:00:00Z",
		},
		{
			name: "element named as a date, zone stated",
			body: `<h1>Stocks rise</h1><p class="standfirst">Brokers are told to check collateral every day.</p><p>x</p><p>y</p><p>z</p><span class="pub-date">Feb 18, 2025 04:32 p.m. GMT+8</span>`,
			url:  "https://news.example.com/x", want: "2025-02-18T16:32:00+08:00",
		},
		{
			name: "today's date in the navigation is not the story's",
			body: `<nav><span class="today-date">March 7, 2025</span></nav><h1>Stocks rise</h1>`,
			url:  "https://news.example.com/2025/03/01/stocks-rise", want: "2025-03-01T00:00:00Z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head>` + tt.head + `</head><body>` + tt.body + `<div class="story">` + storyParagraphs + `</div></body></html>`
			a, err := Extract(strings.NewReader(page), mustURL(t, tt.url))
			if err != nil {
				t.Fatal(err)
			}
			if got := a.PublishedAt.Format(time.RFC3339); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestIsBoilerplateCreditsAndNotices(t *testing.T) {
	drop := []string{
		"Reporting by Grace Leung and Tom Hale in Hong Kong; Additional reporting by Li Na in Shanghai; Editing by Sam Holmes",
		"—With assistance from Li Na.",
		"(Web editor: Zhang Wei, Li Na)",
		"Contact reporter Zhang Yu (yuzhang@example.com) and editor Han Wei (weihan@example.com)",
		"(Updates with closing prices in fifth paragraph.)",
		"Get our weekly free Must-Read newsletter.",
		"海量资讯、精准解读，尽在华夏财经APP",
		"The government has pledged to build a supercomputing centre at Cyberport. Photo: Handout",
		"A residential project under construction in Shanghai. [Photo/VCG]",
		"We use cookies and similar technologies to personalise content and ads, provide social media features and analyse our traffic. By continuing to use this site you consent to our use of cookies.",
		"华夏网声明：此消息系转载自华夏网合作媒体，不构成投资建议。",
		"Disclaimer: this article is for information only and is not investment advice.",
		"February 20, 2025",
		"Published: 2025-03-11 06:20",
	}
	keep := []string{
		"Share prices slumped after the company cut its forecast.",
		"Tencent shares rose 3% after it launched a new payments app.",
		"He told investors in a video: shares will rise further this year.",
		"The offer closes on March 20, 2025, the company said.",
		"Editors at the newspaper said the merger would go ahead.",
		"中国证监会声明：将继续推进资本市场改革，维护市场平稳运行。",
		"Reporters were told the listing would raise about HK$12 billion, the largest in the city this year.",
	}
	for _, p := range drop {
		if !isBoilerplate(p) {
			t.Errorf("isBoilerplate(%q) = false, want true", p)
		}
	}
	for _, p := range keep {
		if isBoilerplate(p) {
			t.Errorf("isBoilerplate(%q) = true, want false", p)
		}
	}
}

const paywallLD = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Stocks rise","isAccessibleForFree":%s,"articleBody":"Hong Kong shares rose on Monday as investors bought technology stocks after a run of strong earnings reports from chipmakers and online platforms.\n\nThe benchmark index gained 1.2 percent by the close, with turnover rising to its highest level in a month as mainland investors added to their holdings.\n\nProperty developers lagged, with the sub-index slipping 0.4 percent as investors awaited monthly home sales data from mainland cities later in the week."}</script>`

func TestExtractPaywall(t *testing.T) {
	prompt := `<div class="paywall-prompt"><h3>Subscribe to continue reading</h3><p>Get unlimited access from HK$68 a month.</p></div>`
	full := storyParagraphs + `<p>Property developers lagged, with the sub-index slipping 0.4 percent as investors awaited monthly home sales data from mainland cities later in the week.</p>`
	tests := []struct {
		name, head, body string
		truncated        bool
		wantEnd          string // suffix of the text
	}{
		{"teaser with prompt and full JSON-LD body", fmt.Sprintf(paywallLD, `"False"`),
			`<article><p>Hong Kong shares rose on Monday as investors bought technology stocks after a run of strong earnings reports from chipmakers and online platforms.</p>` + prompt + `</article>`,
			true, "later in the week."},
		{"teaser with prompt and no JSON-LD body", "",
			`<article>` + storyParagraphs + prompt + `</article>`,
			true, "added to their holdings."},
		{"not free, JSON-LD longer, no prompt", fmt.Sprintf(paywallLD, "false"),
			`<article><p>Hong Kong shares rose on Monday as investors bought technology stocks after a run of strong earnings reports from chipmakers and online platforms.</p></article>`,
			true, "later in the week."},
		{"not free but the whole story on the page in paywall paragraphs", fmt.Sprintf(strings.Replace(paywallLD, `,"articleBody"`, `,"x"`, 1), "false"),
			`<div class="body-content">` + strings.ReplaceAll(full, "<p>", `<p class="paywall">`) + `</div>`,
			false, "later in the week."},
		{"free story", "", `<article>` + full + `</article>`, false, "later in the week."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head>` + tt.head + `</head><body>` + tt.body + `</body></html>`
			a, err := Extract(strings.NewReader(page), mustURL(t, "https://news.example.com/x"))
			if err != nil {
				t.Fatal(err)
			}
			if a.Truncated != tt.truncated || !strings.HasSuffix(a.Text, tt.wantEnd) || strings.Contains(a.Text, "Subscribe") {
				t.Errorf("got Truncated %v, text %q; want Truncated %v, text ending %q", a.Truncated, a.Text, tt.truncated, tt.wantEnd)
			}
		})
	}
}

// teaserCards is a list of n headline links, each with a one-sentence
// summary, as on a section front.
func teaserCards(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `<div class="card"><h3><a href="/markets/story-%d">Hong Kong shares extend gains for a %d day as tech rallies</a></h3>`+
			`<p>The benchmark rose again as investors bought chipmakers and online platforms after strong results.</p><span>%d hours ago</span></div>`, i, i, i)
	}
	return b.String()
}

func TestExtractNotArticle(t *testing.T) {
	links := ""
	for i := range 12 {
		links += fmt.Sprintf(`<li><a href="/news/%d.html">港股收市升三百點 科技股領漲第%d日</a><span>2025-03-10</span></li>`, i, i)
	}
	tests := []struct {
		name       string
		page       string
		notArticle bool
	}{
		{"section front of teasers", `<html><body><h1>Markets</h1>` + teaserCards(8) + `</body></html>`, true},
		{"bare list of headline links", `<html><body><ul class="list">` + links + `</ul></body></html>`, true},
		{"teasers on a page that says it is an article", `<html><head><meta property="og:type" content="article"></head><body><h1>Markets</h1>` + teaserCards(8) + `</body></html>`, false},
		{"story above a rail of teasers", `<html><body><h1>Stocks rise</h1><div class="story">` + storyParagraphs + `</div><div class="rail">` + teaserCards(8) + `</div></body></html>`, false},
		{"few teasers", `<html><body><h1>Markets</h1>` + teaserCards(4) + `</body></html>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Extract(strings.NewReader(tt.page), mustURL(t, "https://news.example.com/markets/"))
			if got := errors.Is(err, ErrNotArticle); got != tt.notArticle {
				t.Fatalf("got article %v, err %v; want ErrNotArticle %v", a != nil, err, tt.notArticle)
			}
			if tt.notArticle {
				if !errors.Is(err, ErrEmpty) || Reason(err) != "not_article" {
					t.Errorf("err %v: want it to wrap ErrEmpty with Reason \"not_article\"", err)
				}
				return
			}
			if a != nil && strings.Contains(tt.name, "story") && strings.Contains(a.Text, "hours ago") {
				t.Errorf("got text %q, want the story only", a.Text)
			}
		})
	}
}

func TestExtractRepeatedSiblings(t *testing.T) {
	p1 := `<p>Hong Kong shares rose on Monday as investors bought technology stocks after a run of strong earnings reports from chipmakers and online platforms.</p>`
	p2 := `<p>The benchmark index gained 1.2 percent by the close, with turnover rising to its highest level in a month as mainland investors added to their holdings.</p>`
	p3 := `<p>Property developers lagged, with the sub-index slipping 0.4 percent as investors awaited monthly home sales data from mainland cities later in the week.</p>`
	tests := []struct {
		name, head, body string
		want             []string
		not              string
	}{
		{
			name: "story split around an ad",
			body: `<div class="part">` + p1 + p2 + `</div><div class="ad-box"><p>Advertisement</p></div><div class="part">` + p3 + `</div>`,
			want: []string{"Hong Kong shares rose", "The benchmark index", "Property developers lagged"},
		},
		{
			name: "sibling articles are other stories",
			body: `<article class="story">` + p1 + p2 + `</article><article class="story">` + p3 + `</article>`,
			want: []string{"Hong Kong shares rose", "The benchmark index"},
			not:  "Property developers",
		},
		{
			name: "sibling articles are the updates of a live blog",
			head: `<script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Markets live"}</script>`,
			body: `<article class="update">` + p1 + p2 + `</article><article class="update">` + p3 + `</article>`,
			want: []string{"Hong Kong shares rose", "The benchmark index", "Property developers lagged"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head>` + tt.head + `</head><body>` + tt.body + `</body></html>`
			a, err := Extract(strings.NewReader(page), mustURL(t, "https://news.example.com/x"))
			if err != nil {
				t.Fatal(err)
			}
			paras := strings.Split(a.Text, "\n\n")
			if len(paras) != len(tt.want) {
				t.Fatalf("got %d paragraphs %q, want %d", len(paras), paras, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(paras[i], w) {
					t.Errorf("paragraph %d = %q, want prefix %q", i, paras[i], w)
				}
			}
			if tt.not != "" && strings.Contains(a.Text, tt.not) {
				t.Errorf("text contains %q", tt.not)
			}
		})
	}
}

func TestExtractDropsListCaptions(t *testing.T) {
	page := `<html><body><div class="story">` + storyParagraphs +
		`<h2>Rental reversion still negative</h2><p>Rents on renewed leases were on average 2.5 percent lower than the expiring ones, the trust said.</p>` +
		`<h3>Most read</h3><ul><li><a href="/a">Hong Kong home prices rise for the first time in ten months</a></li><li><a href="/b">Macau casino operators beat forecasts</a></li></ul>` +
		`</div></body></html>`
	a, err := Extract(strings.NewReader(page), mustURL(t, "https://news.example.com/x"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "\n\nRental reversion still negative\n\n") || strings.Contains(a.Text, "Most read") {
		t.Errorf("got text %q, want the subheading kept and the list caption dropped", a.Text)
	}
}
