package sentiment

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sectorpulse/sectorpulse"
)

// Weights of the aggregation rules.
const (
	// titleWeight is how much more a clause of the title counts.
	titleWeight = 2
	// keywordWeight and memberWeight are how much a sector keyword and a
	// mention of an entity of the sector count towards the sector.
	keywordWeight = 1.0
	memberWeight  = 0.5
	// relevanceScale sets how fast relevance grows with mentions:
	// 1 - exp(-mentions/relevanceScale); 1 mention → 0.33, 3 → 0.70.
	relevanceScale = 2.5
	// titleRelevance is the least relevance of something the title names.
	titleRelevance = 0.8
	// moveBase, moveSlope and moveCap turn a reported index move into the
	// index's sentiment: ±(moveBase + moveSlope·|%|), at most moveCap;
	// ±moveBase without a percentage.
	moveBase  = 0.3
	moveSlope = 0.15
	moveCap   = 0.9
	// moveConfidence is the confidence of a sentiment read off an index move.
	moveConfidence = 0.85
	// otherPeriodWeight is the weight of a move over another period than
	// the day in an index's sentiment.
	otherPeriodWeight = 0.5
	// leadWeight is how much more a mention or clause of the lead
	// paragraph counts than one further down.
	leadWeight = 1.5
	// subjectWeight is the weight of a sentence that names no entity in
	// the score of its paragraph's subject (the first entity the paragraph
	// names), and subjectCount what it adds to the subject's mentions:
	// "Tencent reported results. Revenue from games grew 15 percent."
	subjectWeight = 0.5
	subjectCount  = 0.25
	// discoveredConfidence caps the confidence of an organisation the
	// gazetteer does not know, found by its company words ("Harbourline
	// Securities"): the name itself is a guess.
	discoveredConfidence = 0.3
	// bodyFactor multiplies the sentiment of a public body or a person:
	// regulators, ministries, associations and officials report and
	// decide, and the tone of the story they appear in ("box office
	// revenue rose, according to the China Film Administration") is not
	// news about them. At 0.1 their score never reaches a label; its sign
	// still tells the tone.
	bodyFactor = 0.1
)

// unit is where a mention's sentiment is read: its clause when the clause
// has cues, else its sentence when that has cues, else its (neutral) clause.
type unit struct {
	sentence bool
	idx      int
}

// weighted is a unit with the weight of what was found in it.
type weighted struct {
	u unit
	w float64
}

// tally gathers the mentions of one entity or sector.
type tally struct {
	first  int // byte offset of the first mention
	units  []weighted
	count  float64 // weighted mentions
	title  bool
	moves  []moveHit
	entity sectorpulse.Entity
	// discovered marks an organisation the gazetteer does not know.
	discovered bool
	// index finds a unit in units once there are many.
	index map[unit]int
}

// tallyChunks allocates tallies in chunks, so that an article's tallies take
// a few allocations, not one each.
type tallyChunks struct{ chunk []tally }

// new returns a pointer to a copy of t, which stays valid.
func (ts *tallyChunks) new(t tally) *tally {
	if len(ts.chunk) == cap(ts.chunk) {
		ts.chunk = make([]tally, 0, 8)
	}
	ts.chunk = append(ts.chunk, t)
	return &ts.chunk[len(ts.chunk)-1]
}

func (t *tally) add(u unit, w float64, title bool) {
	t.count += w
	t.title = t.title || title
	t.addUnit(u, w)
}

// addUnit adds the weight w of unit u without counting a mention. Units
// mostly come in text order, so the last one is tried first; a long list
// gets an index.
func (t *tally) addUnit(u unit, w float64) {
	if n := len(t.units); n > 0 && t.units[n-1].u == u {
		t.units[n-1].w += w
		return
	}
	if len(t.units) >= 16 {
		if t.index == nil {
			t.index = make(map[unit]int, 32)
			for i, wu := range t.units {
				t.index[wu.u] = i
			}
		}
		if i, ok := t.index[u]; ok {
			t.units[i].w += w
			return
		}
		t.index[u] = len(t.units)
		t.units = append(t.units, weighted{u, w})
		return
	}
	for i := range t.units {
		if t.units[i].u == u {
			t.units[i].w += w
			return
		}
	}
	t.units = append(t.units, weighted{u, w})
}

