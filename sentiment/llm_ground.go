package sentiment

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sectorpulse/sectorpulse"
)

// The reasons an answer item is dropped, as counted in Analysis.Dropped.
const (
	DropNoEvidence       = "no_evidence"
	DropEvidenceShort    = "evidence_too_short"
	DropEvidenceNotFound = "evidence_not_in_text"
	DropEvidenceInjected = "evidence_in_injection"
	DropOutOfRange       = "out_of_range"
	DropMissingField     = "missing_field"
	DropUnknownSector    = "unknown_sector"
	DropUnknownIndex     = "unknown_index"
	DropDuplicate        = "duplicate"
)

// minEvidenceBytes and minEvidenceHan are the shortest evidence accepted:
// a quote of a word or two supports nothing.
const (
	minEvidenceBytes = 12
	minEvidenceHan   = 4
)

// groundText is an article's Document normalised for finding quotes:
// whitespace runs become one space, curly quotes straight ones and dashes
// a hyphen. start and end map each byte of norm to the original offsets.
type groundText struct {
	doc        string
	titleEnd   int // evidence may not run from the title into the text
	norm       string
	start, end []int
	injections [][2]int // original byte spans that read like instructions to a model
}

// newGroundText normalises doc, whose first titleLen bytes are the title.
func newGroundText(doc string, titleLen int) *groundText {
	g := &groundText{doc: doc, titleEnd: titleLen}
	var b strings.Builder
	b.Grow(len(doc))
	space := false
	for i, r := range doc {
		_, size := utf8.DecodeRuneInString(doc[i:])
		if invisible(r) {
			if len(g.end) > 0 {
				g.end[len(g.end)-1] = i + size
			}
			continue
		}
		if unicode.IsSpace(r) {
			if space {
				// Extend the previous space over this rune.
				g.end[len(g.end)-1] = i + size
				continue
			}
			space = true
			r = ' '
		} else {
			space = false
			r = foldQuote(r)
		}
		n := b.Len()
		b.WriteRune(r)
		for k := n; k < b.Len(); k++ {
			g.start = append(g.start, i)
			g.end = append(g.end, i+size)
		}
	}
	g.norm = b.String()
	g.injections = findInjections(doc)
	return g
}

// invisible reports characters that quotes leave out: soft hyphens,
// zero-width spaces and joiners, byte-order marks.
func invisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// foldQuote maps typographic quotes, dashes and full-width ASCII forms
// ("（0700.HK）") to ASCII.
func foldQuote(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	switch r {
	case '‘', '’', '‚', '‛', '′', '`':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»', '「', '」':
		return '"'
	case '–', '—', '‒', '−':
		return '-'
	}
	return r
}

// normalizeQuote normalises a model's quote the way newGroundText
// normalises the document, and trims the ellipses and quote marks models
// put around quotes.
func normalizeQuote(q string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(q) {
		if invisible(r) {
			continue
		}
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(foldQuote(r))
	}
	s := b.String()
	for {
		t := strings.TrimSpace(s)
		t = strings.TrimPrefix(t, "...")
		t = strings.TrimSuffix(t, "...")
		t = strings.TrimPrefix(t, "…")
		t = strings.TrimSuffix(t, "…")
		if len(t) >= 2 && (t[0] == '"' && t[len(t)-1] == '"' || t[0] == '\'' && t[len(t)-1] == '\'') {
			t = t[1 : len(t)-1]
		}
		if t == s {
			return t
		}
		s = t
	}
}

