package scraper

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

func TestPathDate(t *testing.T) {
	tests := []struct {
		url  string
		want time.Time
		ok   bool
	}{
		{"https://a.example/markets/2025/01/14/story", time.Date(2025, 1, 14, 0, 0, 0, 0, time.UTC), true},
		{"https://a.example/news/20250114/1029384.html", time.Date(2025, 1, 14, 0, 0, 0, 0, time.UTC), true},
		{"https://a.example/news/2025-01-14-story.html", time.Date(2025, 1, 14, 0, 0, 0, 0, time.UTC), true},
		{"https://a.example/news/2025/02/30/story", time.Time{}, false},
		{"https://a.example/news/202501145/story", time.Time{}, false},
		{"https://a.example/news/story?d=20250114", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			got, ok := pathDate(mustURL(t, tt.url))
			if ok != tt.ok || !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("got %v, %v, want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestExtractPublishedPrefersPageDate(t *testing.T) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(
		`<html><head><meta name="date" content="2025-01-15 08:00"></head><body></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	got := extractPublished(doc, ldArticle{}, readMeta(doc), mustURL(t, "https://a.example/2025/01/14/story"), dateRules{}).t
	if want := time.Date(2025, 1, 15, 8, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestExtractCanonical(t *testing.T) {
	const page = "https://www.hw.example/markets/2025/01/17/copper-output?utm_source=app"
	const story = "https://www.hw.example/markets/2025/01/17/copper-output"
	tests := []struct {
		name, head, want string
	}{
		{"none", ``, story},
		{"own canonical", `<link rel="canonical" href="/markets/2025/01/17/copper-output">`, story},
		{"home", `<link rel="canonical" href="https://www.hw.example/">`, story},
		{"home without slash", `<link rel="canonical" href="https://hw.example">`, story},
		{"section", `<link rel="canonical" href="/markets/">`, story},
		{"section, og:url wins", `<link rel="canonical" href="/markets/2025"><meta property="og:url" content="https://www.hw.example/markets/2025/01/17/copper-output?ref=og">`, story + "?ref=og"},
		{"og:url is home", `<meta property="og:url" content="https://www.hw.example/">`, story},
		{"sibling with shared prefix", `<link rel="canonical" href="/markets/2025/01/17/copper-output-update">`, story + "-update"},
		{"other host, og:url is the page", `<link rel="canonical" href="https://cms.hw-staging.example/node/1"><meta property="og:url" content="` + story + `">`, story},
		{"other host, syndicated", `<link rel="canonical" href="https://www.origin.example/wire/copper-output">`, "https://www.origin.example/wire/copper-output"},
		{"other host, og:url elsewhere", `<link rel="canonical" href="https://www.origin.example/wire/copper-output"><meta property="og:url" content="https://www.origin.example/wire/copper-output">`, "https://www.origin.example/wire/copper-output"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<html><head>` + tt.head + `</head><body></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			if got := extractCanonical(doc, readMeta(doc), mustURL(t, page)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
