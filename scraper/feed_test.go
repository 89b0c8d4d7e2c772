package scraper

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseFeed(t *testing.T) {
	hkt := time.FixedZone("", 8*3600)
	tests := []struct {
		file, feedURL string
		want          []FeedItem
	}{
		{"markets.rss", "https://www.harbourwire.example/rss/markets.xml", []FeedItem{
			{URL: "https://www.harbourwire.example/markets/2026/11/25/hang-seng-jumps-chip-rally", Title: "Hang Seng Index jumps 2.1% as chip stocks rally", Published: time.Date(2026, 11, 25, 16, 42, 0, 0, hkt)},
			{URL: "https://www.harbourwire.example/companies/2026/11/20/kowloon-bank-profit-falls", Title: "Kowloon Bank profit falls 12% on bad-loan charges", Published: time.Date(2026, 11, 20, 7, 15, 0, 0, hkt)},
			{URL: "https://www.harbourwire.example/economy/2026/11/19/yuan-steadies-firmer-midpoint", Title: "Yuan steadies as central bank sets firmer midpoint", Published: time.Date(2026, 11, 19, 9, 20, 0, 0, hkt)},
		}},
		{"companies.atom", "https://pearlriverbiz.example/feeds/companies.atom", []FeedItem{
			{URL: "https://pearlriverbiz.example/autos/lantau-motors-cuts-ev-prices-again", Title: "Lantau Motors cuts EV prices again as price war deepens", Published: time.Date(2026, 11, 24, 9, 30, 0, 0, hkt)},
			{URL: "https://pearlriverbiz.example/companies/tsing-yi-logistics-profit-warning", Title: "Tsing Yi Logistics warns profit could halve", Published: time.Date(2026, 11, 21, 8, 5, 0, 0, time.UTC)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "feeds", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := ParseFeed(f, mustURL(t, tt.feedURL))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d items %+v, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if got[i].URL != tt.want[i].URL || got[i].Title != tt.want[i].Title || !got[i].Published.Equal(tt.want[i].Published) {
					t.Errorf("item %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
				_, gotOff := got[i].Published.Zone()
				_, wantOff := tt.want[i].Published.Zone()
				if gotOff != wantOff {
					t.Errorf("item %d: got offset %d, want %d", i, gotOff, wantOff)
				}
			}
		})
	}
}

func TestParseFeedBad(t *testing.T) {
	tests := []struct{ name, body string }{
		{"malformed xml", readTestdata(t, "feeds/broken.rss")},
		{"html page", simplePage},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFeed(strings.NewReader(tt.body), mustURL(t, "https://news.example.com/feed.xml"))
			if !errors.Is(err, ErrBadFeed) {
				t.Fatalf("got %v, want ErrBadFeed", err)
			}
			if got := Reason(err); got != "bad_feed" {
				t.Errorf("got Reason %q, want %q", got, "bad_feed")
			}
			if !strings.Contains(err.Error(), "https://news.example.com/feed.xml") {
				t.Errorf("error %q does not name the feed", err)
			}
		})
	}
}

func TestFetchFeed(t *testing.T) {
	rss := readTestdata(t, "feeds/markets.rss")
	var gotUA string
	mux := http.NewServeMux()
	mux.HandleFunc("/rss/markets.xml", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.UserAgent()
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(rss))
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/rss/markets.xml", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/gone.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	})
	mux.HandleFunc("/big.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(rss + strings.Repeat("<!-- padding -->", 1000)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	f := NewFetcher(Options{Client: srv.Client(), MaxBytes: 8000})
	items, err := f.FetchFeed(context.Background(), srv.URL+"/feed")
	if err != nil {
		t.Fatal(err)
	}
	if gotUA != DefaultUserAgent {
		t.Errorf("got User-Agent %q, want %q", gotUA, DefaultUserAgent)
	}
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3", len(items))
	}
	// The relative link resolves against the final feed URL.
	if want := srv.URL + "/companies/2026/11/20/kowloon-bank-profit-falls"; items[1].URL != want {
		t.Errorf("got %q, want %q", items[1].URL, want)
	}

	errTests := []struct{ path, want string }{
		{"/gone.xml", "http_410"},
		{"/big.xml", "too_large"},
	}
	for _, tt := range errTests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := f.FetchFeed(context.Background(), srv.URL+tt.path)
			if got := Reason(err); got != tt.want {
				t.Errorf("got Reason %q (err %v), want %q", got, err, tt.want)
			}
		})
	}
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseFeedDescriptionAsText(t *testing.T) {
	const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Lantau Motors cuts prices</title><link>https://w.example/a</link>
<description>&lt;p&gt;Lantau Motors cut prices of its two best-selling electric models by up to 8 percent.&lt;/p&gt;&lt;p&gt;Rivals are expected to follow, &lt;a href="/x"&gt;analysts&lt;/a&gt; said.&lt;/p&gt;&lt;div class="share"&gt;Share on WeChat&lt;/div&gt;</description></item>
<item><title>Plain</title><link>https://w.example/b</link><description>  Turnover   rose.  </description></item>
<item><title>Empty</title><link>https://w.example/c</link></item>
</channel></rss>`
	items, err := ParseFeed(strings.NewReader(feed), mustURL(t, "https://w.example/feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Lantau Motors cut prices of its two best-selling electric models by up to 8 percent.\n\nRivals are expected to follow, analysts said.",
		"Turnover rose.",
		"",
	}
	for i, w := range want {
		if items[i].Description != w {
			t.Errorf("item %d description %q, want %q", i, items[i].Description, w)
		}
	}
}