// Analyze scores the article's Document: overall sentiment, each entity
// of the gazetteer and sector of the taxonomy it mentions, and the index
// moves it reports. An empty document gives a neutral analysis without
// scores.
func (la *LexiconAnalyzer) Analyze(ctx context.Context, a *sectorpulse.Article) (*sectorpulse.Analysis, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := la.CheckLanguage(a); err != nil {
		return nil, err
	}
	an := &sectorpulse.Analysis{
		ArticleID:     a.ID,
		Analyzer:      la.Name(),
		Model:         la.Model(),
		PromptVersion: la.PromptVersion(),
		CreatedAt:     la.now().UTC(),
		Input:         "full",
	}
	doc := a.Document()
	titleEnd := 0
	if a.Title != "" {
		titleEnd = len(a.Title)
	}
	m, _ := la.models.Get().(*docModel)
	if m == nil {
		m = new(docModel)
	}
	defer la.models.Put(m)
	m.reset(doc, titleEnd, la.g.findTokens)
	la.lx.scoreClauses(m)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	an.Sentiment, an.Confidence = m.overall()
	if len(m.clauses) == 0 {
		an.Confidence = 0
	}
	raw, err := m.raw(la.Model())
	if err != nil {
		return nil, fmt.Errorf("article %d: encode raw analysis: %w", a.ID, err)
	}
	an.Raw = raw
	if len(m.clauses) == 0 {
		return an, nil
	}
	moves := la.moves.find(m)
	for _, h := range moves {
		an.Moves = append(an.Moves, h.move)
	}
	entityHits := m.entities
	subj := la.subjects(m, entityHits)
	an.Mentions = la.mentions(m, entityHits, subj, moves, discoverOrgs(m.toks, entityHits, nil))
	an.Sectors = la.sectors(m, entityHits, subj)
	return an, nil
}

// overall returns the weighted mean of the scores of the clauses with cues
// (title clauses count titleWeight times) and its confidence.
func (m *docModel) overall() (float64, float64) {
	var num, den, sum, abs float64
	n := 0
	for i := range m.clauses {
		c := &m.clauses[i]
		if len(c.cues) == 0 {
			continue
		}
		w := m.posWeight(c.start)
		if m.inTitle(c.span) {
			w = titleWeight
		}
		num += w * c.score
		den += w
		sum += c.sum
		abs += c.abs
		n += len(c.cues)
	}
	if den == 0 {
		return 0, confidence(0, 0, 0)
	}
	return round3(num / den), round3(confidence(n, sum, abs))
}

// sentAt returns the index of the sentence holding byte offset off.
func (m *docModel) sentAt(off int) int {
	return m.clauses[max(m.clauseAt(off), 0)].sent
}

// posWeight returns leadWeight for an offset in the lead paragraph, else 1.
func (m *docModel) posWeight(off int) float64 {
	if len(m.clauses) > 0 && m.sents[m.sentAt(off)].para == m.leadPara() {
		return leadWeight
	}
	return 1
}

