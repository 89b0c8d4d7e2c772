//go:build unix

package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/sentiment"
	"github.com/sectorpulse/sectorpulse/store"
)

// benchLatency is the fake endpoint's answer time in
// BenchmarkLLMThroughput: about what a hosted model takes for a short
// answer, so that the benchmark shows how far concurrency hides it.
const benchLatency = 200 * time.Millisecond

// benchModel is the model the benchmarks ask for.
const benchModel = "bench-model"

// The sentences every benchmark article carries; benchAnswer quotes them,
// so grounding keeps every item of the answer.
const (
	benchIndexSentence   = "Hong Kong stocks closed higher on Monday, with the Hang Seng Index up 2.15 percent to 23,006.27 points."
	benchTencentSentence = "Tencent rose 3.1 percent after the company said its AI assistant had passed 100 million users."
)

// benchAnswer is a schema-v1 answer whose evidence is quoted from every
// benchmark article.
const benchAnswer = `{"overall":{"sentiment":0.4,"confidence":0.8},` +
	`"entities":[{"name":"Tencent","kind":"company","ticker":"0700.HK","sentiment":0.7,"confidence":0.9,"relevance":0.8,` +
	`"evidence":"Tencent rose 3.1 percent after the company said its AI assistant had passed 100 million users."}],` +
	`"sectors":[{"sector":"tech.internet","sentiment":0.6,"confidence":0.8,"relevance":0.7,` +
	`"evidence":"Tencent rose 3.1 percent after the company said"}],` +
	`"index_moves":[{"index":"HSI","change_pct":2.15,"level":23006.27,` +
	`"evidence":"the Hang Seng Index up 2.15 percent to 23,006.27 points"}]}`

// benchServer is an OpenAI-compatible chat completions endpoint on
// loopback that answers every request with benchAnswer after a fixed
// latency. It reads the whole request but decodes none of it, so that it
// adds as little CPU and allocation as it can to the measured process.
type benchServer struct {
	*httptest.Server
	requests atomic.Int64
	// bad counts requests that were not a chat completion for benchModel.
	bad atomic.Int64
}

