package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/store"
)

func TestCohenKappa(t *testing.T) {
	// Rows are A's labels, columns B's: negative, neutral, positive.
	tests := []struct {
		name      string
		conf      [3][3]int
		agree     float64
		kappa     float64
		defined   bool
		tolerance float64
	}{
		// Perfect agreement: d = N = 12, S = 3·3 + 4·4 + 5·5 = 50,
		// kappa = (12·12 − 50)/(144 − 50) = 1.
		{name: "perfect", conf: [3][3]int{{3, 0, 0}, {0, 4, 0}, {0, 0, 5}}, agree: 1, kappa: 1, defined: true},
		// The textbook 2×2 table over negative/positive: N = 50, d = 35,
		// rows 25 and 25, columns 20 and 30; po = 0.7, pe = (25·20 +
		// 25·30)/2500 = 0.5, kappa = (0.7 − 0.5)/(1 − 0.5) = 0.4.
		{name: "two labels", conf: [3][3]int{{15, 0, 10}, {0, 0, 0}, {5, 0, 20}}, agree: 0.7, kappa: 0.4, defined: true},
		// 3×3: N = 25, d = 5 + 6 + 7 = 18, rows 8, 8, 9, columns 6, 10, 9,
		// S = 48 + 80 + 81 = 209; kappa = (25·18 − 209)/(625 − 209) =
		// 241/416.
		{name: "three labels", conf: [3][3]int{{5, 2, 1}, {1, 6, 1}, {0, 2, 7}}, agree: 18.0 / 25, kappa: 241.0 / 416, defined: true},
		// Complete disagreement with balanced margins: d = 0, S = 50,
		// kappa = (0 − 50)/(100 − 50) = −1.
		{name: "opposite", conf: [3][3]int{{0, 0, 5}, {0, 0, 0}, {5, 0, 0}}, agree: 0, kappa: -1, defined: true},
		// Both say neutral every time: pe = 1, kappa undefined.
		{name: "one label only", conf: [3][3]int{{0, 0, 0}, {0, 5, 0}, {0, 0, 0}}, agree: 1},
		{name: "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			agree, kappa, ok := cohenKappa(tt.conf)
			if ok != tt.defined || math.Abs(agree-tt.agree) > 1e-12 || math.Abs(kappa-tt.kappa) > 1e-12 {
				t.Errorf("got agree %v, kappa %v (defined %v), want %v, %v (defined %v)", agree, kappa, ok, tt.agree, tt.kappa, tt.defined)
			}
		})
	}
}

func TestPearson(t *testing.T) {
	tests := []struct {
		name    string
		x, y    []float64
		r       float64
		defined bool
	}{
		// In units of 0.5 and 0.1 around their means: dx = (−1, 0, 1),
		// y·10 = (−2, 0, 3) with mean 1/3, so 3·dy = (−7, −1, 8); sxy =
		// (7 + 0 + 8)/3 = 5, sxx = 2, syy = 114/9, r = 5/√(228/9) = 15/√228.
		{name: "hand case", x: []float64{-0.5, 0, 0.5}, y: []float64{-0.2, 0, 0.3}, r: 15 / math.Sqrt(228), defined: true},
		{name: "perfect", x: []float64{-1, 0, 0.5, 1}, y: []float64{-0.5, 0, 0.25, 0.5}, r: 1, defined: true},
		{name: "inverse", x: []float64{-1, 0, 1}, y: []float64{1, 0, -1}, r: -1, defined: true},
		{name: "two pairs", x: []float64{-1, 1}, y: []float64{-1, 1}},
		{name: "constant side", x: []float64{0.1, 0.1, 0.1}, y: []float64{-1, 0, 1}},
		{name: "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := pearson(tt.x, tt.y)
			if ok != tt.defined || math.Abs(r-tt.r) > 1e-12 || math.IsNaN(r) {
				t.Errorf("got %v (defined %v), want %v (defined %v)", r, ok, tt.r, tt.defined)
			}
		})
	}
}

