package store

import (
	"fmt"

	"github.com/sectorpulse/sectorpulse"
)

// validateAnalysis checks an's scores against the ranges of the domain
// types and its evidence against doc, the article's Document. Errors name
// the item (1-based) and the field.
func validateAnalysis(an *sectorpulse.Analysis, doc string) error {
	if an.Analyzer == "" {
		return fmt.Errorf("%w: analyzer is empty", ErrInvalid)
	}
	if an.CreatedAt.IsZero() {
		return fmt.Errorf("%w: created time is zero", ErrInvalid)
	}
	if an.PromptTokens < 0 || an.CompletionTokens < 0 {
		return fmt.Errorf("%w: negative token count", ErrInvalid)
	}
	if an.Requests < 0 {
		return fmt.Errorf("%w: negative request count %d", ErrInvalid, an.Requests)
	}
	if err := checkCounts("dropped", an.Dropped); err != nil {
		return err
	}
	if err := checkScore("", an.Sentiment, an.Confidence, 1); err != nil {
		return err
	}
	for i, m := range an.Mentions {
		what := fmt.Sprintf("mention %d (%s)", i+1, m.Entity)
		if m.Entity == "" {
			return fmt.Errorf("%s: %w: entity name is empty", what, ErrInvalid)
		}
		if err := checkScore(what+": ", m.Sentiment, m.Confidence, m.Relevance); err != nil {
			return err
		}
		if err := checkEvidence(what, m.Evidence, doc); err != nil {
			return err
		}
	}
	for i, s := range an.Sectors {
		what := fmt.Sprintf("sector score %d (%s)", i+1, s.Sector)
		if s.Sector == "" {
			return fmt.Errorf("%s: %w: sector id is empty", what, ErrInvalid)
		}
		if err := checkScore(what+": ", s.Sentiment, s.Confidence, s.Relevance); err != nil {
			return err
		}
		if err := checkEvidence(what, s.Evidence, doc); err != nil {
			return err
		}
	}
	for i, m := range an.Moves {
		what := fmt.Sprintf("index move %d (%s)", i+1, m.Index)
		if m.Index == "" {
			return fmt.Errorf("%s: %w: index code is empty", what, ErrInvalid)
		}
		if m.ChangePct != nil && (!finite(*m.ChangePct) || *m.ChangePct < -100) {
			return fmt.Errorf("%s: %w: change %v%% out of range", what, ErrInvalid, *m.ChangePct)
		}
		if m.Level != nil && (!finite(*m.Level) || *m.Level < 0) {
			return fmt.Errorf("%s: %w: level %v out of range", what, ErrInvalid, *m.Level)
		}
		if m.ChangePoints != nil && !finite(*m.ChangePoints) {
			return fmt.Errorf("%s: %w: change %v points out of range", what, ErrInvalid, *m.ChangePoints)
		}
		if !validPeriod(m.Period) {
			return fmt.Errorf("%s: %w: unknown period %q", what, ErrInvalid, m.Period)
		}
		if err := checkEvidence(what, m.Evidence, doc); err != nil {
			return err
		}
	}
	return nil
}

// validPeriod reports whether p is one of the periods of an IndexMove, or
// empty (not known).
func validPeriod(p string) bool {
	switch p {
	case "", sectorpulse.PeriodDay, sectorpulse.PeriodIntraday, sectorpulse.PeriodWeek, sectorpulse.PeriodMonth,
		sectorpulse.PeriodQuarter, sectorpulse.PeriodYear, sectorpulse.PeriodYTD:
		return true
	}
	return false
}

// checkScore checks sentiment in [-1, 1] and confidence and relevance in
// [0, 1]; prefix names the item.
func checkScore(prefix string, sentiment, confidence, relevance float64) error {
	switch {
	case !inRange(sentiment, -1, 1):
		return fmt.Errorf("%s%w: sentiment %v out of [-1, 1]", prefix, ErrInvalid, sentiment)
	case !inRange(confidence, 0, 1):
		return fmt.Errorf("%s%w: confidence %v out of [0, 1]", prefix, ErrInvalid, confidence)
	case !inRange(relevance, 0, 1):
		return fmt.Errorf("%s%w: relevance %v out of [0, 1]", prefix, ErrInvalid, relevance)
	}
	return nil
}

// checkEvidence checks that ev's offsets fit doc and that the quote is the
// text at those offsets: no score is stored without its grounding.
func checkEvidence(what string, ev sectorpulse.Evidence, doc string) error {
	if ev.Start < 0 || ev.End < ev.Start || ev.End > len(doc) {
		return fmt.Errorf("%s: %w: evidence offsets [%d:%d] outside the article (%d bytes)",
			what, ErrInvalid, ev.Start, ev.End, len(doc))
	}
	if doc[ev.Start:ev.End] != ev.Quote {
		return fmt.Errorf("%s: %w: evidence %q is not the article text at [%d:%d]",
			what, ErrInvalid, ev.Quote, ev.Start, ev.End)
	}
	return nil
}

// checkCounts checks that a map of counts by reason has no empty reason and
// no negative count; what names the map.
func checkCounts(what string, m map[string]int) error {
	for reason, n := range m {
		if reason == "" {
			return fmt.Errorf("%s: %w: empty reason", what, ErrInvalid)
		}
		if n < 0 {
			return fmt.Errorf("%s: %w: negative count %d for %q", what, ErrInvalid, n, reason)
		}
	}
	return nil
}
