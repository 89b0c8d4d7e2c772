package sentiment

import (
	"slices"
	"sort"
	"strings"
)

// maxClauseTokens is the most tokens of a clause; a longer one is cut.
const maxClauseTokens = 200

// clause is a clause of a document with the tokens inside it and, once
// scored, its cues.
type clause struct {
	span
	sent  int     // index of its sentence
	first int     // index of its first token in docModel.toks
	toks  []token // its tokens (a window of docModel.toks)
	cues  []cueHit
	sum   float64 // sum of cue weights
	abs   float64 // sum of absolute cue weights
	score float64 // squashed sum, in (-1, 1)
	// concessive marks a clause that "although" or "though" opens: its
	// cues count little, as the main clause carries the news.
	concessive bool
}

// sentence is a sentence of a document and the range of its clauses.
type sentence struct {
	span
	para                    int // index of its paragraph (lines count as paragraphs)
	clauseFirst, clauseLast int // clauses [clauseFirst, clauseLast)
	ncues                   int
	sum, abs, score         float64
}

// docModel is a document split into tokens, sentences and clauses.
type docModel struct {
	doc      string
	toks     []token
	sents    []sentence
	clauses  []clause
	titleEnd int // byte offset where the title ends; 0 when none
	// entities are the entity matches in toks when the model was built
	// with an entity finder.
	entities []match
	// starts, spans and clauseSpans are buffers kept for reuse: the
	// sorted start offsets of the entities, the sentence spans and one
	// sentence's clause spans.
	starts      []int
	spans       []span
	clauseSpans []span
	// cueBuf holds the cues of every clause, which are windows of it.
	cueBuf []cueHit
}

// newDocModel tokenizes and segments doc.
func newDocModel(doc string, titleEnd int) *docModel {
	return newDocModelWith(doc, titleEnd, nil)
}

// newDocModelWith tokenizes and segments doc; findEntities, when not nil,
// appends the entity mentions in the tokens to out, which also end
// clauses before " as <entity>" ("Meituan fell as Tencent edged up").
func newDocModelWith(doc string, titleEnd int, findEntities func(toks []token, out []match) []match) *docModel {
	return new(docModel).reset(doc, titleEnd, findEntities)
}

// reset makes m the model of doc, reusing the memory of its slices.
func (m *docModel) reset(doc string, titleEnd int, findEntities func(toks []token, out []match) []match) *docModel {
	m.doc, m.titleEnd = doc, titleEnd
	m.cueBuf = m.cueBuf[:0]
	m.toks = tokenizeAppend(m.toks[:0], doc)
	m.entities = m.entities[:0]
	var startsEntity func(off int) bool
	if findEntities != nil {
		m.entities = findEntities(m.toks, m.entities)
		m.starts = m.starts[:0]
		for _, h := range m.entities {
			m.starts = append(m.starts, m.toks[h.first].start)
		}
		startsEntity = func(off int) bool {
			_, found := slices.BinarySearch(m.starts, off)
			return found
		}
	}
	m.spans = splitSentencesAppend(m.spans[:0], doc)
	sents := m.spans
	m.sents = m.sents[:0]
	m.clauses = m.clauses[:0]
	ti, para := 0, 0
	for si, s := range sents {
		if si > 0 && strings.ContainsAny(doc[sents[si-1].end:s.start], "\n\r") {
			para++
		}
		st := sentence{span: s, para: para, clauseFirst: len(m.clauses)}
		prev := s.start
		m.clauseSpans = appendClauses(m.clauseSpans[:0], doc, s, s.start < titleEnd, startsEntity)
		for _, c := range m.clauseSpans {
			concessive := isConcessive(doc[prev:c.start])
			prev = c.end
			for ti < len(m.toks) && m.toks[ti].start < c.start {
				ti++
			}
			first := ti
			for ti < len(m.toks) && m.toks[ti].end <= c.end {
				ti++
			}
			// A clause longer than maxClauseTokens (a list, a table, text
			// without punctuation) is cut in pieces, which keeps the
			// per-clause rules linear in the document.
			for a := first; a < ti; a += maxClauseTokens {
				b := min(a+maxClauseTokens, ti)
				sp := c
				if a > first || b < ti {
					sp = span{start: m.toks[a].start, end: m.toks[b-1].end}
					if a == first {
						sp.start = c.start
					}
					if b == ti {
						sp.end = c.end
					}
				}
				m.clauses = append(m.clauses, clause{span: sp, sent: si, first: a, toks: m.toks[a:b:b], concessive: concessive})
			}
			if first == ti {
				m.clauses = append(m.clauses, clause{span: c, sent: si, first: first, toks: m.toks[first:ti:ti], concessive: concessive})
			}
		}
		st.clauseLast = len(m.clauses)
		m.sents = append(m.sents, st)
	}
	return m
}

// clauseAt returns the index of the clause holding byte offset off, or the
// nearest clause before it; -1 when off precedes every clause.
func (m *docModel) clauseAt(off int) int {
	i := sort.Search(len(m.clauses), func(i int) bool { return m.clauses[i].start > off })
	return i - 1
}

// leadPara returns the index of the lead paragraph: the first paragraph
// after the title, or the first one when there is no title.
func (m *docModel) leadPara() int {
	if m.titleEnd > 0 {
		return 1
	}
	return 0
}

// inTitle reports whether the span starts in the title.
func (m *docModel) inTitle(sp span) bool { return sp.start < m.titleEnd }

// commaJoined reports whether clause ci and the next are separated by a
// bare Chinese comma only.
func (m *docModel) commaJoined(ci int) bool {
	if ci+1 >= len(m.clauses) {
		return false
	}
	gap := strings.TrimSpace(m.doc[m.clauses[ci].end:m.clauses[ci+1].start])
	return gap == "，"
}

// isConcessive reports whether the text between two clauses (or before a
// sentence's first clause) is a concessive connector: "although",
// "though", "even though".
func isConcessive(gap string) bool {
	w := strings.ToLower(strings.TrimSpace(strings.TrimLeft(gap, " ,")))
	switch w {
	case "although", "though", "even though":
		return true
	}
	return false
}
