package sentiment

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// The grammar of change: a metric and the direction it moved ("operating
// profit rose", "losses narrowed", "higher costs", "净利润下降") make one
// cue whose sign is the metric's polarity times the direction. Changing
// these constants changes what the analyzer says: bump rulesVersion.
const (
	// changeBefore is how many words after a metric its change word may
	// come ("operating profit excluding one-off items rose"); changeAfter
	// how many words before it ("higher raw material costs").
	changeBefore = 6
	changeAfter  = 2
	// changeWeight is the weight of a metric change whose change word is
	// not a cue of its own ("widened", "up"); a cue's own weight is used
	// otherwise, at least changeWeight.
	changeWeight = 0.4
	// compareWeight is the weight of a metric compared with an earlier
	// figure ("EUR 9.0 mn compared with EUR 7.1 mn").
	compareWeight = 0.4
	// compareWords is how many words after a comparison word its figure
	// may come ("compared with EUR 7.1 mn"), and how many words a metric's
	// own figure may follow it.
	compareWords = 3
	compareSpan  = 10
	// purposeFactor multiplies a change after "to" that comes before its
	// metric ("to reduce costs", "to boost sales").
	purposeFactor = 0.5
)

// metricPolarity is the sign of a metric: +1 when a rise is good news for
// shareholders (profit, sales), -1 when it is bad (losses, costs), 0 for a
// phrase that hides a metric inside it ("profit taking").
type metricPolarity int8

// changeHit is a metric and its change found in a clause: tokens [first,
// last) span both, change is the change word (or a comparison from its
// word to the earlier figure), and weight is the cue's weight before negation and
// modifiers.
type changeHit struct {
	first, last int
	change      match
	metric      match
	weight      float64
	// earlier is the metric of the earlier figure a change is measured
	// from ("swung to a profit from a loss"), whose own cue it replaces;
	// empty when there is none.
	earlier match
}

// metricChanges finds the metric changes of a clause: each change word is
// paired with the nearest unpaired metric, first looking back up to
// changeBefore words ("sales fell"), then ahead up to changeAfter words
// ("lower costs"); a metric left without a change word but followed by a
// figure and a comparison with an earlier figure ("EUR 9.0 mn, compared
// with EUR 7.1 mn") is judged by the two figures.
func (lx *lexicon) metricChanges(toks []token, ms []match, wpos []int, out []changeHit) []changeHit {
	if lx.metrics == nil {
		return out
	}
	mets := lx.metrics.findAll(toks, nil)
	if len(mets) == 0 {
		return out
	}
	paired := make([]bool, len(mets))
	for _, ch := range lx.changes.findAll(toks, nil) {
		if ch.id == changeNoneID || overlapsAny(ch, mets) {
			continue
		}
		dir := 1.0
		if ch.id == changeDownID {
			dir = -1
		}
		// "swung to a loss", "slipped into a loss", "returned to profit":
		// a change into a metric attains it.
		into := ch.last < len(toks) && (toks[ch.last].lower == "to" || toks[ch.last].lower == "into")
		// The nearest unpaired metric before the change word, else the
		// nearest after it; mets are in text order, so only the metrics
		// within reach are looked at.
		best := -1
		at := sort.Search(len(mets), func(i int) bool { return mets[i].first >= ch.last })
		for k := at - 1; k >= 0 && mets[k].last <= ch.first; k-- {
			mt := mets[k]
			if wpos[ch.first]-wpos[mt.last] > changeBefore {
				break
			}
			if !changeHolds(toks[mt.last:ch.first]) {
				break // "costs were stable, and its shares fell"
			}
			if !paired[k] && lx.polarity[mt.id] != 0 {
				best = k
				break
			}
		}
		for k := at; best < 0 && k < len(mets); k++ {
			mt := mets[k]
			if wpos[mt.first]-wpos[ch.last] > changeAfter || !changeReaches(toks[ch.last:mt.first]) {
				break
			}
			if !paired[k] && lx.polarity[mt.id] != 0 {
				best = k
			}
		}
		if best < 0 {
			continue
		}
		paired[best] = true
		mt := mets[best]
		if into && mt.first > ch.first {
			dir = 1
		}
		w := changeWeight
		if cw := lx.cueWeightIn(ms, ch); math.Abs(cw) > w {
			w = math.Abs(cw)
		}
		// "will cut 1,200 jobs to reduce costs": a change the clause
		// gives as a purpose is weaker than one it reports.
		if ch.first > 0 && toks[ch.first-1].lower == "to" && ch.first < mt.first {
			w *= purposeFactor
		}
		out = append(out, changeHit{
			first: min(ch.first, mt.first), last: max(ch.last, mt.last), change: ch, metric: mt,
			weight:  dir * float64(lx.polarity[mt.id]) * w,
			earlier: lx.earlierMetric(toks, wpos, max(ch.last, mt.last)),
		})
	}
	for k, mt := range mets {
		if paired[k] || lx.polarity[mt.id] == 0 {
			continue
		}
		if h, ok := lx.comparison(toks, wpos, mt); ok {
			out = append(out, h)
		}
	}
	return out
}

// changeReaches reports whether a change word reaches a metric after it
// across the words between: "higher raw material costs", "cut its
// dividend", "an increase in net sales", "swung to a loss", but not "slid
// on bad loans" or "fell after costs rose", where the words between start
// another phrase.
func changeReaches(between []token) bool {
	for i := range between {
		if i == 0 && (between[i].lower == "to" || between[i].lower == "into") {
			continue // "swung to a loss", "add to earnings"
		}
		switch between[i].lower {
		case "on", "after", "as", "amid", "despite", "due", "because", "by", "with",
			"from", "to", "than", "while", "when", "and", "but", ",", "since", "following":
			return false
		}
	}
	return true
}

