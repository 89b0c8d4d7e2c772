package sentiment

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// readArticle reads a fixture: the first line is the title, the rest after
// a blank line the body.
func readArticle(t testing.TB, path string) *sectorpulse.Article {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(strings.TrimRight(string(b), "\n"), "\n\n")
	return &sectorpulse.Article{ID: 42, Title: title, Text: body}
}

type sign int

const (
	neg  sign = -1
	zero sign = 0
	pos  sign = 1
)

func signOf(s float64) sign {
	switch sectorpulse.LabelFor(s) {
	case sectorpulse.LabelPositive:
		return pos
	case sectorpulse.LabelNegative:
		return neg
	}
	return zero
}

func findMention(an *sectorpulse.Analysis, name string) (sectorpulse.Mention, bool) {
	for _, m := range an.Mentions {
		if m.Entity == name {
			return m, true
		}
	}
	return sectorpulse.Mention{}, false
}

func findSector(an *sectorpulse.Analysis, id string) (sectorpulse.SectorScore, bool) {
	for _, s := range an.Sectors {
		if s.Sector == id {
			return s, true
		}
	}
	return sectorpulse.SectorScore{}, false
}

func TestLexiconAnalyzeFixtures(t *testing.T) {
	la := newTestAnalyzer(t)
	tests := []struct {
		file        string
		mixed       bool // overall sentiment not asserted
		overall     sign
		entities    map[string]sign
		sectors     map[string]sign
		noEntities  []string
		moves       []string
		titleEntity string
	}{
		{file: "tencent_results.txt", overall: pos,
			entities: map[string]sign{"Tencent": pos}, sectors: map[string]sign{"tech.gaming": pos, "tech.internet": pos},
			titleEntity: "Tencent"},
		{file: "property_slump.txt", overall: neg,
			entities: map[string]sign{"China Vanke": neg, "Longfor": neg}, sectors: map[string]sign{"property": neg}},
		{file: "contrast.txt", mixed: true,
			entities: map[string]sign{"Tencent": pos, "Alibaba": neg, "Meituan": zero}},
		{file: "negation.txt", overall: neg,
			entities: map[string]sign{"BYD": neg}, sectors: map[string]sign{"auto.ev": neg},
			titleEntity: "BYD"},
		{file: "market_close.txt", overall: pos,
			entities: map[string]sign{"Hang Seng Index": pos, "Hang Seng TECH Index": pos, "SMIC": pos, "Hua Hong Semiconductor": pos, "HSBC": neg},
			sectors:  map[string]sign{"tech.semiconductors": pos, "finance.banks": neg},
			moves:    []string{"HSI 1.8% @20145.3", "HSTECH 2.6% @nil"}},
		{file: "chinese_close.txt", mixed: true,
			entities: map[string]sign{"Hang Seng Index": pos, "Tencent": pos, "Alibaba": neg, "China Vanke": neg},
			sectors:  map[string]sign{"property": neg},
			moves:    []string{"HSI 2.1% @20150.5"}},
		{file: "education_crackdown.txt", overall: neg,
			entities: map[string]sign{"New Oriental": neg, "TAL Education": neg}, sectors: map[string]sign{"education": neg}},
		{file: "pboc_hold.txt", overall: zero,
			entities:    map[string]sign{"People's Bank of China": zero, "Federal Reserve": zero},
			titleEntity: "People's Bank of China"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := readArticle(t, filepath.Join("testdata", "articles", tt.file))
			an, err := la.Analyze(context.Background(), a)
			if err != nil {
				t.Fatal(err)
			}
			checkEvidence(t, a.Document(), an)
			if got := signOf(an.Sentiment); !tt.mixed && got != tt.overall {
				t.Errorf("overall sentiment %.3f has sign %d, want %d", an.Sentiment, got, tt.overall)
			}
			for name, want := range tt.entities {
				m, ok := findMention(an, name)
				if !ok {
					t.Errorf("no mention of %s; got %v", name, mentionNames(an))
					continue
				}
				if got := signOf(m.Sentiment); got != want {
					t.Errorf("%s sentiment %.3f has sign %d, want %d (evidence %q)", name, m.Sentiment, got, want, m.Evidence.Quote)
				}
			}
			for id, want := range tt.sectors {
				s, ok := findSector(an, id)
				if !ok {
					t.Errorf("no score for sector %s", id)
					continue
				}
				if got := signOf(s.Sentiment); got != want {
					t.Errorf("sector %s sentiment %.3f has sign %d, want %d (evidence %q)", id, s.Sentiment, got, want, s.Evidence.Quote)
				}
			}
			var moves []string
			for _, m := range an.Moves {
				moves = append(moves, fmtMove(m))
			}
			if strings.Join(moves, "|") != strings.Join(tt.moves, "|") {
				t.Errorf("moves got %q, want %q", moves, tt.moves)
			}
			if tt.titleEntity != "" {
				m, _ := findMention(an, tt.titleEntity)
				if m.Relevance < 0.8 {
					t.Errorf("%s is in the title but has relevance %.3f, want >= 0.8", tt.titleEntity, m.Relevance)
				}
			}
		})
	}
}

