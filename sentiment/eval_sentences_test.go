package sentiment

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

// The sentence-level evaluation sets (see testdata/eval/README.md): one
// JSON object per line, written by the sectorpulse team. The dev file may be
// used to tune the analyzer; the test file is kept aside to measure it.
const (
	evalSentDevFile  = "testdata/eval/sentences_dev.jsonl"
	evalSentTestFile = "testdata/eval/sentences_test.jsonl"
	// evalSentDev2File is a second tuning file of 400 sentences in the
	// style of company press releases, written later by another hand.
	evalSentDev2File = "testdata/eval/sentences_dev2.jsonl"
	// evalSentMin is how many sentences each file must hold.
	evalSentMin = 240
)

// Floors of the sentence-level evaluation, applied to each file. The
// lexicon was tuned on the dev files only; the test file measured 0.942
// accuracy and 0.931 macro-F1 when the floors were set (dev: 0.975 and
// 0.971, dev2: 0.970 and 0.963), and the floors are the test file's score
// less about ten sentences. An all-neutral guess scores 0.55 accuracy.
// See README.
const (
	evalFloorAccuracy = 0.90
	evalFloorMacroF1  = 0.88
)

// evalSentTags are the tags a sentence may carry, in report order.
var evalSentTags = []string{
	"change_grammar", "numbers", "negation", "hedge", "mixed", "contrast",
	"neutral_fact", "chinese", "index_move", "guidance", "rating", "deal",
	"regulation", "costs", "market_wrap",
}

// evalSentence is one line of a sentence evaluation file.
type evalSentence struct {
	Text     string                       `json:"text"`
	Label    sectorpulse.Label            `json:"label"`
	Entities map[string]sectorpulse.Label `json:"entities"`
	Sectors  map[string]sectorpulse.Label `json:"sectors"`
	Tags     []string                     `json:"tags"`

	line int // 1-based line in the file
}

// confusionLabels are the rows (gold) and columns (predicted) of a
// confusion matrix, in this order.
var confusionLabels = [3]sectorpulse.Label{sectorpulse.LabelNegative, sectorpulse.LabelNeutral, sectorpulse.LabelPositive}

// confusionIndex returns the row or column of l in a confusion matrix, -1
// when l is not a sentiment label.
func confusionIndex(l sectorpulse.Label) int {
	return slices.Index(confusionLabels[:], l)
}

// confusion is a 3×3 confusion matrix of sentiment labels: n[gold][predicted]
// counts the items of gold label gold that were predicted as predicted, rows
// and columns in the order of confusionLabels. The zero value is empty and
// ready to use.
type confusion struct {
	n [3][3]int
}

// newConfusion returns an empty confusion matrix.
func newConfusion() *confusion { return &confusion{} }

// add counts one item of gold label gold predicted as got. It panics when
// either is not negative, neutral or positive: callers validate their data
// first.
func (c *confusion) add(gold, got sectorpulse.Label) {
	g, p := confusionIndex(gold), confusionIndex(got)
	if g < 0 || p < 0 {
		panic(fmt.Sprintf("confusion: bad label pair %q, %q", gold, got))
	}
	c.n[g][p]++
}

// total returns how many items were added.
func (c *confusion) total() int {
	n := 0
	for g := range c.n {
		for p := range c.n[g] {
			n += c.n[g][p]
		}
	}
	return n
}

// accuracy returns the share of items predicted right, 0 when empty.
func (c *confusion) accuracy() float64 {
	right := 0
	for i := range c.n {
		right += c.n[i][i]
	}
	return confusionRatio(right, c.total())
}

// class returns the precision, recall and F1 of label l and its support
// (the number of gold items of l). Precision, recall and F1 are 0 when
// their denominators are.
func (c *confusion) class(l sectorpulse.Label) (precision, recall, f1 float64, support int) {
	i := confusionIndex(l)
	if i < 0 {
		return 0, 0, 0, 0
	}
	tp, predicted := c.n[i][i], 0
	for g := range c.n {
		predicted += c.n[g][i]
	}
	for p := range c.n[i] {
		support += c.n[i][p]
	}
	precision = confusionRatio(tp, predicted)
	recall = confusionRatio(tp, support)
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1, support
}

// macroF1 returns the unweighted mean of the F1 of the three labels; a
// label with no true positive counts as F1 0.
func (c *confusion) macroF1() float64 {
	var sum float64
	for _, l := range confusionLabels {
		_, _, f1, _ := c.class(l)
		sum += f1
	}
	return sum / float64(len(confusionLabels))
}

