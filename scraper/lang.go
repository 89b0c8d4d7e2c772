package scraper

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Thresholds of DetectLanguage.
const (
	// langCJKWeight is how many Latin or Cyrillic letters one Han, kana or
	// Hangul character counts for when the scripts of a text are weighed:
	// it carries about as much text as three letters.
	langCJKWeight = 3
	// langMinScriptShare is the least share of the weighed letters the
	// main script must have; below it the text is mixed.
	langMinScriptShare = 0.6
	// langMinCJK is the least number of Han, kana and Hangul characters of
	// a Chinese, Japanese or Korean text.
	langMinCJK = 10
	// langKoShare and langJaShare are the least shares of Hangul and of
	// kana among the CJK characters of a Korean and a Japanese text.
	langKoShare = 0.3
	langJaShare = 0.05
	// langMinWords is the least number of words of a text in Latin or
	// Cyrillic script.
	langMinWords = 10
	// langMinStopwords is the least number of stop words of the best
	// Latin-script language.
	langMinStopwords = 4
	// langFullCoverage is the share of a text's words that are stop words
	// of its language from which the coverage is taken as certain; news
	// prose in the languages below has 30-50%.
	langFullCoverage = 0.25
	// langFullMargin is the lead of the best language's stop word score
	// over the runner-up's, as a share of the best score, from which the
	// lead is taken as certain.
	langFullMargin = 0.4
	// langMinLatinConfidence is the least confidence with which a
	// Latin-script language is returned.
	langMinLatinConfidence = 0.5
	// langMaxWordBytes is the longest word looked up as a stop word.
	langMaxWordBytes = 32
)

// Languages told apart by stop words; the order is that of stopwordTags
// and stopwordLists.
const (
	langEN = iota
	langFR
	langDE
	langES
	langIT
	langPT
	langNL
	langID
	langVI
	langRU
	numStopwordLangs
	// numLatinLangs is the number of Latin-script languages, which come
	// first.
	numLatinLangs = langRU
)

// stopwordTags are the BCP 47 tags of the languages told apart by stop
// words.
var stopwordTags = [numStopwordLangs]string{"en", "fr", "de", "es", "it", "pt", "nl", "id", "vi", "ru"}

// stopwordLists are frequent function words of news prose, lower-cased.
// Elided articles ("l'", "d'", "qu'") are listed without the apostrophe.
var stopwordLists = [numStopwordLangs]string{
	langEN: `the of and to in a is that for on with as was at by it from are be this an which or have has had its were
		said after but not their they will would been than more also he she his her about up into over last who we our`,
	langFR: `le la les de des du un une et en à au aux est que qui dans pour par sur a ont avec ce cette ces ses son sa se il
		elle ils pas ne plus mais ou été être selon après d l qu leur sont était entre contre`,
	langDE: `der die das und in den von zu mit ist im dem des nicht auf für sich ein eine einer einen eines als auch es an
		werden aus er sie hat dass nach bei um am sind noch wie über so zum zur vor wird wurde habe hatte hatten seine mehr`,
	langES: `de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o fue este ha
		porque esta entre cuando muy sin sobre también hasta hay donde desde durante según tras es son han`,
	langIT: `di e il la che per un in del della è a le i non una con si da dei al alla nel nella sono ha gli delle ma dal
		dalla anche più come lo degli sul sulla tra fra questo l ai agli nei hanno stato essere dopo secondo dell`,
	langPT: `de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua
		ou ser quando muito há nos já está também pelo pela até isso ela entre era depois sem mesmo aos ter seus nas
		após segundo às pelos pelas`,
	langNL: `de van het een en in is dat op te zijn voor met die niet aan er om ook als bij door maar uit of naar dan nog
		wordt worden werd tot over heeft hebben had hij zij ze dit deze meer na nu zal kan wel al haar`,
	langID: `yang dan di ke dari ini itu untuk dengan pada adalah dalam tidak akan juga oleh atau karena sebagai telah
		bisa ada lebih sudah tersebut kata para menjadi saat hingga namun serta bahwa tahun masih antara terhadap
		setelah sebesar mengatakan seperti belum hari persen sementara secara sejak sekitar kepada melalui jika agar
		bagi mereka ia tetapi lalu pun sedangkan yakni yaitu kami kita`,
	langVI: `và của các là có được cho trong với đã không này một những người khi từ theo tại về đến sẽ cũng nhiều ra
		vào sau trước hơn nhất đó như để năm thì nhưng còn đang rằng nên bị lại mà ở lên trên dưới qua hôm nhờ cùng
		kỳ thị trường kinh tế tăng giảm công ty nước thế giới ngân hàng doanh nghiệp đồng mức tỷ giá phiên`,
	langRU: `и в не на что с по к о из за от у для это как а но до же так его она он они был была были бы при также
		после который которые которых более ещё еще уже чем или только во со то все этом году`,
}