func newBenchServer(tb testing.TB, latency time.Duration) *benchServer {
	tb.Helper()
	resp, err := json.Marshal(map[string]any{
		"id": "chatcmpl-bench", "object": "chat.completion", "created": 1740000000, "model": benchModel,
		"choices": []any{map[string]any{
			"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": benchAnswer},
		}},
		"usage": map[string]any{"prompt_tokens": 900, "completion_tokens": 150, "total_tokens": 1050},
	})
	if err != nil {
		tb.Fatal(err)
	}
	wantModel := []byte(`"model":"` + benchModel + `"`)
	s := &benchServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		s.requests.Add(1)
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" || !bytes.Contains(body, wantModel) {
			s.bad.Add(1)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"error":{"message":"no such route or model","type":"invalid_request_error"}}`)
			return
		}
		if latency > 0 {
			t := time.NewTimer(latency)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(resp)
	}))
	tb.Cleanup(s.Close)
	return s
}

// benchText returns an article body with the two quoted sentences and
// desk notes drawn from seed, so that articles with different seeds are
// neither content duplicates nor near-duplicates.
func benchText(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, seed^0xbe4c4))
	notes := make([]string, 0, 60)
	for range 60 {
		notes = append(notes, fmt.Sprintf("n%05d", r.IntN(100000)))
	}
	return "HONG KONG, March 3 (Wire) -- " + benchIndexSentence + "\n\n" +
		benchTencentSentence + "\n\n" +
		fmt.Sprintf("Bench article %d: desk notes ", seed) + strings.Join(notes, " ") + "."
}

// benchSeed numbers benchmark articles across all benchmarks of the
// process.
var benchSeed atomic.Uint64

// openBenchDB opens a fresh database under tb.TempDir holding n new
// articles, none a near-duplicate of another.
func openBenchDB(tb testing.TB, n int) *store.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(tb.TempDir(), "bench.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	published := time.Date(2025, 3, 3, 16, 20, 0, 0, time.FixedZone("HKT", 8*3600))
	for range n {
		seed := benchSeed.Add(1)
		a := &sectorpulse.Article{
			URL:         fmt.Sprintf("https://wire.bench/2025/03/03/%d.html", seed),
			Source:      "wire.bench",
			Title:       fmt.Sprintf("Hong Kong stocks climb as tech rallies (%d)", seed),
			PublishedAt: published,
			FetchedAt:   published.Add(10 * time.Minute).UTC(),
			Language:    "en",
			Text:        benchText(seed),
		}
		res, err := db.SaveArticle(ctx, a)
		if err != nil {
			tb.Fatal(err)
		}
		if res.Status != store.StatusNew || res.DuplicateOf != 0 {
			tb.Fatalf("bench article %d saved as %s (duplicate of %d), want a new original", seed, res.Status, res.DuplicateOf)
		}
	}
	return db
}

// newBenchAnalyzer returns the real LLM analyzer (the go-openai client
// over HTTP) on srv, remembering answers in db; no rate limits, no budget.
func newBenchAnalyzer(tb testing.TB, srv *benchServer, db *store.DB, gaz *sentiment.Gazetteer, tax *sentiment.Taxonomy, concurrency int) *sentiment.LLMAnalyzer {
	tb.Helper()
	a, err := sentiment.NewLLMAnalyzer(sentiment.LLMConfig{
		BaseURL:     srv.URL + "/v1",
		Model:       benchModel,
		Memory:      LLMMemory(db, nil),
		Concurrency: concurrency,
	}, gaz, tax)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

func benchTaxonomies(tb testing.TB) (*sentiment.Gazetteer, *sentiment.Taxonomy) {
	tb.Helper()
	gaz, err := sentiment.DefaultGazetteer()
	if err != nil {
		tb.Fatal(err)
	}
	tax, err := sentiment.DefaultTaxonomy()
	if err != nil {
		tb.Fatal(err)
	}
	return gaz, tax
}

// cpuTime is the user plus system CPU time of the whole process so far.
func cpuTime(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// checkBatch fails the benchmark unless the batch analysed all n
// articles with exactly n requests and grounding kept every item.
func checkBatch(tb testing.TB, res *AnalyzeResult, err error, n int, requests int64, srv *benchServer) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("Analyze: %v", err)
	}
	if res.Analyzed != n || res.Failed != 0 || res.Pending != n {
		tb.Fatalf("analysed %d, failed %d (%v), pending %d; want %d analysed", res.Analyzed, res.Failed, res.Failures, res.Pending, n)
	}
	if requests != int64(n) {
		tb.Fatalf("server received %d requests for %d articles, want one each", requests, n)
	}
	if bad := srv.bad.Load(); bad != 0 {
		tb.Fatalf("server received %d requests that were not chat completions for %s", bad, benchModel)
	}
	if len(res.Dropped) != 0 {
		tb.Fatalf("grounding dropped %v; every item of the answer is quoted from the article", res.Dropped)
	}
}

// BenchmarkLLMThroughput measures articles analysed per second through
// pipeline.Analyze with the real LLM analyzer and store against an
// endpoint that takes 200 ms per answer, at 1, 8 and 32 articles at once.
//
// Each iteration analyses a fresh database of new articles (made with the
// timer stopped), so every article costs one request: the answer cache
// lives in the database and would otherwise answer without one. A fresh
// analyzer per iteration also means fresh HTTP connections, as in a real
// run. Articles per iteration: 10 at c=1 (2 s ideal), c×8 otherwise
// (1.6 s ideal), so -benchtime 1x takes a few seconds per sub-benchmark.
//
// Metrics: articles/s over the timed sections; ideal_articles/s is
// c / 200 ms; pct_of_ideal is their ratio; cpu_ms/article is the
// process's user+system CPU (getrusage) over the timed sections per
// article. That CPU includes the in-process fake server's work (HTTP
// serving, reading the request), SQLite's reads and writes (answer cache,
// endpoint capabilities, analyses) and the garbage collector, not only the
// analyzer's.
func BenchmarkLLMThroughput(b *testing.B) {
	gaz, tax := benchTaxonomies(b)
	for _, c := range []int{1, 8, 32} {
		b.Run(fmt.Sprintf("c=%d", c), func(b *testing.B) {
			n := max(c*8, 16)
			if c == 1 {
				n = 10
			}
			srv := newBenchServer(b, benchLatency)
			ctx := context.Background()
			var (
				wall, cpu time.Duration
				articles  int
			)
			for b.Loop() {
				b.StopTimer()
				srv.CloseClientConnections()
				db := openBenchDB(b, n)
				an := newBenchAnalyzer(b, srv, db, gaz, tax, c)
				before := srv.requests.Load()
				cpu0 := cpuTime(b)
				t0 := time.Now()
				b.StartTimer()

				res, err := Analyze(ctx, an, db, AnalyzeOptions{Concurrency: c})

				b.StopTimer()
				wall += time.Since(t0)
				cpu += cpuTime(b) - cpu0
				checkBatch(b, res, err, n, srv.requests.Load()-before, srv)
				if u := an.Usage(); u.Requests != n {
					b.Fatalf("analyzer counted %d requests, want %d", u.Requests, n)
				}
				articles += n
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			rate := float64(articles) / wall.Seconds()
			ideal := float64(c) / benchLatency.Seconds()
			b.ReportMetric(rate, "articles/s")
			b.ReportMetric(ideal, "ideal_articles/s")
			b.ReportMetric(100*rate/ideal, "pct_of_ideal")
			b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(articles), "cpu_ms/article")
		})
	}
}

// BenchmarkLLMAnalyzeCPU measures the cost of one article through the
// whole LLM path with an endpoint that answers at once: the pending query,
// the cache look-up, building and sending the request with the go-openai
// client, the loopback HTTP round trip, parsing, grounding, caching the
// answer and SaveAnalysis. One op is one article; the b.N articles are
// stored with the timer stopped and analysed in one Analyze call at
// concurrency 1. One article is analysed before the timer starts, so that
// connecting and loading the endpoint's capabilities are not counted.
// Time, CPU and allocations include the in-process fake server's share
// (accepting the request, reading its body, writing the answer) and the
// Go side of the SQLite driver.
func BenchmarkLLMAnalyzeCPU(b *testing.B) {
	gaz, tax := benchTaxonomies(b)
	srv := newBenchServer(b, 0)
	ctx := context.Background()
	b.ReportAllocs()

	b.StopTimer()
	db := openBenchDB(b, b.N+1)
	an := newBenchAnalyzer(b, srv, db, gaz, tax, 1)
	warm, err := Analyze(ctx, an, db, AnalyzeOptions{Concurrency: 1, Limit: 1})
	checkBatch(b, warm, err, 1, srv.requests.Load(), srv)
	before := srv.requests.Load()
	cpu0 := cpuTime(b)
	b.ResetTimer()
	b.StartTimer()

	res, err := Analyze(ctx, an, db, AnalyzeOptions{Concurrency: 1})

	b.StopTimer()
	cpu := cpuTime(b) - cpu0
	checkBatch(b, res, err, b.N, srv.requests.Load()-before, srv)
	// ns/op is wall time, which includes waiting for SQLite's commits;
	// cpu_ms/article is the process's CPU for the same section.
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu_ms/article")
}
