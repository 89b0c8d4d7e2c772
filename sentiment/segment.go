package sentiment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [start, end) of a document.
type span struct{ start, end int }

// trimSpan narrows sp to exclude surrounding white space and trailing
// commas.
func trimSpan(doc string, sp span) span {
	for sp.start < sp.end {
		r, size := utf8.DecodeRuneInString(doc[sp.start:sp.end])
		if !unicode.IsSpace(r) {
			break
		}
		sp.start += size
	}
	for sp.end > sp.start {
		r, size := utf8.DecodeLastRuneInString(doc[sp.start:sp.end])
		if !unicode.IsSpace(r) && r != ',' && r != '，' {
			break
		}
		sp.end -= size
	}
	return sp
}

// splitSentences splits doc into trimmed, non-empty sentences. A line break
// always ends a sentence (titles and paragraphs); so do "。！？" and "!?"; a
// "." does unless it is part of a number ("3.69"), a name ("JD.com"), an
// abbreviation ("Co.", "Inc.", "U.S.") or an initial, or the next word
// starts in lower case.
func splitSentences(doc string) []span {
	return splitSentencesAppend(nil, doc)
}

// splitSentencesAppend is splitSentences appending to out.
func splitSentencesAppend(out []span, doc string) []span {
	start := 0
	emit := func(end int) {
		if sp := trimSpan(doc, span{start, end}); sp.end > sp.start {
			out = append(out, sp)
		}
		start = end
	}
	for i := 0; i < len(doc); {
		c := doc[i]
		if c < utf8.RuneSelf && c != '\n' && c != '\r' && c != '!' && c != '?' && c != '.' {
			i++ // no ASCII byte but these ends a sentence
			continue
		}
		r, size := utf8.DecodeRuneInString(doc[i:])
		switch r {
		case '\n', '\r':
			emit(i)
			i += size
			start = i
			continue
		case '。', '！', '？':
			end := skipClosers(doc, i+size)
			emit(end)
			i = end
			continue
		case '!', '?':
			end := skipClosers(doc, i+size)
			if end == len(doc) || isSpaceAt(doc, end) {
				emit(end)
				i = end
				continue
			}
		case '.':
			end := skipClosers(doc, i+size)
			if isSentenceEnd(doc, i, end) {
				emit(end)
				i = end
				continue
			}
		}
		i += size
	}
	emit(len(doc))
	return out
}

// skipClosers returns the offset after any closing quotes or brackets at i.
func skipClosers(doc string, i int) int {
	for i < len(doc) {
		r, size := utf8.DecodeRuneInString(doc[i:])
		switch r {
		case '"', '\'', '\u201D', '\u2019', ')', ']', '」', '』', '）':
			i += size
			continue
		}
		return i
	}
	return i
}

func isSpaceAt(doc string, i int) bool {
	r, _ := utf8.DecodeRuneInString(doc[i:])
	return unicode.IsSpace(r)
}

// isSentenceEnd decides whether the "." at dot (followed by closers up to
// end) ends a sentence.
func isSentenceEnd(doc string, dot, end int) bool {
	if end < len(doc) && !isSpaceAt(doc, end) {
		return false // "3.69", "JD.com", "U.S"
	}
	w := dot
	for w > 0 {
		r, size := utf8.DecodeLastRuneInString(doc[:w])
		if !(isLetter(r) || r == '.') {
			break
		}
		w -= size
	}
	word := doc[w:dot]
	if strings.Contains(word, ".") || isAbbreviation(word) {
		return false
	}
	if n := utf8.RuneCountInString(word); n == 1 {
		if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) {
			return false // an initial
		}
	}
	// The next word starting in lower case continues the sentence.
	for i := end; i < len(doc); {
		r, size := utf8.DecodeRuneInString(doc[i:])
		if r == '\n' {
			return true
		}
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		return !unicode.IsLower(r)
	}
	return true
}

// isAbbreviation reports words that a "." follows without ending a sentence.
func isAbbreviation(word string) bool {
	switch strings.ToLower(word) {
	case "co", "corp", "inc", "ltd", "bhd", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr",
		"vs", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec", "est", "approx", "dept", "gov", "govt", "mt", "ft":
		return true
	}
	return false
}

