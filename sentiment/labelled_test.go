package sentiment

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

// labelledFloorAccuracy and labelledFloorMacroF1 are the least the lexicon
// analyzer must score on testdata/labelled.jsonl. The set is small (70
// sentences written by us in wire style, by the same hand as the lexicon),
// so its score is optimistic: it guards against broad regressions rather
// than measuring accuracy on real news. A majority-class guess scores 0.39;
// the analyzer scored 0.986 (macro-F1 0.987) when the floor was set, 0.957
// with negation switched off. The floor (score minus a small margin: three
// more misses fail it) catches regressions when the lexicon or rules are
// edited; single rules (negation, modifiers, percentages, phrases) are
// pinned by TestClauseRules, and the reviewed rules sentence by sentence by
// TestHeldout.
const (
	labelledFloorAccuracy = 0.95
	labelledFloorMacroF1  = 0.95
)

type labelled struct {
	Text  string            `json:"text"`
	Label sectorpulse.Label `json:"label"`
}

func readLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var l labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		switch l.Label {
		case sectorpulse.LabelPositive, sectorpulse.LabelNegative, sectorpulse.LabelNeutral:
		default:
			t.Fatalf("%s:%d: bad label %q", path, n, l.Label)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLabelledAccuracy(t *testing.T) {
	la := newTestAnalyzer(t)
	set := readLabelled(t, "testdata/labelled.jsonl")
	if len(set) < 60 {
		t.Fatalf("labelled set has %d sentences, want at least 60", len(set))
	}
	labels := []sectorpulse.Label{sectorpulse.LabelNegative, sectorpulse.LabelNeutral, sectorpulse.LabelPositive}
	// confusion[gold][predicted]
	confusion := map[sectorpulse.Label]map[sectorpulse.Label]int{}
	for _, l := range labels {
		confusion[l] = map[sectorpulse.Label]int{}
	}
	correct := 0
	for _, l := range set {
		an, err := la.Analyze(context.Background(), &sectorpulse.Article{Text: l.Text})
		if err != nil {
			t.Fatalf("%q: %v", l.Text, err)
		}
		got := sectorpulse.LabelFor(an.Sentiment)
		confusion[l.Label][got]++
		if got == l.Label {
			correct++
		} else {
			t.Logf("miss: %q: got %s (%.3f), want %s", l.Text, got, an.Sentiment, l.Label)
		}
	}
	acc := float64(correct) / float64(len(set))
	var f1sum float64
	for _, c := range labels {
		tp := confusion[c][c]
		fp, fn := 0, 0
		for _, o := range labels {
			if o != c {
				fp += confusion[o][c]
				fn += confusion[c][o]
			}
		}
		var f1 float64
		if tp > 0 {
			p := float64(tp) / float64(tp+fp)
			r := float64(tp) / float64(tp+fn)
			f1 = 2 * p * r / (p + r)
		}
		t.Logf("%-8s tp=%d fp=%d fn=%d F1=%.3f", c, tp, fp, fn, f1)
		f1sum += f1
	}
	macroF1 := f1sum / float64(len(labels))
	t.Logf("labelled set: n=%d accuracy=%.3f macro-F1=%.3f", len(set), acc, macroF1)
	if acc < labelledFloorAccuracy {
		t.Errorf("accuracy %.3f, want >= %.2f", acc, labelledFloorAccuracy)
	}
	if macroF1 < labelledFloorMacroF1 {
		t.Errorf("macro-F1 %.3f, want >= %.2f", macroF1, labelledFloorMacroF1)
	}
}
