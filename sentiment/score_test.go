package sentiment

import (
	"math"
	"testing"
)

// clauseScore returns the score of the first clause of s.
func clauseScore(t *testing.T, la *LexiconAnalyzer, s string) float64 {
	t.Helper()
	m := newDocModel(s, 0)
	la.lx.scoreClauses(m)
	if len(m.clauses) == 0 {
		t.Fatalf("%q has no clauses", s)
	}
	return m.clauses[0].score
}

func TestClauseRules(t *testing.T) {
	la := newTestAnalyzer(t)
	tests := []struct {
		name   string
		clause string
		lo, hi float64 // want lo < score < hi
	}{
		{"cue up", "Shares rallied on Monday", 0.3, 0.7},
		{"negated cue", "Shares did not rally on Monday", -0.6, -0.15},
		{"contraction negates", "Shares didn't rally on Monday", -0.6, -0.15},
		{"failed to", "Shares failed to hold early gains", -0.6, -0.15},
		{"negation window ends", "No one expected that shares on Monday would rally", 0.3, 0.7},
		{"phrase over words: profit warning", "The company issued a profit warning", -0.65, -0.55},
		{"phrase over words: record high", "The index hit a record high", 0.55, 0.65},
		{"record intensifies", "The carmaker posted a record loss", -0.6, -0.45},
		{"sharply intensifies", "Shares fell sharply", -0.65, -0.55},
		{"slightly dampens", "Shares fell slightly", -0.25, -0.15},
		{"percent sign from up", "The stock was up 5.56 percent", 0.4, 0.5},
		{"percent sign from down", "The stock was down 2 per cent", -0.3, -0.25},
		{"percent sign after", "The stock ended 2.3% higher", 0.4, 0.6},
		{"percent without direction", "The fund bought a 5 percent stake", -0.01, 0.01},
		{"no cue", "The company appointed a new chief executive", -0.01, 0.01},
		{"chinese up", "騰訊股價大漲", 0.55, 0.65},
		{"chinese negated", "股價未能上漲", -0.35, -0.25},
		{"chinese intensifier is not negation", "股價不斷上漲", 0.5, 0.6},
		{"inflections", "Shares plunging", -0.7, -0.6},
		{"loss narrowed after", "Losses at the carmaker narrowed", 0.3, 0.45},
		{"loss widened stays negative", "Losses at the carmaker widened", -0.45, -0.3},
		{"shrink used up by loss", "Its loss shrinks", 0.3, 0.45},
		{"averter flips a negative cue", "The developer averted a default", 0.3, 0.5},
		{"averter leaves a positive cue", "The developer avoided a rally", 0.3, 0.7},
		{"despite down-weights", "Shares rose despite a deep slump", 0.3, 0.45},
		{"despite ends at comma", "Despite the rally, shares fell", -0.45, -0.3},
		{"price target cut", "The broker cut its price target", -0.45, -0.35},
		{"price target lifted, not lift", "The broker lifted its target price", 0.35, 0.45},
		{"neutral cue", "Shares were little changed", -0.01, 0.01},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clauseScore(t, la, tt.clause)
			if !(got > tt.lo && got < tt.hi) {
				t.Errorf("score(%q) = %.3f, want in (%.2f, %.2f)", tt.clause, got, tt.lo, tt.hi)
			}
		})
	}
}

func TestPercentMagnitudeGrows(t *testing.T) {
	la := newTestAnalyzer(t)
	prev := 0.0
	for _, s := range []string{"up 0.5 percent", "up 2 percent", "up 5 percent", "up 20 percent"} {
		got := clauseScore(t, la, "Shares were "+s)
		if got <= prev {
			t.Errorf("score(%q) = %.3f, want more than %.3f", s, got, prev)
		}
		prev = got
	}
	if capped := clauseScore(t, la, "Shares were up 90 percent"); math.Abs(capped-math.Tanh(percentCap)) > 1e-9 {
		t.Errorf("score of a 90 percent move = %.3f, want the cap %.3f", capped, math.Tanh(percentCap))
	}
}

func TestConfidence(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		sum, abs float64
		lo, hi   float64
	}{
		{"no cues", 0, 0, 0, 0.35, 0.35},
		{"one cue", 1, 0.5, 0.5, 0.5, 0.6},
		{"many agreeing", 8, 4, 4, 0.85, 0.9},
		{"many disagreeing", 8, 0, 4, 0.35, 0.35},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := confidence(tt.n, tt.sum, tt.abs)
			if got < tt.lo || got > tt.hi || got >= 1 {
				t.Errorf("confidence(%d, %v, %v) = %.3f, want in [%.2f, %.2f]", tt.n, tt.sum, tt.abs, got, tt.lo, tt.hi)
			}
		})
	}
}
