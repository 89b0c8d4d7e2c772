package sentiment

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
)

// lexKind is the role of a lexicon phrase.
type lexKind uint8

const (
	lexCue lexKind = iota
	lexNegator
	lexModifier     // intensifier or dampener
	lexNeutral      // a cue that holds its clause at zero ("little changed")
	lexAverter      // flips the negative cue after it ("avoided default")
	lexSubordinator // down-weights the cues after it ("despite ...")
	lexIgnore       // hides the cues inside it ("fine tuned", "crude oil")
	lexHedge        // dampens the cues after it in its clause ("may", "could")
	lexMute         // zeroes every cue of its clause ("of the voting rights")
)

// verbObjects is a verb-object rule: verbs (stem → weight) at most words
// words before one of objects make a cue.
type verbObjects struct {
	objects *matcher
	verbs   map[string]float64
	words   int
}

// lexEntry is one compiled lexicon phrase.
type lexEntry struct {
	kind   lexKind
	phrase string
	weight float64 // cue weight, or modifier or hedge factor
}

// lexicon is the compiled cue lexicon.
type lexicon struct {
	entries []lexEntry
	match   *matcher // stemmed; ids index entries
	up      map[string]bool
	down    map[string]bool
	// objects are the verb-object rules: a verb at most a few words
	// before its object makes a cue of the verb's weight ("cut its price
	// target", "won a EUR 30 mn order", "lowered its full-year forecast").
	objects []verbObjects
	// expect holds the stems of verbs of expectation that carry a
	// negation before them to the end of the clause ("does not expect
	// demand to recover").
	expect map[string]bool
	// metrics finds the metrics of the grammar of change; polarity is
	// indexed by a metric match's id. changes finds the words of rise and
	// fall, compare the comparison words ("compared with").
	metrics  *matcher
	polarity []metricPolarity
	changes  *matcher // ids changeDownID, changeUpID
	compare  *matcher
}

type lexiconYAML struct {
	Cues         map[string]float64  `yaml:"cues"`
	Negators     []string            `yaml:"negators"`
	Intensifiers map[string]float64  `yaml:"intensifiers"`
	Dampeners    map[string]float64  `yaml:"dampeners"`
	Directions   map[string][]string `yaml:"directions"`
	Neutral      []string            `yaml:"neutral"`
	Averters     []string            `yaml:"averters"`
	Subordinate  []string            `yaml:"subordinators"`
	Hedges       map[string]float64  `yaml:"hedges"`
	VerbObjects  []struct {
		Objects []string           `yaml:"objects"`
		Verbs   map[string]float64 `yaml:"verbs"`
		Words   int                `yaml:"words"`
	} `yaml:"verb_objects"`
	Expect  []string `yaml:"expect"`
	Mute    []string `yaml:"mute"`
	Ignore  []string `yaml:"ignore"`
	Metrics struct {
		RiseGood []string `yaml:"rise_good"`
		RiseBad  []string `yaml:"rise_bad"`
		Not      []string `yaml:"not_metrics"`
	} `yaml:"metrics"`
	Changes     map[string][]string `yaml:"changes"`
	Comparisons []string            `yaml:"comparisons"`
}

