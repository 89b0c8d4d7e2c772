package market

import (
	"math"
	"testing"
	"time"
)

func TestDailySectorSentiment(t *testing.T) {
	m := hkex(t)
	hk := m.Location
	cal := NewCalendar(m, []string{"2025-02-03", "2025-02-04", "2025-02-05"})
	morning := time.Date(2025, 2, 3, 10, 0, 0, 0, hk)
	obs := []Observation{
		// tech.ai / lexicon on 2025-02-03: weights 0.5, 0.5, 0.25;
		// Σw·s = 0.4 + 0.1 − 0.1 = 0.4; Σw = 1.25; mean 0.32.
		{ArticleID: 1, Time: morning, Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.8, Confidence: 1, Relevance: 0.5},
		{ArticleID: 1, Time: morning, Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.2, Confidence: 0.5, Relevance: 1},
		{ArticleID: 2, Time: morning.Add(5 * time.Hour).Add(59 * time.Minute), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: -0.4, Confidence: 0.5, Relevance: 0.5},
		// After the close: 2025-02-04. All weights zero: plain mean 0.4.
		{ArticleID: 3, Time: morning.Add(6 * time.Hour), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.3, Confidence: 0, Relevance: 1},
		{ArticleID: 4, Time: morning.Add(7 * time.Hour), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.5, Confidence: 1, Relevance: 0},
		// Another analyzer and another sector the same day.
		{ArticleID: 1, Time: morning, Sector: "tech.ai", Analyzer: "llm", Sentiment: -0.6, Confidence: 0.9, Relevance: 0.9},
		{ArticleID: 5, Time: morning, Sector: "auto.ev", Analyzer: "lexicon", Sentiment: 0.1, Confidence: 1, Relevance: 1},
		// Zero time: skipped.
		{ArticleID: 6, Sector: "tech.ai", Analyzer: "lexicon", Sentiment: -1, Confidence: 1, Relevance: 1},
	}
	want := []DailySector{
		{TradingDate: "2025-02-03", Sector: "auto.ev", Analyzer: "lexicon", Sentiment: 0.1, Articles: 1, Mentions: 1},
		{TradingDate: "2025-02-03", Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.32, Articles: 2, Mentions: 3},
		{TradingDate: "2025-02-03", Sector: "tech.ai", Analyzer: "llm", Sentiment: -0.6, Articles: 1, Mentions: 1},
		{TradingDate: "2025-02-04", Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.4, Articles: 2, Mentions: 2},
	}
	got := DailySectorSentiment(obs, cal)
	if len(got) != len(want) {
		t.Fatalf("got %d rows %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.TradingDate != w.TradingDate || g.Sector != w.Sector || g.Analyzer != w.Analyzer ||
			g.Articles != w.Articles || g.Mentions != w.Mentions || math.Abs(g.Sentiment-w.Sentiment) > 1e-12 {
			t.Errorf("row %d: got %+v, want %+v", i, g, w)
		}
	}
	if got := DailySectorSentiment(nil, cal); len(got) != 0 {
		t.Errorf("no observations: got %v, want none", got)
	}
}