// changeHolds reports whether a metric before a change word is still its
// subject across the words between: a conjunction starts another
// subject ("costs were stable, and its shares fell").
func changeHolds(between []token) bool {
	for i := range between {
		switch between[i].lower {
		case "and", "but", "while", "whereas", "as", "because", "since", "so", "although", "though", "yet":
			return false
		}
	}
	return true
}

// The ids of the change matcher's phrases; changeNoneID hides the change
// words inside a phrase that names no change ("dry up", "up to").
const (
	changeDownID = iota
	changeUpID
	changeNoneID
)

// cueWeightIn returns the weight of the first cue match overlapping m, or 0.
func (lx *lexicon) cueWeightIn(ms []match, m match) float64 {
	for _, mt := range ms {
		if mt.first < m.last && m.first < mt.last && lx.entries[mt.id].kind == lexCue {
			return lx.entries[mt.id].weight
		}
	}
	return 0
}

// comparison judges a metric by its figure and an earlier one: "operating
// profit was EUR 9.0 mn compared with EUR 7.1 mn", "net sales of EUR 312
// mn versus EUR 290 mn". Years ("in 2025 compared with 2024") are no
// figures.
func (lx *lexicon) comparison(toks []token, wpos []int, mt match) (changeHit, bool) {
	var a float64
	aPct, haveA := false, false
	for i := mt.last; i < len(toks) && wpos[i]-wpos[mt.last] <= compareSpan; i++ {
		if !haveA {
			if v, pct, ok := amountAt(toks, i); ok {
				a, aPct, haveA = v, pct, true
			}
			continue
		}
		n := lx.compareAt(toks, i)
		if n == 0 {
			if lx.metrics.startsAt(toks, i) {
				break // another metric's figures
			}
			continue
		}
		// "compared with a loss of EUR 5.4 mn": the earlier figure may
		// name its metric; one of the other polarity is a swing, judged
		// by the metric of now alone.
		window := compareWords
		earlier := 0
		if ms := lx.metrics.findAll(toks[i+n:min(i+n+4, len(toks))], nil); len(ms) > 0 {
			window += ms[0].last
			earlier = int(lx.polarity[ms[0].id])
		}
		for j := i + n; j < len(toks) && wpos[j]-wpos[i+n] < window; j++ {
			v, pct, ok := amountAt(toks, j)
			if !ok {
				continue
			}
			dir := 1.0
			switch {
			case earlier != 0 && earlier != int(lx.polarity[mt.id]):
				// a loss after a profit is bad news, and the reverse good
			case pct != aPct || v == a:
				return changeHit{}, false
			case a < v:
				dir = -1
			}
			return changeHit{
				first: mt.first, last: j + 1, change: match{first: i, last: j + 1}, metric: mt,
				weight: dir * float64(lx.polarity[mt.id]) * compareWeight,
			}, true
		}
		return changeHit{}, false
	}
	return changeHit{}, false
}

// earlierMetric returns the comparison word and metric of an earlier
// figure within compareSpan words after token from ("from a loss of",
// "compared with a net loss of"), or an empty match.
func (lx *lexicon) earlierMetric(toks []token, wpos []int, from int) match {
	for i := from; i < len(toks) && wpos[i]-wpos[min(from, len(toks)-1)] <= compareSpan; i++ {
		n := lx.compareAt(toks, i)
		if n == 0 {
			continue
		}
		ms := lx.metrics.findAll(toks[i+n:min(i+n+4, len(toks))], nil)
		if len(ms) == 0 {
			return match{}
		}
		return match{first: i, last: i + n + ms[0].last}
	}
	return match{}
}

// compareAt returns the number of tokens of the comparison word at toks[i]
// ("compared with", "versus", "from"), or 0.
func (lx *lexicon) compareAt(toks []token, i int) int {
	var ms [1]match
	found := lx.compare.findAll(toks[i:min(i+3, len(toks))], ms[:0])
	if len(found) == 0 || found[0].first != 0 {
		return 0
	}
	return found[0].last
}

// startsAt reports whether a phrase of m starts at toks[i].
func (m *matcher) startsAt(toks []token, i int) bool {
	if !m.mayStart(&toks[i]) {
		return false
	}
	for _, p := range m.byFirst[m.key(&toks[i])] {
		if m.matchAt(toks, i, &p) {
			return true
		}
	}
	return false
}

// unitScale returns the multiplier of the unit word after a figure.
func unitScale(w string) (float64, bool) {
	switch w {
	case "k", "thousand":
		return 1e3, true
	case "mn", "m", "mln", "million", "millions":
		return 1e6, true
	case "bn", "b", "bln", "billion", "billions":
		return 1e9, true
	case "萬", "万":
		return 1e4, true
	case "億", "亿":
		return 1e8, true
	}
	return 0, false
}

// amountAt reads the figure at toks[i] with its unit: "7.1 mn" is 7.1e6,
// "12.5%" a percentage. A bare whole number from 1900 to 2100 is a year,
// not a figure.
func amountAt(toks []token, i int) (v float64, pct, ok bool) {
	t := &toks[i]
	if t.kind != tokNum {
		return 0, false, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(t.text, ",", ""), 64)
	if err != nil {
		return 0, false, false
	}
	if i+1 < len(toks) {
		next := toks[i+1].lower
		if f, ok := unitScale(next); ok {
			return v * f, false, true
		}
		if percentAfter(toks, i+1) > 0 {
			return v, true, true
		}
	}
	if v >= 1900 && v <= 2100 && !strings.ContainsAny(t.text, ".,") {
		return 0, false, false
	}
	return v, false, true
}
