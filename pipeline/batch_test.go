package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/scraper"
	"github.com/sectorpulse/sectorpulse/store"
)

// blockingFetcher blocks every fetch until the context ends.
type blockingFetcher struct{ calls atomic.Int32 }

func (b *blockingFetcher) FetchIf(ctx context.Context, u string, _ scraper.Validators) (*scraper.Page, error) {
	b.calls.Add(1)
	<-ctx.Done()
	return nil, fmt.Errorf("fetch %s: %w", u, ctx.Err())
}

func (b *blockingFetcher) FetchRawIf(ctx context.Context, u, _ string, _ scraper.Validators) (*scraper.Page, error) {
	return nil, errors.New("no feeds here")
}

// pageFetcher serves the fixture page for every URL, failing the ones
// listed in fail with a 404.
type pageFetcher struct {
	page  []byte
	fail  map[string]bool
	calls atomic.Int32
}

func newPageFetcher(t *testing.T, fail ...string) *pageFetcher {
	b, err := os.ReadFile("testdata/hk-close.html")
	if err != nil {
		t.Fatal(err)
	}
	f := &pageFetcher{page: b, fail: map[string]bool{}}
	for _, u := range fail {
		f.fail[u] = true
	}
	return f
}

func (p *pageFetcher) FetchIf(ctx context.Context, u string, _ scraper.Validators) (*scraper.Page, error) {
	p.calls.Add(1)
	if p.fail[u] {
		return nil, &scraper.HTTPError{URL: u, StatusCode: 404, Status: "404 Not Found"}
	}
	// Each URL gets its own text so that none is a content duplicate.
	body := strings.Replace(string(p.page), "HONG KONG, Feb 14", "HONG KONG, "+u, 1)
	return &scraper.Page{URL: u, ContentType: "text/html; charset=utf-8", Body: []byte(body), FetchedAt: time.Now()}, nil
}

func (p *pageFetcher) FetchRawIf(ctx context.Context, u, _ string, _ scraper.Validators) (*scraper.Page, error) {
	return nil, errors.New("no feeds here")
}

// memArticles is an in-memory ArticleStore that can fail from the n-th save.
type memArticles struct {
	mu     sync.Mutex
	saved  map[string]bool
	saves  int
	failAt int
}

func (m *memArticles) KnownURL(ctx context.Context, u string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.saved[u], nil
}

func (m *memArticles) SaveArticle(ctx context.Context, a *sectorpulse.Article) (store.SaveResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.saves++
	if m.failAt > 0 && m.saves >= m.failAt {
		return store.SaveResult{}, errors.New("disk I/O error")
	}
	if m.saved == nil {
		m.saved = map[string]bool{}
	}
	m.saved[a.URL] = true
	return store.SaveResult{ID: int64(m.saves), Status: store.StatusNew}, nil
}

func urlSources(n int) []Source {
	var s []Source
	for i := range n {
		s = append(s, Source{Kind: KindURL, Location: fmt.Sprintf("https://wire.example/%d.html", i)})
	}
	return s
}

