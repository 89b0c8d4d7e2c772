package pipeline

import (
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse/scraper"
	"github.com/sectorpulse/sectorpulse/store"
)

// crawlPages is the number of article pages of the benchmark site.
const crawlPages = 2000

// BenchmarkCrawl2000 measures a whole scrape of a loopback news site of
// 2000 article pages of 4–6 KB named by one RSS feed: robots.txt (a 404,
// so everything is allowed), the feed, every page fetched, extracted and
// stored in a new database with the duplicate and near-duplicate checks.
// The stories are published 100 a day over 20 days, so the syndication
// window of a save holds about 600 stored articles once the store fills
// up. Sub-benchmarks vary the number of pages fetched at once.
//
//	go test -run '^$' -bench Crawl2000 -benchmem -benchtime 2x ./pipeline
func BenchmarkCrawl2000(b *testing.B) {
	site := newCrawlSite(crawlPages)
	srv := httptest.NewServer(site)
	defer srv.Close()
	sources := []Source{{Name: "crawlbench", Kind: KindFeed, Location: srv.URL + "/feed.xml"}}

	for _, conc := range []int{1, 8, 32} {
		b.Run(fmt.Sprintf("concurrency=%d", conc), func(b *testing.B) {
			ctx := context.Background()
			dir := b.TempDir()
			b.SetBytes(site.htmlBytes)
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				b.StopTimer()
				db, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("crawl-%d.db", n)))
				if err != nil {
					b.Fatal(err)
				}
				f := scraper.NewFetcher(scraper.Options{HostRate: -1, IgnoreRobots: false})
				b.StartTimer()
				res, err := Scrape(ctx, f, db, sources, ScrapeOptions{Concurrency: conc})
				b.StopTimer()
				if err != nil {
					b.Fatalf("Scrape: %v", err)
				}
				if res.New != crawlPages || res.NearDuplicates != 0 || res.Failed != 0 {
					b.Fatalf("Scrape: new %d, near-duplicates %d, failed %d (first failures %v); want %d, 0, 0",
						res.New, res.NearDuplicates, res.Failed, res.Failures[:min(3, len(res.Failures))], crawlPages)
				}
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
				n++
				b.StartTimer()
			}
			b.ReportMetric(float64(crawlPages*n)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// crawlSite is a generated news site: /feed.xml names every page of
// /markets/.
type crawlSite struct {
	pages     map[string][]byte // by path
	feed      []byte
	htmlBytes int64 // total size of the article pages
}

func (s *crawlSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/feed.xml" {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(s.feed)
		return
	}
	page, ok := s.pages[r.URL.Path]
	if !ok {
		http.NotFound(w, r) // robots.txt included: everything is allowed
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(page)
}

// newCrawlSite generates a site of n article pages and its feed.
func newCrawlSite(n int) *crawlSite {
	s := &crawlSite{pages: make(map[string][]byte, n)}
	var feed strings.Builder
	feed.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Crawl Bench Wire</title><link>/</link><description>Generated market news</description>
`)
	start := time.Date(2025, 2, 3, 1, 0, 0, 0, time.UTC)
	for i := range n {
		published := start.Add(time.Duration(i) * 24 * time.Hour / 100)
		p := newCrawlStory(i, published)
		path := fmt.Sprintf("/markets/%s/%04d-%s.html", published.Format("2006/01/02"), i, p.slug)
		body := p.html(path)
		s.pages[path] = body
		s.htmlBytes += int64(len(body))
		fmt.Fprintf(&feed, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate></item>\n",
			html.EscapeString(p.headline), path, path, published.Format(time.RFC1123Z))
	}
	feed.WriteString("</channel></rss>\n")
	s.feed = []byte(feed.String())
	return s
}

// crawlStory is one generated wire story.
type crawlStory struct {
	headline, slug, byline string
	published              time.Time
	paragraphs             []string
	related                []string
}

// Word pools of the generated stories. Sentences join several picks, so
// that two stories share few runs of four words.
var (
	crawlCompanies = []string{"Alibaba", "Tencent", "Meituan", "Xiaomi", "BYD", "Geely Automobile", "Li Auto", "NIO",
		"XPeng", "JD.com", "Baidu", "NetEase", "Kuaishou", "SMIC", "Hua Hong Semiconductor", "Lenovo", "CATL",
		"China Mobile", "HSBC", "AIA Group", "Ping An Insurance", "Sunny Optical", "Anta Sports", "Li Ning",
		"Trip.com", "Galaxy Entertainment", "Sands China", "CNOOC", "PetroChina", "Sinopec", "Longfor",
		"China Resources Land", "Haier Smart Home", "Zijin Mining", "China Shenhua", "Bank of China", "ICBC",
		"Hang Seng Bank", "Techtronic Industries", "BeiGene", "Wuxi Biologics", "Innovent", "Pop Mart", "Nongfu Spring"}
	crawlUp      = []string{"rose", "climbed", "gained", "jumped", "advanced", "rallied", "added", "edged up", "surged", "firmed"}
	crawlDown    = []string{"fell", "slipped", "dropped", "declined", "slid", "eased", "lost", "tumbled", "retreated", "sank"}
	crawlOpeners = []string{"after", "as", "when", "while", "even as", "because", "once", "since"}
	crawlActors  = []string{"brokers", "mainland funds", "hedge funds", "retail traders", "pension managers", "analysts",
		"regulators", "state banks", "foreign investors", "index trackers", "insurers", "family offices"}
	crawlActions = []string{"raised targets on", "trimmed holdings of", "piled into", "questioned demand for",
		"cut forecasts for", "bought back", "sold down", "upgraded", "warned about", "added exposure to",
		"debated the outlook for", "rotated out of"}
	crawlThings = []string{"cloud contracts", "chip orders", "smartphone shipments", "electric vans", "food delivery",
		"online games", "lithium supply", "dividend payouts", "property sales", "casino visits", "ad budgets",
		"solar panels", "drug approvals", "travel bookings", "credit costs", "export licences", "data centres",
		"battery recycling", "streaming rights", "port volumes"}
	crawlTimes = []string{"in early trade", "by midday", "into the close", "in the afternoon session", "at the open",
		"after lunch", "in late dealings", "during the auction", "before the break", "in thin volume"}
	crawlQuals = []string{"sharply", "modestly", "briefly", "steadily", "unexpectedly", "again", "slightly", "broadly"}
	crawlFirst = []string{"Wendy", "Daniel", "Grace", "Kevin", "Priya", "Tom", "Mei", "Alan", "Helen", "Joanne",
		"Ravi", "Kelly", "Oscar", "Fiona", "Marcus", "Yuki"}
	crawlLast = []string{"Lau", "Ko", "Ho", "Tam", "Raman", "Chan", "Cheung", "Zhou", "Leung", "Menon", "Wong",
		"Ng", "Fung", "Yip", "Kwan", "Sato"}
	crawlFirms = []string{"Tidewater Securities", "Lion Rock Asset Management", "Harbourfront Capital",
		"Peak Tram Securities", "Shek O Capital", "Junk Bay Investments", "Sai Kung Research", "Star Ferry Partners",
		"Kowloon Bay Advisers", "Repulse Bay Capital"}
	crawlSections = []string{"Markets", "Companies", "Technology", "Economy", "Property", "Autos", "Energy", "Banking",
		"Consumer", "Health", "Opinion", "Data", "Video", "Podcasts", "Newsletters"}
)

// newCrawlStory generates story i, drawing its words from a generator
// seeded by i.
func newCrawlStory(i int, published time.Time) crawlStory {
	r := rand.New(rand.NewPCG(uint64(i), 0xc4a71))
	pick := func(pool []string) string { return pool[r.IntN(len(pool))] }
	pct := func() string { return fmt.Sprintf("%d.%d percent", r.IntN(9), r.IntN(10)) }
	person := func() string { return pick(crawlFirst) + " " + pick(crawlLast) }
	reason := func() string {
		return fmt.Sprintf("%s %s %s %s", pick(crawlOpeners), pick(crawlActors), pick(crawlActions), pick(crawlThings))
	}
	move := func() string {
		verbs := crawlUp
		if r.IntN(2) == 0 {
			verbs = crawlDown
		}
		return fmt.Sprintf("%s %s %s %s %s", pick(crawlCompanies), pick(crawlQuals), pick(verbs), pct(), pick(crawlTimes))
	}
	sentences := []func() string{
		func() string { return fmt.Sprintf("%s %s.", move(), reason()) },
		func() string {
			return fmt.Sprintf("The Hang Seng Index %s %s to %d,%03d.%02d points, while %s.",
				pick(crawlUp), pct(), 18+r.IntN(9), r.IntN(1000), r.IntN(100), move())
		},
		func() string {
			return fmt.Sprintf("\"Demand for %s %s %s, and %s %s %s,\" said %s of %s.", pick(crawlThings),
				pick([]string{"is the story of the quarter", "is harder to call", "looks underpriced", "is a crowded trade", "is turning"}),
				pick(crawlTimes), pick(crawlActors), pick(crawlActions), pick(crawlThings), person(), pick(crawlFirms))
		},
		func() string {
			return fmt.Sprintf("Turnover reached HK$%d billion %s, %d percent %s the 20-day average, %s.",
				80+r.IntN(300), pick(crawlTimes), r.IntN(60), pick([]string{"above", "below"}), reason())
		},
		func() string {
			return fmt.Sprintf("%s said %s would %s %s by %d, %s.", pick(crawlCompanies),
				pick([]string{"it", "its unit", "the group", "management"}),
				pick([]string{"double", "halve", "review", "expand", "spin off", "cut spending on"}),
				pick(crawlThings), 2026+r.IntN(5), reason())
		},
		func() string {
			return fmt.Sprintf("Shares of %s and %s %s %s as %s %s.", pick(crawlCompanies), pick(crawlCompanies),
				pick(crawlQuals), pick(crawlDown), pick(crawlActors), pick(crawlActions)+" "+pick(crawlThings))
		},
	}
	paragraph := func() string {
		var p []string
		for range 2 + r.IntN(3) {
			p = append(p, sentences[r.IntN(len(sentences))]())
		}
		return strings.Join(p, " ")
	}
	s := crawlStory{
		headline:  fmt.Sprintf("%s %s %s; %s", pick(crawlCompanies), pick(crawlUp), pct(), reason()),
		byline:    person(),
		published: published,
	}
	s.slug = strings.ToLower(strings.Join(strings.FieldsFunc(s.headline, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}), "-"))
	for range 6 + r.IntN(5) {
		s.paragraphs = append(s.paragraphs, paragraph())
	}
	for range 5 {
		s.related = append(s.related, fmt.Sprintf("%s %s %s", pick(crawlCompanies), pick(crawlDown), reason()))
	}
	return s
}

// html renders the story as a page at path with a site's navigation,
// related links and footer.
func (s crawlStory) html(path string) []byte {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s | Crawl Bench Wire</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="%s">
<meta name="author" content="%s">
<link rel="canonical" href="%s">
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header class="masthead"><a class="logo" href="/">Crawl Bench Wire</a>
<nav class="sections">`, e(s.headline), s.published.Format(time.RFC3339), e(s.byline), path)
	for _, sec := range crawlSections {
		fmt.Fprintf(&b, `<a href="/%s/">%s</a> `, strings.ToLower(sec), sec)
	}
	fmt.Fprintf(&b, `</nav>
<form class="search" action="/search"><input name="q" placeholder="Search quotes and news"></form>
</header>
<main>
<article class="story">
<h1>%s</h1>
<p class="byline">By %s</p>
<time datetime="%s">%s</time>
`, e(s.headline), e(s.byline), s.published.Format(time.RFC3339), s.published.Format("2 January 2006 15:04 MST"))
	for _, p := range s.paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", e(p))
	}
	b.WriteString(`</article>
<aside class="related"><h2>Related stories</h2><ul>
`)
	for k, rel := range s.related {
		fmt.Fprintf(&b, "<li><a href=\"/markets/related/%d.html\">%s</a></li>\n", k, e(rel))
	}
	b.WriteString(`</ul></aside>
</main>
<footer><p>Crawl Bench Wire is a generated site used in sectorpulse benchmarks.</p>
<a href="/about">About</a> <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body>
</html>
`)
	return []byte(b.String())
}
