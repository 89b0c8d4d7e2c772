package market_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/market"
)

func ExampleParseLags() {
	lags, err := market.ParseLags("-1:1,5")
	fmt.Println(lags, err)
	// Output: [-1 0 1 5] <nil>
}

func ExampleCalendar_TradingDate() {
	m, err := market.MarketFor(nil, "HKEX")
	if err != nil {
		panic(err)
	}
	cal := market.NewCalendar(m, []string{"2025-02-06", "2025-02-07", "2025-02-10"})
	for _, s := range []string{
		"2025-02-07T15:59:00+08:00", // before the close
		"2025-02-07T16:00:00+08:00", // at the close: next session
		"2025-02-07T20:00:00Z",      // Saturday 04:00 in Hong Kong
	} {
		t, _ := time.Parse(time.RFC3339, s)
		fmt.Println(s, "→", cal.TradingDate(t))
	}
	// Output:
	// 2025-02-07T15:59:00+08:00 → 2025-02-07
	// 2025-02-07T16:00:00+08:00 → 2025-02-10
	// 2025-02-07T20:00:00Z → 2025-02-10
}

func ExampleMarketForIndex() {
	// A nil registry is the built-in one: the S&P 500 follows NYSE,
	// which shares the "US" calendar with NASDAQ.
	m, err := market.MarketForIndex(nil, "^GSPC")
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Name, m.Location, m.Close, m.Calendar)
	// Output: NYSE America/New_York 16h0m0s US
}

func ExampleDailySectorSentiment() {
	m, err := market.MarketFor(nil, "HKEX")
	if err != nil {
		panic(err)
	}
	cal := market.NewCalendar(m, []string{"2025-02-03", "2025-02-04"})
	at := func(s string) time.Time {
		t, _ := time.Parse(time.RFC3339, s)
		return t
	}
	obs := []market.Observation{
		{ArticleID: 1, Time: at("2025-02-03T09:30:00+08:00"), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.6, Confidence: 1, Relevance: 1},
		// A copy of article 1: counted once.
		{ArticleID: 2, Story: 1, Time: at("2025-02-03T10:00:00+08:00"), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.6, Confidence: 1, Relevance: 1},
		// A second story within 24 hours: weight 1 × 0.5¹.
		{ArticleID: 3, Time: at("2025-02-03T11:00:00+08:00"), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: -0.3, Confidence: 1, Relevance: 1},
		// After the close: the next session.
		{ArticleID: 4, Time: at("2025-02-03T16:15:00+08:00"), Sector: "tech.ai", Analyzer: "lexicon", Sentiment: 0.2, Confidence: 0.5, Relevance: 0.8},
	}
	days, err := market.DailySectorSentiment(obs, cal, market.DailyOptions{NoveltyDecay: 0.5})
	if err != nil {
		panic(err)
	}
	for _, d := range days {
		fmt.Printf("%s %s %s sentiment %.2f weight %.2f articles %d mentions %d\n",
			d.TradingDate, d.Sector, d.Analyzer, d.Sentiment, d.Weight, d.Articles, d.Mentions)
	}
	// Output:
	// 2025-02-03 tech.ai lexicon sentiment 0.30 weight 1.50 articles 2 mentions 3
	// 2025-02-04 tech.ai lexicon sentiment 0.20 weight 0.10 articles 1 mentions 1
}

func ExampleParsePrices() {
	csv := "Date,Open,High,Low,Close,Adj Close,Volume\n" +
		"2025-02-03,20010,20150,19950,\"20,100.00\",20099,1000000\n" +
		"2025-02-04,null,null,null,null,null,null\n" +
		"2025-02-05,20100,20300,20050,20250.50,20249.50,1200000\n"
	hsi, _ := sectorpulse.LookupIndex("HSI")
	got, err := market.ParsePrices(strings.NewReader(csv), "hsi.csv", market.ParseOptions{Index: hsi})
	if err != nil {
		panic(err)
	}
	for _, r := range market.LogReturns(got.Prices) {
		fmt.Printf("%s %.2f %.6f\n", r.Date, r.Close, r.LogReturn)
	}
	fmt.Println(got.RowErrors)
	// Output:
	// 2025-02-05 20250.50 0.007460
	// [hsi.csv:3: 2025-02-04: no close (null)]
}
