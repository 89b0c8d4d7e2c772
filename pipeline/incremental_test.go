package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/scraper"
	"github.com/sectorpulse/sectorpulse/store"
)

// wireSite is a loopback news site with a feed, a sitemap index, a news
// sitemap and story pages, counting the requests of each path.
type wireSite struct {
	t   *testing.T
	srv *httptest.Server

	mu    sync.Mutex
	hits  map[string]int
	fail  map[string]int // path → status to answer with
	items []wireItem
	// feedETag is the feed's ETag; a request that sends it back gets 304.
	feedETag string
	// childLastMod is the lastmod the index gives the news sitemap.
	childLastMod time.Time
	// jsOnly lists story paths that render their body with JavaScript.
	jsOnly map[string]bool
}

type wireItem struct {
	path  string
	title string
	at    time.Time
}

func newWireSite(t *testing.T, n int) *wireSite {
	t.Helper()
	w := &wireSite{t: t, hits: map[string]int{}, fail: map[string]int{}, jsOnly: map[string]bool{}, feedETag: `"feed-v1"`}
	hkt := time.FixedZone("HKT", 8*3600)
	base := time.Date(2025, 2, 14, 9, 0, 0, 0, hkt)
	for i := range n {
		w.items = append(w.items, wireItem{
			path:  fmt.Sprintf("/markets/2025/02/14/story-%02d", i),
			title: fmt.Sprintf("Harbour stocks note %d: chipmakers and carmakers move", i),
			at:    base.Add(time.Duration(i) * time.Hour),
		})
	}
	w.childLastMod = base.Add(time.Duration(n) * time.Hour)
	w.srv = httptest.NewServer(http.HandlerFunc(w.serve))
	t.Cleanup(w.srv.Close)
	return w
}

func (w *wireSite) url(path string) string { return w.srv.URL + path }

func (w *wireSite) count(path string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits[path]
}

func (w *wireSite) storyCount() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for p, c := range w.hits {
		if strings.HasPrefix(p, "/markets/") {
			n += c
		}
	}
	return n
}

func (w *wireSite) serve(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	w.hits[r.URL.Path]++
	status := w.fail[r.URL.Path]
	items := append([]wireItem(nil), w.items...)
	etag, childMod, js := w.feedETag, w.childLastMod, w.jsOnly[r.URL.Path]
	w.mu.Unlock()
	if status != 0 {
		http.Error(rw, "unavailable", status)
		return
	}
	switch {
	case r.URL.Path == "/rss.xml":
		if r.Header.Get("If-None-Match") == etag {
			rw.WriteHeader(http.StatusNotModified)
			return
		}
		rw.Header().Set("ETag", etag)
		rw.Header().Set("Content-Type", "application/rss+xml")
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire markets</title>`)
		for i := len(items) - 1; i >= 0; i-- {
			it := items[i]
			fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><pubDate>%s</pubDate><description>%s</description></item>`,
				it.title, w.url(it.path), it.at.Format(time.RFC1123Z), storyText(i))
		}
		b.WriteString(`</channel></rss>`)
		rw.Write([]byte(b.String()))
	case r.URL.Path == "/sitemap-index.xml":
		rw.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(rw, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%s</loc><lastmod>%s</lastmod></sitemap>
<sitemap><loc>%s</loc><lastmod>2024-06-30</lastmod></sitemap>
</sitemapindex>`, w.url("/sitemap-news.xml.gz"), childMod.Format(time.RFC3339), w.url("/sitemap-2024-06.xml"))
	case r.URL.Path == "/sitemap-news.xml.gz":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
		for _, it := range items {
			fmt.Fprintf(&b, `<url><loc>%s</loc><news:news><news:publication><news:name>Harbour Wire</news:name><news:language>en</news:language></news:publication><news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>`,
				w.url(it.path), it.at.Format(time.RFC3339), it.title)
		}
		b.WriteString(`</urlset>`)
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write([]byte(b.String()))
		zw.Close()
		rw.Header().Set("Content-Type", "application/x-gzip")
		rw.Write(gz.Bytes())
	case r.URL.Path == "/sitemap-2024-06.xml":
		rw.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(rw, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s</loc><lastmod>2024-06-03</lastmod></url></urlset>`,
			w.url("/markets/2024/06/03/old-story"))
	case strings.HasPrefix(r.URL.Path, "/markets/"):
		i := -1
		for k, it := range items {
			if it.path == r.URL.Path {
				i = k
			}
		}
		if i < 0 {
			http.NotFound(rw, r)
			return
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		if js {
			fmt.Fprintf(rw, `<!doctype html><html><head><title>%s</title></head><body><div id="app"></div><script src="/app.js"></script></body></html>`, items[i].title)
			return
		}
		// The page states its time without an offset: the source's zone
		// (Asia/Hong_Kong) must be applied.
		fmt.Fprintf(rw, `<!doctype html><html lang="en"><head><title>%s | Harbour Wire</title>
<meta name="pubdate" content="%s"></head><body><nav><a href="/">Home</a></nav>
<h1>%s</h1><div class="story">%s</div><aside class="most-read"><p>Most read: ferry fares rise again.</p></aside></body></html>`,
			items[i].title, items[i].at.Format("2006-01-02 15:04"), items[i].title, paragraphs(storyText(i)))
	default:
		http.NotFound(rw, r)
	}
}

