package sentiment

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sectorpulse/sectorpulse"
)

const (
	// maxMoveWords is how many words after an index name a move's verb
	// may come.
	maxMoveWords = 12
	// maxPeriodLookback is how many words before an index name a period
	// phrase may start ("So far this year, the Nikkei ...").
	maxPeriodLookback = 6
	// maxLevelLookback is how many words before a figure its level marker
	// may come ("to a record 19,850.2").
	maxLevelLookback = 6
	// minMoveLevel is the least index level read: every index sectorpulse
	// knows stands far above it, so a smaller figure after "to" or "at" is
	// something else (a time, a PMI reading).
	minMoveLevel = 100
	// corefWindow is in how many sentences after an index is named "the
	// benchmark index" or "the index" still refers to it.
	corefWindow = 3
)

// notIndexNames are companies and bodies whose names start with an index
// alias ("Hang Seng Bank rose 1.2 percent" is not a move of the Hang Seng
// Index, "Dow Inc" is not the Dow).
func notIndexNames() []string {
	return []string{
		"Hang Seng Bank", "Hang Seng Indexes", "Hang Seng Indexes Company", "Hang Seng Investment",
		"Hang Seng University", "恒生銀行", "恒生银行", "恒生指數公司", "恒生指数公司",
		"Nasdaq Inc", "Nasdaq OMX", "Nasdaq Stockholm", "Nasdaq Nordic", "Nasdaq Dubai",
		"Dow Inc", "Dow Chemical", "Dow Jones & Co", "Dow Jones & Company", "Dow Jones Newswires",
		"S&P Dow Jones Indices", "Nikkei Inc", "Nikkei Asia", "Nikkei Asian Review",
	}
}

// corefNames refer to the index named last when "the" comes before them
// ("The Nikkei opened higher. The benchmark index closed up 1.2
// percent."); without "the" they name another index ("the MSCI China
// index", "a gauge of chipmakers").
func corefNames() []string {
	return []string{
		"index", "benchmark", "benchmark index", "gauge", "benchmark gauge",
		"blue-chip index", "blue-chip gauge", "city's benchmark", "city's benchmark index",
	}
}

// moveFinder finds the index moves that a text reports.
type moveFinder struct {
	indexes  []sectorpulse.Index
	names    *matcher // index names; ids index indexes, or are notIndexID or corefID
	up, down map[string]bool
	forecast map[string]bool
}

// notIndexID and corefID are the ids of names that are no index and of
// names that refer to the index named last, past the indexes.
func (f *moveFinder) notIndexID() int { return len(f.indexes) }
func (f *moveFinder) corefID() int    { return len(f.indexes) + 1 }

// moveHit is a reported move and its direction (+1 or -1).
type moveHit struct {
	move sectorpulse.IndexMove
	sign float64
	// explicit is true when the text states the period; otherwise
	// move.Period is the default, PeriodDay.
	explicit bool
}

