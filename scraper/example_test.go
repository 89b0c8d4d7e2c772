package scraper_test

import (
	"fmt"
	"log"
	"net/url"
	"strings"

	"github.com/sectorpulse/sectorpulse/scraper"
)

func ExampleExtract() {
	page := `<!DOCTYPE html>
<html lang="en">
<head>
<title>Hang Seng closes higher as tech rallies - Harbour Wire</title>
<meta property="article:published_time" content="2026-11-25T16:42:00+08:00">
<link rel="canonical" href="https://www.harbourwire.example/markets/hsi-closes-higher-tech-rally?utm_source=rss">
</head>
<body>
<nav><a href="/">Home</a> <a href="/markets/">Markets</a></nav>
<article>
<h1>Hang Seng closes higher as tech rallies</h1>
<p class="byline">By Grace Leung</p>
<p>Hong Kong stocks rose on Tuesday as technology shares rallied, with the Hang Seng Index closing up 2.1 percent at 20,415.36 points.</p>
<p>Chipmakers led the gains after one raised its full-year revenue forecast.</p>
<p>Advertisement</p>
</article>
</body>
</html>`
	u, _ := url.Parse("https://www.harbourwire.example/markets/hsi-closes-higher-tech-rally")
	a, err := scraper.Extract(strings.NewReader(page), u)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Source)
	fmt.Println(a.CanonicalURL)
	fmt.Println(a.Title)
	fmt.Println(a.Byline)
	fmt.Println(a.PublishedAt)
	fmt.Println(a.Text)
	// Output:
	// harbourwire.example
	// https://www.harbourwire.example/markets/hsi-closes-higher-tech-rally
	// Hang Seng closes higher as tech rallies
	// Grace Leung
	// 2026-11-25 16:42:00 +0800 +0800
	// Hong Kong stocks rose on Tuesday as technology shares rallied, with the Hang Seng Index closing up 2.1 percent at 20,415.36 points.
	//
	// Chipmakers led the gains after one raised its full-year revenue forecast.
}
