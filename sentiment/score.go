package sentiment

import (
	"math"
	"strconv"
	"strings"
)

// Scoring rules. Changing any of them changes what the analyzer says, so
// bump rulesVersion with them.
const (
	// negationFactor multiplies a cue that a negator precedes.
	negationFactor = -0.6
	// negationWords is how many words may stand between a negator and its
	// cue ("did not rally", "failed to hold on to gains", "no longer
	// foresees an operating loss").
	negationWords = 3
	// subordinateFactor multiplies the cues of a "despite ..." phrase, from
	// the subordinator to the next comma.
	subordinateFactor = 0.15
	// modifierWords is how many words may stand between an intensifier or
	// dampener and its cue ("fell sharply", "slightly higher").
	modifierWords = 1
	// percentWords is how many words before a percentage its direction may
	// come ("lost 310.2 points, or 1.5 percent").
	percentWords = 4
	// percentBase and percentSlope turn a percentage into a cue weight,
	// capped at percentCap: 1% → 0.22, 5% → 0.5, 7% and more → 0.6.
	percentBase  = 0.15
	percentSlope = 0.07
	percentCap   = 0.6
)

// cueHit is one cue found in a clause with its weight after negation and
// modifiers.
type cueHit struct {
	start, end int
	weight     float64
}

// scoreClauses finds the cues of every clause and sentence of m.
func (lx *lexicon) scoreClauses(m *docModel) {
	var ms []match
	var wpos []int
	var chs []changeHit
	for ci := range m.clauses {
		c := &m.clauses[ci]
		ms = lx.match.findAll(c.toks, ms[:0])
		wpos = wordPositions(c.toks, wpos[:0])
		chs = lx.metricChanges(c.toks, ms, wpos, chs[:0])
		// The cues of all clauses share one buffer of the model.
		n0 := len(m.cueBuf)
		m.cueBuf = lx.cues(c.toks, ms, wpos, chs, m.cueBuf)
		m.cueBuf = lx.percentCues(c.toks, ms, wpos, chs, m.cueBuf)
		c.cues = m.cueBuf[n0:len(m.cueBuf):len(m.cueBuf)]
		lx.subordinate(c.toks, ms, c.cues)
		if c.concessive {
			for i := range c.cues {
				c.cues[i].weight *= subordinateFactor
			}
		}
		if lx.muted(ms) {
			for i := range c.cues {
				c.cues[i].weight = 0
			}
		}
		for _, h := range c.cues {
			c.sum += h.weight
			c.abs += math.Abs(h.weight)
		}
		c.score = squash(c.sum)
		s := &m.sents[c.sent]
		s.sum += c.sum
		s.abs += c.abs
		s.ncues += len(c.cues)
	}
	for si := range m.sents {
		m.sents[si].score = squash(m.sents[si].sum)
	}
}

// squash maps a sum of cue weights into (-1, 1).
func squash(x float64) float64 { return math.Tanh(x) }

// wordPositions returns, for each token, how many word tokens precede it.
func wordPositions(toks []token, out []int) []int {
	n := 0
	for i := range toks {
		out = append(out, n)
		if toks[i].isWordish() {
			n++
		}
	}
	return append(out, n)
}

// cues appends to out the cues of a clause: it applies negators, averters,
// modifiers, hedges and subordinators to the cue matches ms and the metric
// changes chs; a cue inside
// a metric change or an ignored phrase counts no more, and a verb before a
// price target makes a cue ("cut its price target").
func (lx *lexicon) cues(toks []token, ms []match, wpos []int, chs []changeHit, out []cueHit) []cueHit {
	// used holds the token ranges whose cues a price target, a metric
	// change or an ignored phrase has replaced.
	out, used := lx.objectCues(toks, ms, wpos, out)
	for _, ch := range chs {
		used = append(used, ch.change, ch.metric, ch.earlier)
	}
	for _, mt := range ms {
		if lx.entries[mt.id].kind == lexIgnore {
			used = append(used, mt)
		}
	}
	for _, ch := range chs {
		w := lx.adjust(toks, ms, wpos, ch.change.first, ch.change, ch.weight)
		out = append(out, cueHit{start: toks[ch.first].start, end: toks[ch.last-1].end, weight: clamp(w)})
	}
	for _, mt := range ms {
		e := &lx.entries[mt.id]
		if e.kind != lexCue && e.kind != lexNeutral {
			continue
		}
		if overlapsAny(mt, used) {
			continue
		}
		w := lx.adjust(toks, ms, wpos, mt.first, mt, e.weight)
		out = append(out, cueHit{start: toks[mt.first].start, end: toks[mt.last-1].end, weight: clamp(w)})
	}
	return out
}

// adjust applies to the weight w of a cue the negator or averter at most
// negationWords words before token first, the modifiers at most
// modifierWords words around the cue's core match at, and the hedges
// before it in its clause.
func (lx *lexicon) adjust(toks []token, ms []match, wpos []int, first int, at match, w float64) float64 {
	negated := false
	for j := len(ms) - 1; j >= 0; j-- {
		p := ms[j]
		if p.last > first {
			continue
		}
		k := lx.entries[p.id].kind
		if k == lexHedge {
			w *= lx.entries[p.id].weight
			continue
		}
		if negated {
			continue
		}
		// A negator before a verb of expectation reaches to the end of
		// the clause: "does not expect demand from carmakers to recover".
		reach := negationWords
		if k == lexNegator && p.last < len(toks) && lx.expect[toks[p.last].stem] {
			reach = len(toks)
		}
		if wpos[first]-wpos[p.last] > reach {
			continue
		}
		switch k {
		case lexNegator:
			w *= negationFactor
			negated = true
		case lexAverter:
			if w < 0 {
				w *= negationFactor
			}
			negated = true
		case lexSubordinator:
			negated = true
		}
	}
	for _, p := range ms {
		if lx.entries[p.id].kind != lexModifier {
			continue
		}
		if p.last <= at.first && wpos[at.first]-wpos[p.last] <= modifierWords ||
			p.first >= at.last && wpos[p.first]-wpos[at.last] <= modifierWords {
			w *= lx.entries[p.id].weight
		}
	}
	return w
}