// markdown returns the matrix as a Markdown table, rows gold and columns
// predicted, with row and column totals.
func (c *confusion) markdown() string {
	var b strings.Builder
	b.WriteString("| gold \\ predicted |")
	for _, l := range confusionLabels {
		fmt.Fprintf(&b, " %s |", l)
	}
	b.WriteString(" total |\n|---|")
	for range confusionLabels {
		b.WriteString("---:|")
	}
	b.WriteString("---:|\n")
	var cols [3]int
	for g, l := range confusionLabels {
		fmt.Fprintf(&b, "| %s |", l)
		row := 0
		for p := range confusionLabels {
			fmt.Fprintf(&b, " %d |", c.n[g][p])
			row += c.n[g][p]
			cols[p] += c.n[g][p]
		}
		fmt.Fprintf(&b, " %d |\n", row)
	}
	b.WriteString("| total |")
	for _, n := range cols {
		fmt.Fprintf(&b, " %d |", n)
	}
	fmt.Fprintf(&b, " %d |\n", c.total())
	return b.String()
}

// confusionRatio returns n/d, 0 when d is 0.
func confusionRatio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// readEvalSentences reads and validates a sentence evaluation file. Every
// problem is reported with its file:line, and the test stops when there is
// any.
func readEvalSentences(t *testing.T, path string, tax *Taxonomy) []evalSentence {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []evalSentence
	bad := false
	errf := func(line int, format string, args ...any) {
		t.Helper()
		t.Errorf("%s:%d: %s", path, line, fmt.Sprintf(format, args...))
		bad = true
	}
	seen := map[string]int{}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	for i, raw := range lines {
		n := i + 1
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		var s evalSentence
		if err := dec.Decode(&s); err != nil {
			errf(n, "malformed line: %v", err)
			continue
		}
		if dec.More() {
			errf(n, "malformed line: more than one JSON value")
			continue
		}
		s.line = n
		if strings.TrimSpace(s.Text) == "" {
			errf(n, "empty text")
		}
		if first, ok := seen[evalSentKey(s.Text)]; ok {
			errf(n, "duplicate of line %d", first)
		} else {
			seen[evalSentKey(s.Text)] = n
		}
		if confusionIndex(s.Label) < 0 {
			errf(n, "unknown label %q", s.Label)
		}
		for name, l := range s.Entities {
			if strings.TrimSpace(name) == "" {
				errf(n, "empty entity name")
			}
			if confusionIndex(l) < 0 {
				errf(n, "entity %q: unknown label %q", name, l)
			}
		}
		for id, l := range s.Sectors {
			if _, ok := tax.Lookup(id); !ok {
				errf(n, "unknown sector id %q", id)
			}
			if confusionIndex(l) < 0 {
				errf(n, "sector %q: unknown label %q", id, l)
			}
		}
		for _, tag := range s.Tags {
			if !slices.Contains(evalSentTags, tag) {
				errf(n, "unknown tag %q", tag)
			}
		}
		out = append(out, s)
	}
	if len(out) < evalSentMin {
		t.Errorf("%s: %d sentences, want at least %d", path, len(out), evalSentMin)
		bad = true
	}
	if bad {
		t.FailNow()
	}
	return out
}

// evalSentKey normalises a sentence for duplicate checks: lower case, runs
// of white space folded.
func evalSentKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// evalSentResolve returns the canonical gazetteer name of an entity as a
// gold file writes it ("Tencent Holdings", "騰訊", "the Hang Seng Index"),
// trying the name, the name without a leading "the", and the name as an
// index alias.
func evalSentResolve(g *Gazetteer, name string) (string, bool) {
	cands := []string{strings.TrimSpace(name)}
	if len(cands[0]) > 4 && strings.EqualFold(cands[0][:4], "the ") {
		cands = append(cands, strings.TrimSpace(cands[0][4:]))
	}
	for _, c := range cands {
		if e, ok := g.Lookup(c); ok {
			return e.Name, true
		}
		if ix, ok := sectorpulse.LookupIndex(c); ok {
			for _, k := range []string{ix.Code, ix.Name} {
				if e, ok := g.Lookup(k); ok {
					return e.Name, true
				}
			}
		}
	}
	return "", false
}

// evalSentCount is a right/total tally.
type evalSentCount struct{ right, total int }

func (c evalSentCount) String() string {
	return fmt.Sprintf("%d/%d = %.3f", c.right, c.total, confusionRatio(c.right, c.total))
}

// evalSentReport is the measure of one file.
type evalSentReport struct {
	labels *confusion
	tags   map[string]*evalSentCount
	// Entities: gold is every gold entity, known those the gazetteer
	// resolves, found those the analysis mentions; ents is the label
	// confusion of the found ones.
	entGold, entKnown, entFound int
	ents                        *confusion
	// Sectors: gold is every gold sector, found those the analysis scores.
	secGold, secFound int
	secs              *confusion
	misses            []string
}

