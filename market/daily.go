package market

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"
)

// DefaultNoveltyWindow is the NoveltyWindow used when DailyOptions leaves
// it zero.
const DefaultNoveltyWindow = 24 * time.Hour

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
	// Story is the id of the article this one copies (its duplicate_of),
	// or 0 when the article is its own story. Observations with the same
	// story, that is Story or, when Story is 0, ArticleID, describe one
	// piece of news.
	Story int64
}

// story returns the id of the story o belongs to.
func (o *Observation) story() int64 {
	if o.Story != 0 {
		return o.Story
	}
	return o.ArticleID
}

// DailySector is the sentiment of one sector on one trading day, as one
// analyzer saw it.
type DailySector struct {
	// TradingDate is YYYY-MM-DD; Sector the taxonomy id; Analyzer the
	// analyzer's name.
	TradingDate, Sector, Analyzer string
	// Sentiment is the weighted mean sentiment of the day's stories.
	Sentiment float64
	// Articles counts distinct stories; Mentions counts observations,
	// copies of a story included.
	Articles, Mentions int
	// Weight is the sum of the weights of the day's stories after novelty
	// decay; 0 when every weight is zero.
	Weight float64
}

// DailyOptions says how DailySectorSentiment weighs observations. The zero
// value weighs each story by relevance × confidence alone.
type DailyOptions struct {
	// NoveltyDecay, in (0, 1], multiplies an observation's weight once
	// for every distinct story of the same sector and analyzer seen in
	// the NoveltyWindow before it, so that the tenth story of a busy day
	// counts less than the first. 0 and 1 turn the decay off.
	NoveltyDecay float64
	// NoveltyWindow is how far back the decay looks; 0 means
	// DefaultNoveltyWindow.
	NoveltyWindow time.Duration
}

// check validates o and returns the decay factor base (1 when off) and
// the window.
func (o DailyOptions) check() (decay float64, window time.Duration, err error) {
	if !(o.NoveltyDecay >= 0 && o.NoveltyDecay <= 1) { // NaN fails too
		return 0, 0, fmt.Errorf("daily sector sentiment: novelty decay %v is outside (0, 1] (0 turns it off)", o.NoveltyDecay)
	}
	if o.NoveltyWindow < 0 {
		return 0, 0, fmt.Errorf("daily sector sentiment: novelty window %v is negative", o.NoveltyWindow)
	}
	decay, window = o.NoveltyDecay, o.NoveltyWindow
	if decay == 0 {
		decay = 1
	}
	if window == 0 {
		window = DefaultNoveltyWindow
	}
	return decay, window, nil
}

// dailyKey groups observations.
type dailyKey struct{ date, sector, analyzer string }

// dailyAcc accumulates one group.
type dailyAcc struct {
	wsum, wsent, sum float64
	mentions         int
	stories          map[int64]struct{}
}

// DailySectorSentiment groups observations by (trading date, sector,
// analyzer), the trading date being cal.TradingDate of the observation's
// time. The analyzer is part of the key: scores of different analyzers
// are never averaged together. Observations with the zero time are
// skipped.
//
// Within a group a story counts once: of the observations of one story
// (see Observation.Story) the first by time, then by article id, then by
// position in obs is kept and the others only add to Mentions. A copy
// published on another trading day counts on that day too.
//
// A kept observation's weight is relevance × confidence × NoveltyDecay^k,
// where k is the number of distinct stories among the observations of the
// same sector and analyzer, on any day, that come before it (in the order
// above) and less than NoveltyWindow earlier; an observation exactly
// NoveltyWindow earlier is outside the window, and an earlier copy of the
// observation's own story counts. Pass observations from at least one
// window before the first day of interest so that its weights are right.
//
// A group's Sentiment is Σ(weight × sentiment) / Σ weight over its kept
// observations, or their plain mean when every weight is zero; Weight is
// Σ weight. The result is sorted by date, sector and analyzer. Options out
// of range are an error.
func DailySectorSentiment(obs []Observation, cal *Calendar, opts DailyOptions) ([]DailySector, error) {
	decay, window, err := opts.check()
	if err != nil {
		return nil, err
	}
	// Positions of the placeable observations, in stream order: by
	// sector and analyzer, then by time, article id and input position.
	order := make([]int, 0, len(obs))
	for i := range obs {
		if !obs[i].Time.IsZero() {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := &obs[a], &obs[b]
		return cmp.Or(cmp.Compare(x.Sector, y.Sector), cmp.Compare(x.Analyzer, y.Analyzer),
			x.Time.Compare(y.Time), cmp.Compare(x.ArticleID, y.ArticleID))
	})

	groups := make(map[dailyKey]*dailyAcc)
	// seen counts, per story, the observations of the current stream
	// within the window before the current one: order[left:p].
	seen := make(map[int64]int)
	left := 0
	for p, i := range order {
		o := &obs[i]
		if p > 0 {
			if prev := &obs[order[p-1]]; prev.Sector != o.Sector || prev.Analyzer != o.Analyzer {
				clear(seen)
				left = p
			}
		}
		for ; left < p && o.Time.Sub(obs[order[left]].Time) >= window; left++ {
			s := obs[order[left]].story()
			if seen[s]--; seen[s] == 0 {
				delete(seen, s)
			}
		}
		k := len(seen)
		seen[o.story()]++

		key := dailyKey{cal.TradingDate(o.Time), o.Sector, o.Analyzer}
		a := groups[key]
		if a == nil {
			a = &dailyAcc{stories: make(map[int64]struct{})}
			groups[key] = a
		}
		a.mentions++
		if _, dup := a.stories[o.story()]; dup {
			continue
		}
		a.stories[o.story()] = struct{}{}
		w := o.Relevance * o.Confidence
		if decay != 1 && k > 0 {
			w *= math.Pow(decay, float64(k))
		}
		a.wsum += w
		a.wsent += w * o.Sentiment
		a.sum += o.Sentiment
	}

	out := make([]DailySector, 0, len(groups))
	for k, a := range groups {
		s := a.sum / float64(len(a.stories))
		if a.wsum != 0 {
			s = a.wsent / a.wsum
		}
		out = append(out, DailySector{
			TradingDate: k.date, Sector: k.sector, Analyzer: k.analyzer,
			Sentiment: s, Articles: len(a.stories), Mentions: a.mentions, Weight: a.wsum,
		})
	}
	slices.SortFunc(out, func(x, y DailySector) int {
		return cmp.Or(cmp.Compare(x.TradingDate, y.TradingDate),
			cmp.Compare(x.Sector, y.Sector), cmp.Compare(x.Analyzer, y.Analyzer))
	})
	return out, nil
}