// loadLexicon reads and compiles a lexicon file named name in errors.
func loadLexicon(r io.Reader, name string) (*lexicon, []byte, error) {
	var y lexiconYAML
	data, _, err := decodeYAML(r, name, &y)
	if err != nil {
		return nil, nil, err
	}
	lx := &lexicon{
		match: newMatcher(keyStem), up: make(map[string]bool), down: make(map[string]bool),
		expect: make(map[string]bool),
	}
	add := func(kind lexKind, phrase string, w float64) error {
		if err := lx.match.add(phrase, false, len(lx.entries)); err != nil {
			return fmt.Errorf("%s: %w: %w", name, err, ErrInvalidLexicon)
		}
		lx.entries = append(lx.entries, lexEntry{kind: kind, phrase: phrase, weight: w})
		return nil
	}
	for _, p := range sortedKeys(y.Cues) {
		w := y.Cues[p]
		if w < -1 || w > 1 || w == 0 || math.IsNaN(w) {
			return nil, nil, fmt.Errorf("%s: cue %q: weight %v not in [-1, 1] or zero: %w", name, p, w, ErrInvalidLexicon)
		}
		// An inflection of a cue of the same sign ("return to profit",
		// "returned to profit") is a harmless repeat; the first weight in
		// sorted order stands.
		var dup *dupError
		if err := add(lexCue, p, w); err != nil && !(errors.As(err, &dup) && sameCue(lx.entries[dup.id], w)) {
			return nil, nil, err
		}
	}
	for _, p := range y.Negators {
		if err := add(lexNegator, p, -1); err != nil {
			return nil, nil, err
		}
	}
	for _, group := range []struct {
		kind    lexKind
		phrases []string
	}{{lexNeutral, y.Neutral}, {lexAverter, y.Averters}, {lexSubordinator, y.Subordinate}, {lexIgnore, y.Ignore}} {
		for _, p := range group.phrases {
			// Inflections of one phrase of the group ("fine tune", "fine
			// tuned") are harmless repeats.
			var dup *dupError
			if err := add(group.kind, p, 0); err != nil && !(errors.As(err, &dup) && lx.entries[dup.id].kind == group.kind) {
				return nil, nil, err
			}
		}
	}
	for gi, g := range y.VerbObjects {
		// Objects match as written, ignoring case: the stemmer is too
		// crude for them ("rates" and "rating" share a stem).
		vo := verbObjects{objects: newMatcher(keyLower), verbs: make(map[string]float64), words: g.Words}
		if g.Words < 0 || g.Words > 10 || len(g.Objects) == 0 || len(g.Verbs) == 0 {
			return nil, nil, fmt.Errorf("%s: verb_objects %d: want objects, verbs and words in 0..10: %w", name, gi+1, ErrInvalidLexicon)
		}
		for _, o := range g.Objects {
			// Inflections of one object ("order", "orders") are
			// harmless repeats.
			var dup *dupError
			if err := vo.objects.add(o, false, 0); err != nil && !errors.As(err, &dup) {
				return nil, nil, fmt.Errorf("%s: verb_objects %d: %w: %w", name, gi+1, err, ErrInvalidLexicon)
			}
		}
		for _, v := range sortedKeys(g.Verbs) {
			w := g.Verbs[v]
			toks := tokenize(v)
			if len(toks) != 1 || w < -1 || w > 1 || w == 0 || math.IsNaN(w) {
				return nil, nil, fmt.Errorf("%s: verb_objects %d: verb %q: must be one word with a weight in [-1, 1], not zero: %w", name, gi+1, v, ErrInvalidLexicon)
			}
			vo.verbs[toks[0].stem] = w
		}
		lx.objects = append(lx.objects, vo)
	}
	for _, v := range y.Expect {
		toks := tokenize(v)
		if len(toks) != 1 {
			return nil, nil, fmt.Errorf("%s: expect %q must be one word: %w", name, v, ErrInvalidLexicon)
		}
		lx.expect[toks[0].stem] = true
	}
	for _, p := range y.Mute {
		var dup *dupError
		if err := add(lexMute, p, 0); err != nil && !(errors.As(err, &dup) && lx.entries[dup.id].kind == lexMute) {
			return nil, nil, err
		}
	}
	for _, mods := range []map[string]float64{y.Intensifiers, y.Dampeners} {
		for _, p := range sortedKeys(mods) {
			f := mods[p]
			if f <= 0 || f > 3 || math.IsNaN(f) {
				return nil, nil, fmt.Errorf("%s: modifier %q: factor %v not in (0, 3]: %w", name, p, f, ErrInvalidLexicon)
			}
			if err := add(lexModifier, p, f); err != nil {
				return nil, nil, err
			}
		}
	}
	for _, p := range sortedKeys(y.Hedges) {
		f := y.Hedges[p]
		if f <= 0 || f >= 1 || math.IsNaN(f) {
			return nil, nil, fmt.Errorf("%s: hedge %q: factor %v not in (0, 1): %w", name, p, f, ErrInvalidLexicon)
		}
		if err := add(lexHedge, p, f); err != nil {
			return nil, nil, err
		}
	}
	if err := lx.loadChanges(&y, name); err != nil {
		return nil, nil, err
	}
	for dir, words := range y.Directions {
		var set map[string]bool
		switch dir {
		case "up":
			set = lx.up
		case "down":
			set = lx.down
		default:
			return nil, nil, fmt.Errorf("%s: direction %q is neither up nor down: %w", name, dir, ErrInvalidLexicon)
		}
		for _, w := range words {
			toks := tokenize(w)
			if len(toks) != 1 {
				return nil, nil, fmt.Errorf("%s: direction %q must be one word: %w", name, w, ErrInvalidLexicon)
			}
			set[toks[0].stem] = true
		}
	}
	return lx, data, nil
}

// direction returns +1 or -1 when the token is an up or down word, else 0.
func (lx *lexicon) direction(t *token) float64 {
	switch {
	case lx.up[t.stem]:
		return 1
	case lx.down[t.stem]:
		return -1
	}
	return 0
}

// sortedKeys returns the keys of m in order, so that entries get the same
// ids on every run.
func sortedKeys(m map[string]float64) []string {
	return slices.Sorted(maps.Keys(m))
}

// loadChanges compiles the metrics, change words and comparison words of
// the grammar of change.
func (lx *lexicon) loadChanges(y *lexiconYAML, name string) error {
	lx.metrics, lx.changes, lx.compare = newMatcher(keyStem), newMatcher(keyStem), newMatcher(keyStem)
	for _, group := range []struct {
		pol     metricPolarity
		phrases []string
	}{{1, y.Metrics.RiseGood}, {-1, y.Metrics.RiseBad}, {0, y.Metrics.Not}} {
		for _, p := range group.phrases {
			var dup *dupError
			err := lx.metrics.add(p, false, len(lx.polarity))
			switch {
			case errors.As(err, &dup) && lx.polarity[dup.id] == group.pol:
				continue // an inflection of the same metric
			case err != nil:
				return fmt.Errorf("%s: metric: %w: %w", name, err, ErrInvalidLexicon)
			}
			lx.polarity = append(lx.polarity, group.pol)
		}
	}
	for dir, words := range y.Changes {
		id := changeUpID
		switch dir {
		case "up":
		case "down":
			id = changeDownID
		case "none":
			id = changeNoneID
		default:
			return fmt.Errorf("%s: changes: %q is not up, down or none: %w", name, dir, ErrInvalidLexicon)
		}
		for _, w := range words {
			var dup *dupError
			err := lx.changes.add(w, false, id)
			switch {
			case errors.As(err, &dup) && dup.id == id:
			case err != nil:
				return fmt.Errorf("%s: change word: %w: %w", name, err, ErrInvalidLexicon)
			}
		}
	}
	for _, p := range y.Comparisons {
		var dup *dupError
		if err := lx.compare.add(p, false, 0); err != nil && !errors.As(err, &dup) {
			return fmt.Errorf("%s: comparison: %w: %w", name, err, ErrInvalidLexicon)
		}
	}
	return nil
}

// sameCue reports whether e is a cue of the sign of w.
func sameCue(e lexEntry, w float64) bool {
	return e.kind == lexCue && math.Signbit(e.weight) == math.Signbit(w)
}
