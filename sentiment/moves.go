package sentiment

import (
	"strconv"
	"strings"

	"github.com/sectorpulse/sectorpulse"
)

// maxMoveWords is how many words after an index name a move's verb may
// come.
const maxMoveWords = 12

// notIndexNames are companies and bodies whose names start with an index
// alias ("Hang Seng Bank rose 1.2 percent" is not a move of the Hang Seng
// Index).
func notIndexNames() []string {
	return []string{
		"Hang Seng Bank", "Hang Seng Indexes", "Hang Seng Indexes Company", "Hang Seng Investment",
		"Hang Seng University", "恒生銀行", "恒生银行", "恒生指數公司", "恒生指数公司",
	}
}

// moveFinder finds the index moves that a text reports.
type moveFinder struct {
	indexes  []sectorpulse.Index
	names    *matcher // index names; ids index indexes
	up, down map[string]bool
	forecast map[string]bool
}

// moveHit is a reported move and its direction (+1 or -1).
type moveHit struct {
	move sectorpulse.IndexMove
	sign float64
}

// newMoveFinder builds a finder for the indexes of sectorpulse.Indexes. As
// the indexes are Hong Kong's, "the tech index" reads as the Hang Seng TECH
// Index.
func newMoveFinder() *moveFinder {
	f := &moveFinder{
		indexes:  sectorpulse.Indexes(),
		names:    newMatcher(keyLower),
		up:       stemSet("rise", "rose", "risen", "gain", "climb", "jump", "add", "advance", "rally", "surge", "soar", "up", "higher", "rebound", "firm", "升", "漲", "涨"),
		down:     stemSet("fall", "fell", "fallen", "drop", "decline", "slip", "lose", "lost", "shed", "tumble", "slump", "plunge", "down", "lower", "sank", "sink", "slid", "slide", "retreat", "ease", "dip", "跌", "落", "降"),
		forecast: stemSet("expect", "forecast", "predict", "could", "might", "would", "will", "should", "likely", "target", "see", "project", "estimate", "bet", "hope", "aim", "if", "預計", "预计", "料", "將", "将"),
	}
	// Names that begin with an index's alias but name something else: the
	// longer match wins, and its id (past the indexes) is skipped in find.
	for _, n := range notIndexNames() {
		_ = f.names.add(n, false, len(f.indexes))
	}
	for i, ix := range f.indexes {
		names := append([]string{ix.Name, ix.Code}, ix.Aliases...)
		if ix.Code == "HSTECH" {
			names = append(names, "tech index")
		}
		for _, n := range names {
			// Repeats of a name within one index are harmless.
			_ = f.names.add(n, isShortName(n), i)
		}
	}
	return f
}

func stemSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		for _, t := range tokenize(w) {
			set[t.stem] = true
		}
	}
	return set
}

// FindIndexMoves returns the index moves that doc reports, such as "The
// Hang Seng Index rose 3.69 percent to 22,620.33 points" or "the HSI lost
// 310.2 points, or 1.5 percent, to 20,010.1". A move needs the index named
// in the sentence, a verb or adverb giving its direction after the name and
// a figure (a percentage, points or a level); forecasts ("analysts expect
// the Hang Seng Index to rise") are not moves. ChangePct is the percentage
// with the move's sign, Level the "to/at N" figure; either is nil when the
// sentence gives none. Evidence is the sentence, with offsets into doc.
func FindIndexMoves(doc string) []sectorpulse.IndexMove {
	hits := newMoveFinder().find(newDocModel(doc, 0))
	out := make([]sectorpulse.IndexMove, len(hits))
	for i, h := range hits {
		out[i] = h.move
	}
	return out
}