// storyText is a distinct market story per index, long enough to be an
// article and different enough not to be a near-duplicate of another.
func storyText(i int) string {
	words := []string{"chipmakers", "carmakers", "lenders", "insurers", "developers", "retailers", "miners", "brokers"}
	return fmt.Sprintf("Shares of %s led Hong Kong's market in session %d as turnover climbed to %d billion Hong Kong dollars. "+
		"Traders said %s had drawn buyers after results beat forecasts by %d percent. "+
		"The Hang Seng Index ended %d points higher while %s lagged on worries about margins and a slower recovery in demand. "+
		"Analysts at several brokers expect volatility to stay high into the week of note %d.",
		words[i%len(words)], i, 100+i*7, words[(i+3)%len(words)], 2+i%9, 50+i*13, words[(i+5)%len(words)], i)
}

func paragraphs(s string) string {
	var b strings.Builder
	for _, sent := range strings.SplitAfter(s, ". ") {
		fmt.Fprintf(&b, "<p>%s</p>", strings.TrimSpace(sent))
	}
	return b.String()
}

func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sectorpulse.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newTestFetcher() *scraper.Fetcher {
	return scraper.NewFetcher(scraper.Options{HostRate: -1, Retries: -1})
}

func scrapeOnce(t *testing.T, db *store.DB, sources []Source, since time.Time) *ScrapeResult {
	t.Helper()
	res, err := Scrape(context.Background(), newTestFetcher(), db, sources, ScrapeOptions{State: db, Since: since,
		Now: func() time.Time { return time.Date(2025, 2, 16, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func hkSource(t *testing.T, kind, loc string) Source {
	t.Helper()
	hk, err := time.LoadLocation("Asia/Hong_Kong")
	if err != nil {
		t.Fatal(err)
	}
	return Source{Name: "harbourwire", Kind: kind, Location: loc, Extract: scraper.ExtractOptions{Location: hk}}
}

func articlesOf(t *testing.T, db *store.DB) map[string]store.ArticleRow {
	t.Helper()
	out := map[string]store.ArticleRow{}
	if err := db.EachArticle(context.Background(), store.ExportFilter{}, func(r store.ArticleRow) error {
		out[r.URL] = r
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFeedConditionalGETCostsNothing(t *testing.T) {
	w := newWireSite(t, 3)
	db := openStore(t)
	src := []Source{hkSource(t, KindFeed, w.url("/rss.xml"))}

	first := scrapeOnce(t, db, src, time.Time{})
	if first.New != 3 || w.storyCount() != 3 {
		t.Fatalf("first run: new %d, story fetches %d; want 3 and 3", first.New, w.storyCount())
	}
	// Dates without an offset were read in the source's zone.
	for _, a := range articlesOf(t, db) {
		if _, off := a.PublishedAt.Zone(); off != 8*3600 || !a.DateInferred || a.DateSource != sectorpulse.DateFromMeta {
			t.Errorf("%s: published %v from %q (inferred %v), want +08:00 from meta, inferred", a.URL, a.PublishedAt, a.DateSource, a.DateInferred)
		}
	}

	second := scrapeOnce(t, db, src, time.Time{})
	if second.NotModified != 1 || second.New != 0 || w.count("/rss.xml") != 2 || w.storyCount() != 3 {
		t.Errorf("second run: not modified %d, new %d, feed requests %d, story fetches %d; want 1, 0, 2, 3",
			second.NotModified, second.New, w.count("/rss.xml"), w.storyCount())
	}
	health, err := db.SourceHealth(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(health) != 1 || health[0].Source != "harbourwire" {
		t.Fatalf("source health %+v, want harbourwire", health)
	}

	// --since ignores the validators and reads the feed in full; every
	// item is stored already, so nothing is fetched again.
	third := scrapeOnce(t, db, src, time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC))
	if third.NotModified != 0 || w.count("/rss.xml") != 3 || third.Duplicate != 3 || w.storyCount() != 3 {
		t.Errorf("backfill: not modified %d, feed requests %d, duplicates %d, story fetches %d; want 0, 3, 3, 3",
			third.NotModified, w.count("/rss.xml"), third.Duplicate, w.storyCount())
	}
}

func TestSitemapIndexCursorAndCap(t *testing.T) {
	w := newWireSite(t, 5)
	db := openStore(t)
	src := hkSource(t, KindSitemap, w.url("/sitemap-index.xml"))
	src.MaxPerRun = 2
	src.LinkPattern = regexp.MustCompile(`/markets/2025/`)

	// Run 1: the cap takes the two newest; the rest waits.
	r1 := scrapeOnce(t, db, []Source{src}, time.Time{})
	if r1.New != 2 || r1.Capped != 3 {
		t.Fatalf("run 1: new %d capped %d, want 2 and 3", r1.New, r1.Capped)
	}
	arts := articlesOf(t, db)
	for _, i := range []int{3, 4} {
		if _, ok := arts[w.url(w.items[i].path)]; !ok {
			t.Errorf("run 1 did not take story %d, one of the two newest", i)
		}
	}
	if w.count("/markets/2024/06/03/old-story") != 0 {
		t.Error("the old archive's story matched no link pattern yet was fetched")
	}
	// Run 2 and 3 take the rest, two at a time; then nothing is left.
	r2 := scrapeOnce(t, db, []Source{src}, time.Time{})
	r3 := scrapeOnce(t, db, []Source{src}, time.Time{})
	if r2.New != 2 || r3.New != 1 || r3.Capped != 0 {
		t.Errorf("runs 2 and 3: new %d and %d (capped %d), want 2 and 1 (0)", r2.New, r3.New, r3.Capped)
	}
	cursor, ok, err := db.Cursor(context.Background(), "harbourwire", w.url("/sitemap-index.xml"))
	if err != nil || !ok {
		t.Fatalf("no cursor after a complete run: %v", err)
	}
	if want := w.items[4].at.UTC().Format(time.RFC3339Nano); cursor != want {
		t.Errorf("cursor %s, want the newest item %s", cursor, want)
	}
	// The 2024 archive is older than the cursor: not read again.
	archiveReads := w.count("/sitemap-2024-06.xml")
	scrapeOnce(t, db, []Source{src}, time.Time{})
	if got := w.count("/sitemap-2024-06.xml"); got != archiveReads {
		t.Errorf("archive sitemap read %d more times after the cursor passed it", got-archiveReads)
	}
	// A backfill reads it again.
	scrapeOnce(t, db, []Source{src}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	if got := w.count("/sitemap-2024-06.xml"); got != archiveReads+1 {
		t.Errorf("backfill did not read the archive sitemap (%d reads, want %d)", got, archiveReads+1)
	}
}

func TestTransientFailureKeepsTheFeedForNextRun(t *testing.T) {
	w := newWireSite(t, 3)
	db := openStore(t)
	src := []Source{hkSource(t, KindFeed, w.url("/rss.xml"))}
	w.mu.Lock()
	w.fail[w.items[1].path] = http.StatusServiceUnavailable
	w.mu.Unlock()

	r1 := scrapeOnce(t, db, src, time.Time{})
	if r1.New != 2 || r1.Failed != 1 || r1.FailedByReason["http_503"] != 1 {
		t.Fatalf("run 1: new %d failed %v, want 2 new and one http_503", r1.New, r1.FailedByReason)
	}
	if _, ok, _ := db.FetchState(context.Background(), w.url("/rss.xml")); ok {
		t.Error("feed validators saved although one of its items failed for a transient reason")
	}
	w.mu.Lock()
	delete(w.fail, w.items[1].path)
	w.mu.Unlock()
	r2 := scrapeOnce(t, db, src, time.Time{})
	if r2.NotModified != 0 || r2.New != 1 {
		t.Errorf("run 2: not modified %d, new %d; want the feed read again and the failed story stored", r2.NotModified, r2.New)
	}
	if _, ok, _ := db.FetchState(context.Background(), w.url("/rss.xml")); !ok {
		t.Error("feed validators not saved after a complete run")
	}
}

func TestJavaScriptPageFallsBackToFeedDescription(t *testing.T) {
	w := newWireSite(t, 2)
	db := openStore(t)
	w.jsOnly[w.items[0].path] = true
	res := scrapeOnce(t, db, []Source{hkSource(t, KindFeed, w.url("/rss.xml"))}, time.Time{})
	if res.New != 2 {
		t.Fatalf("new %d, want 2 (failures %v)", res.New, res.Failures)
	}
	a := articlesOf(t, db)[w.url(w.items[0].path)]
	if !a.Truncated || a.DateSource != sectorpulse.DateFromFeed || !a.PublishedAt.Equal(w.items[0].at) || a.Title != w.items[0].title {
		t.Errorf("JS-only page stored as %+v; want truncated, dated %v from the feed, titled from the feed", a, w.items[0].at)
	}
	if b := articlesOf(t, db)[w.url(w.items[1].path)]; b.Truncated {
		t.Error("a full page was flagged truncated")
	}
}

func TestDirectorySourceReadsEveryPage(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile("testdata/hk-close.html")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, body []byte) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Each copy loses the canonical link (else all three name one URL)
	// and gets its own dateline and closing line.
	canonical := regexp.MustCompile(`(?m)^<link rel="canonical"[^>]*>\n`)
	vary := func(tag string) []byte {
		s := canonical.ReplaceAllString(string(page), "")
		s = strings.Replace(s, "HONG KONG, Feb 14", "HONG KONG, "+tag, 1)
		s = strings.Replace(s, "</article>", "<p>"+storyText(int(tag[len(tag)-1]))+"</p></article>", 1)
		return []byte(s)
	}
	write("a.html", vary("desk a"))
	write("2025/b.htm", vary("desk b"))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(vary("desk c"))
	zw.Close()
	write("2025/c.html.gz", gz.Bytes())
	write("notes.txt", []byte("not a page"))

	db := openStore(t)
	res := scrapeOnce(t, db, []Source{{Name: "archive", Kind: KindFile, Location: dir, Language: "en"}}, time.Time{})
	if res.New != 3 || res.Failed != 0 {
		t.Errorf("new %d failed %d (%v), want 3 pages and no failure", res.New, res.Failed, res.Failures)
	}

	// With a cap, each run moves on to the files not stored yet.
	capped := openStore(t)
	src := Source{Name: "archive", Kind: KindFile, Location: dir, MaxPerRun: 2}
	r1 := scrapeOnce(t, capped, []Source{src}, time.Time{})
	r2 := scrapeOnce(t, capped, []Source{src}, time.Time{})
	if r1.New != 2 || r1.Capped != 1 || r2.New != 1 || r2.Capped != 0 || r2.Duplicate != 2 {
		t.Errorf("capped runs: new %d (capped %d), then new %d (capped %d, stored before %d); want 2 (1), then 1 (0, 2)",
			r1.New, r1.Capped, r2.New, r2.Capped, r2.Duplicate)
	}
}

func TestFailingChildSitemapCostsOnlyItself(t *testing.T) {
	w := newWireSite(t, 3)
	db := openStore(t)
	w.mu.Lock()
	w.fail["/sitemap-2024-06.xml"] = http.StatusInternalServerError
	w.mu.Unlock()
	src := hkSource(t, KindSitemap, w.url("/sitemap-index.xml"))
	res := scrapeOnce(t, db, []Source{src}, time.Time{})
	if res.New != 3 || res.Failed != 1 || res.FailedByReason["http_500"] != 1 {
		t.Fatalf("new %d, failed %v; want the good child's 3 stories and one http_500", res.New, res.FailedByReason)
	}
	if len(res.Failures) != 1 || res.Failures[0].Item != w.url("/sitemap-2024-06.xml") {
		t.Errorf("failures %+v, want the failing child named", res.Failures)
	}
	if _, ok, _ := db.Cursor(context.Background(), "harbourwire", w.url("/sitemap-index.xml")); ok {
		t.Error("cursor saved although a child sitemap failed")
	}
}