// subjects returns, for each sentence that names no entity, the index in
// hits of the entity match it speaks of (-1 for none and for sentences
// that name an entity). The
// subject is the first company named by the last sentence before it that
// named one, in its paragraph or the one before ("HKEX reported a record
// profit. … Net profit rose 36 percent, the exchange operator said.");
// indexes, bodies and people are never subjects, and a sentence with no
// such company before it in reach has none (subject -1).
func (la *LexiconAnalyzer) subjects(m *docModel, hits []match) []int {
	subj := make([]int, len(m.sents))
	named := make([]bool, len(m.sents))
	last, lastPara := -1, -1
	h := 0
	for si := range m.sents {
		subj[si] = -1
		first := -1
		for ; h < len(hits) && m.sentAt(m.toks[hits[h].first].start) == si; h++ {
			named[si] = true
			if first < 0 && la.g.entityAt(hits[h].id).Kind == sectorpulse.KindCompany {
				first = h
			}
		}
		p := m.sents[si].para
		switch {
		case first >= 0:
			last, lastPara = first, p
		case !named[si] && last >= 0 && p-lastPara <= 1:
			subj[si] = last
		}
	}
	return subj
}

// unitAt returns the unit of the mention at byte offset off.
//
// A clause without cues takes its sentence only when no other clause of
// the sentence names an entity: in "Nongfu Spring profit rises; Tingyi
// squeezed" Tingyi does not take Nongfu Spring's news.
func (m *docModel) unitAt(off int) unit {
	ci := max(m.clauseAt(off), 0)
	if len(m.clauses[ci].cues) > 0 {
		return unit{idx: ci}
	}
	si := m.clauses[ci].sent
	s := &m.sents[si]
	if s.ncues == 0 {
		return unit{idx: ci}
	}
	for cj := s.clauseFirst; cj < s.clauseLast; cj++ {
		if cj != ci && len(m.clauses[cj].cues) > 0 && m.namesEntity(m.clauses[cj].span) {
			return unit{idx: ci}
		}
	}
	return unit{sentence: true, idx: si}
}

// namesEntity reports whether an entity mention starts inside sp.
func (m *docModel) namesEntity(sp span) bool {
	i, _ := slices.BinarySearch(m.starts, sp.start)
	return i < len(m.starts) && m.starts[i] < sp.end
}

// unitScore returns a unit's score, span and cue statistics.
func (m *docModel) unitScore(u unit) (score float64, sp span, n int, sum, abs float64) {
	if u.sentence {
		s := &m.sents[u.idx]
		return s.score, s.span, s.ncues, s.sum, s.abs
	}
	c := &m.clauses[u.idx]
	return c.score, c.span, len(c.cues), c.sum, c.abs
}

// judge turns the units of a tally into sentiment, confidence and evidence:
// the weighted mean of the scores of the units with cues, and the unit of
// largest |score| as evidence (the first unit when none has cues).
func (m *docModel) judge(t *tally) (sentiment, conf float64, ev sectorpulse.Evidence) {
	var num, den, sum, abs float64
	n := 0
	for _, wu := range t.units {
		score, sp, cn, csum, cabs := m.unitScore(wu.u)
		if cn == 0 || wu.w == 0 {
			continue
		}
		w := wu.w
		if m.inTitle(sp) {
			w *= titleWeight
		}
		num += w * score
		den += w
		n += cn
		sum += csum
		abs += cabs
	}
	if den > 0 {
		sentiment = num / den
	}
	return round3(sentiment), round3(confidence(n, sum, abs)), m.evidence(t.evidenceSpan(m, sentiment))
}

// evidenceSpan returns the quote of a tally: the unit of weight whose
// score has the sign of the tally's sentiment and the largest weight ×
// |score|, so that the quote never contradicts the score; with no such
// unit, the first unit of weight, else the first unit (a name that only
// qualifies another).
func (t *tally) evidenceSpan(m *docModel, sentiment float64) span {
	if len(t.units) == 0 {
		return span{}
	}
	best, bestV := -1, -1.0
	fallback := -1
	for i, wu := range t.units {
		if wu.w == 0 {
			continue
		}
		if fallback < 0 {
			fallback = i
		}
		score, _, _, _, _ := m.unitScore(wu.u)
		if sentiment != 0 && (score > 0) != (sentiment > 0) || score == 0 && sentiment != 0 {
			continue
		}
		if v := wu.w * math.Abs(score); v > bestV {
			best, bestV = i, v
		}
	}
	switch {
	case best >= 0:
	case fallback >= 0:
		best = fallback
	default:
		best = 0
	}
	_, sp, _, _, _ := m.unitScore(t.units[best].u)
	return sp
}

