package sentiment

import (
	"testing"
	"time"
)

// fixedNow is the clock of test analyzers: a Hong Kong morning.
func fixedNow() time.Time {
	return time.Date(2026, 11, 25, 8, 30, 0, 0, time.FixedZone("HKT", 8*3600))
}

func newTestAnalyzer(t testing.TB) *LexiconAnalyzer {
	t.Helper()
	la, err := NewLexiconAnalyzer(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	la.Now = fixedNow
	return la
}
