package sentiment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the class of a token.
type tokKind uint8

const (
	tokWord  tokKind = iota // a run of letters and digits, e.g. "Tencent", "5G"
	tokNum                  // a number, e.g. "3.69", "22,620.33"
	tokHan                  // one CJK character
	tokPunct                // one punctuation or symbol rune, e.g. "%", "."
)

// token is a word, number, CJK character or punctuation mark with its byte
// offsets into the text it came from. Apostrophes, hyphens and white space
// separate tokens and are not tokens themselves, so "BYD's" gives "BYD" and
// "s", and "e-commerce" gives "e" and "commerce".
type token struct {
	start, end int
	kind       tokKind
	text       string // the original text
	lower      string // text lower-cased
	stem       string // lower stemmed (words only; otherwise lower)
	// lowerHash and stemHash are FNV-1a hashes of lower and stem, which
	// matchers test against a filter of their first keys before looking
	// a key up.
	lowerHash, stemHash uint64
}

// isWordish reports whether the token counts as a word for distance windows.
func (t *token) isWordish() bool { return t.kind != tokPunct }

// tokenize splits s into tokens.
func tokenize(s string) []token {
	return tokenizeAppend(make([]token, 0, len(s)/5+1), s)
}

// tokenizeAppend appends the tokens of s to toks.
func tokenizeAppend(toks []token, s string) []token {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\'' || c == '-' || c == '`' || c == '\v' || c == '\f':
				i++
				continue
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
				end := scanWord(s, i)
				toks = append(toks, newToken(s, i, end, tokWord))
				i = end
				continue
			case c >= '0' && c <= '9':
				end, kind := scanNumber(s, i)
				toks = append(toks, newToken(s, i, end, kind))
				i = end
				continue
			case c > ' ' && c != 0x7f:
				toks = append(toks, newToken(s, i, i+1, tokPunct))
				i++
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSeparator(r):
			i += size
		case isCJK(r):
			toks = append(toks, newToken(s, i, i+size, tokHan))
			i += size
		case isDigit(r):
			end, kind := scanNumber(s, i)
			toks = append(toks, newToken(s, i, end, kind))
			i = end
		case isLetter(r):
			end := scanWord(s, i)
			toks = append(toks, newToken(s, i, end, tokWord))
			i = end
		default:
			toks = append(toks, newToken(s, i, i+size, tokPunct))
			i += size
		}
	}
	return toks
}

func newToken(s string, start, end int, kind tokKind) token {
	t := token{start: start, end: end, kind: kind, text: s[start:end]}
	t.lower = lowerString(t.text)
	t.stem = t.lower
	if kind == tokWord {
		t.stem = stem(t.lower)
	}
	t.lowerHash = fnv1a(t.lower)
	t.stemHash = t.lowerHash
	if t.stem != t.lower {
		t.stemHash = fnv1a(t.stem)
	}
	return t
}

// fnv1a returns the 64-bit FNV-1a hash of s.
func fnv1a(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}

// scanWord returns the end of the letter/digit run starting at i.
func scanWord(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				i++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(isLetter(r) || isDigit(r)) {
			break
		}
		i += size
	}
	return i
}

// scanNumber returns the end of the number starting at i: digits with
// embedded "," or "." each followed by a digit. A number glued to letters
// ("5G", "3Q") is a word.
func scanNumber(s string, i int) (int, tokKind) {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			i++
		case (c == '.' || c == ',') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			i++
		default:
			if r, _ := utf8.DecodeRuneInString(s[i:]); isLetter(r) {
				return scanWord(s, i), tokWord
			}
			return i, tokNum
		}
	}
	return i, tokNum
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isLetter reports letters of alphabetic scripts (not CJK).
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) && !isCJK(r)
}

// isCJK reports Han, kana and Hangul characters, each of which is a token.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

// isSeparator reports runes that separate tokens without being tokens.
func isSeparator(r rune) bool {
	switch r {
	case '\'', '\u2018', '\u2019', '\u201B', '`', '-', '\u2010', '\u2011', '\u2013', '\u2014', '\u00AD', '\u200B', '\uFEFF':
		return true
	}
	return unicode.IsSpace(r)
}

// lowerString lower-cases s, returning s itself when it has no upper case.
func lowerString(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}
