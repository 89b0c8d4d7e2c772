package scraper

import (
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// optionsPage is a story whose layout the generic rules read one way and a
// source's selectors another.
const optionsPage = `<!doctype html><html lang="en"><head>
<title>Markets desk | Harbour Wire</title>
%s
</head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<div class="hdr"><span class="kicker">HONG KONG</span><h1 class="hl">Harbour Wire</h1></div>
<div class="stamp">Posted 09:59, February 15, 2025</div>
<div class="storytext">
<p>Hong Kong's benchmark Hang Seng Index climbed 2.1 percent on Friday as technology shares extended their rally for a third session.</p>
<p>Chipmakers led the advance after a local lab said its new model matched larger rivals at a fraction of the training cost, traders said.</p>
<p>Turnover on the main board rose to 310 billion Hong Kong dollars, the highest in four months, exchange data showed.</p>
</div>
<div class="sidebar"><p>Most read: Ferry fares to rise next month as fuel costs climb across the harbour and beyond the islands.</p></div>
</body></html>`

const stampLine = `<div class="stamp">Posted 09:59, February 15, 2025</div>`

func withHead(head string) string { return strings.Replace(optionsPage, "%s", head, 1) }

func TestExtractWithZoneForTimesWithoutOffset(t *testing.T) {
	hk := time.FixedZone("HKT", 8*3600)
	tests := []struct {
		name       string
		head       string
		loc        *time.Location
		want       time.Time
		source     string
		inferred   bool
		pageURLRaw string
	}{
		{"bare meta time read in the source zone", `<meta name="pubdate" content="2025-02-15 09:59">`, hk,
			time.Date(2025, 2, 15, 9, 59, 0, 0, hk), sectorpulse.DateFromMeta, true, "https://hw.example/a"},
		{"bare meta time without a zone is UTC", `<meta name="pubdate" content="2025-02-15 09:59">`, nil,
			time.Date(2025, 2, 15, 9, 59, 0, 0, time.UTC), sectorpulse.DateFromMeta, true, "https://hw.example/a"},
		{"stated offset wins over the source zone", `<meta property="article:published_time" content="2025-02-15T01:59:00Z">`, hk,
			time.Date(2025, 2, 15, 1, 59, 0, 0, time.UTC), sectorpulse.DateFromMeta, false, "https://hw.example/a"},
		{"JSON-LD first", `<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","datePublished":"2025-02-15T09:59:00+08:00"}</script>`, nil,
			time.Date(2025, 2, 15, 1, 59, 0, 0, time.UTC), sectorpulse.DateFromJSONLD, false, "https://hw.example/a"},
		{"date in the URL is midnight in the source zone", ``, hk,
			time.Date(2025, 2, 14, 0, 0, 0, 0, hk), sectorpulse.DateFromURL, true, "https://hw.example/2025/02/14/story"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := withHead(tt.head)
			if tt.source == sectorpulse.DateFromURL {
				// No date on the page: only the URL's is left.
				page = strings.Replace(page, stampLine, "", 1)
			}
			a, err := ExtractWith(strings.NewReader(page), mustURL(t, tt.pageURLRaw), ExtractOptions{Location: tt.loc})
			if err != nil {
				t.Fatal(err)
			}
			if !a.PublishedAt.Equal(tt.want) || a.DateSource != tt.source || a.DateInferred != tt.inferred {
				t.Errorf("got %v from %q (inferred %v), want %v from %q (inferred %v)",
					a.PublishedAt, a.DateSource, a.DateInferred, tt.want, tt.source, tt.inferred)
			}
		})
	}
}

func TestExtractRejectsDatesAfterTheFetch(t *testing.T) {
	fetched := time.Date(2025, 2, 15, 2, 0, 0, 0, time.UTC)
	// The JSON-LD time is in the future; the meta time is not.
	head := `<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","datePublished":"2025-02-16T09:59:00+08:00"}</script>
<meta property="article:published_time" content="2025-02-15T09:30:00+08:00">`
	a, err := ExtractWith(strings.NewReader(withHead(head)), mustURL(t, "https://hw.example/a"), ExtractOptions{NotAfter: fetched})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 2, 15, 1, 30, 0, 0, time.UTC); !a.PublishedAt.Equal(want) || a.DateSource != sectorpulse.DateFromMeta {
		t.Errorf("got %v from %q, want %v from meta", a.PublishedAt, a.DateSource, want)
	}

	// A bare time read as UTC lands eight hours ahead of a fetch made in
	// Hong Kong minutes after publication: rejected, not stored as future.
	head = `<meta name="pubdate" content="2025-02-15 09:59">`
	fetched = time.Date(2025, 2, 15, 2, 5, 0, 0, time.UTC)
	a, err = ExtractWith(strings.NewReader(withHead(head)), mustURL(t, "https://hw.example/a"), ExtractOptions{NotAfter: fetched})
	if err != nil {
		t.Fatal(err)
	}
	if !a.PublishedAt.IsZero() || a.DateSource != sectorpulse.DateRejectedFuture {
		t.Errorf("got %v from %q, want no date and source %q", a.PublishedAt, a.DateSource, sectorpulse.DateRejectedFuture)
	}
	// The same page with the source's zone configured is fine.
	a, err = ExtractWith(strings.NewReader(withHead(head)), mustURL(t, "https://hw.example/a"),
		ExtractOptions{NotAfter: fetched, Location: time.FixedZone("HKT", 8*3600)})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 2, 15, 1, 59, 0, 0, time.UTC); !a.PublishedAt.Equal(want) {
		t.Errorf("with the zone: got %v, want %v", a.PublishedAt, want)
	}
}