// locate finds a quote in the document. It returns the evidence with the
// document's own text and offsets, or the reason it cannot be used.
func (g *groundText) locate(quote string) (sectorpulse.Evidence, string) {
	q := normalizeQuote(quote)
	if q == "" {
		return sectorpulse.Evidence{}, DropNoEvidence
	}
	if len(q) < minEvidenceBytes && hanCount(q) < minEvidenceHan {
		return sectorpulse.Evidence{}, DropEvidenceShort
	}
	i := strings.Index(g.norm, q)
	if i < 0 {
		return sectorpulse.Evidence{}, DropEvidenceNotFound
	}
	start, end := g.start[i], g.end[i+len(q)-1]
	if start < g.titleEnd && end > g.titleEnd {
		return sectorpulse.Evidence{}, DropEvidenceNotFound
	}
	for _, sp := range g.injections {
		if start < sp[1] && end > sp[0] {
			return sectorpulse.Evidence{}, DropEvidenceInjected
		}
	}
	return sectorpulse.Evidence{Quote: g.doc[start:end], Start: start, End: end}, ""
}

// hanCount counts the Han characters of s.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// injectionPatterns match text that addresses a language model rather
// than a reader: the sentences around them are never accepted as evidence.
var injectionPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(previous|prior|above|earlier|all|any|your)\b[^.!?\n]{0,30}\b(instructions?|prompts?|rules|directions)\b`),
	regexp.MustCompile(`(?i)\b(system prompt|you are now|you are an? (ai|assistant|language model|chatbot))\b`),
	regexp.MustCompile(`(?i)\b(rate|score|mark|label)\s+(every|all|each)\s+(compan|stock|share|entit|sector)`),
	regexp.MustCompile(`忽略(之前|以上|先前|所有)`),
}

// findInjections returns the sentences of doc that match an injection
// pattern, as byte spans.
func findInjections(doc string) [][2]int {
	var spans [][2]int
	for _, re := range injectionPatterns {
		for _, m := range re.FindAllStringIndex(doc, -1) {
			spans = append(spans, sentenceAround(doc, m[0], m[1]))
		}
	}
	return spans
}

// sentenceAround widens [i, j) to the sentence (or line) that holds it.
func sentenceAround(doc string, i, j int) [2]int {
	start := strings.LastIndexAny(doc[:i], ".!?\n。！？")
	if start < 0 {
		start = 0
	} else {
		_, size := utf8.DecodeRuneInString(doc[start:])
		start += size
	}
	end := strings.IndexAny(doc[j:], ".!?\n。！？")
	if end < 0 {
		end = len(doc)
	} else {
		end += j + 1
	}
	return [2]int{start, end}
}

// grounded is an answer turned into results: every kept item has its
// evidence in the document, a known sector or index, and scores in range.
type grounded struct {
	mentions []sectorpulse.Mention
	sectors  []sectorpulse.SectorScore
	moves    []sectorpulse.IndexMove
	dropped  map[string]int
}

func (gr *grounded) drop(reason string) {
	if gr.dropped == nil {
		gr.dropped = map[string]int{}
	}
	gr.dropped[reason]++
}

// ground validates an answer's items against the document, the gazetteer
// and the taxonomy. Entities are resolved to the gazetteer by name, alias
// or ticker; others are kept as discovered entities with the kind the
// model gave.
func ground(a *answerV1, gt *groundText, gaz *Gazetteer, tax *Taxonomy) *grounded {
	gr := &grounded{}
	seen := map[string]bool{}
	for _, e := range a.Entities {
		if !scoresInRange(e.Sentiment, e.Confidence, e.Relevance) {
			gr.drop(itemRangeReason(e.Sentiment, e.Confidence, e.Relevance))
			continue
		}
		name := strings.TrimSpace(e.Name)
		if name == "" {
			gr.drop(DropMissingField)
			continue
		}
		ev, reason := gt.locate(e.Evidence)
		if reason != "" {
			gr.drop(reason)
			continue
		}
		m := resolveEntity(name, strings.TrimSpace(e.Ticker), e.Kind, gaz)
		key := strings.ToLower(m.Entity)
		if seen[key] {
			gr.drop(DropDuplicate)
			continue
		}
		seen[key] = true
		m.Sentiment, m.Confidence, m.Relevance = *e.Sentiment, *e.Confidence, *e.Relevance
		m.Evidence = ev
		gr.mentions = append(gr.mentions, m)
	}
	seenSector := map[string]bool{}
	for _, s := range a.Sectors {
		if !scoresInRange(s.Sentiment, s.Confidence, s.Relevance) {
			gr.drop(itemRangeReason(s.Sentiment, s.Confidence, s.Relevance))
			continue
		}
		id := strings.TrimSpace(s.Sector)
		if _, ok := tax.Lookup(id); !ok {
			gr.drop(DropUnknownSector)
			continue
		}
		ev, reason := gt.locate(s.Evidence)
		if reason != "" {
			gr.drop(reason)
			continue
		}
		if seenSector[id] {
			gr.drop(DropDuplicate)
			continue
		}
		seenSector[id] = true
		gr.sectors = append(gr.sectors, sectorpulse.SectorScore{
			Sector: id, Sentiment: *s.Sentiment, Confidence: *s.Confidence, Relevance: *s.Relevance, Evidence: ev,
		})
	}
	seenMove := map[string]bool{}
	var mf *moveFinder
	for _, mv := range a.IndexMoves {
		ix, ok := sectorpulse.LookupIndex(strings.TrimSpace(mv.Index))
		if !ok {
			gr.drop(DropUnknownIndex)
			continue
		}
		if mv.ChangePct == nil && mv.Level == nil {
			gr.drop(DropMissingField)
			continue
		}
		if !moveInRange(mv.ChangePct, mv.Level) {
			gr.drop(DropOutOfRange)
			continue
		}
		ev, reason := gt.locate(mv.Evidence)
		if reason != "" {
			gr.drop(reason)
			continue
		}
		if seenMove[ix.Code] {
			gr.drop(DropDuplicate)
			continue
		}
		seenMove[ix.Code] = true
		// The answer gives no period: the quote's own words may state one
		// ("so far this year"), read as the lexicon reads them; else it
		// stays unknown.
		if mf == nil {
			mf = newMoveFinder()
		}
		gr.moves = append(gr.moves, sectorpulse.IndexMove{Index: ix.Code, ChangePct: mv.ChangePct, Level: mv.Level,
			Period: mf.periodOf(ev.Quote, ix.Code), Evidence: ev})
	}
	return gr
}

// scoresInRange checks an item's three scores.
func scoresInRange(s, c, r *float64) bool {
	return checkRange("", s, -1, 1) == nil && checkRange("", c, 0, 1) == nil && checkRange("", r, 0, 1) == nil
}

// itemRangeReason tells a missing score from one out of range.
func itemRangeReason(s, c, r *float64) string {
	if s == nil || c == nil || r == nil {
		return DropMissingField
	}
	return DropOutOfRange
}

// moveInRange checks a reported move: a change above -100% and below
// +100% in a day, a positive level.
func moveInRange(change, level *float64) bool {
	if change != nil && (math.IsNaN(*change) || *change <= -100 || *change >= 100) {
		return false
	}
	if level != nil && (math.IsNaN(*level) || math.IsInf(*level, 0) || *level <= 0) {
		return false
	}
	return true
}

// resolveEntity maps a model's entity to the gazetteer by name, then
// ticker; an entity the gazetteer lacks keeps the model's name, kind and
// ticker.
func resolveEntity(name, ticker, kind string, gaz *Gazetteer) sectorpulse.Mention {
	for _, key := range []string{name, strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s"), ticker} {
		if key == "" {
			continue
		}
		if e, ok := gaz.Lookup(key); ok {
			m := sectorpulse.Mention{Entity: e.Name, Kind: e.Kind, Sectors: e.Sectors}
			if len(e.Tickers) > 0 {
				m.Ticker = e.Tickers[0]
			}
			return m
		}
	}
	k := sectorpulse.EntityKind(strings.ToLower(strings.TrimSpace(kind)))
	if !validKind(k) {
		k = sectorpulse.KindOther
	}
	return sectorpulse.Mention{Entity: name, Kind: k, Ticker: ticker}
}