// find returns the moves reported in m, at most one per index and sentence.
func (f *moveFinder) find(m *docModel) []moveHit {
	var out []moveHit
	var ms []match
	for si := range m.sents {
		s := &m.sents[si]
		if s.clauseLast == s.clauseFirst {
			continue
		}
		first := m.clauses[s.clauseFirst].first
		c := &m.clauses[s.clauseLast-1]
		last := c.first + len(c.toks)
		toks := m.toks[first:last]
		ms = f.names.findAll(toks, ms[:0])
		done := make(map[int]bool, len(ms))
		for j, mt := range ms {
			if mt.id >= len(f.indexes) || done[mt.id] {
				continue
			}
			// The segment runs to the end of the clause or the next index name.
			ci := m.clauseAt(toks[mt.first].start)
			for ci+1 < s.clauseLast && m.commaJoined(ci) {
				ci++ // "恒生指數上漲2.1%，收報20,150.5點" is one move
			}
			end := m.clauses[ci].first + len(m.clauses[ci].toks) - first
			if j+1 < len(ms) && ms[j+1].first < end {
				end = ms[j+1].first
			}
			h, ok := f.parse(toks, mt.last, end)
			if !ok {
				continue
			}
			done[mt.id] = true
			h.move.Index = f.indexes[mt.id].Code
			h.move.Evidence = sectorpulse.Evidence{Quote: m.doc[s.start:s.end], Start: s.start, End: s.end}
			out = append(out, h)
		}
	}
	return out
}

// parse reads the move in toks[from:to], which follow an index name.
func (f *moveFinder) parse(toks []token, from, to int) (moveHit, bool) {
	var h moveHit
	dirAt := -1
	words := 0
	for i := from; i < to && words < maxMoveWords; i++ {
		t := &toks[i]
		if !t.isWordish() {
			continue
		}
		words++
		if f.up[t.stem] {
			h.sign, dirAt = 1, i
			break
		}
		if f.down[t.stem] {
			h.sign, dirAt = -1, i
			break
		}
	}
	if dirAt < 0 {
		return h, false
	}
	// A forecast, not a move: "expected to rise", "could fall".
	for i := 0; i < dirAt; i++ {
		t := &toks[i]
		if f.forecast[t.stem] || t.text == "may" {
			return h, false
		}
	}
	if prev := prevWord(toks, dirAt, from); prev >= 0 && toks[prev].lower == "to" {
		return h, false
	}
	figure := false
	for i := from; i < to; i++ {
		t := &toks[i]
		if t.kind != tokNum {
			continue
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(t.text, ",", ""), 64)
		if err != nil {
			continue
		}
		if n := percentAfter(toks, i+1); n > 0 {
			if h.move.ChangePct == nil {
				pct := h.sign * v
				h.move.ChangePct = &pct
			}
			figure = true
			i += n
			continue
		}
		if pointsAfter(toks, i+1) {
			figure = true
		}
		if prev := prevWord(toks, i, from); prev >= 0 && isLevelMarker(toks[prev].lower) && h.move.Level == nil {
			level := v
			h.move.Level = &level
			figure = true
		}
	}
	return h, figure
}

// prevWord returns the index of the word token before i, not before from;
// -1 when none.
func prevWord(toks []token, i, from int) int {
	for j := i - 1; j >= from; j-- {
		if toks[j].isWordish() {
			return j
		}
		if toks[j].text != "," && toks[j].text != "，" {
			return -1
		}
	}
	return -1
}

// percentAfter returns the number of tokens of a percent sign or word at
// toks[i:] ("%", "percent", "per cent", "pct"), or 0.
func percentAfter(toks []token, i int) int {
	if i >= len(toks) {
		return 0
	}
	switch toks[i].lower {
	case "%", "％", "percent", "pct":
		return 1
	case "per":
		if i+1 < len(toks) && toks[i+1].lower == "cent" {
			return 2
		}
	}
	return 0
}

// pointsAfter reports whether a points word follows at toks[i].
func pointsAfter(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	switch toks[i].lower {
	case "points", "point", "pts", "點", "点":
		return true
	}
	return false
}

// isLevelMarker reports the words that introduce an index level.
func isLevelMarker(w string) bool {
	switch w {
	case "to", "at", "至", "報", "报":
		return true
	}
	return false
}
