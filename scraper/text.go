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
	`[（(]?(?:責任編輯|责任编辑)[：:].*|廣告|广告|相關新聞.*|相关新闻.*|延伸閱讀.*|延伸阅读.*|版權所有.*|版权所有.*|分享.*|訂閱.*|订阅.*|` +
	// Newsletter and app promotions.
	`(?:get|receive|sign up for|subscribe to|join)\b.*\bnewsletters?\b.*|` +
	`.{0,30}(?:尽在|盡在|下载|下載).{0,20}(?:APP|App|app|客户端|客戶端)[。！!]?` +
	`)$`)

// creditRE matches paragraphs that are credits, notes and notices rather
// than story text, which may run longer than boilerplateRE's lines (up to
// maxCreditWeight): agency credit lines ("Reporting by …; Editing by …",
// "—With assistance from …", "(Web editor: …)", "Contact reporter …"),
// update notes ("(Updates with …)"), cookie notices and a site's
// disclaimer ("Disclaimer: …", "免责声明：…", "某某网声明：…").
var creditRE = regexp.MustCompile(`(?i)^(?:` +
	`(?:additional )?(?:reporting|writing|editing|compiled) by\b.*|[-—–]+ ?with assistance from\b.*|` +
	`[(\[]?(?:web )?editors?: ?[^.]*[)\]]?\.?|contact (?:the )?(?:reporter|editor|writer)s?\b.*|` +
	`[(\[](?:updates|adds|recasts|corrects|refiles|rewrites|changes)\b[^)\]]*[)\]]\.?|` +
	`(?:we|this (?:site|website)|our (?:site|website)s?) (?:and our partners )?uses? cookies\b.*|` +
	`by (?:continuing|using)\b.{0,60}\bcookies\b.*|` +
	`(?:disclaimer|免责声明|免責聲明|特别声明|特別聲明|\S{1,8}网声明|\S{1,8}網聲明)[：:].*` +
	`)$`)

// captionRE matches the end of a photo caption: "Photo" or "Image" and a
// capitalised credit of up to four words ("… Photo: Handout", "… [Photo/VCG]",
// "… (Photo: Xinhua News)").
var captionRE = regexp.MustCompile(`(?i)[\s(\[](?:photo|photograph|image|picture)s? ?[:/] ?` +
	`(?-i:[\p{Lu}\pN][\pL\pN.&'/-]*(?: [\p{Lu}][\pL\pN.&'/-]*){0,3})[)\]]?\.?$`)

// maxCreditWeight bounds the paragraphs creditRE and captionRE may drop.
const maxCreditWeight = 60

// maxBoilerplateWeight bounds the paragraphs boilerplateRE may drop: a long
// paragraph that happens to start with "Share" is story text.
const maxBoilerplateWeight = 20

// isBoilerplate reports whether a collapsed paragraph is page furniture.
func isBoilerplate(p string) bool {
	// Past this length a paragraph is story text however it starts.
	if len(p) > 32*maxCreditWeight {
		return false
	}
	w := weight(p)
	if w <= maxBoilerplateWeight && boilerplateRE.MatchString(p) {
		return true
	}
	if w <= maxDateLineWeight && startsWithDate(p) {
		return true // a date line: "February 20, 2025", "發布時間：2025/03/10 14:05 來源：…"
	}
	if w > maxCreditWeight {
		return false
	}
	if creditRE.MatchString(p) {
		return true
	}
	lower := strings.ToLower(p)
	return (strings.Contains(lower, "photo") || strings.Contains(lower, "image") || strings.Contains(lower, "picture")) &&
		captionRE.MatchString(p)
}

// maxDateLineWeight bounds the paragraphs that isBoilerplate drops as a
// date line: a paragraph that starts with a date (after an optional
// "Published:" label) and says little else.
const maxDateLineWeight = 12