// muted reports whether a clause holds a mute phrase: a shareholding
// notice ("… of the voting rights") reports no news about the company,
// whatever rose or fell in it.
func (lx *lexicon) muted(ms []match) bool {
	for _, mt := range ms {
		if lx.entries[mt.id].kind == lexMute {
			return true
		}
	}
	return false
}

// subordinate multiplies by subordinateFactor the cues of each phrase that
// a subordinator opens, up to the next comma: "did not rise despite the
// upbeat guidance" is about not rising.
func (lx *lexicon) subordinate(toks []token, ms []match, hits []cueHit) {
	for _, mt := range ms {
		if lx.entries[mt.id].kind != lexSubordinator {
			continue
		}
		from, to := toks[mt.last-1].end, toks[len(toks)-1].end
		for j := mt.last; j < len(toks); j++ {
			if toks[j].text == "," || toks[j].text == "，" {
				to = toks[j].start
				break
			}
		}
		for i := range hits {
			if hits[i].start >= from && hits[i].start < to {
				hits[i].weight *= subordinateFactor
			}
		}
	}
}

// objectCues appends a cue for each object of a verb-object rule that a
// verb of the rule comes before, at most the rule's words apart within
// the clause's words ("cut its price target", "secured a EUR 30 mn
// order"), and returns the token ranges from verb to object as used up.
// Negation and modifiers apply to the verb.
func (lx *lexicon) objectCues(toks []token, ms []match, wpos []int, out []cueHit) ([]cueHit, []match) {
	var used []match
	for gi := range lx.objects {
		g := &lx.objects[gi]
		for _, om := range g.objects.findAll(toks, nil) {
			if overlapsAny(om, used) {
				continue
			}
			for j := om.first - 1; j >= 0 && wpos[om.first]-wpos[j]-1 <= g.words; j-- {
				if !toks[j].isWordish() {
					break
				}
				w, ok := g.verbs[toks[j].stem]
				if !ok {
					continue
				}
				w = lx.adjust(toks, ms, wpos, j, match{first: j, last: j + 1}, w)
				out = append(out, cueHit{start: toks[j].start, end: toks[om.last-1].end, weight: clamp(w)})
				used = append(used, match{first: j, last: om.last})
				break
			}
		}
	}
	return out, used
}

// percentCues adds a cue for each percentage whose direction a nearby cue
// or direction word gives: "up 5.56 percent", "fell 2 per cent", "2.3%
// higher". Its weight grows with the percentage, up to percentCap.
func (lx *lexicon) percentCues(toks []token, ms []match, wpos []int, chs []changeHit, out []cueHit) []cueHit {
	for i := range toks {
		if toks[i].kind != tokNum {
			continue
		}
		n := percentAfter(toks, i+1)
		if n == 0 {
			continue
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(toks[i].text, ",", ""), 64)
		if err != nil || v == 0 {
			continue
		}
		sign := lx.signBefore(toks, ms, wpos, chs, i)
		if sign == 0 {
			sign = lx.signAfter(toks, i+1+n)
		}
		if sign == 0 {
			continue
		}
		w := sign * math.Min(percentBase+percentSlope*math.Abs(v), percentCap)
		out = append(out, cueHit{start: toks[i].start, end: toks[i+n].end, weight: w})
	}
	return out
}

// signBefore returns the direction of the nearest cue or direction word in
// the percentWords words before token i, or 0; the change word of a metric
// change gives the change's sign ("costs rose 12 percent" is bad).
func (lx *lexicon) signBefore(toks []token, ms []match, wpos []int, chs []changeHit, i int) float64 {
	for j := i - 1; j >= 0 && wpos[i]-wpos[j] <= percentWords; j-- {
		for _, ch := range chs {
			if j >= ch.change.first && j < ch.change.last {
				return math.Copysign(1, ch.weight)
			}
		}
		for _, mt := range ms {
			if j >= mt.first && j < mt.last && lx.entries[mt.id].kind == lexCue {
				return math.Copysign(1, lx.entries[mt.id].weight)
			}
		}
		if d := lx.direction(&toks[j]); d != 0 {
			return d
		}
	}
	return 0
}

// signAfter returns the direction of a direction word in the two tokens at
// toks[i:] ("2.3% higher"), or 0.
func (lx *lexicon) signAfter(toks []token, i int) float64 {
	for j := i; j < len(toks) && j < i+2; j++ {
		if d := lx.direction(&toks[j]); d != 0 {
			return d
		}
	}
	return 0
}

func clamp(w float64) float64 { return math.Max(-1, math.Min(1, w)) }

// confidence grows with the number of cues n and their agreement (|sum| /
// sum of |weights|, in [0, 1]) from minConfidence to below maxConfidence.
func confidence(n int, sum, abs float64) float64 {
	const minConfidence, maxConfidence = 0.35, 0.9
	if n == 0 || abs == 0 {
		return minConfidence
	}
	agree := math.Abs(sum) / abs
	return minConfidence + (maxConfidence-minConfidence)*agree*(1-math.Exp(-float64(n)/2))
}

// round3 rounds to three decimals for stable output.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
