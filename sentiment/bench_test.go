package sentiment

import (
	"context"
	"testing"
)

// BenchmarkLexiconAnalyze measures one analysis of an article of about 800
// words (ns/op and allocs/op are per article).
func BenchmarkLexiconAnalyze(b *testing.B) {
	la := newTestAnalyzer(b)
	a := readArticle(b, "testdata/bench_article.txt")
	ctx := context.Background()
	b.SetBytes(int64(len(a.Document())))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := la.Analyze(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGazetteerFind measures entity search over the same article.
func BenchmarkGazetteerFind(b *testing.B) {
	g, err := DefaultGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	doc := readArticle(b, "testdata/bench_article.txt").Document()
	b.ReportAllocs()
	for b.Loop() {
		g.Find(doc)
	}
}

func TestBenchArticle(t *testing.T) {
	la := newTestAnalyzer(t)
	a := readArticle(t, "testdata/bench_article.txt")
	if n := a.Words(); n < 700 || n > 900 {
		t.Errorf("benchmark article has %d words, want about 800", n)
	}
	an, err := la.Analyze(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, a.Document(), an)
	want := map[string]sign{"Tencent": pos, "JD.com": neg, "China Vanke": neg, "XPeng": neg, "SMIC": pos, "Hang Seng Index": pos}
	for name, s := range want {
		m, ok := findMention(an, name)
		if !ok || signOf(m.Sentiment) != s {
			t.Errorf("%s: got %+v (found %v), want sign %d", name, m, ok, s)
		}
	}
	if len(an.Moves) < 3 {
		t.Errorf("got %d moves, want at least 3 (HSI, HSTECH, HSCEI)", len(an.Moves))
	}
}