func TestScrapeCountsFailuresByReasonAndGoesOn(t *testing.T) {
	src := urlSources(6)
	f := newPageFetcher(t, src[1].Location, src[4].Location)
	st := &memArticles{}
	var last Event
	res, err := Scrape(context.Background(), f, st, append(src, src[:3]...), ScrapeOptions{Concurrency: 3,
		Progress: func(e Event) { last = e }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Fetched != 4 || res.New != 4 || res.Failed != 2 || res.FailedByReason["http_404"] != 2 {
		t.Errorf("got %+v, want 4 fetched, 4 new, 2 failed by http_404", res)
	}
	for _, fl := range res.Failures {
		if fl.Item != src[1].Location && fl.Item != src[4].Location {
			t.Errorf("failure names %s", fl.Item)
		}
	}
	// Repeated URLs are fetched once and the progress total counts them once.
	if f.calls.Load() != 6 || last.Done != 6 || last.Total != 6 {
		t.Errorf("fetches %d, last event %+v; want 6 of 6", f.calls.Load(), last)
	}

	// A second scrape skips what is stored without fetching it.
	f.calls.Store(0)
	res, err = Scrape(context.Background(), f, st, src, ScrapeOptions{Concurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Duplicate != 4 || res.New != 0 || f.calls.Load() != 2 {
		t.Errorf("second scrape %+v with %d fetches; want 4 duplicates and only the 2 failed URLs fetched", res, f.calls.Load())
	}
}

func TestScrapeStopsOnCancelWithoutBlamingItems(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	f := &blockingFetcher{}
	res, err := Scrape(ctx, f, &memArticles{}, urlSources(500), ScrapeOptions{Concurrency: 4})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "of 500 pages") {
		t.Errorf("error does not say how far it got: %v", err)
	}
	if res.Failed != 0 {
		t.Errorf("%d items blamed for the interruption: %+v", res.Failed, res.Failures)
	}
	if n := f.calls.Load(); n > 8 {
		t.Errorf("%d fetches started after cancel, want at most the 4 workers' (+4)", n)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("goroutines %d before, %d after: workers leaked", before, after)
	}
}

func TestScrapeStopsOnStoreError(t *testing.T) {
	f := newPageFetcher(t)
	res, err := Scrape(context.Background(), f, &memArticles{failAt: 3}, urlSources(200), ScrapeOptions{Concurrency: 4})
	if err == nil || !strings.Contains(err.Error(), "disk I/O error") {
		t.Fatalf("err %v, want the store's error", err)
	}
	if n := f.calls.Load(); n > 12 {
		t.Errorf("%d pages fetched after the database failed; the batch should stop", n)
	}
	if res.New != 2 {
		t.Errorf("new %d, want the 2 saved before the failure", res.New)
	}
}

// evenFails fails the analysis of even article ids.
type evenFails struct{ calls atomic.Int32 }

func (*evenFails) Name() string          { return "fake" }
func (*evenFails) Model() string         { return "fake-1" }
func (*evenFails) PromptVersion() string { return "p1" }
func (e *evenFails) Analyze(ctx context.Context, a *sectorpulse.Article) (*sectorpulse.Analysis, error) {
	e.calls.Add(1)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if a.ID%2 == 0 {
		return nil, errors.New("answer breaks the schema")
	}
	return &sectorpulse.Analysis{PromptTokens: 10, CompletionTokens: 5}, nil
}

// memAnalyses is an in-memory AnalysisStore with n pending articles.
type memAnalyses struct {
	n      int
	saves  atomic.Int32
	failAt int32
	filter store.PendingFilter
}

func (s *memAnalyses) PendingArticles(ctx context.Context, f store.PendingFilter) ([]*sectorpulse.Article, error) {
	s.filter = f
	var out []*sectorpulse.Article
	for i := range s.n {
		out = append(out, &sectorpulse.Article{ID: int64(i + 1), URL: fmt.Sprintf("https://wire.example/%d.html", i+1)})
	}
	return out, nil
}

func (s *memAnalyses) SaveAnalysis(ctx context.Context, an *sectorpulse.Analysis) (int64, error) {
	n := s.saves.Add(1)
	if s.failAt > 0 && n >= s.failAt {
		return 0, errors.New("database is locked")
	}
	return int64(n), nil
}

func (s *memAnalyses) Counts(ctx context.Context) (store.Counts, error) {
	return store.Counts{Articles: s.n + 3}, nil
}

func TestAnalyzeCountsFailuresAndTokens(t *testing.T) {
	an := &evenFails{}
	st := &memAnalyses{n: 10}
	res, err := Analyze(context.Background(), an, st, AnalyzeOptions{Concurrency: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Analyzed != 5 || res.Failed != 5 || res.Skipped != 3 || res.PromptTokens != 50 || res.CompletionTokens != 25 {
		t.Errorf("got %+v, want 5 analysed, 5 failed, 3 skipped, 50+25 tokens", res)
	}
	if st.filter.Analyzer != "fake" || st.filter.Model != "fake-1" || st.filter.PromptVersion != "p1" {
		t.Errorf("pending filter %+v does not carry the analyzer's identity", st.filter)
	}
	for _, fl := range res.Failures {
		if !strings.Contains(fl.Err.Error(), "article ") || !strings.Contains(fl.Err.Error(), "https://wire.example/") {
			t.Errorf("failure does not name the article and URL: %v", fl.Err)
		}
	}
}

func TestAnalyzeStopsOnSaveErrorAndCancel(t *testing.T) {
	an := &evenFails{}
	_, err := Analyze(context.Background(), an, &memAnalyses{n: 100, failAt: 2}, AnalyzeOptions{Concurrency: 3})
	if err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Fatalf("err %v, want the save error", err)
	}
	if n := an.calls.Load(); n > 12 {
		t.Errorf("%d analyses after the database failed", n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	seen := 0
	res, err := Analyze(ctx, &evenFails{}, &memAnalyses{n: 100}, AnalyzeOptions{Concurrency: 2, Progress: func(e Event) {
		if seen++; seen == 5 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if res.Analyzed+res.Failed > 8 {
		t.Errorf("%d articles handled after cancel at 5", res.Analyzed+res.Failed)
	}
	for _, fl := range res.Failures {
		if errors.Is(fl.Err, context.Canceled) {
			t.Errorf("interruption counted as an article failure: %v", fl.Err)
		}
	}
}