// stopwords maps a stop word to the set of languages (bit i for
// stopwordTags[i]) it belongs to. It is built once and never changed.
var stopwords = buildStopwords()

// buildStopwords indexes stopwordLists.
func buildStopwords() map[string]uint16 {
	m := map[string]uint16{}
	for lang, list := range stopwordLists {
		start := -1
		for i, r := range list + " " {
			if !unicode.IsSpace(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				m[list[start:i]] |= 1 << lang
				start = -1
			}
		}
	}
	return m
}

// hanVariantPairs are frequent characters of financial news that have
// distinct simplified and traditional forms, as simplified-traditional
// pairs. Characters whose simplified form is also an ordinary traditional
// character (后, 里, 于, 台, 制, 准, 周, 系, 据 …) are left out.
const hanVariantPairs = "国國说說们們这這发發经經业業资資场場长長开開门門对對时時为為银銀来來会會个個" +
	"动動进進实實现現产產东東车車电電万萬亿億与與价價货貨贷貸买買卖賣务務员員总總报報关關点點网網" +
	"称稱数數额額从從还還让讓没沒几幾两兩认認应應该該证證险險币幣汇匯财財计計预預调調涨漲亏虧" +
	"创創营營运運达達并並将將则則导導积積极極团團购購销銷际際费費储儲质質环環节節围圍级級统統" +
	"构構标標领領条條权權区區间間问問题題议議决決观觀变變农農规規线線协協华華广廣乐樂医醫药藥" +
	"厂廠机機体體风風气氣韩韓欧歐亚亞钢鋼铁鐵矿礦内內负負债債转轉换換势勢热熱张張压壓紧緊宽寬" +
	"赢贏损損续續"

// hanVariant maps a character to +1 when it is written so only in
// simplified Chinese and to -1 when only in traditional Chinese. It is
// built once and never changed.
var hanVariant = buildHanVariant()

// buildHanVariant indexes hanVariantPairs.
func buildHanVariant() map[rune]int8 {
	m := map[rune]int8{}
	rs := []rune(hanVariantPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]], m[rs[i+1]] = 1, -1
	}
	return m
}

// langStats is what one pass over a text counts.
type langStats struct {
	// Letters by script.
	latin, cyrillic, han, kana, hangul, other int
	// simplified and traditional count Han characters written so only in
	// simplified and only in traditional Chinese.
	simplified, traditional int
	// latinWords and cyrillicWords count words; hits counts the stop words
	// of each language and score weighs them, a word of k languages
	// counting 1/k for each.
	latinWords, cyrillicWords int
	hits                      [numStopwordLangs]int
	score                     [numStopwordLangs]float64
}

// langWord is the lower-cased word being read.
type langWord struct {
	buf      [langMaxWordBytes]byte
	n        int
	long     bool
	cyrillic bool
}

// add appends r, lower-cased; a word too long to look up is marked so.
func (w *langWord) add(r rune) {
	r = unicode.ToLower(r)
	if w.n+utf8.RuneLen(r) > len(w.buf) {
		w.long = true
		return
	}
	w.n += utf8.EncodeRune(w.buf[w.n:], r)
}

// end counts the word read so far and starts the next one.
func (st *langStats) end(w *langWord) {
	if w.n == 0 {
		return
	}
	if w.cyrillic {
		st.cyrillicWords++
	} else {
		st.latinWords++
	}
	if set := stopwords[string(w.buf[:w.n])]; set != 0 && !w.long {
		weight := 1 / float64(bits.OnesCount16(set))
		for ; set != 0; set &= set - 1 {
			lang := bits.TrailingZeros16(set)
			st.hits[lang]++
			st.score[lang] += weight
		}
	}
	w.n, w.long, w.cyrillic = 0, false, false
}