// TestEvalSentences measures the lexicon analyzer on the sentence
// evaluation sets: sentence labels (accuracy, per-class precision, recall
// and F1, macro-F1, confusion matrix, accuracy per tag), entity labels and
// sector labels with their coverage. Misses are listed for the dev file
// only, so that the test file is not tuned to.
func TestEvalSentences(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	dev := readEvalSentences(t, evalSentDevFile, tax)
	dev2 := readEvalSentences(t, evalSentDev2File, tax)
	test := readEvalSentences(t, evalSentTestFile, tax)
	inDev := map[string]string{}
	for _, set := range []struct {
		path string
		set  []evalSentence
	}{{evalSentDevFile, dev}, {evalSentDev2File, dev2}} {
		for _, s := range set.set {
			inDev[evalSentKey(s.Text)] = fmt.Sprintf("%s:%d", set.path, s.line)
		}
	}
	for _, s := range test {
		if at, ok := inDev[evalSentKey(s.Text)]; ok {
			t.Errorf("%s:%d: same sentence as %s", evalSentTestFile, s.line, at)
		}
	}

	la := newTestAnalyzer(t)
	for _, c := range []struct {
		name, path string
		set        []evalSentence
		listMisses bool
	}{
		{"dev", evalSentDevFile, dev, true},
		{"dev2", evalSentDev2File, dev2, true},
		{"test", evalSentTestFile, test, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := evalSentMeasure(t, la, c.path, c.set)
			evalSentLog(t, c.path, r, c.listMisses)
			if acc := r.labels.accuracy(); acc < evalFloorAccuracy {
				t.Errorf("%s: accuracy %.3f, want >= %.2f", c.path, acc, evalFloorAccuracy)
			}
			if f1 := r.labels.macroF1(); f1 < evalFloorMacroF1 {
				t.Errorf("%s: macro-F1 %.3f, want >= %.2f", c.path, f1, evalFloorMacroF1)
			}
		})
	}
}

// evalSentMeasure analyses every sentence of set and tallies the results.
func evalSentMeasure(t *testing.T, la *LexiconAnalyzer, path string, set []evalSentence) *evalSentReport {
	t.Helper()
	r := &evalSentReport{labels: newConfusion(), ents: newConfusion(), secs: newConfusion(), tags: map[string]*evalSentCount{}}
	for _, tag := range evalSentTags {
		r.tags[tag] = &evalSentCount{}
	}
	for _, s := range set {
		an, err := la.Analyze(context.Background(), &sectorpulse.Article{Text: s.Text})
		if err != nil {
			t.Fatalf("%s:%d: %v", path, s.line, err)
		}
		got := sectorpulse.LabelFor(an.Sentiment)
		r.labels.add(s.Label, got)
		for _, tag := range s.Tags {
			r.tags[tag].total++
			if got == s.Label {
				r.tags[tag].right++
			}
		}
		if got != s.Label {
			r.misses = append(r.misses, fmt.Sprintf("%s:%d: got %s (%+.3f), want %s: %q", path, s.line, got, an.Sentiment, s.Label, s.Text))
		}

		for name, gold := range s.Entities {
			r.entGold++
			canon, known := evalSentResolve(la.g, name)
			if known {
				r.entKnown++
			}
			for _, m := range an.Mentions {
				if (known && m.Entity == canon) || (!known && strings.EqualFold(m.Entity, name)) {
					r.entFound++
					r.ents.add(gold, sectorpulse.LabelFor(m.Sentiment))
					break
				}
			}
		}
		for id, gold := range s.Sectors {
			r.secGold++
			for _, sc := range an.Sectors {
				if sc.Sector == id {
					r.secFound++
					r.secs.add(gold, sectorpulse.LabelFor(sc.Sentiment))
					break
				}
			}
		}
	}
	return r
}

// evalSentLog logs the report of one file.
func evalSentLog(t *testing.T, path string, r *evalSentReport, listMisses bool) {
	t.Helper()
	c := r.labels
	_, _, _, neutral := c.class(sectorpulse.LabelNeutral)
	t.Logf("%s: n=%d accuracy=%.3f macro-F1=%.3f (all-neutral baseline accuracy %.3f)",
		path, c.total(), c.accuracy(), c.macroF1(), confusionRatio(neutral, c.total()))
	for _, l := range confusionLabels {
		p, rc, f1, support := c.class(l)
		t.Logf("  %-8s precision=%.3f recall=%.3f F1=%.3f support=%d", l, p, rc, f1, support)
	}
	t.Logf("confusion matrix (rows gold, columns predicted):\n%s", c.markdown())
	for _, tag := range evalSentTags {
		if n := r.tags[tag]; n.total > 0 {
			t.Logf("  tag %-14s accuracy %s", tag, n)
		}
	}
	t.Logf("entities: %d gold, %d known to the gazetteer (%.3f), %d found (coverage %.3f), label accuracy of found %.3f",
		r.entGold, r.entKnown, confusionRatio(r.entKnown, r.entGold), r.entFound,
		confusionRatio(r.entFound, r.entGold), r.ents.accuracy())
	t.Logf("entity labels of found entities:\n%s", r.ents.markdown())
	t.Logf("sectors: %d gold, %d found (coverage %.3f), label accuracy of found %.3f",
		r.secGold, r.secFound, confusionRatio(r.secFound, r.secGold), r.secs.accuracy())
	t.Logf("sector labels of found sectors:\n%s", r.secs.markdown())
	if listMisses {
		for _, m := range r.misses {
			t.Logf("miss: %s", m)
		}
	} else {
		t.Logf("%d misses (not listed: this file is kept aside for measuring)", len(r.misses))
	}
}
