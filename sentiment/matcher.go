package sentiment

import (
	"fmt"
	"slices"
	"unicode"
)

// keyMode says which form of a token a matcher compares.
type keyMode uint8

const (
	keyLower keyMode = iota // lower-cased text
	keyStem                 // stemmed lower-cased text
)

// pattern is one phrase of a matcher, as tokens.
type pattern struct {
	keys  []string // token keys in the matcher's mode
	exact []string // original token texts when the phrase is case-sensitive
	id    int
}

// matcher finds phrases in token streams: leftmost, longest, non-overlapping,
// on token boundaries, so a phrase always matches whole words.
type matcher struct {
	mode    keyMode
	byFirst map[string][]pattern // first key → patterns, longest first
	// filter has the bit hash%filterBits set for the hash of each first
	// key: most tokens start no phrase, and the filter tells so without
	// a map lookup.
	filter [filterBits / 64]uint64
}

// filterBits is the size of a matcher's first-key filter.
const filterBits = 1 << 16

// match is a phrase found in a token slice: tokens [first, last) and the id
// the phrase was added with.
type match struct {
	first, last int
	id          int
}

func newMatcher(mode keyMode) *matcher {
	return &matcher{mode: mode, byFirst: make(map[string][]pattern)}
}

func (m *matcher) key(t *token) string {
	if m.mode == keyStem {
		return t.stem
	}
	return t.lower
}

// clone returns a copy of m that phrases can be added to without
// changing m: add never grows a slice it shares.
func (m *matcher) clone() *matcher {
	c := *m
	c.byFirst = make(map[string][]pattern, len(m.byFirst)+8)
	for k, v := range m.byFirst {
		c.byFirst[k] = v
	}
	return &c
}

// mayStart reports whether t may be the first token of a phrase: false
// means surely not.
func (m *matcher) mayStart(t *token) bool {
	h := t.lowerHash
	if m.mode == keyStem {
		h = t.stemHash
	}
	h %= filterBits
	return m.filter[h/64]&(1<<(h%64)) != 0
}

// dupError reports a phrase whose tokens another phrase already has.
type dupError struct {
	phrase string
	id     int // the id of the phrase added first
}

func (e *dupError) Error() string {
	return fmt.Sprintf("phrase %q duplicates an earlier phrase", e.phrase)
}

// add adds phrase under id; caseSensitive phrases must match the original
// text exactly. A phrase with the same tokens as an earlier one is not
// added and gives a *dupError.
func (m *matcher) add(phrase string, caseSensitive bool, id int) error {
	return m.addTokens(phrase, tokenize(phrase), caseSensitive, id)
}

// addName adds a name of the gazetteer under id, case-sensitive when
// isShortName says so, tokenizing it once.
func (m *matcher) addName(name string, id int) error {
	toks := tokenize(name)
	return m.addTokens(name, toks, isShortNameTokens(name, toks), id)
}

// addTokens is add for a phrase already tokenized.
func (m *matcher) addTokens(phrase string, toks []token, caseSensitive bool, id int) error {
	if len(toks) == 0 {
		return fmt.Errorf("phrase %q has no words", phrase)
	}
	p := pattern{keys: make([]string, len(toks)), id: id}
	if caseSensitive {
		p.exact = make([]string, len(toks))
	}
	for i := range toks {
		p.keys[i] = m.key(&toks[i])
		if caseSensitive {
			p.exact[i] = toks[i].text
		}
	}
	list := m.byFirst[p.keys[0]]
	for _, q := range list {
		if slices.Equal(q.keys, p.keys) && slices.Equal(q.exact, p.exact) {
			return &dupError{phrase: phrase, id: q.id}
		}
	}
	at := len(list)
	for i, q := range list {
		if len(q.keys) < len(p.keys) {
			at = i
			break
		}
	}
	// A new slice, never shared with a copy of the matcher.
	grown := make([]pattern, 0, len(list)+1)
	grown = append(grown, list[:at]...)
	grown = append(grown, p)
	grown = append(grown, list[at:]...)
	m.byFirst[p.keys[0]] = grown
	h := fnv1a(p.keys[0]) % filterBits
	m.filter[h/64] |= 1 << (h % 64)
	return nil
}

// findAll appends to out the phrases found in toks.
func (m *matcher) findAll(toks []token, out []match) []match {
	for i := 0; i < len(toks); {
		if !m.mayStart(&toks[i]) {
			i++
			continue
		}
		cands := m.byFirst[m.key(&toks[i])]
		n := 0
		id := 0
		for _, p := range cands {
			if m.matchAt(toks, i, &p) {
				n, id = len(p.keys), p.id
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		out = append(out, match{first: i, last: i + n, id: id})
		i += n
	}
	return out
}

func (m *matcher) matchAt(toks []token, i int, p *pattern) bool {
	if i+len(p.keys) > len(toks) {
		return false
	}
	for j, k := range p.keys {
		t := &toks[i+j]
		if m.key(t) != k {
			return false
		}
		if p.exact != nil && t.text != p.exact[j] {
			return false
		}
	}
	return true
}

// isShortName reports whether an alias is matched case-sensitively: a
// single Latin word of at most five letters starting with a capital ("Fed",
// "NIO", "Zhihu"), or any alias whose letters are all capitals ("HSBC",
// "0700.HK"). Everything else matches ignoring case.
func isShortName(alias string) bool {
	return isShortNameTokens(alias, tokenize(alias))
}

// isShortNameTokens is isShortName for an alias already tokenized.
func isShortNameTokens(alias string, toks []token) bool {
	upper, lower := 0, 0
	for _, r := range alias {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	if upper > 0 && lower == 0 {
		return true
	}
	if len(toks) != 1 || toks[0].kind != tokWord {
		return false
	}
	first := []rune(toks[0].text)[0]
	return len([]rune(toks[0].text)) <= 5 && unicode.IsUpper(first)
}
