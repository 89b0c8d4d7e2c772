package scraper

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minWords is the least text weight (see weight) an article body must have.
const minWords = 25

// collapseSpace trims s and collapses each run of white space to one ASCII
// space. A run that holds a line break between two CJK characters is
// dropped, as browsers do, so hard-wrapped Chinese source text stays intact.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune // last rune written
	pending := false
	newline := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			pending = true
			if r == '\n' || r == '\r' {
				newline = true
			}
			continue
		}
		if pending && b.Len() > 0 && !(newline && isCJK(prev) && isCJK(r)) {
			b.WriteByte(' ')
		}
		pending, newline = false, false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// isCJK reports whether r is a Han, Hiragana, Katakana or Hangul letter, or
// CJK punctuation.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF))
}

// weight measures text length in roughly word-sized units, independent of
// script: each white-space separated run counts one, except that CJK
// characters, written without spaces, count one per two characters.
func weight(s string) int {
	words, cjk := 0, 0
	inWord := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case isCJK(r):
			cjk++
			inWord = false
		case unicode.IsSpace(r):
			inWord = false
		default:
			if !inWord {
				words++
			}
			inWord = true
		}
	}
	return words + (cjk+1)/2
}

// boilerplateRE matches whole short paragraphs that are page furniture
// rather than story text. "Share" and "Copyright" only match in furniture
// phrasing ("Share this article", "Share on X", "Share via email", a bare
// "Share"; "Copyright ©", "Copyright 2025", "Copyright, all rights …"), so
// story lines such as "Share prices slumped …" or "Copyright disputes
// weighed on …" are kept.
var boilerplateRE = regexp.MustCompile(`(?i)^(?:` +
	`read more\b.*|continue reading\b.*|advertisements?|ad|sponsored( content)?|` +
	`share(?: (?:this|the)(?: (?:article|story|page|post|link))?)?(?: (?:on|via|to|with)\b.*)?[:.!]?|` +
	`follow us\b.*|subscribe\b.*|sign up\b.*|download (?:our|the) app\b.*|click here\b.*|` +
	`(?:©|\(c\)).*|copyright\W*(?:©|\(c\)|(?:19|20)\d{2}\b|all rights\b).*|all rights reserved\.?|` +
	`related(?: articles| stories| news| coverage)?:?|more from\b.*|` +
	`[（(]?(?:責任編輯|责任编辑)[：:].*|廣告|广告|相關新聞.*|相关新闻.*|延伸閱讀.*|延伸阅读.*|版權所有.*|版权所有.*|分享.*|訂閱.*|订阅.*` +
	`)$`)

// maxBoilerplateWeight bounds the paragraphs boilerplateRE may drop: a long
// paragraph that happens to start with "Share" is story text.
const maxBoilerplateWeight = 20

// isBoilerplate reports whether a collapsed paragraph is page furniture.
func isBoilerplate(p string) bool {
	// Past this length a paragraph is story text however it starts.
	if len(p) > 32*maxBoilerplateWeight {
		return false
	}
	return weight(p) <= maxBoilerplateWeight && boilerplateRE.MatchString(p)
}