func TestExtractPageWithChecksAgainstFetchTime(t *testing.T) {
	p := &Page{URL: "https://hw.example/a", FetchedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		Body: []byte(withHead(`<meta property="article:published_time" content="2025-02-15T09:30:00+08:00">`))}
	a, err := ExtractPageWith(p, ExtractOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.DateSource != sectorpulse.DateRejectedFuture {
		t.Errorf("date source %q, want %q for a page dated after its fetch", a.DateSource, sectorpulse.DateRejectedFuture)
	}
}

func TestExtractWithSelectorsWin(t *testing.T) {
	o := ExtractOptions{
		TitleSelector: ".hdr .kicker",
		BodySelector:  ".storytext, .sidebar",
		DateSelector:  ".stamp",
		Location:      time.FixedZone("HKT", 8*3600),
	}
	a, err := ExtractWith(strings.NewReader(withHead("")), mustURL(t, "https://hw.example/a"), o)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "HONG KONG" {
		t.Errorf("title %q, want the title selector's text", a.Title)
	}
	if !strings.Contains(a.Text, "Ferry fares") || !strings.Contains(a.Text, "Turnover on the main board") {
		t.Errorf("text lacks what the body selector names:\n%s", a.Text)
	}
	if want := time.Date(2025, 2, 15, 9, 59, 0, 0, time.FixedZone("HKT", 8*3600)); !a.PublishedAt.Equal(want) || a.DateSource != sectorpulse.DateFromSelector {
		t.Errorf("got %v from %q, want %v from the selector", a.PublishedAt, a.DateSource, want)
	}

	// The generic rules leave the sidebar out.
	g, err := ExtractWith(strings.NewReader(withHead("")), mustURL(t, "https://hw.example/a"), ExtractOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(g.Text, "Ferry fares") {
		t.Errorf("generic text kept the sidebar:\n%s", g.Text)
	}
	// A selector that no longer matches (the site was redesigned) falls
	// back to the generic rules instead of failing.
	o.BodySelector = ".article-body-v2"
	b, err := ExtractWith(strings.NewReader(withHead("")), mustURL(t, "https://hw.example/a"), o)
	if err != nil {
		t.Fatal(err)
	}
	if b.Text != g.Text {
		t.Errorf("stale selector: got\n%s\nwant the generic text\n%s", b.Text, g.Text)
	}
}

func TestCheckSelector(t *testing.T) {
	if err := CheckSelector("div.story > p, .body"); err != nil {
		t.Errorf("valid selector: %v", err)
	}
	err := CheckSelector("div[class=")
	if err == nil || !strings.Contains(err.Error(), `"div[class="`) {
		t.Errorf("got %v, want an error naming the selector", err)
	}
}

func TestChooseLanguage(t *testing.T) {
	const en = "Hong Kong stocks rose on Friday as technology shares rallied and the benchmark index gained for a third day, while property developers fell on weak sales."
	const zhHans = "香港股市周五上涨，科技股领涨，恒生指数连续第三天上升，而地产发展商因销售疲弱而下跌。市场成交额增加，投资者对人工智能的信心恢复。"
	tests := []struct{ declared, text, want string }{
		{"", en, "en"},
		{"en", en, "en"},
		{"en-GB", en, "en-GB"},          // the page's region is kept
		{"en", zhHans, "zh-Hans"},       // a template's lang="en" on a Chinese story
		{"zh", zhHans, "zh-Hans"},       // refined
		{"fr", "Tencent 0700.HK", "fr"}, // too short to tell: the page's word stands
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := chooseLanguage(tt.declared, tt.text); got != tt.want {
			t.Errorf("chooseLanguage(%q, %.20q…) = %q, want %q", tt.declared, tt.text, got, tt.want)
		}
	}
}