func TestAgreementUndefined(t *testing.T) {
	// All neutral on both sides (|s| < 0.15) but varying: kappa undefined,
	// r defined.
	ag := agreement("x", []scorePair{{0, 0.1}, {0.05, 0}, {0.1, 0.05}})
	if ag.N != 3 || ag.Agree != 1 || ag.KappaDefined || ag.Kappa != 0 || !ag.RDefined {
		t.Errorf("all neutral: got %+v, want N 3, agree 1, kappa undefined, r defined", ag)
	}
	ag = agreement("", nil)
	if ag != (Agreement{}) {
		t.Errorf("no pairs: got %+v, want the zero Agreement", ag)
	}
}

// undefinedComparison has every kind of undefined value.
func undefinedComparison() *Comparison {
	return &Comparison{A: "lexicon", B: "llm",
		Articles: Agreement{N: 2, Agree: 0.5, Kappa: 1.0 / 3, KappaDefined: true, MeanA: 0.123456, MeanB: -0.2},
		Entities: Agreement{},
		Sectors:  Agreement{N: 3, Agree: 1, R: 0.5, RDefined: true, MeanA: 0.1, MeanB: 0.05},
		ByEntity: nil,
		BySector: []Agreement{{Key: "tech.ai", N: 3, Agree: 1, R: 0.5, RDefined: true, MeanA: 0.1, MeanB: 0.05}},
	}
}

func TestWriteComparisonCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteComparison(&buf, undefinedComparison(), "csv"); err != nil {
		t.Fatal(err)
	}
	want := `scope,key,n,agree,kappa,r,mean_a,mean_b,analyzer_a,analyzer_b
articles,,2,0.5,0.333333,,0.1235,-0.2,lexicon,llm
entities,,0,,,,,,lexicon,llm
sectors,,3,1,,0.5,0.1,0.05,lexicon,llm
sector,tech.ai,3,1,,0.5,0.1,0.05,lexicon,llm
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteComparisonJSONL(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteComparison(&buf, undefinedComparison(), "jsonl"); err != nil {
		t.Fatal(err)
	}
	want := `{"scope":"articles","key":null,"n":2,"agree":0.5,"kappa":0.333333,"r":null,"mean_a":0.1235,"mean_b":-0.2,"analyzer_a":"lexicon","analyzer_b":"llm"}
{"scope":"entities","key":null,"n":0,"agree":null,"kappa":null,"r":null,"mean_a":null,"mean_b":null,"analyzer_a":"lexicon","analyzer_b":"llm"}
{"scope":"sectors","key":null,"n":3,"agree":1,"kappa":null,"r":0.5,"mean_a":0.1,"mean_b":0.05,"analyzer_a":"lexicon","analyzer_b":"llm"}
{"scope":"sector","key":"tech.ai","n":3,"agree":1,"kappa":null,"r":0.5,"mean_a":0.1,"mean_b":0.05,"analyzer_a":"lexicon","analyzer_b":"llm"}
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteComparisonTable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteComparison(&buf, undefinedComparison(), "table"); err != nil {
		t.Fatal(err)
	}
	want := `a = lexicon, b = llm

articles           n  agree  kappa  r      mean_a  mean_b
                   2  0.500  0.333  -      0.123   -0.200

entities (pooled)  n  agree  kappa  r      mean_a  mean_b
                   0  -      -      -      -       -

sectors (pooled)   n  agree  kappa  r      mean_a  mean_b
                   3  1.000  -      0.500  0.100   0.050

entity             n  agree  kappa  r      mean_a  mean_b

sector             n  agree  kappa  r      mean_a  mean_b
tech.ai            3  1.000  -      0.500  0.100   0.050
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteComparisonUnknownFormat(t *testing.T) {
	if err := WriteComparison(&bytes.Buffer{}, undefinedComparison(), "xml"); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("got %v, want an error naming the format", err)
	}
}

// compareText returns a short market report whose closing desk notes are
// drawn from seed, so that reports with different seeds are not
// near-duplicates.
func compareText(seed uint64) string {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	var notes []string
	for range 60 {
		notes = append(notes, fmt.Sprintf("n%05d", r.IntN(100000)))
	}
	return "Hong Kong stocks moved as semiconductor makers traded on policy news.\n\n" +
		"Alpha Semiconductor moved after guidance. Beta Motors moved on deliveries. Gamma Bank was flat.\n\n" +
		"Desk notes: " + strings.Join(notes, " ") + "."
}

// compareArticle returns an unsaved article numbered n, published n hours
// after 09:00 HKT on 3 March 2025.
func compareArticle(n int) *sectorpulse.Article {
	text := compareText(uint64(n))
	u := fmt.Sprintf("https://news.example.com/compare/%d", n)
	published := time.Date(2025, 3, 3, 9, 0, 0, 0, time.FixedZone("HKT", 8*3600)).Add(time.Duration(n) * time.Hour)
	return &sectorpulse.Article{
		URL: u, CanonicalURL: u, Source: "example-wire", Title: fmt.Sprintf("Markets move (%d)", n),
		PublishedAt: published, FetchedAt: published.Add(10 * time.Minute).UTC(), Language: "en",
		Text: text, ContentHash: sectorpulse.ContentHash(text), Fingerprint: sectorpulse.SimHash(text),
	}
}

// quote returns the Evidence of q in a's Document.
func quote(t *testing.T, a *sectorpulse.Article, q string) sectorpulse.Evidence {
	t.Helper()
	i := strings.Index(a.Document(), q)
	if i < 0 {
		t.Fatalf("quote %q not in article %d", q, a.ID)
	}
	return sectorpulse.Evidence{Quote: q, Start: i, End: i + len(q)}
}

// scores maps an entity name or sector id to a sentiment.
type scores map[string]float64

// saveCompared saves analyzer's analysis of a with the given article,
// entity and sector sentiments; an entity name may carry a "#n" suffix to
// mention it again.
func saveCompared(t *testing.T, db *store.DB, a *sectorpulse.Article, analyzer string, created time.Time, sentiment float64, ents, secs scores) {
	t.Helper()
	an := &sectorpulse.Analysis{ArticleID: a.ID, Analyzer: analyzer, Model: analyzer + "-model", PromptVersion: created.Format("v15h04"),
		CreatedAt: created, Sentiment: sentiment, Confidence: 0.8}
	for name, s := range ents {
		name, _, _ = strings.Cut(name, "#")
		an.Mentions = append(an.Mentions, sectorpulse.Mention{Entity: name, Kind: sectorpulse.KindCompany,
			Sentiment: s, Confidence: 0.8, Relevance: 0.8, Evidence: quote(t, a, "Alpha Semiconductor moved after guidance.")})
	}
	for id, s := range secs {
		an.Sectors = append(an.Sectors, sectorpulse.SectorScore{Sector: id, Sentiment: s, Confidence: 0.8, Relevance: 0.8,
			Evidence: quote(t, a, "semiconductor makers traded")})
	}
	if _, err := db.SaveAnalysis(context.Background(), an); err != nil {
		t.Fatal(err)
	}
}

// compareFixture stores five articles: a1–a3 analysed by lexicon and llm,
// a4 by lexicon only and a5, a near-duplicate of a1, by both.
func compareFixture(t *testing.T) (*store.DB, []*sectorpulse.Article) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "sectorpulse.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	as := []*sectorpulse.Article{compareArticle(1), compareArticle(2), compareArticle(3), compareArticle(4), compareArticle(5)}
	as[4].Fingerprint = as[0].Fingerprint ^ 3
	for _, a := range as {
		if _, err := db.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if as[4].DuplicateOf != as[0].ID {
		t.Fatalf("setup: a5.DuplicateOf = %d, want %d", as[4].DuplicateOf, as[0].ID)
	}
	t0 := time.Date(2025, 3, 4, 1, 0, 0, 0, time.UTC)
	// a1: lexicon mentions Alpha twice (mean 0.4); llm names it in lower
	// case and adds Gamma Bank, which lexicon does not mention.
	saveCompared(t, db, as[0], "lexicon", t0, 0.5,
		scores{"Alpha Semiconductor": 0.6, "Alpha Semiconductor#2": 0.2, "Beta Motors": -0.5},
		scores{"tech.semiconductors": 0.6, "auto.ev": -0.4})
	saveCompared(t, db, as[0], "llm", t0, 0.3,
		scores{"alpha semiconductor": 0.5, "Beta Motors": -0.2, "Gamma Bank": 0},
		scores{"tech.semiconductors": 0.7})
	// a1's older llm analysis is replaced by the one above.
	saveCompared(t, db, as[0], "llm", t0.Add(-time.Hour), -0.9, scores{"Beta Motors": 0.9}, nil)
	saveCompared(t, db, as[1], "lexicon", t0, -0.4,
		scores{"Alpha Semiconductor": -0.3, "Beta Motors": -0.6}, scores{"tech.semiconductors": 0.1})
	saveCompared(t, db, as[1], "llm", t0, -0.2,
		scores{"Alpha Semiconductor": -0.1, "Beta Motors": -0.4}, scores{"tech.semiconductors": 0.1, "auto.ev": -0.3})
	saveCompared(t, db, as[2], "lexicon", t0, 0.1, scores{"Beta Motors": 0.2}, nil)
	saveCompared(t, db, as[2], "llm", t0, 0.6, scores{"Beta Motors": 0}, nil)
	saveCompared(t, db, as[3], "lexicon", t0, 0.9, scores{"Beta Motors": 0.9}, nil)
	saveCompared(t, db, as[4], "lexicon", t0, 0.9, scores{"Beta Motors": 0.9}, scores{"tech.semiconductors": 0.9})
	saveCompared(t, db, as[4], "llm", t0, -0.9, scores{"Beta Motors": -0.9}, scores{"tech.semiconductors": -0.9})
	return db, as
}

// checkAgreement compares got with want, floats within 1e-9.
func checkAgreement(t *testing.T, what string, got, want Agreement) {
	t.Helper()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if got.Key != want.Key || got.N != want.N || !near(got.Agree, want.Agree) ||
		got.KappaDefined != want.KappaDefined || !near(got.Kappa, want.Kappa) ||
		got.RDefined != want.RDefined || !near(got.R, want.R) ||
		!near(got.MeanA, want.MeanA) || !near(got.MeanB, want.MeanB) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func TestCompare(t *testing.T) {
	ctx := context.Background()
	db, as := compareFixture(t)
	c, err := Compare(ctx, db, "lexicon", "llm", store.ExportFilter{Analyzer: "ignored"})
	if err != nil {
		t.Fatal(err)
	}
	if c.A != "lexicon" || c.B != "llm" {
		t.Errorf("analyzers %s, %s; want lexicon, llm", c.A, c.B)
	}
	// Articles a1–a3 (a4 has no llm analysis, a5 is a near-duplicate):
	// lexicon (0.5, −0.4, 0.1) positive, negative, neutral; llm (0.3, −0.2,
	// 0.6) positive, negative, positive. N = 3, d = 2, rows (1, 1, 1),
	// columns (1, 0, 2), S = 3: kappa = (6 − 3)/(9 − 3) = 0.5. In tenths
	// around the means, 3x − 2 = (13, −14, 1) and 3y − 7 = (2, −13, 11):
	// r = 219/√(366·294).
	checkAgreement(t, "articles", c.Articles, Agreement{N: 3, Agree: 2.0 / 3, Kappa: 0.5, KappaDefined: true,
		R: 219 / math.Sqrt(366*294), RDefined: true, MeanA: 0.2 / 3, MeanB: 0.7 / 3})

	// Entity pairs in article order: a1 Alpha (0.4, 0.5), a1 Beta (−0.5,
	// −0.2), a2 Alpha (−0.3, −0.1), a2 Beta (−0.6, −0.4), a3 Beta (0.2, 0).
	// Labels agree on 3 of 5; rows (3, 0, 2), columns (2, 2, 1), S = 8:
	// kappa = (15 − 8)/(25 − 8) = 7/17. Around the means, 5x + 8 = (28,
	// −17, −7, −22, 18) and 5y + 2 = (27, −8, −3, −18, 2): r =
	// 1345/√(1930·1130).
	checkAgreement(t, "entities", c.Entities, Agreement{N: 5, Agree: 0.6, Kappa: 7.0 / 17, KappaDefined: true,
		R: 1345 / math.Sqrt(1930*1130), RDefined: true, MeanA: -0.16, MeanB: -0.04})
	if len(c.ByEntity) != 2 {
		t.Fatalf("by entity: got %+v, want Beta Motors and Alpha Semiconductor", c.ByEntity)
	}
	// Beta: (−0.5, −0.2), (−0.6, −0.4), (0.2, 0); rows (2, 0, 1), columns
	// (2, 1, 0), S = 4: kappa = (6 − 4)/(9 − 4) = 0.4. dx = (−2, −3, 5),
	// dy = (0, −2, 2) tenths: r = 16/√(38·8).
	checkAgreement(t, "Beta Motors", c.ByEntity[0], Agreement{Key: "Beta Motors", N: 3, Agree: 2.0 / 3, Kappa: 0.4,
		KappaDefined: true, R: 16 / math.Sqrt(38*8), RDefined: true, MeanA: -0.3, MeanB: -0.2})
	// Alpha: (0.4, 0.5), (−0.3, −0.1); rows (1, 0, 1), columns (0, 1, 1),
	// S = 1: kappa = (2 − 1)/(4 − 1) = 1/3; two pairs leave r undefined.
	checkAgreement(t, "Alpha Semiconductor", c.ByEntity[1], Agreement{Key: "Alpha Semiconductor", N: 2, Agree: 0.5,
		Kappa: 1.0 / 3, KappaDefined: true, MeanA: 0.05, MeanB: 0.2})

	// Sectors: tech.semiconductors in a1 (0.6, 0.7) and a2 (0.1, 0.1);
	// auto.ev is never scored by both in one article.
	semis := Agreement{Key: "tech.semiconductors", N: 2, Agree: 1, Kappa: 1, KappaDefined: true, MeanA: 0.35, MeanB: 0.4}
	if len(c.BySector) != 1 {
		t.Fatalf("by sector: got %+v, want tech.semiconductors only", c.BySector)
	}
	checkAgreement(t, "tech.semiconductors", c.BySector[0], semis)
	semis.Key = ""
	checkAgreement(t, "sectors", c.Sectors, semis)

	// The time bounds apply: until a3 leaves a1 and a2.
	c, err = Compare(ctx, db, "lexicon", "llm", store.ExportFilter{Until: as[2].PublishedAt})
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles.N != 2 || c.Entities.N != 4 {
		t.Errorf("until a3: %d article and %d entity pairs, want 2 and 4", c.Articles.N, c.Entities.N)
	}

	// Swapping the analyzers swaps the means and keeps the rest.
	c, err = Compare(ctx, db, "llm", "lexicon", store.ExportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	checkAgreement(t, "articles swapped", c.Articles, Agreement{N: 3, Agree: 2.0 / 3, Kappa: 0.5, KappaDefined: true,
		R: 219 / math.Sqrt(366*294), RDefined: true, MeanA: 0.7 / 3, MeanB: 0.2 / 3})

	var buf bytes.Buffer
	for _, format := range []string{"table", "csv", "jsonl"} {
		buf.Reset()
		if err := WriteComparison(&buf, c, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if s := buf.String(); strings.Contains(strings.ToLower(s), "nan") || !strings.Contains(s, "Beta Motors") {
			t.Errorf("%s output:\n%s", format, s)
		}
	}
}

func TestCompareErrors(t *testing.T) {
	ctx := context.Background()
	db, _ := compareFixture(t)
	_, err := Compare(ctx, db, "lexicon", "gpt", store.ExportFilter{})
	if !errors.Is(err, ErrNothingToCompare) || err.Error() != "compare lexicon with gpt: no analyses by gpt: nothing to compare" {
		t.Errorf("no analyses by gpt: got %v", err)
	}
	_, err = Compare(ctx, db, "gpt", "lexicon", store.ExportFilter{})
	if !errors.Is(err, ErrNothingToCompare) || !strings.Contains(err.Error(), "no analyses by gpt") {
		t.Errorf("no analyses by gpt (first): got %v", err)
	}
	// Nothing in range counts as no analyses.
	_, err = Compare(ctx, db, "lexicon", "llm", store.ExportFilter{Since: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if !errors.Is(err, ErrNothingToCompare) || !strings.Contains(err.Error(), "no analyses by lexicon") {
		t.Errorf("nothing in range: got %v", err)
	}
	if _, err := Compare(ctx, db, "llm", "llm", store.ExportFilter{}); err == nil || errors.Is(err, ErrNothingToCompare) {
		t.Errorf("llm with itself: got %v, want an error", err)
	}
}

// memCompare is a CompareStore over rows in memory; it filters by analyzer
// only.
type memCompare struct {
	analyses []store.AnalysisRow
	mentions []store.MentionRow
}

func (m *memCompare) EachAnalysis(ctx context.Context, f store.ExportFilter, fn func(store.AnalysisRow) error) error {
	for _, r := range m.analyses {
		if f.Analyzer == "" || r.Analyzer == f.Analyzer {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *memCompare) EachMention(ctx context.Context, f store.ExportFilter, fn func(store.MentionRow) error) error {
	for _, r := range m.mentions {
		if f.Analyzer == "" || r.Analyzer == f.Analyzer {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *memCompare) EachSectorScore(ctx context.Context, f store.ExportFilter, fn func(store.SectorRow) error) error {
	return nil
}

// Entity names pair ignoring case, keep the first analyzer's spelling, and
// an analyzer's several mentions in one article count as their mean.
func TestCompareEntityNamesFoldCase(t *testing.T) {
	st := &memCompare{
		analyses: []store.AnalysisRow{{ArticleID: 1, Analyzer: "a"}, {ArticleID: 1, Analyzer: "b"}},
		mentions: []store.MentionRow{
			{ArticleID: 1, Analyzer: "a", Entity: "Tencent", Sentiment: 0.2},
			{ArticleID: 1, Analyzer: "a", Entity: "TENCENT", Sentiment: 0.6},
			{ArticleID: 1, Analyzer: "b", Entity: "tencent", Sentiment: -0.2},
			{ArticleID: 2, Analyzer: "b", Entity: "Tencent", Sentiment: 0.5}, // other article: no pair
		},
	}
	c, err := Compare(context.Background(), st, "a", "b", store.ExportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// One pair, positive against negative: po = pe = 0, so kappa = 0.
	want := Agreement{Key: "Tencent", N: 1, KappaDefined: true, MeanA: 0.4, MeanB: -0.2}
	if len(c.ByEntity) != 1 {
		t.Fatalf("by entity: got %+v, want one Tencent row", c.ByEntity)
	}
	checkAgreement(t, "Tencent", c.ByEntity[0], want)
	if c.Sectors.N != 0 || len(c.BySector) != 0 {
		t.Errorf("sectors: got %+v, %+v, want no pairs", c.Sectors, c.BySector)
	}
}
