package market

import (
	"cmp"
	"slices"
	"time"
)

// Observation is one sector score of one article.
type Observation struct {
	// ArticleID identifies the article.
	ArticleID int64
	// Time is the article's publication time; observations with the zero
	// time cannot be placed on a trading day and are skipped.
	Time time.Time
	// Sector is the taxonomy id and Analyzer the analyzer's name.
	Sector, Analyzer string
	// Sentiment is in [-1, 1]; Confidence and Relevance in [0, 1].
	Sentiment, Confidence, Relevance float64
}

// DailySector is the sentiment of one sector on one trading day.
type DailySector struct {
	// TradingDate is YYYY-MM-DD; Sector the taxonomy id; Analyzer the
	// analyzer's name.
	TradingDate, Sector, Analyzer string
	// Sentiment is the weighted mean sentiment of the day's observations.
	Sentiment float64
	// Articles counts distinct articles; Mentions counts observations.
	Articles, Mentions int
}

// dailyKey groups observations.
type dailyKey struct{ date, sector, analyzer string }

// dailyAcc accumulates one group.
type dailyAcc struct {
	wsum, wsent, sum float64
	n                int
	articles         map[int64]struct{}
}

// DailySectorSentiment groups observations by (trading date, sector,
// analyzer), the trading date being cal.TradingDate of the observation's
// time. A group's Sentiment is Σ(relevance×confidence×sentiment) /
// Σ(relevance×confidence), or the plain mean of the sentiments when all
// weights are zero. Mentions is the number of observations and Articles the
// number of distinct article ids. Observations with the zero time are
// skipped. The result is sorted by date, sector and analyzer.
func DailySectorSentiment(obs []Observation, cal *Calendar) []DailySector {
	groups := make(map[dailyKey]*dailyAcc)
	for _, o := range obs {
		if o.Time.IsZero() {
			continue
		}
		k := dailyKey{cal.TradingDate(o.Time), o.Sector, o.Analyzer}
		a := groups[k]
		if a == nil {
			a = &dailyAcc{articles: make(map[int64]struct{})}
			groups[k] = a
		}
		w := o.Relevance * o.Confidence
		a.wsum += w
		a.wsent += w * o.Sentiment
		a.sum += o.Sentiment
		a.n++
		a.articles[o.ArticleID] = struct{}{}
	}
	out := make([]DailySector, 0, len(groups))
	for k, a := range groups {
		s := a.sum / float64(a.n)
		if a.wsum != 0 {
			s = a.wsent / a.wsum
		}
		out = append(out, DailySector{
			TradingDate: k.date, Sector: k.sector, Analyzer: k.analyzer,
			Sentiment: s, Articles: len(a.articles), Mentions: a.n,
		})
	}
	slices.SortFunc(out, func(x, y DailySector) int {
		return cmp.Or(cmp.Compare(x.TradingDate, y.TradingDate),
			cmp.Compare(x.Sector, y.Sector), cmp.Compare(x.Analyzer, y.Analyzer))
	})
	return out
}
