package sentiment

import (
	"context"
	"strings"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

// BenchmarkLexiconAnalyze measures one analysis of an article of about 800
// words (ns/op and allocs/op are per article).
func BenchmarkLexiconAnalyze(b *testing.B) {
	benchAnalyze(b, readArticle(b, "testdata/bench_article.txt"))
}

// benchAnalyze measures the lexicon analysis of a.
func benchAnalyze(b *testing.B, a *sectorpulse.Article) {
	la := newTestAnalyzer(b)
	ctx := context.Background()
	b.SetBytes(int64(len(a.Document())))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := la.Analyze(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLexiconAnalyze4KB measures one analysis of a 4 KB article: the
// benchmark article cut at the last sentence end within 4,096 bytes.
// Articles per second per core are 1e9 / ns/op.
func BenchmarkLexiconAnalyze4KB(b *testing.B) {
	a := readArticle(b, "testdata/bench_article.txt")
	doc := a.Document()
	cut := strings.LastIndex(doc[:4096], ". ") + 1
	a.Text = doc[len(a.Title)+2 : cut]
	if n := len(a.Document()); n < 3900 || n > 4096 {
		b.Fatalf("4 KB article has %d bytes", n)
	}
	benchAnalyze(b, a)
}

// BenchmarkDefaultGazetteer measures loading the built-in gazetteer (all
// entity files, compiled into the matcher).
func BenchmarkDefaultGazetteer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		g, err := DefaultGazetteer()
		if err != nil {
			b.Fatal(err)
		}
		if n := len(g.entities); n < 500 {
			b.Fatalf("gazetteer has %d entities, want at least 500", n)
		}
	}
}

// BenchmarkNewLexiconAnalyzer measures building the whole analyzer:
// gazetteer, taxonomy and lexicon.
func BenchmarkNewLexiconAnalyzer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewLexiconAnalyzer(nil, nil); err != nil {
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
