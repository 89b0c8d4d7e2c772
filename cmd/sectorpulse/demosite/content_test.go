package demosite

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/sectorpulse/sectorpulse"
)

// template names the outlet style of a page.
func templateOf(p testPage) string {
	switch {
	case p.doc.Find(`script[type="application/ld+json"]`).Length() > 0:
		return "jsonld"
	case p.doc.Find(`meta[property="article:published_time"]`).Length() > 0:
		return "opengraph"
	case p.doc.Find("time[datetime]").Length() > 0:
		return "plain"
	}
	return "unknown"
}

func TestPagesFollowTheirTemplates(t *testing.T) {
	count := map[string]int{}
	langs := map[string]int{}
	for _, p := range embeddedPages(t) {
		tmpl := templateOf(p)
		count[tmpl]++
		t.Run(p.name, func(t *testing.T) {
			lang, _ := p.doc.Find("html").Attr("lang")
			langs[lang]++
			if lang == "" {
				t.Errorf("<html> has no lang")
			}
			if title := p.doc.Find("title").Text(); !strings.HasSuffix(title, " - Sample Wire") || len(title) <= len(" - Sample Wire") {
				t.Errorf("<title> got %q, want \"Headline - Sample Wire\"", title)
			}
			if p.doc.Find("nav a").Length() == 0 {
				t.Errorf("page has no nav links")
			}
			if f := p.doc.Find("footer, #footer").Text(); !strings.Contains(f, "Copyright") && !strings.Contains(f, "©") {
				t.Errorf("footer has no copyright line")
			}
			if len(p.paras) < 3 {
				t.Fatalf("body has %d paragraphs, want >= 3", len(p.paras))
			}
			text := strings.Join(p.paras, "\n\n")
			if strings.HasPrefix(lang, "zh") {
				if n := hanCount(text); n < 250 || n > 900 {
					t.Errorf("Chinese body has %d Han characters, want 250..900", n)
				}
			} else if n := len(strings.Fields(text)); n < 150 || n > 450 {
				t.Errorf("body has %d words, want 150..450", n)
			}
			switch tmpl {
			case "jsonld":
				var ld map[string]any
				raw := p.doc.Find(`script[type="application/ld+json"]`).Text()
				if err := json.Unmarshal([]byte(raw), &ld); err != nil {
					t.Fatalf("JSON-LD: %v", err)
				}
				for _, k := range []string{"headline", "datePublished", "author"} {
					if ld[k] == nil {
						t.Errorf("JSON-LD lacks %s", k)
					}
				}
				if ld["@type"] != "NewsArticle" {
					t.Errorf("JSON-LD @type got %v, want NewsArticle", ld["@type"])
				}
				if _, ok := ld["articleBody"]; ok {
					t.Errorf("JSON-LD carries articleBody; the body must come from the HTML")
				}
			case "opengraph":
				if p.doc.Find("article .story-body p").Length() == 0 {
					t.Errorf("OpenGraph page body is not inside <article>")
				}
				by := strings.TrimSpace(p.doc.Find(".byline").Text())
				if !strings.HasPrefix(by, "By ") && !strings.HasPrefix(lang, "zh") {
					t.Errorf("byline got %q, want \"By NAME\"", by)
				}
			case "plain":
				if p.doc.Find(".related a[href^='/news/']").Length() == 0 || p.doc.Find(".share-bar a").Length() == 0 {
					t.Errorf("plain page lacks related links or share buttons")
				}
			default:
				t.Errorf("page matches none of the three templates")
			}
		})
	}
	for _, tmpl := range []string{"jsonld", "opengraph", "plain"} {
		if count[tmpl] < 10 {
			t.Errorf("%s template used by %d pages, want >= 10", tmpl, count[tmpl])
		}
	}
	if langs["zh-HK"] != 2 {
		t.Errorf("zh-HK pages got %d, want 2", langs["zh-HK"])
	}
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

func TestPublishedDatesCoverTradingDays(t *testing.T) {
	loc := hkLocation(t)
	trading := map[string]bool{}
	for _, d := range hkTradingDays() {
		trading[d] = true
	}
	first := time.Date(2025, 1, 2, 0, 0, 0, 0, loc)
	end := time.Date(2025, 3, 1, 0, 0, 0, 0, loc)
	covered := map[string]bool{}
	weekend, utc := 0, 0
	for _, p := range embeddedPages(t) {
		pub := p.meta.Published
		if pub.Before(first) || !pub.Before(end) {
			t.Errorf("%s: published %v, outside 2025-01-02..2025-02-28 (Hong Kong)", p.name, pub)
		}
		if _, off := pub.Zone(); off == 0 {
			utc++
		}
		local := pub.In(loc)
		day := local.Format(time.DateOnly)
		if wd := local.Weekday(); wd == time.Saturday || wd == time.Sunday {
			weekend++
		}
		if trading[day] {
			covered[day] = true
		}
	}
	if len(covered) < 28 {
		t.Errorf("articles cover %d Hong Kong trading days, want >= 28", len(covered))
	}
	if weekend < 2 {
		t.Errorf("weekend pieces got %d, want >= 2", weekend)
	}
	if utc < 2 {
		t.Errorf("UTC-stamped pieces got %d, want >= 2", utc)
	}
}

// TestSyndicatedCopy checks that exactly one story appears twice, under two
// slugs and two templates, with the same body text, so that the demo shows
// de-duplication by content hash.
func TestSyndicatedCopy(t *testing.T) {
	pages := embeddedPages(t)
	byHash := map[string][]testPage{}
	for _, p := range pages {
		h := sectorpulse.ContentHash(strings.Join(p.paras, "\n\n"))
		byHash[h] = append(byHash[h], p)
	}
	var dups [][]testPage
	for _, group := range byHash {
		if len(group) > 1 {
			dups = append(dups, group)
		}
	}
	if len(dups) != 1 || len(dups[0]) != 2 {
		t.Fatalf("duplicate groups got %d (sizes %v), want exactly one pair", len(dups), dups)
	}
	a, b := dups[0][0], dups[0][1]
	if templateOf(a) == templateOf(b) {
		t.Errorf("syndicated copy %s uses the same template as %s", b.name, a.name)
	}
	canon := func(p testPage) string { v, _ := p.doc.Find(`link[rel="canonical"]`).Attr("href"); return v }
	if ca, cb := canon(a), canon(b); ca != "" && ca == cb {
		t.Errorf("both copies name canonical %q; the copy must be caught by content hash, not canonical URL", ca)
	}
}