// countLanguage counts the letters, words and stop words of text.
func countLanguage(text string) langStats {
	var st langStats
	var w langWord
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				st.latin++
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				if w.n < len(w.buf) {
					w.buf[w.n] = byte(r)
					w.n++
				} else {
					w.long = true
				}
				continue
			}
			st.end(&w)
		case unicode.Is(unicode.Han, r):
			st.han++
			switch hanVariant[r] {
			case 1:
				st.simplified++
			case -1:
				st.traditional++
			}
			st.end(&w)
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			st.kana++
			st.end(&w)
		case unicode.Is(unicode.Hangul, r):
			st.hangul++
			st.end(&w)
		case unicode.Is(unicode.Latin, r):
			st.latin++
			w.add(r)
		case unicode.Is(unicode.Cyrillic, r):
			st.cyrillic++
			w.cyrillic = true
			w.add(r)
		case unicode.Is(unicode.Mn, r):
			// A combining mark belongs to the word it follows.
			if w.n > 0 {
				w.add(r)
			}
		case unicode.IsLetter(r):
			st.other++
			st.end(&w)
		default:
			st.end(&w)
		}
	}
	st.end(&w)
	return st
}

// DetectLanguage guesses the language of text and returns a BCP 47 tag and
// a confidence in [0,1]; "" and 0 when the text is too short or mixed to
// tell.
//
// Korean, Japanese and Chinese are told by script: Hangul is Korean, Han
// with some kana is Japanese, and Han alone is Chinese, "zh-Hans" or
// "zh-Hant" by the characters written so only in simplified or traditional
// Chinese ("zh" when they do not tell). Text in Cyrillic script is "ru"
// (other languages written in Cyrillic included).
// Text in Latin script is told by its stop words and is one of "en", "fr",
// "de", "es", "it", "pt", "nl", "id" and "vi", returned only when the
// confidence is at least one half; other Latin-script languages give "".
// The detector is meant for articles of a hundred words or more; it needs
// ten words or ten CJK characters at the least.
func DetectLanguage(text string) (tag string, confidence float64) {
	st := countLanguage(text)
	cjk := st.han + st.kana + st.hangul
	weighed := [...]int{st.latin, st.cyrillic, langCJKWeight * cjk, st.other}
	total, top := 0, 0
	for i, n := range weighed {
		total += n
		if n > weighed[top] {
			top = i
		}
	}
	if total == 0 {
		return "", 0
	}
	share := float64(weighed[top]) / float64(total)
	if share < langMinScriptShare {
		return "", 0
	}
	switch top {
	case 0:
		return st.latinLanguage(share)
	case 1:
		return st.cyrillicLanguage(share)
	case 2:
		return st.cjkLanguage(share)
	default:
		return "", 0
	}
}

// cjkLanguage tells Korean, Japanese and Chinese apart; share is the share
// of CJK characters in the text.
func (st *langStats) cjkLanguage(share float64) (string, float64) {
	cjk := st.han + st.kana + st.hangul
	if cjk < langMinCJK {
		return "", 0
	}
	if ko := float64(st.hangul) / float64(cjk); ko >= langKoShare {
		return "ko", share * min(1, ko/(2*langKoShare))
	}
	if ja := float64(st.kana) / float64(cjk); ja >= langJaShare {
		return "ja", share * min(1, ja/(3*langJaShare))
	}
	s, t := st.simplified, st.traditional
	if s == t {
		return "zh", share
	}
	tag := "zh-Hans"
	if t > s {
		tag = "zh-Hant"
	}
	// The language is certain; the script is as sure as its characters are
	// many and one-sided.
	lead := float64(max(s, t)-min(s, t)) / float64(s+t)
	evidence := min(1, float64(s+t)/4)
	return tag, share * (0.5 + 0.5*lead*evidence)
}

// cyrillicLanguage returns "ru" for text in Cyrillic script, the more
// confident the more Russian stop words it has.
func (st *langStats) cyrillicLanguage(share float64) (string, float64) {
	if st.cyrillicWords < langMinWords {
		return "", 0
	}
	coverage := float64(st.hits[langRU]) / float64(st.cyrillicWords)
	return "ru", share * (0.5 + 0.5*min(1, coverage/langFullCoverage))
}

// latinLanguage picks the Latin-script language with the best stop word
// score when its stop words are many enough and it is well ahead of the
// runner-up.
func (st *langStats) latinLanguage(share float64) (string, float64) {
	if st.latinWords < langMinWords {
		return "", 0
	}
	best, second := 0, -1
	for i := 1; i < numLatinLangs; i++ {
		switch {
		case st.score[i] > st.score[best]:
			best, second = i, best
		case second < 0 || st.score[i] > st.score[second]:
			second = i
		}
	}
	n := st.hits[best]
	if n < langMinStopwords {
		return "", 0
	}
	coverage := float64(n) / float64(st.latinWords)
	margin := (st.score[best] - st.score[second]) / st.score[best]
	conf := share * min(1, coverage/langFullCoverage) * min(1, margin/langFullMargin)
	if conf < langMinLatinConfidence {
		return "", 0
	}
	return stopwordTags[best], conf
}