// connectorAt returns the length of the contrast word (" but ", " while ",
// " whereas ", " although ", " though ", " even as ") at s[i:], or 0.
func connectorAt(s string, i int) int {
	if i+1 >= len(s) {
		return 0
	}
	if i+2 >= len(s) {
		return 0
	}
	// The first two letters, lower-cased, of "but", "while", "whereas",
	// "although", "though" and "even as".
	switch pair := uint16(s[i+1]|0x20)<<8 | uint16(s[i+2]|0x20); pair {
	case 'b'<<8 | 'u', 'w'<<8 | 'h', 'a'<<8 | 'l', 't'<<8 | 'h', 'e'<<8 | 'v':
	default:
		return 0
	}
	for _, c := range [...]string{" but ", " while ", " whereas ", " although ", " though ", " even as "} {
		if hasPrefixFold(s[i:], c) {
			return len(c)
		}
	}
	return 0
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// asAt returns the length of " as " at s[i:] when it starts a new clause
// about another subject: after a comma (", as investors ..."), or before a
// named entity (" as Tencent edged up"), where startsEntity reports whether
// an entity's name starts at an offset of s; 0 otherwise. "such as",
// "as well as" and "known as" do not split.
func asAt(s string, i int, startsEntity func(off int) bool) int {
	if i+4 > len(s) || s[i+1]|0x20 != 'a' && s[i+2]|0x20 != 'a' {
		return 0 // neither " as" nor ", as" at i
	}
	if hasPrefixFold(s[i:], ", as ") {
		return len(", as ")
	}
	if startsEntity == nil || !hasPrefixFold(s[i:], " as ") || !startsEntity(i+len(" as ")) {
		return 0
	}
	// Only the few words before " as " matter: lower-case just them.
	prev := strings.ToLower(s[max(0, i-12):i])
	whole := i <= 12 // prev is all of s before i
	for _, w := range [...]string{"such", "well", "known", "same", "so", "as", "such as"} {
		if strings.HasSuffix(prev, " "+w) || whole && prev == w {
			return 0
		}
	}
	return len(" as ")
}

// splitClauses splits the sentence sp of doc on ";", "；", the Chinese
// comma "，" (with a following "但" or "但是"), the contrast words " but ",
// " while ", " whereas ", " although ", " though ", " even as ", and ", as ".
// A sentence that opens with a contrast word ("While Tencent rose, ...")
// splits at its first comma. Headlines (headline true) also split on every
// comma: "Tencent rallies, Alibaba slips".
func splitClauses(doc string, sp span, headline bool) []span {
	return splitClausesAt(doc, sp, headline, nil)
}

// splitClausesAt is splitClauses that also splits on " as " before a named
// entity ("Meituan fell as Tencent edged up"); startsEntity reports
// whether an entity's name starts at a byte offset of doc.
func splitClausesAt(doc string, sp span, headline bool, startsEntity func(off int) bool) []span {
	return appendClauses(nil, doc, sp, headline, startsEntity)
}

// appendClauses is splitClausesAt appending to out.
func appendClauses(out []span, doc string, sp span, headline bool, startsEntity func(off int) bool) []span {
	start := sp.start
	emit := func(end, next int) {
		if c := trimSpan(doc, span{start, end}); c.end > c.start {
			out = append(out, c)
		}
		start = next
	}
	s := doc[sp.start:sp.end]
	var startsIn func(off int) bool
	if startsEntity != nil {
		startsIn = func(off int) bool { return startsEntity(sp.start + off) }
	}
	leading := false
	for _, c := range [...]string{"but ", "while ", "whereas ", "although ", "though "} {
		if len(s) > len(c) && strings.EqualFold(s[:len(c)], c) {
			start = sp.start + len(c)
			leading = true
			break
		}
	}
	for i := start - sp.start; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		} else if r != ';' && r != ',' && r != ' ' {
			i++ // no ASCII byte but these splits a clause
			continue
		}
		switch {
		case r == ';' || r == '；':
			emit(sp.start+i, sp.start+i+size)
		case r == ',' && !leading && !headline && asAt(s, i, nil) > 0:
			n := asAt(s, i, nil)
			emit(sp.start+i, sp.start+i+n-1)
			i += n - 1
			continue
		case (leading || headline) && r == ',':
			leading = false
			emit(sp.start+i, sp.start+i+size)
		case r == '，':
			n := size
			if strings.HasPrefix(s[i+size:], "但是") {
				n += len("但是")
			} else if strings.HasPrefix(s[i+size:], "但") {
				n += len("但")
			}
			emit(sp.start+i, sp.start+i+n)
			i += n
			continue
		case r == ' ':
			n := connectorAt(s, i)
			if n == 0 {
				n = asAt(s, i, startsIn)
			}
			if n > 0 {
				emit(sp.start+i, sp.start+i+n-1)
				i += n - 1
				continue
			}
		}
		i += size
	}
	emit(sp.end, sp.end)
	return out
}
