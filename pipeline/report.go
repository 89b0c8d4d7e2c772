package pipeline

import (
	"context"
	"fmt"
	"sort"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/store"
)

// SectorSummary is one sector's sentiment over all stored articles.
type SectorSummary struct {
	Sector string
	// Articles counts articles that scored the sector; Days the distinct
	// trading days.
	Articles, Days int
	// Sentiment is the relevance × confidence weighted mean.
	Sentiment float64
	// Positive, Neutral and Negative count scores by label.
	Positive, Neutral, Negative int
}

// EntitySummary is one entity's sentiment over all stored articles.
type EntitySummary struct {
	Entity, Kind, Ticker string
	Mentions             int
	Sentiment            float64
}

// Summary is what `sectorpulse demo` prints.
type Summary struct {
	Sectors  []SectorSummary
	Entities []EntitySummary
	Moves    []MoveCheck
}

// Summarize aggregates the stored scores by sector and entity and checks
// the reported day moves of each index against its stored prices; trading
// days of the sector table follow HKEX's calendar.
func Summarize(ctx context.Context, st ExportStore, reg *sectorpulse.Registry, f store.ExportFilter) (*Summary, error) {
	cal, err := Calendar(ctx, st, reg, sectorpulse.MarketHKEX)
	if err != nil {
		return nil, err
	}
	s := &Summary{}

	type acc struct {
		sum, w, plain float64
		n             int
		articles      map[int64]bool
		days          map[string]bool
		pos, neu, neg int
	}
	sectors := map[string]*acc{}
	err = st.EachSectorScore(ctx, f, func(r store.SectorRow) error {
		a := sectors[r.Sector]
		if a == nil {
			a = &acc{articles: map[int64]bool{}, days: map[string]bool{}}
			sectors[r.Sector] = a
		}
		w := r.Relevance * r.Confidence
		a.sum += w * r.Sentiment
		a.w += w
		a.plain += r.Sentiment
		a.n++
		a.articles[r.ArticleID] = true
		a.days[cal.TradingDate(articleTime(r.PublishedAt, r.FetchedAt))] = true
		switch sectorpulse.LabelFor(r.Sentiment) {
		case sectorpulse.LabelPositive:
			a.pos++
		case sectorpulse.LabelNegative:
			a.neg++
		default:
			a.neu++
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	for id, a := range sectors {
		mean := a.plain / float64(a.n)
		if a.w > 0 {
			mean = a.sum / a.w
		}
		s.Sectors = append(s.Sectors, SectorSummary{Sector: id, Articles: len(a.articles), Days: len(a.days),
			Sentiment: mean, Positive: a.pos, Neutral: a.neu, Negative: a.neg})
	}
	sort.Slice(s.Sectors, func(i, j int) bool {
		if s.Sectors[i].Articles != s.Sectors[j].Articles {
			return s.Sectors[i].Articles > s.Sectors[j].Articles
		}
		return s.Sectors[i].Sector < s.Sectors[j].Sector
	})

	entities := map[string]*EntitySummary{}
	err = st.EachMention(ctx, f, func(r store.MentionRow) error {
		e := entities[r.Entity]
		if e == nil {
			e = &EntitySummary{Entity: r.Entity, Kind: r.EntityKind, Ticker: r.Ticker}
			entities[r.Entity] = e
		}
		e.Mentions++
		e.Sentiment += r.Sentiment
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	for _, e := range entities {
		e.Sentiment /= float64(e.Mentions)
		s.Entities = append(s.Entities, *e)
	}
	sort.Slice(s.Entities, func(i, j int) bool {
		if s.Entities[i].Mentions != s.Entities[j].Mentions {
			return s.Entities[i].Mentions > s.Entities[j].Mentions
		}
		return s.Entities[i].Entity < s.Entities[j].Entity
	})

	checker := newMoveChecker(st, reg)
	err = st.EachMove(ctx, f, func(r store.MoveRow) error {
		mc, err := checker.check(ctx, r)
		if err != nil {
			return err
		}
		// A week's or an intraday move has no single close to compare.
		if r.Period != "" && r.Period != sectorpulse.PeriodDay {
			return nil
		}
		s.Moves = append(s.Moves, mc)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	return s, nil
}