// evidence returns the quote of sp.
func (m *docModel) evidence(sp span) sectorpulse.Evidence {
	sp = trimSpan(m.doc, sp)
	return sectorpulse.Evidence{Quote: m.doc[sp.start:sp.end], Start: sp.start, End: sp.end}
}

// relevance grows with the weighted mention count; a title mention gives
// at least titleRelevance.
func relevance(count float64, title bool) float64 {
	r := 1 - math.Exp(-count/relevanceScale)
	if title {
		r = math.Max(r, titleRelevance)
	}
	return round3(r)
}

// mentions scores each entity found, the indexes whose moves the article
// reports, and the organisations discovered by their company words (kind
// other, confidence at most discoveredConfidence).
func (la *LexiconAnalyzer) mentions(m *docModel, hits []match, subj []int, moves []moveHit, orgs []discovered) []sectorpulse.Mention {
	byName := make(map[string]*tally)
	var order []*tally
	var store tallyChunks
	newTally := store.new
	get := func(e sectorpulse.Entity, first int) *tally {
		t, ok := byName[e.Name]
		if !ok {
			t = newTally(tally{first: first, entity: e})
			byName[e.Name] = t
			order = append(order, t)
		}
		return t
	}
	for _, h := range hits {
		e := la.g.entityAt(h.id)
		start := m.toks[h.first].start
		t := get(e, start)
		if qualifiesAnother(m.doc, m.toks, h) {
			// "Tencent-backed China Literature", "the unit of NetEase":
			// counted, quoted, but the news is the other company's.
			t.count += m.posWeight(start)
			t.title = t.title || start < m.titleEnd
			t.addUnit(m.unitAt(start), 0)
			continue
		}
		t.add(m.unitAt(start), m.posWeight(start), start < m.titleEnd)
	}
	for _, d := range orgs {
		start := m.toks[d.first].start
		key := strings.ToLower(longestOrgName(orgs, d.name))
		if _, known := la.g.Lookup(d.name); known {
			continue
		}
		t, ok := byName[key]
		if !ok {
			t = newTally(tally{first: start, entity: sectorpulse.Entity{Name: longestOrgName(orgs, d.name), Kind: sectorpulse.KindOther}, discovered: true})
			byName[key] = t
			order = append(order, t)
		}
		t.add(m.unitAt(start), m.posWeight(start), start < m.titleEnd)
	}
	for si, hi := range subj {
		if hi < 0 || m.sents[si].ncues == 0 {
			continue
		}
		t := byName[la.g.entityAt(hits[hi].id).Name]
		t.addUnit(unit{sentence: true, idx: si}, subjectWeight)
		t.count += subjectCount
	}
	for _, h := range moves {
		e, ok := la.g.Lookup(h.move.Index)
		if !ok {
			ix, _ := sectorpulse.LookupIndex(h.move.Index)
			e = indexEntity(ix)
		}
		t := get(e, h.move.Evidence.Start)
		t.moves = append(t.moves, h)
		if len(t.units) == 0 {
			t.count++
			t.title = t.title || h.move.Evidence.Start < m.titleEnd
		}
	}
	slices.SortStableFunc(order, func(a, b *tally) int { return a.first - b.first })
	out := make([]sectorpulse.Mention, 0, len(order))
	for _, t := range order {
		mn := sectorpulse.Mention{
			Entity:    t.entity.Name,
			Kind:      t.entity.Kind,
			Sectors:   slices.Clone(t.entity.Sectors),
			Relevance: relevance(t.count, t.title),
		}
		if len(t.entity.Tickers) > 0 {
			mn.Ticker = t.entity.Tickers[0]
		}
		if len(t.moves) > 0 {
			mn.Sentiment, mn.Confidence, mn.Evidence = judgeMoves(t.moves)
		} else {
			mn.Sentiment, mn.Confidence, mn.Evidence = m.judge(t)
		}
		if t.discovered {
			mn.Confidence = math.Min(mn.Confidence, discoveredConfidence)
		}
		if k := t.entity.Kind; k == sectorpulse.KindOrganization || k == sectorpulse.KindPerson {
			mn.Sentiment = round3(mn.Sentiment * bodyFactor)
		}
		out = append(out, mn)
	}
	return out
}

