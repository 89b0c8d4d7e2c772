package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sectorpulse/sectorpulse/store"
)

// hkCloseAnswer is an answer about testdata/hk-close.html; the Meituan
// item quotes text the article does not hold.
const hkCloseAnswer = `{"overall":{"sentiment":0.6,"confidence":0.8},
 "entities":[
  {"name":"Alibaba Group","kind":"company","ticker":"9988.HK","sentiment":0.8,"confidence":0.9,"relevance":0.8,
   "evidence":"Alibaba surged 6 percent after the company said demand for its cloud services had accelerated"},
  {"name":"NIO","kind":"company","ticker":"","sentiment":-0.6,"confidence":0.8,"relevance":0.6,
   "evidence":"Shares of NIO fell 3 percent after the company cut its delivery forecast"},
  {"name":"Meituan","kind":"company","ticker":"3690.HK","sentiment":0.5,"confidence":0.7,"relevance":0.3,
   "evidence":"Meituan rose 2 percent on strong delivery orders"}],
 "sectors":[{"sector":"auto.ev","sentiment":-0.5,"confidence":0.7,"relevance":0.5,
   "evidence":"the electric vehicle price war was weighing on margins"}],
 "index_moves":[{"index":"HSI","change_pct":3.69,"level":22620.33,
   "evidence":"The Hang Seng Index rose 3.69 percent to 22,620.33 points"}]}`

// fakeOpenAI is an OpenAI-compatible endpoint on loopback; reply writes
// the answer to the n-th request (0-based) given its body.
type fakeOpenAI struct {
	*httptest.Server
	calls atomic.Int64
}

func newFakeOpenAI(t *testing.T, reply func(w http.ResponseWriter, n int, body []byte)) *fakeOpenAI {
	t.Helper()
	f := &fakeOpenAI{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		n := int(f.calls.Add(1) - 1)
		reply(w, n, body)
	}))
	t.Cleanup(f.Close)
	return f
}

// answerWith writes a chat completion carrying content.
func answerWith(w http.ResponseWriter, content string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-cli", "object": "chat.completion", "created": 1740000000, "model": "fake",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]any{"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500},
	})
}

// summaryLine returns the JSON summary log line of a command.
func summaryLine(t *testing.T, stderr, msg string) map[string]any {
	t.Helper()
	for _, line := range strings.Split(stderr, "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) == nil && m["msg"] == msg {
			return m
		}
	}
	t.Fatalf("no %q line in:\n%s", msg, stderr)
	return nil
}