func mentionNames(an *sectorpulse.Analysis) []string {
	var out []string
	for _, m := range an.Mentions {
		out = append(out, m.Entity)
	}
	return out
}

// checkEvidence asserts the evidence invariant and the ranges of every
// score of an analysis.
func checkEvidence(t *testing.T, doc string, an *sectorpulse.Analysis) {
	t.Helper()
	check := func(what string, ev sectorpulse.Evidence) {
		t.Helper()
		if ev.Start < 0 || ev.End > len(doc) || ev.Start >= ev.End {
			t.Errorf("%s: evidence offsets [%d,%d) out of document of %d bytes", what, ev.Start, ev.End, len(doc))
			return
		}
		if got := doc[ev.Start:ev.End]; got != ev.Quote {
			t.Errorf("%s: Document()[%d:%d] = %q, want quote %q", what, ev.Start, ev.End, got, ev.Quote)
		}
		if strings.TrimSpace(ev.Quote) != ev.Quote {
			t.Errorf("%s: quote %q has surrounding space", what, ev.Quote)
		}
	}
	inRange := func(what string, v, lo, hi float64) {
		t.Helper()
		if v < lo || v > hi {
			t.Errorf("%s = %v, want in [%v, %v]", what, v, lo, hi)
		}
	}
	inRange("overall sentiment", an.Sentiment, -1, 1)
	inRange("overall confidence", an.Confidence, 0, 1)
	for _, m := range an.Mentions {
		check("mention "+m.Entity, m.Evidence)
		inRange(m.Entity+" sentiment", m.Sentiment, -1, 1)
		inRange(m.Entity+" confidence", m.Confidence, 0, 0.95)
		inRange(m.Entity+" relevance", m.Relevance, 0, 1)
	}
	for _, s := range an.Sectors {
		check("sector "+s.Sector, s.Evidence)
		inRange(s.Sector+" sentiment", s.Sentiment, -1, 1)
		inRange(s.Sector+" confidence", s.Confidence, 0, 0.95)
		inRange(s.Sector+" relevance", s.Relevance, 0, 1)
	}
	for _, m := range an.Moves {
		check("move "+m.Index, m.Evidence)
	}
}