// qualifiesAnother reports whether the entity match h in doc only
// qualifies another name: hyphenated modifiers ("Tencent-backed",
// "X-owned", "X-controlled", "X-affiliated", "X-funded"), "the unit of X"
// (unit, arm, subsidiary, division, affiliate) and "X's unit".
func qualifiesAnother(doc string, toks []token, h match) bool {
	if h.last < len(toks) {
		switch toks[h.last].lower {
		case "backed", "owned", "controlled", "affiliated", "funded":
			// Only as one hyphenated word: "Tencent backed away from the
			// bid" is Tencent's own news.
			if gap := doc[toks[h.last-1].end:toks[h.last].start]; gap == "-" || gap == "‑" {
				return true
			}
		case "s":
			if h.last+1 < len(toks) && isUnitWord(toks[h.last+1].lower) {
				return true
			}
		}
	}
	return h.first >= 2 && toks[h.first-1].lower == "of" && isUnitWord(toks[h.first-2].lower)
}

// isUnitWord reports words for a part of a group.
func isUnitWord(w string) bool {
	switch w {
	case "unit", "units", "arm", "subsidiary", "subsidiaries", "division", "affiliate":
		return true
	}
	return false
}

// longestOrgName returns the longest discovered name that starts with
// name followed by a space ("Qingyun Robotics Holdings" for "Qingyun
// Robotics"), or name: a short form names the same organisation.
func longestOrgName(orgs []discovered, name string) string {
	best := name
	for _, o := range orgs {
		if len(o.name) > len(best) && strings.HasPrefix(o.name, name+" ") {
			best = o.name
		}
	}
	return best
}

// judgeMoves reads an index's sentiment off the moves the article reports:
// the weighted mean of their signed sizes, a move over another period
// than the day (a week's gain, a morning's fall) counting
// otherPeriodWeight, and the largest move as evidence.
func judgeMoves(moves []moveHit) (float64, float64, sectorpulse.Evidence) {
	var sum, den, best float64
	var ev sectorpulse.Evidence
	for i, h := range moves {
		s := h.sign * moveBase
		if h.move.ChangePct != nil {
			s = h.sign * math.Min(moveBase+moveSlope*math.Abs(*h.move.ChangePct), moveCap)
		}
		w := 1.0
		if p := h.move.Period; p != "" && p != sectorpulse.PeriodDay {
			w = otherPeriodWeight
		}
		sum += w * s
		den += w
		if i == 0 || math.Abs(s) > best {
			best, ev = math.Abs(s), h.move.Evidence
		}
	}
	return round3(sum / den), moveConfidence, ev
}

