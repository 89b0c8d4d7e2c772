package market

import (
	"math"
	"testing"
	"time"
)

func TestDailySectorSentiment(t *testing.T) {
	m := hkex(t)
	cal := NewCalendar(m, weekdays(t, "2025-02-03", "2025-02-14"))
	// hk returns the instant of a Hong Kong wall-clock time in February
	// 2025: hk(3, 10, 0) is Monday 3 February, 10:00 HKT.
	hk := func(day, hour, minute int) time.Time {
		return time.Date(2025, 2, day, hour, minute, 0, 0, m.Location)
	}
	// ob builds an observation of tech.ai by the lexicon analyzer with
	// weight relevance × confidence = w.
	ob := func(article int64, at time.Time, sentiment, w float64) Observation {
		return Observation{ArticleID: article, Time: at, Sector: "tech.ai", Analyzer: "lexicon",
			Sentiment: sentiment, Confidence: 1, Relevance: w}
	}
	copyOf := func(o Observation, story int64) Observation { o.Story = story; return o }
	with := func(o Observation, sector, analyzer string) Observation {
		o.Sector, o.Analyzer = sector, analyzer
		return o
	}
	row := func(date string, sentiment float64, articles, mentions int, weight float64) DailySector {
		return DailySector{TradingDate: date, Sector: "tech.ai", Analyzer: "lexicon",
			Sentiment: sentiment, Articles: articles, Mentions: mentions, Weight: weight}
	}
	halve := DailyOptions{NoveltyDecay: 0.5}

	tests := []struct {
		name string
		obs  []Observation
		opts DailyOptions
		want []DailySector
	}{
		{
			name: "weighted mean",
			obs: []Observation{
				// Weights 0.5, 0.5, 0.25: Σw·s = 0.4 + 0.1 − 0.1 = 0.4,
				// Σw = 1.25, mean 0.32.
				{ArticleID: 1, Time: hk(3, 10, 0), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.8, Confidence: 1, Relevance: 0.5},
				{ArticleID: 2, Time: hk(3, 11, 0), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.2, Confidence: 0.5, Relevance: 1},
				{ArticleID: 3, Time: hk(3, 15, 59), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: -0.4, Confidence: 0.5, Relevance: 0.5},
			},
			want: []DailySector{row("2025-02-03", 0.32, 3, 3, 1.25)},
		},
		{
			name: "zero weight among others does not move the mean",
			obs:  []Observation{ob(1, hk(3, 10, 0), 0.6, 1), ob(2, hk(3, 11, 0), -1, 0)},
			want: []DailySector{row("2025-02-03", 0.6, 2, 2, 1)},
		},
		{
			name: "all weights zero give the plain mean",
			obs: []Observation{
				// After Monday's close: Tuesday. (0.3 + 0.5) / 2 = 0.4.
				{ArticleID: 3, Time: hk(3, 16, 0), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.3, Confidence: 0, Relevance: 1},
				{ArticleID: 4, Time: hk(3, 17, 0), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.5, Confidence: 1, Relevance: 0},
			},
			want: []DailySector{row("2025-02-04", 0.4, 2, 2, 0)},
		},
		{
			name: "a story counts once, its first observation kept",
			obs: []Observation{
				// Story 10: the original at 10:00, copies at 09:00 (kept:
				// first by time) and 10:30. With article 13:
				// (0.5·0.2 + 0.5·(−0.4)) / 1 = −0.1.
				ob(10, hk(3, 10, 0), 0.5, 1),
				copyOf(ob(11, hk(3, 10, 30), -1, 1), 10),
				copyOf(ob(12, hk(3, 9, 0), 0.2, 0.5), 10),
				ob(13, hk(3, 11, 0), -0.4, 0.5),
			},
			want: []DailySector{row("2025-02-03", -0.1, 2, 4, 1)},
		},
		{
			name: "same time: the lower article id is kept",
			obs:  []Observation{copyOf(ob(21, hk(3, 10, 0), -1, 1), 20), ob(20, hk(3, 10, 0), 1, 1)},
			want: []DailySector{row("2025-02-03", 1, 1, 2, 1)},
		},
		{
			name: "same article twice: the first in input order is kept",
			obs:  []Observation{ob(30, hk(3, 10, 0), 0.7, 0.5), ob(30, hk(3, 10, 0), -0.7, 1)},
			want: []DailySector{row("2025-02-03", 0.7, 1, 2, 0.5)},
		},
		{
			name: "a copy on another trading day counts there too",
			obs:  []Observation{ob(40, hk(3, 10, 0), 0.5, 1), copyOf(ob(41, hk(3, 17, 0), 0.1, 1), 40)},
			want: []DailySector{row("2025-02-03", 0.5, 1, 1, 1), row("2025-02-04", 0.1, 1, 1, 1)},
		},
		{
			name: "decay k = 0, 1, 2",
			obs:  []Observation{ob(1, hk(3, 10, 0), 1, 1), ob(2, hk(3, 11, 0), -1, 1), ob(3, hk(3, 12, 0), 0.5, 1)},
			opts: halve,
			// Weights 1, 0.5, 0.25: (1 − 0.5 + 0.125) / 1.75.
			want: []DailySector{row("2025-02-03", 0.625/1.75, 3, 3, 1.75)},
		},
		{
			name: "decay 1 is no decay",
			obs:  []Observation{ob(1, hk(3, 10, 0), 1, 1), ob(2, hk(3, 11, 0), -1, 1), ob(3, hk(3, 12, 0), 0.5, 1)},
			opts: DailyOptions{NoveltyDecay: 1},
			want: []DailySector{row("2025-02-03", 0.5/3, 3, 3, 3)},
		},
		{
			name: "decay counts distinct stories, not copies",
			obs: []Observation{
				// k = 0, copy dropped, then k = 1 (story 1 seen twice).
				ob(1, hk(3, 10, 0), 1, 1), copyOf(ob(2, hk(3, 10, 30), 1, 1), 1), ob(3, hk(3, 11, 0), -1, 1),
			},
			opts: halve,
			want: []DailySector{row("2025-02-03", 0.5/1.5, 2, 3, 1.5)},
		},
		{
			name: "an earlier copy of the story itself counts",
			// The copy at 16:10 goes to Tuesday with k = 1.
			obs:  []Observation{ob(1, hk(3, 15, 50), 1, 1), copyOf(ob(2, hk(3, 16, 10), 1, 1), 1)},
			opts: halve,
			want: []DailySector{row("2025-02-03", 1, 1, 1, 1), row("2025-02-04", 1, 1, 1, 0.5)},
		},
		{
			name: "window edge: exactly 24h earlier is outside",
			obs:  []Observation{ob(1, hk(3, 10, 0), 1, 1), ob(2, hk(4, 10, 0), -1, 1)},
			opts: halve,
			want: []DailySector{row("2025-02-03", 1, 1, 1, 1), row("2025-02-04", -1, 1, 1, 1)},
		},
		{
			name: "window edge: a second inside counts across days",
			obs:  []Observation{ob(1, hk(3, 10, 0), 1, 1), ob(2, hk(4, 10, 0).Add(-time.Second), -1, 1)},
			opts: halve,
			want: []DailySector{row("2025-02-03", 1, 1, 1, 1), row("2025-02-04", -1, 1, 1, 0.5)},
		},
		{
			name: "custom window",
			obs: []Observation{
				// 1h window: article 2 (10:30) sees 1: k = 1; article
				// 3 (11:29) sees 2 only, 1 being 89 min earlier: k = 1;
				// article 4 (11:31) sees 3 only, 2 being 61 min
				// earlier: k = 1.
				ob(1, hk(3, 10, 0), 1, 1), ob(2, hk(3, 10, 30), 1, 1), ob(3, hk(3, 11, 29), 1, 1), ob(4, hk(3, 11, 31), -1, 1),
			},
			opts: DailyOptions{NoveltyDecay: 0.5, NoveltyWindow: time.Hour},
			// Weights 1, 0.5, 0.5, 0.5: (1 + 0.5 + 0.5 − 0.5) / 2.5.
			want: []DailySector{row("2025-02-03", 1.5/2.5, 4, 4, 2.5)},
		},
		{
			name: "analyzers and sectors kept apart, in weights and decay",
			obs: []Observation{
				ob(1, hk(3, 10, 0), 0.5, 1),
				with(ob(1, hk(3, 10, 0), -0.5, 1), "tech.ai", "llm"),
				with(ob(2, hk(3, 11, 0), 0.1, 1), "tech.ai", "llm"),
				with(ob(3, hk(3, 10, 30), 0.2, 1), "auto.ev", "lexicon"),
			},
			opts: halve,
			want: []DailySector{
				{TradingDate: "2025-02-03", Sector: "auto.ev", Analyzer: "lexicon", Sentiment: 0.2, Articles: 1, Mentions: 1, Weight: 1},
				row("2025-02-03", 0.5, 1, 1, 1),
				// llm: weights 1 and 0.5: (−0.5 + 0.05) / 1.5 = −0.3.
				{TradingDate: "2025-02-03", Sector: "tech.ai", Analyzer: "llm", Sentiment: -0.3, Articles: 2, Mentions: 2, Weight: 1.5},
			},
		},
		{
			name: "zero time skipped, also for decay",
			obs:  []Observation{ob(1, time.Time{}, -1, 1), ob(2, hk(3, 10, 0), 0.4, 1)},
			opts: halve,
			want: []DailySector{row("2025-02-03", 0.4, 1, 1, 1)},
		},
		{
			name: "no observations",
			want: []DailySector{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DailySectorSentiment(tt.obs, cal, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d rows %+v, want %d %+v", len(got), got, len(tt.want), tt.want)
			}
			for i := range tt.want {
				g, w := got[i], tt.want[i]
				if g.TradingDate != w.TradingDate || g.Sector != w.Sector || g.Analyzer != w.Analyzer ||
					g.Articles != w.Articles || g.Mentions != w.Mentions ||
					math.Abs(g.Sentiment-w.Sentiment) > 1e-12 || math.Abs(g.Weight-w.Weight) > 1e-12 {
					t.Errorf("row %d: got %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestDailySectorSentimentBadOptions(t *testing.T) {
	cal := NewCalendar(hkex(t), nil)
	obs := []Observation{{ArticleID: 1, Time: time.Date(2025, 2, 3, 2, 0, 0, 0, time.UTC), Sector: "tech.ai", Analyzer: "lexicon"}}
	tests := []struct {
		name string
		opts DailyOptions
	}{
		{"negative decay", DailyOptions{NoveltyDecay: -0.5}},
		{"decay above one", DailyOptions{NoveltyDecay: 1.5}},
		{"NaN decay", DailyOptions{NoveltyDecay: math.NaN()}},
		{"negative window", DailyOptions{NoveltyDecay: 0.5, NoveltyWindow: -time.Hour}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DailySectorSentiment(obs, cal, tt.opts)
			if err == nil {
				t.Fatalf("got %+v and no error, want an error", got)
			}
		})
	}
}

func BenchmarkDailySectorSentiment(b *testing.B) {
	m, err := MarketFor(nil, "HKEX")
	if err != nil {
		b.Fatal(err)
	}
	cal := NewCalendar(m, nil)
	sectors := []string{"tech.ai", "tech.semiconductors", "auto.ev", "consumer.ecommerce"}
	t0 := time.Date(2025, 1, 2, 1, 0, 0, 0, time.UTC)
	obs := make([]Observation, 10000)
	for i := range obs {
		obs[i] = Observation{ArticleID: int64(i/2 + 1), Time: t0.Add(time.Duration(i) * 7 * time.Minute),
			Sector: sectors[i%len(sectors)], Analyzer: "lexicon", Sentiment: float64(i%7-3) / 3, Confidence: 0.8, Relevance: 0.6}
		if i%10 == 0 && i > 0 {
			obs[i].Story = int64(i/2 - 3)
		}
	}
	opts := DailyOptions{NoveltyDecay: 0.8}
	b.ResetTimer()
	for range b.N {
		if _, err := DailySectorSentiment(obs, cal, opts); err != nil {
			b.Fatal(err)
		}
	}
}