// newMoveFinder builds a finder for the indexes of sectorpulse.Indexes, by
// name, code and alias. Besides, "the tech index" reads as the Hang Seng
// TECH Index and "Hong Kong's benchmark index" as the Hang Seng Index.
func newMoveFinder() *moveFinder {
	f := &moveFinder{
		indexes: sectorpulse.Indexes(),
		names:   newMatcher(keyLower),
		up: stemSet("rise", "rose", "risen", "gain", "climb", "jump", "add", "added", "advance", "rally", "surge", "soar", "up",
			"higher", "rebound", "firm", "升", "漲", "涨", "揚", "扬", "飆", "飙", "彈", "弹"),
		down: stemSet("fall", "fell", "fallen", "drop", "decline", "slip", "lose", "lost", "shed", "tumble", "slump",
			"plunge", "down", "lower", "sank", "sink", "slid", "slide", "retreat", "ease", "dip", "skid", "tank",
			"跌", "落", "降", "挫", "瀉", "泻"),
		forecast: stemSet("expect", "forecast", "predict", "could", "might", "would", "will", "should", "likely",
			"target", "see", "seen", "project", "estimate", "bet", "hope", "aim", "if"),
	}
	// Names that begin with an index's alias but name something else: the
	// longer match wins, and its id is skipped in find.
	for _, n := range notIndexNames() {
		_ = f.names.add(n, false, f.notIndexID())
	}
	for _, n := range corefNames() {
		_ = f.names.add(n, false, f.corefID())
	}
	for i, ix := range f.indexes {
		names := append([]string{ix.Name, ix.Code}, ix.Aliases...)
		switch ix.Code {
		case "HSTECH":
			names = append(names, "tech index")
		case "HSI":
			names = append(names, "Hong Kong's benchmark index", "Hong Kong's benchmark gauge", "Hong Kong's main index")
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
// Hang Seng Index rose 3.69 percent to 22,620.33 points", "the HSI lost
// 310.2 points, or 1.5 percent, to 20,010.1" or "恒指收跌1.2%，报19,864点".
//
// A move needs an index named in the sentence (or, within a few sentences
// of one, "the benchmark index"), a verb or adverb giving its direction
// after the name, and a figure: a percentage (ChangePct), a change in
// points (ChangePoints) or a level after "to", "at" or "報" (Level), each
// nil when the sentence gives none. Only the words that follow the verb
// up to the next clause about another subject count ("rose as Tencent
// gained 3 percent" gives no figure), and approximate figures ("more than
// 2 percent", "逾1%") are not read. Forecasts and conditionals ("analysts
// expect the Hang Seng Index to rise") are not moves.
//
// Period is PeriodDay unless the sentence names another span: PeriodIntraday
// ("in morning trade", "午市"), PeriodWeek ("this week", "本周"),
// PeriodMonth, PeriodQuarter, PeriodYear ("this year", "in 2024") or
// PeriodYTD ("so far this year", "今年以來"). A move over any other span
// ("over the past three weeks", "since April") is left out. Evidence is
// the sentence, with offsets into doc; a sentence gives at most one move
// per index.
func FindIndexMoves(doc string) []sectorpulse.IndexMove {
	hits := newMoveFinder().find(newDocModel(doc, 0))
	out := make([]sectorpulse.IndexMove, len(hits))
	for i, h := range hits {
		out[i] = h.move
	}
	return out
}

// periodOf returns the period that quote states for a move of the index
// code, read as FindIndexMoves reads it; "" when quote reports no such
// move, states no period, or states a span that is no standard period.
func (f *moveFinder) periodOf(quote, code string) string {
	for _, h := range f.find(newDocModel(quote, 0)) {
		if h.move.Index == code {
			if h.explicit {
				return h.move.Period
			}
			return ""
		}
	}
	return ""
}

// find returns the moves reported in m, at most one per index and sentence.
func (f *moveFinder) find(m *docModel) []moveHit {
	var out []moveHit
	var ms []match
	var done []int
	ante, anteSent := -1, 0 // the index named last, and in which sentence
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
		done = done[:0]
		prevEnd := 0
		for j := 0; j < len(ms); j++ {
			mt := ms[j]
			lo := prevEnd
			id := mt.id
			switch {
			case id == f.notIndexID():
				prevEnd = mt.last
				continue
			case id == f.corefID():
				prevEnd = mt.last
				if mt.first == 0 || toks[mt.first-1].lower != "the" {
					// "the Caixin PMI index": an index sectorpulse does not
					// know is now what "the index" means.
					ante = -1
					continue
				}
				if ante < 0 || si-anteSent > corefWindow || (j+1 < len(ms) && ms[j+1].first == mt.last) ||
					!f.corefFollows(toks, mt.last) {
					continue
				}
				id = ante
			default:
				// "Taiex index", "Nikkei benchmark": the coref word is part of the name.
				for j+1 < len(ms) && ms[j+1].id == f.corefID() && ms[j+1].first == mt.last {
					mt.last = ms[j+1].last
					j++
				}
				prevEnd = mt.last
				ante, anteSent = id, si
			}
			if slices.Contains(done, id) {
				continue
			}
			// The segment runs to the end of the clause or the next index name.
			ci := m.clauseAt(toks[mt.first].start)
			for ci+1 < s.clauseLast && m.commaJoined(ci) && continuesMove(&m.clauses[ci+1]) {
				ci++ // "恒生指數上漲2.1%，收報20,150.5點" is one move
			}
			end := m.clauses[ci].first + len(m.clauses[ci].toks) - first
			if j+1 < len(ms) && ms[j+1].first < end {
				end = ms[j+1].first
			}
			// Forecast words count from the start of the clause, across bare
			// Chinese commas ("分析師預計，恒指明年升10%").
			fc := m.clauseAt(toks[mt.first].start)
			for fc > s.clauseFirst && m.commaJoined(fc-1) {
				fc--
			}
			h, ok := f.parse(toks, moveSpan{
				lo: lo, forecastLo: max(m.clauses[fc].first-first, 0),
				name: mt.first, from: mt.last, to: end,
			})
			if !ok {
				continue
			}
			done = append(done, id)
			h.move.Index = f.indexes[id].Code
			h.move.Evidence = sectorpulse.Evidence{Quote: m.doc[s.start:s.end], Start: s.start, End: s.end}
			out = append(out, h)
		}
	}
	return out
}

// corefFollows reports whether the words after "the index" at toks[i:]
// read as the index's move: a direction word, a verb such as "closed" or
// "was", or an adverb ("The index briefly rose ..."), not "the index
// provider said".
func (f *moveFinder) corefFollows(toks []token, i int) bool {
	for ; i < len(toks); i++ {
		t := &toks[i]
		if !t.isWordish() {
			if t.text == "," {
				continue
			}
			return false
		}
		if f.up[t.stem] || f.down[t.stem] || strings.HasSuffix(t.lower, "ly") {
			return true
		}
		switch t.lower {
		case "was", "is", "has", "had", "have", "closed", "ended", "finished", "settled", "opened", "edged",
			"traded", "stood", "then", "also", "later", "last", "on", "in", "by", "at":
			return true
		}
		return false
	}
	return false
}

// continuesMove reports whether a clause after a bare Chinese comma goes
// on with the move before it ("，收報20,150.5點", "，报19,864点") rather
// than with another subject ("，騰訊升3%").
func continuesMove(c *clause) bool {
	if len(c.toks) == 0 {
		return false
	}
	t := &c.toks[0]
	if t.kind == tokNum {
		return true
	}
	switch t.text {
	case "收", "報", "报", "至", "或", "升", "跌", "漲", "涨", "落", "挫", "全", "半", "午", "早", "盤", "盘",
		"累", "今", "本", "再", "重", "見", "见", "約", "约", "較", "较", "幅", "日", "指":
		return true
	}
	return false
}

// moveSpan locates a candidate move in a sentence's tokens: the index
// name is toks[name:from]; the move is read in toks[from:to]; period
// phrases may start after lo, forecast words after forecastLo.
type moveSpan struct {
	lo, forecastLo, name, from, to int
}

// parse reads the move of the index named at sp.
func (f *moveFinder) parse(toks []token, sp moveSpan) (moveHit, bool) {
	var h moveHit
	if f.notTheIndex(toks, sp.from) {
		return h, false
	}
	// The direction: the first direction word within maxMoveWords words,
	// before any word that starts a clause about another subject. A
	// relative clause (", which tracks ...,") is skipped.
	dirAt := -1
	skipFrom, skipTo := -1, -1
	words := 0
scan:
	for i := sp.from; i < sp.to && words < maxMoveWords; i++ {
		t := &toks[i]
		if t.text == "," && i+1 < sp.to && isRelativeWord(toks[i+1].lower) {
			j := i + 1
			for j < sp.to && toks[j].text != "," {
				j++
			}
			if j == sp.to {
				break
			}
			skipFrom, skipTo = i, j
			i = j
			continue
		}
		if !t.isWordish() {
			continue
		}
		words++
		switch {
		case f.up[t.stem]:
			h.sign, dirAt = 1, i
			if t.lower == "up" && i > sp.from && isGive(toks[i-1].stem) {
				h.sign = -1 // "gave up 1.2 percent"
			}
			break scan
		case f.down[t.stem]:
			h.sign, dirAt = -1, i
			break scan
		case t.kind == tokHan && (t.text == "而" || t.text == "但"):
			break scan
		case t.kind != tokHan && (isClauseWord(toks, i) || isReportingVerb(t.lower)):
			// Not Chinese causes such as "受…拖累", which come before the
			// index's own verb ("恒指受騰訊拖累下跌1%").
			break scan
		}
	}
	if dirAt < 0 {
		return h, false
	}
	// A forecast, not a move: "expected to rise", "could fall".
	for i := sp.forecastLo; i < dirAt; i++ {
		if i >= skipFrom && i < skipTo {
			continue
		}
		t := &toks[i]
		if f.forecast[t.stem] || t.text == "may" || t.kind == tokHan && isHanForecast(toks, i, dirAt) {
			return h, false
		}
	}
	if prev := prevWord(toks, dirAt, sp.from); prev >= 0 && toks[prev].lower == "to" {
		return h, false
	}
	// The move's words end where a clause about something else begins.
	end := sp.to
	for i := dirAt + 1; i < sp.to; i++ {
		if f.endsMove(toks, i, sp.to) {
			end = i
			break
		}
	}
	var pct, level, points *float64
	for i := sp.from; i < end; i++ {
		if i >= skipFrom && i < skipTo {
			continue
		}
		t := &toks[i]
		if t.kind != tokNum {
			continue
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(t.text, ",", ""), 64)
		if err != nil {
			continue
		}
		approx := isApprox(toks, i, sp.from)
		if n := percentAfter(toks, i+1); n > 0 {
			if pct == nil && v < 100 && !approx {
				p := h.sign * v
				pct = &p
			}
			i += n
			continue
		}
		if approx {
			continue
		}
		if level == nil && v >= minMoveLevel && !unitAfter(toks, i+1) && levelMarked(toks, i, sp.from) {
			l := v
			level = &l
			continue
		}
		if points == nil && pointsAfter(toks, i+1) {
			p := h.sign * v
			points = &p
		}
	}
	if pct == nil && level == nil && points == nil {
		return h, false
	}
	ps := f.scanPeriods(toks, sp.lo, sp.name, sp.from, end, skipFrom, skipTo)
	if ps.leaveOut() {
		return h, false
	}
	h.move.ChangePct, h.move.Level, h.move.ChangePoints = pct, level, points
	h.move.Period, h.explicit = ps.period()
	return h, true
}

// isHanForecast reports a Chinese forecast word at toks[i], before end:
// "預計", "預期", "料", "將", "有望".
func isHanForecast(toks []token, i, end int) bool {
	switch toks[i].text {
	case "料", "將", "将":
		return true
	case "預", "预", "估", "有":
		if i+1 < end {
			switch toks[i+1].text {
			case "計", "计", "期", "料", "測", "测", "望":
				return toks[i].text != "有" || toks[i+1].text == "望"
			}
		}
	}
	return false
}

// notTheIndex reports whether the word after an index name shows that the
// name means something else: "Hang Seng Index futures", "Nasdaq-listed",
// "Dow Chemical", "恒指期貨".
func (f *moveFinder) notTheIndex(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	t := &toks[i]
	switch t.kind {
	case tokPunct:
		return t.text == "&"
	case tokHan:
		switch t.text {
		case "期", "基", "牛", "熊", "權", "权", "波", "成", "公":
			return true
		}
		return false
	case tokWord:
		switch t.lower {
		case "futures", "future", "options", "option", "etf", "etfs", "fund", "funds", "tracker", "trackers",
			"constituent", "constituents", "component", "components", "member", "members", "heavyweight",
			"heavyweights", "stock", "stocks", "share", "shares", "listed", "listing", "listings", "traded",
			"debut", "ipo", "company", "inc", "corp", "group", "exchange", "operator", "newspaper", "daily",
			"provider", "compiler", "committee", "review", "rebalancing", "inclusion", "weighting", "weight",
			"contract", "contracts", "volatility", "said", "says", "reported":
			return true
		case "index", "composite", "average", "industrial", "industrials", "benchmark", "gauge":
			return false
		}
		if isCapitalized(t.text) && !isKnownMoveWord(t.lower) && !f.up[t.stem] && !f.down[t.stem] {
			return true // "Dow Chemical", "Nikkei Asia"; not "Nikkei Jumps 2%"
		}
	}
	return false
}

// isGive reports the stems of "give" ("gave up 1.2 percent" is a fall).
func isGive(stem string) bool {
	switch stem {
	case "giv", "gav", "given":
		return true
	}
	return false
}

// isRelativeWord reports the words that open a relative clause after a
// comma.
func isRelativeWord(w string) bool {
	switch w {
	case "which", "who", "whose", "where":
		return true
	}
	return false
}

// isReportingVerb reports verbs that end a subject's own clause ("Nasdaq
// said shares of ... rose").
func isReportingVerb(w string) bool {
	switch w {
	case "said", "says", "say", "announced", "reported", "told", "stated", "noted", "showed", "shows":
		return true
	}
	return false
}

// isClauseWord reports whether toks[i] starts a clause about another
// subject or a cause: "as Tencent gained", "after", "while", "led by",
// "with", "而", "因". "as much as" is no such word.
func isClauseWord(toks []token, i int) bool {
	t := &toks[i]
	if t.kind == tokHan {
		switch t.text {
		case "而", "但", "其", "因", "受", "帶", "带", "拖", "令", "據", "据":
			return true
		}
		return false
	}
	switch t.lower {
	case "as":
		// "as much as 2 percent", "as high as 20,100"
		if i+2 < len(toks) && toks[i+2].lower == "as" && isAsMuch(toks[i+1].lower) ||
			i >= 2 && toks[i-2].lower == "as" && isAsMuch(toks[i-1].lower) {
			return false
		}
		return true
	case "after", "while", "when", "whereas", "although", "though", "because", "amid", "amidst", "despite",
		"following", "with", "without", "led", "dragged", "weighed", "helped", "driven", "boosted", "lifted",
		"pressured", "thanks", "but", "which", "that", "where", "who", "whose", "including", "compared",
		"versus", "vs", "before", "according", "whilst", "unlike", "even":
		return true
	}
	return false
}

// isAsMuch reports the words of "as much as", "as high as".
func isAsMuch(w string) bool {
	switch w {
	case "much", "high", "low", "little", "many", "far":
		return true
	}
	return false
}

// endsMove reports whether toks[i], after the direction word, begins
// words that are no longer about the move: a clause word, "and" before
// another subject, a comma before anything but the move's own figures
// (", or 1.5 percent", ", to 20,010.1"), a participle (", bringing its
// gain for the week to ..."), a superlative ("its biggest gain since
// March") or a capitalized name ("rose on Tencent's 3 percent gain").
func (f *moveFinder) endsMove(toks []token, i, to int) bool {
	t := &toks[i]
	switch t.kind {
	case tokPunct:
		if t.text == ";" || t.text == "；" {
			return true
		}
		if t.text == "," {
			j := nextWord(toks, i+1, to)
			return j >= 0 && !f.continuesAfterComma(&toks[j])
		}
		return false
	case tokNum:
		return false
	}
	if isClauseWord(toks, i) || isReportingVerb(t.lower) {
		return true
	}
	if t.kind != tokWord {
		return false
	}
	if t.lower == "and" {
		j := nextWord(toks, i+1, to)
		return j < 0 || !(f.up[toks[j].stem] || f.down[toks[j].stem] || isEndVerb(toks[j].lower))
	}
	if isSuperlative(toks, i) {
		return true
	}
	if len(t.lower) > 5 && strings.HasSuffix(t.lower, "ing") && !f.up[t.stem] && !f.down[t.stem] {
		switch t.lower {
		case "trading", "closing", "ending", "finishing", "settling", "morning", "evening", "opening", "during":
			return false
		}
		return true // "bringing", "extending", "capping"
	}
	return isCapitalized(t.text) && !isKnownMoveWord(t.lower) && !f.up[t.stem] && !f.down[t.stem]
}

// continuesAfterComma reports the words after a comma that go on with the
// move: ", or 1.5 percent", ", to 20,010.1", ", up 2 percent", ", in early
// trade".
func (f *moveFinder) continuesAfterComma(t *token) bool {
	if t.kind == tokNum || t.kind == tokHan || f.up[t.stem] || f.down[t.stem] {
		return true
	}
	switch t.lower {
	case "or", "to", "at", "in", "on", "by", "for", "over", "during", "closing", "ending", "finishing",
		"settling", "so", "year", "week", "month", "quarter", "this", "last":
		return true
	}
	return false
}

// nextWord returns the index of the first word token at or after i and
// before to; -1 when none.
func nextWord(toks []token, i, to int) int {
	for ; i < to; i++ {
		if toks[i].isWordish() {
			return i
		}
	}
	return -1
}

// isEndVerb reports verbs that go on with an index's move after "and"
// ("rose 1 percent and closed at 20,000").
func isEndVerb(w string) bool {
	switch w {
	case "closed", "ended", "finished", "settled", "close", "end", "finish", "settle", "was", "is", "stood", "then":
		return true
	}
	return false
}

// isSuperlative reports a superlative, after which the words compare the
// move with others ("its biggest gain since March", "its highest close in
// three weeks") instead of stating it. "first" is one unless a quarter or
// half follows.
func isSuperlative(toks []token, i int) bool {
	switch toks[i].lower {
	case "highest", "lowest", "biggest", "best", "worst", "largest", "strongest", "weakest", "sharpest",
		"steepest", "most", "least", "longest", "heaviest", "deepest", "smallest", "fastest":
		return true
	case "first":
		j := nextWord(toks, i+1, len(toks))
		return j < 0 || (toks[j].lower != "quarter" && toks[j].lower != "half")
	}
	return false
}

// isCapitalized reports a Latin word that starts with a capital letter.
func isCapitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isKnownMoveWord reports words that may be capitalized inside a move (a
// headline in title case, a day or month name) without naming another
// subject.
func isKnownMoveWord(w string) bool {
	if isMonth(w) || isWeekday(w) {
		return true
	}
	switch w {
	case "to", "at", "or", "in", "on", "by", "for", "up", "down", "higher", "lower", "percent", "pct", "points",
		"point", "pts", "record", "high", "low", "close", "closed", "ended", "finished", "week", "month",
		"quarter", "year", "ytd", "so", "far", "this", "a", "new", "midday", "trade", "trading", "early",
		"morning", "afternoon", "session", "q1", "q2", "q3", "q4":
		return true
	}
	return false
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

// levelMarked reports whether the figure at toks[i] is an index level: a
// level marker ("to", "at", "至", "報") comes before it, with at most
// maxLevelLookback filler words between ("to a record 19,850.2", "to close
// at 20,000", "收報20,150.5").
func levelMarked(toks []token, i, from int) bool {
	words := 0
	for j := i - 1; j >= from && words < maxLevelLookback; j-- {
		t := &toks[j]
		switch {
		case t.text == "," || t.text == "，":
			continue
		case !t.isWordish():
			return false
		case t.kind == tokNum:
			return false
		}
		words++
		switch t.lower {
		case "to", "at", "至", "報", "报", "於", "于", "在":
			return true
		case "a", "an", "the", "its", "record", "new", "fresh", "high", "low", "all", "time", "close", "closing",
			"level", "of", "peak", "finish", "end", "intraday", "session", "day", "week", "month", "year",
			"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
			"收", "市", "盤", "盘", "新":
			continue
		}
		return false
	}
	return false
}

// isApprox reports whether the figure at toks[i] is approximate: "more
// than 1 percent", "nearly 2 percent", "about 20,000", "逾1%", "近2%".
// Such figures are not read, as they would not match the index's close.
func isApprox(toks []token, i, from int) bool {
	j := i - 1
	if j < from {
		return false
	}
	t := &toks[j]
	if t.kind == tokHan {
		switch t.text {
		case "逾", "近", "約", "约", "超":
			return true
		case "過", "过":
			return j-1 >= from && toks[j-1].text == "超"
		}
		return false
	}
	switch t.lower {
	case "nearly", "almost", "about", "around", "roughly", "approximately", "some", "over", "above", "below",
		"under", "near", "circa", "~":
		return true
	case "than":
		return j-1 >= from && (toks[j-1].lower == "more" || toks[j-1].lower == "less")
	case "to":
		return j-1 >= from && toks[j-1].lower == "close"
	}
	return false
}

// unitAfter reports a unit after a number that makes it no index level:
// a time ("10:30", "10 am"), money ("8 billion", "110 yuan").
func unitAfter(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	switch toks[i].lower {
	case ":", "am", "pm", "a", "p", "gmt", "hkt", "et", "billion", "million", "trillion", "bn", "mn", "yuan",
		"dollars", "dollar", "yen", "won", "usd", "hkd", "shares", "億", "亿", "萬", "万", "元", "時", "时", "分",
		"倍", "隻", "只", "家", "股", "年", "月", "日", "號", "号":
		return true
	}
	return false
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

// The ranks of the periods a sentence may state: when it states several
// ("closed the week 2 percent higher"), the highest rank wins.
const (
	rankNone = iota - 1
	rankDay
	rankIntraday
	rankWeek
	rankMonth
	rankQuarter
	rankYear
	rankYTD
)

// periodScan is what scanPeriods found around a move.
type periodScan struct {
	rank int
	// multi is set by a span that is no standard period ("over the past
	// three weeks", "since April"); cumulative by a cumulative move
	// without its span ("累計下跌5%"), which counts only when no period
	// is named.
	multi, cumulative bool
}

func (p *periodScan) see(rank int) {
	if rank > p.rank {
		p.rank = rank
	}
}

// leaveOut reports whether the move covers a span that is no standard
// period.
func (p *periodScan) leaveOut() bool {
	return p.multi || (p.cumulative && p.rank <= rankDay)
}

// period returns the period found and whether the text named it;
// PeriodDay and false when it named none.
func (p *periodScan) period() (string, bool) {
	switch p.rank {
	case rankIntraday:
		return sectorpulse.PeriodIntraday, true
	case rankWeek:
		return sectorpulse.PeriodWeek, true
	case rankMonth:
		return sectorpulse.PeriodMonth, true
	case rankQuarter:
		return sectorpulse.PeriodQuarter, true
	case rankYear:
		return sectorpulse.PeriodYear, true
	case rankYTD:
		return sectorpulse.PeriodYTD, true
	case rankDay:
		return sectorpulse.PeriodDay, true
	}
	return sectorpulse.PeriodDay, false
}

// scanPeriods reads the period phrases of a move: up to maxPeriodLookback
// words before the index name at toks[name] (not before lo, and not past a
// direction word, a figure or a clause word), and toks[from:end] but a
// relative clause toks[skipFrom:skipTo] (-1 when none).
func (f *moveFinder) scanPeriods(toks []token, lo, name, from, end, skipFrom, skipTo int) periodScan {
	ps := periodScan{rank: rankNone}
	back := name
	words := 0
	for j := name - 1; j >= lo && words < maxPeriodLookback; j-- {
		t := &toks[j]
		if t.kind == tokNum && !isYear(t.text) || t.text == "%" || t.text == ";" {
			break
		}
		if t.isWordish() && t.kind != tokNum {
			if f.up[t.stem] || f.down[t.stem] || isClauseWord(toks, j) || t.lower == "and" {
				break
			}
			words++
		}
		back = j
	}
	scanPeriodRange(toks, back, name, &ps)
	if skipFrom >= from && skipTo <= end {
		scanPeriodRange(toks, from, skipFrom, &ps)
		scanPeriodRange(toks, skipTo, end, &ps)
	} else {
		scanPeriodRange(toks, from, end, &ps)
	}
	return ps
}

// scanPeriodRange reads the period phrases in toks[lo:hi] into ps.
func scanPeriodRange(toks []token, lo, hi int, ps *periodScan) {
	word := func(i int) string {
		if i < lo || i >= hi {
			return ""
		}
		return toks[i].lower
	}
	for i := lo; i < hi; i++ {
		t := &toks[i]
		if t.kind == tokHan {
			scanHanPeriod(toks, i, lo, hi, ps)
			continue
		}
		w := t.lower
		prev, next := word(i-1), word(i+1)
		switch w {
		// Within the session.
		case "midday", "noon", "lunchtime", "intraday", "opened":
			ps.see(rankIntraday)
		case "morning", "afternoon":
			switch next {
			case "trade", "trading", "session", "deals", "dealings", "break":
				ps.see(rankIntraday)
			}
		case "early":
			switch next {
			case "trade", "trading", "deals", "dealings", "session":
				ps.see(rankIntraday)
			}
		case "mid":
			if next == "day" || next == "morning" || next == "session" {
				ps.see(rankIntraday)
			}
		case "lunch":
			ps.see(rankIntraday) // "at the lunch break"
		case "open", "opening":
			if prev == "the" || prev == "at" || next == "trade" || next == "deals" || next == "minutes" {
				ps.see(rankIntraday)
			}
		case "point":
			if prev == "one" && word(i-2) == "at" {
				ps.see(rankIntraday) // "at one point"
			}
		case "much", "high", "low":
			if prev == "as" && next == "as" {
				ps.see(rankIntraday) // "rose as much as 2 percent"
			}
		// The session.
		case "closed", "close", "ended", "finished", "settled", "today", "yesterday", "overnight", "session":
			ps.see(rankDay)
		case "day":
			if prev == "the" || prev == "one" {
				ps.see(rankDay)
			} else if isCardinal(prev) {
				ps.multi = true // "a two-day rally"
			}
		// Plural spans: "over the past three weeks", "in recent sessions".
		case "sessions", "days", "weeks", "months", "quarters", "years":
			if !isExtremeWord(next) {
				ps.multi = true
			}
		case "week", "month", "quarter", "year":
			scanUnit(toks, i, w, word, ps)
		case "weekly", "wtd":
			ps.see(rankWeek)
		case "monthly", "mtd":
			ps.see(rankMonth)
		case "quarterly", "qtd", "q1", "q2", "q3", "q4":
			ps.see(rankQuarter)
		case "annual", "yearly":
			ps.see(rankYear)
		case "ytd":
			ps.see(rankYTD)
		case "half":
			ps.multi = true // "in the first half": no standard period
		case "since":
			switch {
			case next == "the" && (word(i+2) == "start" || word(i+2) == "beginning") && word(i+3) == "of" && word(i+5) == "year":
				ps.see(rankYTD)
			case next == "january" || next == "jan":
				ps.see(rankYTD)
			default:
				ps.multi = true // "has gained 20 percent since April"
			}
		case "cumulatively", "cumulative":
			ps.cumulative = true
		default:
			if isMonth(w) {
				switch prev {
				case "in", "for", "during", "through", "throughout", "of":
					ps.see(rankMonth) // "rose 2 percent in November"
				}
			} else if isWeekday(w) {
				ps.see(rankDay)
			} else if t.kind == tokNum && isYear(t.text) && (prev == "in" || prev == "for" || prev == "during") {
				if word(i-2) == "far" || next == "so" && word(i+2) == "far" {
					ps.see(rankYTD) // "so far in 2025"
				} else {
					ps.see(rankYear)
				}
			}
		}
	}
}

// scanUnit reads a singular period word at toks[i] ("this week", "for the
// month", "in the third quarter", "so far this year", "year to date",
// "for a second straight week", "a two-week rally").
func scanUnit(toks []token, i int, unit string, word func(int) string, ps *periodScan) {
	rank := rankYear
	switch unit {
	case "week":
		rank = rankWeek
	case "month":
		rank = rankMonth
	case "quarter":
		rank = rankQuarter
	}
	prev, next := word(i-1), word(i+1)
	if isExtremeWord(next) && (isCardinal(prev) || prev == "one") {
		return // "a three-week high": a level, not the move's span
	}
	if isCardinal(prev) {
		ps.multi = true // "a two-week rally"
		return
	}
	if unit == "year" && next == "to" && word(i+2) == "date" {
		ps.see(rankYTD)
		return
	}
	if next == "to" && word(i+2) == "date" {
		ps.see(rank) // "week to date", "month-to-date"
		return
	}
	switch prev {
	case "this", "current":
		if unit == "year" && word(i-2) == "far" && word(i-3) == "so" {
			ps.see(rankYTD)
			return
		}
		ps.see(rank)
	case "last", "past", "previous", "prior", "one", "full", "straight", "consecutive", "successive":
		ps.see(rank)
	case "the":
		switch word(i - 2) {
		case "for", "over", "on", "during", "in", "within", "across", "throughout", "through", "closed", "ended",
			"finished", "end", "ending", "wrapped", "rounded", "past":
			ps.see(rank)
		}
	default:
		if isOrdinal(prev) {
			ps.see(rank) // "for a second week", "in the third quarter"
		}
	}
}

// scanHanPeriod reads a Chinese period phrase at the Han character
// toks[i]: "午市", "本周", "全周", "本月", "本季", "今年以來", "連續三周".
func scanHanPeriod(toks []token, i, lo, hi int, ps *periodScan) {
	ch := func(j int) string {
		if j < lo || j >= hi {
			return ""
		}
		return toks[j].text
	}
	c, prev, next := ch(i), ch(i-1), ch(i+1)
	switch c {
	case "午":
		if next == "市" || next == "收" || next == "盤" || next == "盘" || next == "間" || next == "间" || prev == "中" {
			ps.see(rankIntraday)
		}
	case "早":
		if next == "市" || next == "盤" || next == "盘" || next == "段" {
			ps.see(rankIntraday)
		}
	case "半":
		if next == "日" || next == "天" {
			ps.see(rankIntraday)
		}
	case "盤", "盘":
		if next == "中" {
			ps.see(rankIntraday)
		}
	case "一":
		if next == "度" {
			ps.see(rankIntraday) // "一度升2%": at one point
		}
	case "開", "开":
		if next == "市" || next == "盤" || next == "盘" || prev == "高" || prev == "低" {
			ps.see(rankIntraday)
		}
	case "收":
		switch next {
		case "市", "盤", "盘", "跌", "升", "漲", "涨", "高", "低", "報", "报", "於", "于":
			if prev != "午" {
				ps.see(rankDay)
			}
		}
	case "全":
		switch next {
		case "日", "天":
			ps.see(rankDay)
		case "周", "週":
			ps.see(rankWeek)
		case "月":
			ps.see(rankMonth)
		case "年":
			ps.see(rankYear)
		case "季":
			ps.see(rankQuarter)
		}
	case "今":
		switch next {
		case "日", "天":
			ps.see(rankDay)
		case "周", "週":
			ps.see(rankWeek)
		case "季":
			ps.see(rankQuarter)
		case "年":
			after := ch(i+2) + ch(i+3)
			switch after {
			case "以來", "以来", "迄今", "至今":
				ps.see(rankYTD)
			default:
				ps.see(rankYear)
			}
		}
	case "年":
		switch {
		case prev == "去" || next == "內" || next == "内" || next == "度":
			ps.see(rankYear)
		case i-1 >= lo && toks[i-1].kind == tokNum && isYear(toks[i-1].text):
			ps.see(rankYear) // "2024年"
		case isHanCount(toks, i-1, lo, true) && !isHanExtreme(next):
			ps.multi = true // "三年"
		}
	case "初":
		if prev == "年" && (next == "至" || next == "以") {
			ps.see(rankYTD) // "年初至今", "年初以來"
		}
	case "本", "上", "這", "这", "當", "当":
		switch next {
		case "周", "週":
			if !isHanWeekday(ch(i + 2)) {
				ps.see(rankWeek) // not "上周五", last Friday
			}
		case "月":
			ps.see(rankMonth)
		case "季":
			ps.see(rankQuarter)
		}
	case "周", "週", "星":
		if c == "星" && next != "期" {
			return
		}
		if c == "星" {
			next = ch(i + 2)
		}
		switch {
		case isHanWeekday(next):
			ps.see(rankDay) // "周一": Monday
		case next == "線" || next == "线" || next == "內" || next == "内" || prev == "一":
			ps.see(rankWeek)
		case isHanCount(toks, i-1, lo, true) && !isHanExtreme(next):
			ps.multi = true // "連續三周"
		}
	case "月":
		if prev == "個" || prev == "个" {
			if ch(i-2) == "一" {
				ps.see(rankMonth)
			} else if isHanCount(toks, i-2, lo, true) && !isHanExtreme(next) {
				ps.multi = true // "三個月"
			}
		} else if next == "份" || next == "內" || next == "内" || next == "線" || next == "线" {
			ps.see(rankMonth) // "5月份"
		}
	case "季":
		if next == "度" || next == "內" || next == "内" {
			ps.see(rankQuarter)
		}
	case "日", "天":
		// "三日", "五個交易日"; a digit before 日 is a date ("5日").
		at := i - 1
		if prev == "易" && ch(i-2) == "交" {
			at = i - 3
			if c := ch(at); c == "個" || c == "个" {
				at--
			}
		}
		if isHanCount(toks, at, lo, c == "天" || at != i-1) && !isHanExtreme(next) {
			ps.multi = true
		}
	case "以":
		if next == "來" || next == "来" {
			if ch(i-1) == "年" && (ch(i-2) == "今" || ch(i-2) == "初") {
				return // "今年以來", "年初以來": read at 今 or 初
			}
			if !isHanExtreme(ch(i + 2)) {
				ps.multi = true // "自3月以來累升20%"
			}
		}
	case "累":
		switch next {
		case "計", "计", "積", "积", "升", "跌", "漲", "涨", "挫", "瀉", "泻", "揚", "扬":
			ps.cumulative = true // "累計下跌", "累升"; not "拖累"
		}
	}
}

// isHanCount reports a count before a period word: a Chinese numeral
// other than "一" ("三周"), or a number when digits count ("3個月").
func isHanCount(toks []token, i, lo int, digits bool) bool {
	if i < lo || i < 0 {
		return false
	}
	t := &toks[i]
	if t.kind == tokNum {
		return digits
	}
	switch t.text {
	case "兩", "两", "二", "三", "四", "五", "六", "七", "八", "九", "十", "幾", "几", "多", "數", "数":
		return true
	}
	return false
}

// isHanWeekday reports the character after 周 or 星期 that names a day.
func isHanWeekday(c string) bool {
	switch c {
	case "一", "二", "三", "四", "五", "六", "日", "天":
		return true
	}
	return false
}

// isHanExtreme reports the characters after a span that make it part of
// a comparison, not the move's span ("三周高位", "三年來最大", "新高").
func isHanExtreme(c string) bool {
	switch c {
	case "高", "低", "新", "最", "來", "来", "以":
		return true
	}
	return false
}

// isExtremeWord reports the words after a span that make it part of a
// level, not the move's span ("a three-week high").
func isExtremeWord(w string) bool {
	switch w {
	case "high", "highs", "low", "lows", "peak", "trough", "top", "bottom":
		return true
	}
	return false
}

// isCardinal reports a number word above one, or a digit string, before a
// span ("three weeks", "5 sessions").
func isCardinal(w string) bool {
	switch w {
	case "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
		"several", "few", "couple", "multiple", "many":
		return true
	}
	if w == "" || w == "1" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// isOrdinal reports an ordinal ("second", "3rd").
func isOrdinal(w string) bool {
	switch w {
	case "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th":
		return true
	}
	return false
}

// isYear reports a four-digit year from 1900 to 2099.
func isYear(s string) bool {
	return len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) &&
		s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9'
}

// isWeekday reports a weekday name, lower-cased.
func isWeekday(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

// isMonth reports a month name or its abbreviation, lower-cased; "may"
// is left out, as the verb is the commoner reading.
func isMonth(w string) bool {
	switch w {
	case "january", "february", "march", "april", "june", "july", "august", "september", "october",
		"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}