// sectors scores each sector of the taxonomy the article names by keyword
// or through a mentioned entity.
func (la *LexiconAnalyzer) sectors(m *docModel, entityHits []match, subj []int) []sectorpulse.SectorScore {
	tallies := make(map[int]*tally)
	var order []int
	var store tallyChunks
	get := func(idx, first int) *tally {
		t, ok := tallies[idx]
		if !ok {
			t = store.new(tally{first: first})
			tallies[idx] = t
			order = append(order, idx)
		} else if first < t.first {
			t.first = first
		}
		return t
	}
	named := make([]bool, len(m.sents))
	for _, h := range la.t.findTokens(m.toks, nil) {
		start := m.toks[h.first].start
		named[m.sentAt(start)] = true
		get(h.id, start).add(m.unitAt(start), keywordWeight*m.posWeight(start), start < m.titleEnd)
	}
	for _, h := range entityHits {
		start := m.toks[h.first].start
		named[m.sentAt(start)] = true
		for _, id := range la.g.entityAt(h.id).Sectors {
			idx, ok := la.t.byID[id]
			if !ok {
				continue
			}
			get(idx, start).add(m.unitAt(start), memberWeight*m.posWeight(start), start < m.titleEnd)
		}
	}
	// A sentence that names no sector nor entity speaks of its paragraph's
	// subject's sectors.
	for si, hi := range subj {
		if hi < 0 || named[si] || m.sents[si].ncues == 0 {
			continue
		}
		for _, id := range la.g.entityAt(entityHits[hi].id).Sectors {
			if idx, ok := la.t.byID[id]; ok && tallies[idx] != nil {
				tallies[idx].addUnit(unit{sentence: true, idx: si}, memberWeight*subjectWeight)
			}
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return tallies[a].first - tallies[b].first })
	out := make([]sectorpulse.SectorScore, 0, len(order))
	for _, idx := range order {
		t := tallies[idx]
		sc := sectorpulse.SectorScore{Sector: la.t.sectors[idx].ID, Relevance: relevance(t.count, t.title)}
		sc.Sentiment, sc.Confidence, sc.Evidence = m.judge(t)
		out = append(out, sc)
	}
	return out
}

// rawCue and rawSentence are the audit record of what the lexicon found.
type rawCue struct {
	Text   string  `json:"t"`
	Weight float64 `json:"w"`
}

type rawSentence struct {
	Start int      `json:"s"`
	End   int      `json:"e"`
	Score float64  `json:"score"`
	Cues  []rawCue `json:"cues"`
}

type rawAnalysis struct {
	Model     string        `json:"model"`
	Sentences []rawSentence `json:"sentences"`
}

// raw returns the compact JSON audit record, rawAnalysis: per sentence
// with cues, its offsets, score and cue words with their final weights.
// It writes the JSON itself, as encoding/json would with HTML escaping
// off: the record is made for every article.
func (m *docModel) raw(model string) (string, error) {
	size := 64
	for ci := range m.clauses {
		for _, h := range m.clauses[ci].cues {
			size += 32 + h.end - h.start
		}
	}
	b := make([]byte, 0, size+64*len(m.sents))
	b = append(b, `{"model":`...)
	b = appendJSONString(b, model)
	b = append(b, `,"sentences":[`...)
	first := true
	for si := range m.sents {
		s := &m.sents[si]
		if s.ncues == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, `{"s":`...)
		b = strconv.AppendInt(b, int64(s.start), 10)
		b = append(b, `,"e":`...)
		b = strconv.AppendInt(b, int64(s.end), 10)
		b = append(b, `,"score":`...)
		b = strconv.AppendFloat(b, round3(s.score), 'f', -1, 64)
		b = append(b, `,"cues":`...)
		n := 0
		for ci := s.clauseFirst; ci < s.clauseLast; ci++ {
			for _, h := range m.clauses[ci].cues {
				if n == 0 {
					b = append(b, '[')
				} else {
					b = append(b, ',')
				}
				n++
				b = append(b, `{"t":`...)
				b = appendJSONString(b, m.doc[h.start:h.end])
				b = append(b, `,"w":`...)
				b = strconv.AppendFloat(b, round3(h.weight), 'f', -1, 64)
				b = append(b, '}')
			}
		}
		if n == 0 {
			b = append(b, "null"...)
		} else {
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	b = append(b, "]}"...)
	return string(b), nil
}

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, U+2028 and U+2029 too, invalid UTF-8 as
// U+FFFD, everything else as it is.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