func TestAnalyzeLLMEndToEnd(t *testing.T) {
	srv := newFakeOpenAI(t, func(w http.ResponseWriter, n int, body []byte) { answerWith(w, hkCloseAnswer) })
	db := filepath.Join(t.TempDir(), "sp.db")
	env := map[string]string{"SECTORPULSE_LLM_BASE_URL": srv.URL + "/v1", "SECTORPULSE_LLM_MODEL": "fake-model"}
	if code, _, stderr := cli(t, env, "", "--db", db, "scrape", "--file", "testdata/hk-close.html"); code != ExitOK {
		t.Fatalf("scrape: exit %d: %s", code, stderr)
	}
	// auto picks the LLM because a base URL is configured.
	code, _, stderr := cli(t, env, "", "--db", db, "--log-format", "json", "analyze")
	if code != ExitOK {
		t.Fatalf("analyze: exit %d: %s", code, stderr)
	}
	sum := summaryLine(t, stderr, "analyze finished")
	if sum["analyzer"] != "llm" || sum["analyzed"] != 1.0 || sum["dropped"] != 1.0 ||
		sum["dropped_by_reason"] != "evidence_not_in_text=1" || sum["requests"] != 1.0 || sum["prompt_tokens"] != 1200.0 {
		t.Errorf("summary line %v", sum)
	}
	if srv.calls.Load() != 1 {
		t.Fatalf("requests = %d, want 1", srv.calls.Load())
	}

	code, out, stderr := cli(t, nil, "", "--db", db, "export", "mentions", "--format", "csv")
	if code != ExitOK {
		t.Fatalf("export: %s", stderr)
	}
	rows := readCSV(t, out)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		if r[col["analyzer"]] == "llm" {
			got[r[col["entity"]]] = r[col["sentiment"]] + " " + r[col["model"]]
		}
	}
	if len(got) != 2 || got["Alibaba"] != "0.8 fake-model" || got["NIO"] != "-0.6 fake-model" {
		t.Errorf("llm mentions %v, want Alibaba 0.8 and NIO -0.6 (Meituan's fabricated quote dropped)", got)
	}

	// Re-runs send nothing: the article is analysed, and with --reanalyze
	// the answer comes from the cache.
	for _, args := range [][]string{{"analyze"}, {"analyze", "--reanalyze"}, {"run", "--file", "testdata/hk-close.html"}} {
		code, _, stderr := cli(t, env, "", append([]string{"--db", db, "--log-format", "json"}, args...)...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	if srv.calls.Load() != 1 {
		t.Errorf("re-runs made %d more requests, want 0", srv.calls.Load()-1)
	}

	// Compare with the lexicon over the same article.
	if code, _, stderr := cli(t, nil, "", "--db", db, "analyze", "--analyzer", "lexicon"); code != ExitOK {
		t.Fatalf("lexicon: %s", stderr)
	}
	code, out, stderr = cli(t, nil, "", "--db", db, "analyze", "--compare", "llm,lexicon", "--format", "csv")
	if code != ExitOK {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "scope,key,n,agree,kappa,r,mean_a,mean_b,analyzer_a,analyzer_b\n") || !strings.Contains(out, "\nentity,NIO,1,") {
		t.Errorf("comparison:\n%s", out)
	}
}

func TestAnalyzeLLMFailuresAndBudget(t *testing.T) {
	dir := t.TempDir()
	second := []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Mainland chip stocks slide on export curbs | Harbour Wire</title>
<meta property="article:published_time" content="2025-02-17T16:40:00+08:00"></head>
<body><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav><article>
<h1>Mainland chip stocks slide on export curbs</h1>
<p>HONG KONG, Feb 17 (Harbour Wire) - Shares of mainland chipmakers fell on Monday after new export restrictions on advanced lithography tools were announced overnight, the worst session for the group in five months.</p>
<p>Semiconductor Manufacturing International Corp dropped 7 percent and Hua Hong Semiconductor lost 5.4 percent in Hong Kong, while the broader market held steady as banks and insurers edged higher.</p>
<p>Brokers said the curbs could delay capacity expansion plans at several foundries, although some analysts expected domestic equipment makers to win orders as a result.</p>
<p>Turnover on the main board rose to HK$251 billion, and southbound investors were net buyers of local shares for a ninth straight session.</p>
</article><footer>Copyright Harbour Wire</footer></body></html>`)
	secondPath := filepath.Join(dir, "hk-close-2.html")
	if err := os.WriteFile(secondPath, second, 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("malformed answers fail the article, exit 3", func(t *testing.T) {
		srv := newFakeOpenAI(t, func(w http.ResponseWriter, n int, body []byte) {
			if bytes.Contains(body, []byte("five months")) {
				answerWith(w, "I am sorry, I cannot produce JSON today.")
				return
			}
			answerWith(w, hkCloseAnswer)
		})
		db := filepath.Join(t.TempDir(), "sp.db")
		cli(t, nil, "", "--db", db, "scrape", "--file", "testdata/hk-close.html", "--file", secondPath)
		code, _, stderr := cli(t, nil, "", "--db", db, "--log-format", "json", "analyze", "--analyzer", "llm",
			"--llm-base-url", srv.URL+"/v1", "--model", "fake-model")
		if code != ExitPartial {
			t.Fatalf("exit %d, want %d: %s", code, ExitPartial, stderr)
		}
		if !strings.Contains(stderr, "malformed LLM answer") || !strings.Contains(stderr, "analyze_malformed_answer=1") {
			t.Errorf("stderr should name the malformed answer:\n%s", stderr)
		}
		if srv.calls.Load() != 3 {
			t.Errorf("requests = %d, want 3 (one answer, one bad answer and its repair)", srv.calls.Load())
		}
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		counts, err := st.Counts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if counts.Articles != 2 || counts.Analyses != 1 {
			t.Errorf("articles %d analyses %d, want 2 and 1: nothing of the failed article is stored", counts.Articles, counts.Analyses)
		}
	})

	t.Run("a refused key stops the batch, exit 1", func(t *testing.T) {
		srv := newFakeOpenAI(t, func(w http.ResponseWriter, n int, body []byte) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`)
		})
		db := filepath.Join(t.TempDir(), "sp.db")
		cli(t, nil, "", "--db", db, "scrape", "--file", "testdata/hk-close.html", "--file", secondPath)
		code, _, stderr := cli(t, map[string]string{"OPENAI_API_KEY": "sk-wrong-key-000"}, "", "--db", db, "analyze", "--analyzer", "llm",
			"--llm-base-url", srv.URL+"/v1", "--model", "fake-model")
		if code != ExitFailure || !strings.Contains(stderr, "API key was refused") {
			t.Errorf("exit %d, want %d naming the refused key: %s", code, ExitFailure, stderr)
		}
		if srv.calls.Load() != 1 {
			t.Errorf("requests = %d, want 1: a refused key is not retried and stops the batch", srv.calls.Load())
		}
	})

	t.Run("the token budget stops the batch cleanly", func(t *testing.T) {
		srv := newFakeOpenAI(t, func(w http.ResponseWriter, n int, body []byte) { answerWith(w, hkCloseAnswer) })
		db := filepath.Join(t.TempDir(), "sp.db")
		cli(t, nil, "", "--db", db, "scrape", "--file", "testdata/hk-close.html", "--file", secondPath)
		// One request reserves its prompt estimate (about 1,500 with the
		// taxonomy's 41 sectors in the prompt) plus 2,000
		// answer tokens and costs 1,500: a budget of 4,500 allows one.
		code, _, stderr := cli(t, nil, "", "--db", db, "--log-format", "json", "analyze", "--analyzer", "llm",
			"--llm-base-url", srv.URL+"/v1", "--model", "fake-model", "--max-tokens", "4500")
		if code != ExitOK {
			t.Fatalf("exit %d, want 0: %s", code, stderr)
		}
		sum := summaryLine(t, stderr, "analyze finished")
		if sum["analyzed"] != 1.0 || sum["budget_exhausted"] != true || sum["analyze_failed"] != 0.0 || srv.calls.Load() != 1 {
			t.Errorf("summary %v, requests %d", sum, srv.calls.Load())
		}
		warn := summaryLine(t, stderr, "token budget reached; the batch stopped cleanly")
		if warn["left_for_next_run"] != 1.0 {
			t.Errorf("budget warning %v, want left_for_next_run=1", warn)
		}
		if !strings.Contains(stderr, "token budget reached") {
			t.Errorf("no budget warning: %s", stderr)
		}
	})
}