func TestEvidenceInvariantLabelled(t *testing.T) {
	la := newTestAnalyzer(t)
	for i, l := range readLabelled(t, "testdata/labelled.jsonl") {
		a := &sectorpulse.Article{ID: int64(i), Title: "Market wrap", Text: l.Text}
		an, err := la.Analyze(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		checkEvidence(t, a.Document(), an)
	}
}

func TestTencentSurgedSentence(t *testing.T) {
	la := newTestAnalyzer(t)
	a := &sectorpulse.Article{Text: "Tencent shares surged 5 percent after strong quarterly results."}
	an, err := la.Analyze(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	if signOf(an.Sentiment) != pos {
		t.Errorf("overall sentiment %.3f, want positive", an.Sentiment)
	}
	m, ok := findMention(an, "Tencent")
	if !ok || signOf(m.Sentiment) != pos {
		t.Errorf("Tencent mention %+v (found %v), want positive", m, ok)
	}
	if m.Ticker != "0700.HK" || m.Kind != sectorpulse.KindCompany {
		t.Errorf("Tencent ticker %q kind %q, want 0700.HK company", m.Ticker, m.Kind)
	}
}

func TestAnalysisFields(t *testing.T) {
	la := newTestAnalyzer(t)
	a := readArticle(t, "testdata/articles/tencent_results.txt")
	an, err := la.Analyze(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	if an.Analyzer != "lexicon" || an.Model != "lexicon-4" || an.ArticleID != 42 {
		t.Errorf("got analyzer %q model %q article %d, want lexicon lexicon-4 42", an.Analyzer, an.Model, an.ArticleID)
	}
	if an.PromptVersion != la.PromptVersion() || len(an.PromptVersion) != 12 {
		t.Errorf("got prompt version %q, want the analyzer's 12-hex-digit %q", an.PromptVersion, la.PromptVersion())
	}
	if want := fixedNow().UTC(); !an.CreatedAt.Equal(want) || an.CreatedAt.Location() != time.UTC {
		t.Errorf("got CreatedAt %v, want %v in UTC", an.CreatedAt, want)
	}
	if an.PromptTokens != 0 || an.CompletionTokens != 0 {
		t.Errorf("got tokens %d/%d, want 0/0", an.PromptTokens, an.CompletionTokens)
	}
	var raw rawAnalysis
	if err := json.Unmarshal([]byte(an.Raw), &raw); err != nil {
		t.Fatalf("Raw is not JSON: %v: %s", err, an.Raw)
	}
	doc := a.Document()
	var cues []string
	for _, s := range raw.Sentences {
		if doc[s.Start:s.End] == "" {
			t.Errorf("raw sentence offsets [%d,%d) empty", s.Start, s.End)
		}
		for _, c := range s.Cues {
			cues = append(cues, c.Text)
		}
	}
	for _, want := range []string{"surged", "beat expectations", "5 percent"} {
		if !strings.Contains(strings.Join(cues, "|"), want) {
			t.Errorf("raw cues %q lack %q", cues, want)
		}
	}
}

func TestAnalyzeEmptyAndCancelled(t *testing.T) {
	la := newTestAnalyzer(t)
	for _, a := range []*sectorpulse.Article{{ID: 7}, {ID: 7, Text: "  \n\n  "}} {
		an, err := la.Analyze(context.Background(), a)
		if err != nil {
			t.Fatalf("empty document: got error %v, want none", err)
		}
		if an.Sentiment != 0 || len(an.Mentions) != 0 || len(an.Sectors) != 0 || len(an.Moves) != 0 {
			t.Errorf("empty document: got %+v, want neutral with no scores", an)
		}
		if an.ArticleID != 7 || an.Raw == "" {
			t.Errorf("empty document: got article %d raw %q, want 7 and a raw record", an.ArticleID, an.Raw)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := la.Analyze(ctx, readArticle(t, "testdata/articles/contrast.txt"))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v, want context.Canceled", err)
	}
}

func TestPromptVersionFollowsData(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	la, err := NewLexiconAnalyzer(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	other := newTestAnalyzer(t)
	before := la.PromptVersion()
	if before != other.PromptVersion() {
		t.Errorf("same data gave prompt versions %s and %s, want equal", before, other.PromptVersion())
	}
	if err := g.Add(sectorpulse.Entity{Name: "Lantern Toys", Kind: sectorpulse.KindCompany, Tickers: []string{"8899.HK"}}); err != nil {
		t.Fatal(err)
	}
	if la.PromptVersion() == before {
		t.Errorf("prompt version %s unchanged after adding an entity", before)
	}
	an, err := la.Analyze(context.Background(), &sectorpulse.Article{Text: "Lantern Toys shares soared 9 percent."})
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := findMention(an, "Lantern Toys"); !ok || signOf(m.Sentiment) != pos {
		t.Errorf("added entity: got %+v (found %v), want a positive mention", m, ok)
	}
}

func TestAnalyzeConcurrentWithAdd(t *testing.T) {
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	la, err := NewLexiconAnalyzer(g, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := readArticle(t, "testdata/articles/market_close.txt")
	done := make(chan error, 4)
	for range 4 {
		go func() {
			for range 20 {
				if _, err := la.Analyze(context.Background(), a); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for i := range 10 {
		name := "Test Company " + string(rune('A'+i))
		if err := g.Add(sectorpulse.Entity{Name: name, Kind: sectorpulse.KindCompany}); err != nil {
			t.Errorf("Add(%s): %v", name, err)
		}
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestParagraphSubject checks that a sentence naming no entity speaks of
// its paragraph's subject, with less weight than a sentence naming it,
// and not of the subject of another paragraph.
func TestParagraphSubject(t *testing.T) {
	la := newTestAnalyzer(t)
	a := &sectorpulse.Article{Title: "Results season", Text: "Tencent reported quarterly results on Wednesday. Revenue from domestic games grew 15 percent, the company said.\n\n" +
		"Alibaba will hold its investor day in March. Its shares slumped 4 percent on the news."}
	an, err := la.Analyze(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, a.Document(), an)
	tc, ok := findMention(an, "Tencent")
	if !ok || signOf(tc.Sentiment) != pos {
		t.Errorf("Tencent: %+v (found %v), want positive from its paragraph", tc, ok)
	}
	if ok && tc.Evidence.Quote != "Revenue from domestic games grew 15 percent, the company said." {
		t.Errorf("Tencent evidence %q, want the revenue sentence", tc.Evidence.Quote)
	}
	ali, ok := findMention(an, "Alibaba")
	if !ok || signOf(ali.Sentiment) != neg {
		t.Errorf("Alibaba: %+v (found %v), want negative from its paragraph", ali, ok)
	}
	if ok && tc.Relevance <= ali.Relevance {
		t.Errorf("Tencent relevance %.3f <= Alibaba %.3f; the lead paragraph counts more", tc.Relevance, ali.Relevance)
	}
	// The subject carries into the next paragraph, not further, and the
	// last company named takes over.
	for _, tt := range []struct {
		text string
		name string
		want sign
	}{
		{"Tencent reported quarterly results on Wednesday.\n\nRevenue from domestic games grew 15 percent.", "Tencent", pos},
		{"Tencent reported quarterly results on Wednesday.\n\nThe weather was mild.\n\nRevenue from domestic games grew 15 percent.", "Tencent", zero},
		{"Tencent reported quarterly results on Wednesday.\n\nAlibaba will hold its investor day.\n\nRevenue from domestic games grew 15 percent.", "Tencent", zero},
		{"Tencent reported quarterly results on Wednesday.\n\nAlibaba will hold its investor day. Revenue from domestic games grew 15 percent.", "Alibaba", pos},
		{"The CSRC approved the plan on Monday. Shares rallied.", "China Securities Regulatory Commission", zero},
	} {
		an, err := la.Analyze(context.Background(), &sectorpulse.Article{Text: tt.text})
		if err != nil {
			t.Fatal(err)
		}
		if m, ok := findMention(an, tt.name); !ok || signOf(m.Sentiment) != tt.want {
			t.Errorf("%q: %s %+v (found %v), want sign %d", tt.text, tt.name, m, ok, tt.want)
		}
	}
}

// TestDiscoveredOrganisations checks that an organisation the gazetteer
// does not know becomes a mention of kind other with low confidence, its
// short form counts for its full name, and known entities stay known.
func TestDiscoveredOrganisations(t *testing.T) {
	la := newTestAnalyzer(t)
	a := &sectorpulse.Article{Title: "Harbourline Securities upgrades Tencent",
		Text: "Harbourline Securities Ltd raised its rating on Tencent to buy on Monday. Shares of Tencent rose 2 percent.\n\nHarbourline expects strong gaming revenue."}
	an, err := la.Analyze(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	checkEvidence(t, a.Document(), an)
	var others []sectorpulse.Mention
	for _, m := range an.Mentions {
		if m.Kind == sectorpulse.KindOther {
			others = append(others, m)
		}
	}
	if len(others) != 1 || others[0].Entity != "Harbourline Securities" {
		t.Fatalf("kind-other mentions %+v, want Harbourline Securities once", others)
	}
	if c := others[0].Confidence; c > discoveredConfidence || c <= 0 {
		t.Errorf("discovered confidence %.3f, want in (0, %.2f]", c, discoveredConfidence)
	}
	if tc, ok := findMention(an, "Tencent"); !ok || tc.Kind != sectorpulse.KindCompany {
		t.Errorf("Tencent: %+v (found %v), want the gazetteer's company", tc, ok)
	}
}

// TestRawRecordIsJSON checks the hand-written audit record against
// encoding/json: every cue quote decodes to its text, whatever it holds.
func TestRawRecordIsJSON(t *testing.T) {
	la := newTestAnalyzer(t)
	for _, text := range []string{
		`Tencent "surged" 5 percent\ after a\trally` + "\u2028" + `and shares "slumped".`,
		"騰訊股價大漲，阿里巴巴下跌。",
		"Nothing here.",
		"Shares \x01rallied\x7f and \xffslumped.",
	} {
		an, err := la.Analyze(context.Background(), &sectorpulse.Article{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid([]byte(an.Raw)) {
			t.Fatalf("raw of %q is not JSON: %s", text, an.Raw)
		}
		var raw rawAnalysis
		if err := json.Unmarshal([]byte(an.Raw), &raw); err != nil {
			t.Fatal(err)
		}
		doc := strings.ToValidUTF8(text, "\uFFFD")
		for _, s := range raw.Sentences {
			for _, c := range s.Cues {
				if !strings.Contains(doc, c.Text) {
					t.Errorf("cue %q is not in %q", c.Text, text)
				}
			}
		}
		// The bytes are those encoding/json writes with HTML escaping off.
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(raw); err != nil {
			t.Fatal(err)
		}
		if want := strings.TrimSuffix(b.String(), "\n"); an.Raw != want {
			t.Errorf("raw record\n got %s\nwant %s", an.Raw, want)
		}
	}
}

// TestAttribution checks who takes a sentence's news: not a company that
// only qualifies another, not a public body reporting it, and not a
// company in another clause of a headline.
func TestAttribution(t *testing.T) {
	la := newTestAnalyzer(t)
	tests := []struct {
		title, text string
		want        map[string]sign
	}{
		{"", "Tencent-backed China Literature rose 5 percent on Monday.", map[string]sign{"Tencent": zero, "China Literature": pos}},
		{"", "Youdao, the education unit of NetEase, climbed 9 percent.", map[string]sign{"NetEase": zero, "Youdao": pos}},
		{"", "Box office revenue rose 42 percent, according to the China Film Administration.", map[string]sign{"China Film Administration": zero}},
		{"Nongfu Spring profit rises on tea sales; Tingyi squeezed by costs", "Shares of both fell on Monday.", map[string]sign{"Nongfu Spring": pos, "Tingyi": neg}},
		{"", "Tencent backed away from the bid and its shares fell 5 percent.", map[string]sign{"Tencent": neg}},
		{"", "Alibaba shares fell 2 percent. Revenue jumped 40 percent to a record.", nil},
	}
	for _, tt := range tests {
		a := &sectorpulse.Article{Title: tt.title, Text: tt.text}
		an, err := la.Analyze(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		checkEvidence(t, a.Document(), an)
		// The quote never contradicts the score.
		for _, m := range an.Mentions {
			q, err := la.Analyze(context.Background(), &sectorpulse.Article{Text: m.Evidence.Quote})
			if err != nil {
				t.Fatal(err)
			}
			if m.Sentiment != 0 && q.Sentiment != 0 && (m.Sentiment > 0) != (q.Sentiment > 0) {
				t.Errorf("%q: %s %.3f quoted with %q, which scores %.3f", tt.text, m.Entity, m.Sentiment, m.Evidence.Quote, q.Sentiment)
			}
		}
		for name, want := range tt.want {
			m, ok := findMention(an, name)
			if !ok {
				t.Errorf("%q: no mention of %s; got %v", tt.text, name, mentionNames(an))
				continue
			}
			if signOf(m.Sentiment) != want {
				t.Errorf("%q: %s %.3f (evidence %q), want sign %d", tt.text, name, m.Sentiment, m.Evidence.Quote, want)
			}
		}
	}
}
