package sentiment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// discovered is an organisation named in a text that the gazetteer does not know.
type discovered struct {
	name        string // normalised name, e.g. "Harbourline Securities"
	first, last int    // token range in the token slice
}

// Limits of a discovered name.
const (
	// maxOrgWords is the most capitalised words of an English name ending
	// in a company word ("Industrial and Commercial Bank of China").
	maxOrgWords = 5
	// maxCuedWords is the most capitalised words of a name found only by
	// the phrase before it ("chipmaker Xinhe Micro").
	maxCuedWords = 3
	// minHanName and maxHanName bound the Han characters before a Chinese
	// company word (星河 in 星河證券).
	minHanName = 2
	maxHanName = 8
	// maxHanKey is the most Han characters of a word looked up in the
	// word lists below (星期一, 資產管理).
	maxHanKey = 5
)

// discoverOrgs appends to out the organisations named in toks that no match of known covers.
//
// English names are runs of capitalised words that end in a company word
// ("Harbourline Securities", "Bank of Qingdao") or a legal suffix, which is
// left out of the name ("Acme Inc" gives "Acme"), or that follow a phrase
// naming a kind of company ("the startup Lumina"). Chinese names are two to
// eight Han characters before a company word (星河證券). known must be in
// text order, as the matchers give it; a name that overlaps a known match
// is left to the gazetteer. Names come in text order, one per mention.
func discoverOrgs(toks []token, known []match, out []discovered) []discovered {
	d := orgScanner{toks: toks, known: known}
	for i := 0; i < len(toks); {
		t := &toks[i]
		switch {
		case t.kind == tokWord && t.text[0] >= 'a' && t.text[0] <= 'z':
			i++ // most words: lower case, no name
		case t.kind == tokHan:
			end := d.hanSegment(i)
			if end == i {
				i++
				continue
			}
			out = d.chinese(i, end, out)
			i = end
		case isNameWord(t):
			end := d.nameRun(i)
			out = d.english(i, end, out)
			i = end
		default:
			i++
		}
	}
	return out
}

// orgScanner holds the tokens and known matches of one discoverOrgs call.
type orgScanner struct {
	toks  []token
	known []match
	ki    int // the first known match that can still overlap what is scanned next
}

// overlapsKnown reports whether tokens [first, last) share a token with a
// known match. Successive calls must not go back in the text.
func (d *orgScanner) overlapsKnown(first, last int) bool {
	for d.ki < len(d.known) && d.known[d.ki].last <= first {
		d.ki++
	}
	return d.ki < len(d.known) && d.known[d.ki].first < last
}

// joined reports whether toks[k] follows toks[k-1] after at most one byte
// of separator: a space, hyphen or apostrophe, but not a blank line.
func (d *orgScanner) joined(k int) bool {
	return d.toks[k].start-d.toks[k-1].end <= 1
}

// nameRun returns the end of the run of name words starting at the name
// word toks[i]; "&", "and" and "of" after "Bank" may join two name words,
// "A" and "An" go on a run ("Ping An", "Harbourline A shares") though they
// never start one, and a lower-case "plc" ends a name.
func (d *orgScanner) nameRun(i int) int {
	toks := d.toks
	end := i + 1
	for k := i + 1; k < len(toks) && d.joined(k); k++ {
		t := &toks[k]
		if isNameWord(t) || t.text == "plc" || t.text == "An" || t.text == "A" {
			end = k + 1
			continue
		}
		if isConnector(t) && (t.text != "of" || toks[k-1].text == "Bank") {
			continue
		}
		break
	}
	return end
}

// english appends the names of the run of name words [s, e). A run with
// "and" is split into its parts when it overlaps a known match ("Tencent
// and Harbourline Securities": only parts clear of known matches count) or
// when each part is a name by itself ("Harbourline Securities and Qilin
// Robotics"); a run with "and" whose parts are not all names gives none,
// since "MiniMax and Zhipu AI" lists two names and "Industrial and
// Commercial Bank" is one. "&" stays inside a name ("Harbour & Bay
// Capital").
func (d *orgScanner) english(s, e int, out []discovered) []discovered {
	known := d.overlapsKnown(s, e)
	parts, all := 0, true
	for a := s; a < e; {
		b := d.partEnd(a, e)
		parts++
		if _, ok := d.englishName(a, b); !ok {
			all = false
		}
		a = b + 1
	}
	if !known && parts == 1 {
		if dd, ok := d.englishName(s, e); ok {
			dd.name = joinTokens(d.toks, dd.first, dd.last)
			out = append(out, dd)
		}
		return out
	}
	if !known && !all {
		return out
	}
	for a := s; a < e; {
		b := d.partEnd(a, e)
		if !d.overlapsKnown(a, b) {
			if dd, ok := d.englishName(a, b); ok {
				dd.name = joinTokens(d.toks, dd.first, dd.last)
				out = append(out, dd)
			}
		}
		a = b + 1
	}
	return out
}

// partEnd returns the end of the part of the run [a, e) that starts at a:
// the next "and", or e.
func (d *orgScanner) partEnd(a, e int) int {
	for a < e && d.toks[a].text != "and" {
		a++
	}
	return a
}

// englishName returns the token range of the name in tokens [s, e) when
// they name a company; the caller sets the name itself.
func (d *orgScanner) englishName(s, e int) (discovered, bool) {
	toks := d.toks
	for s < e && isConnector(&toks[s]) {
		s++
	}
	n, legal := trimNameEnd(toks, s, e)
	if n == s {
		return discovered{}, false
	}
	words, distinctive := 0, false
	for k := s; k < n; k++ {
		t := &toks[k]
		if isConnector(t) {
			continue
		}
		words++
		switch {
		case t.text == "Hang" && k+1 < n && toks[k+1].text == "Seng":
			return discovered{}, false // an index or Hang Seng Bank: the gazetteer's
		case isAssetManagement(toks, s, n, k):
		case !isCompanyWord(t.text) && !isLegalSuffix(t.text) && !isGenericWord(t.text):
			distinctive = true
		}
	}
	if !distinctive || words > maxOrgWords || d.ofInstitution(s) {
		return discovered{}, false
	}
	switch {
	case legal, isCompanyWord(toks[n-1].text), isAssetManagement(toks, s, n, n-1), d.bankOf(s, n):
	case words <= maxCuedWords && d.cuedBefore(s):
	default:
		return discovered{}, false
	}
	return discovered{first: s, last: n}, true
}

// trimNameEnd returns the end of the name in tokens [s, e) without its
// trailing legal suffixes ("Ltd", "Co"), connectors and share classes
// ("Harbourline A shares"), and whether a legal suffix was cut.
func trimNameEnd(toks []token, s, e int) (n int, legal bool) {
	for n = e; n > s; n-- {
		w := toks[n-1].text
		switch {
		case isLegalSuffix(w):
			legal = true
		case isConnector(&toks[n-1]), w == "A", w == "B", w == "H":
		default:
			return n, legal
		}
	}
	return n, legal
}

// isAssetManagement reports whether toks[k] is a word of "Asset Management"
// inside tokens [s, n).
func isAssetManagement(toks []token, s, n, k int) bool {
	switch toks[k].text {
	case "Asset":
		return k+1 < n && toks[k+1].text == "Management"
	case "Management":
		return k > s && toks[k-1].text == "Asset"
	}
	return false
}

// bankOf reports whether tokens [s, n) end in "Bank of" and one or two
// name words ("Bank of Qingdao", "Bank of East Asia").
func (d *orgScanner) bankOf(s, n int) bool {
	for k := n - 2; k >= s+1 && k >= n-3; k-- {
		if d.toks[k].text == "of" && d.toks[k-1].text == "Bank" {
			return true
		}
	}
	return false
}

// ofInstitution reports whether toks[s] follows "<institution> of", as
// "Industry and Information Technology" does in "Ministry of Industry and
// Information Technology": the tail of a name this scanner does not read.
func (d *orgScanner) ofInstitution(s int) bool {
	if s < 2 || d.toks[s-1].text != "of" || !d.joined(s) || !d.joined(s-1) {
		return false
	}
	switch d.toks[s-2].text {
	case "Ministry", "Department", "Bureau", "Commission", "Office", "Administration", "Agency",
		"Authority", "University", "Institute", "Association", "Council", "Academy", "Federation",
		"Chamber", "Board", "Committee", "School", "College", "Museum", "Society", "Union", "League":
		return true
	}
	return false
}

// cuedBefore reports whether the words just before toks[s] name a kind of
// company, so that toks[s] starts its name: "the startup Lumina",
// "chipmaker Xinhe Micro".
func (d *orgScanner) cuedBefore(s int) bool {
	toks := d.toks
	if s == 0 || !d.joined(s) || toks[s-1].kind != tokWord {
		return false
	}
	switch toks[s-1].lower {
	case "startup", "chipmaker", "carmaker", "automaker", "drugmaker", "developer", "brokerage",
		"lender", "insurer", "rival", "unit", "subsidiary":
		return true
	}
	if s < 2 || !d.joined(s-1) || toks[s-2].kind != tokWord {
		return false
	}
	a, b := toks[s-2].lower, toks[s-1].lower
	return a == "start" && b == "up" || a == "ev" && b == "maker" || (a == "ai" || a == "robotics") && b == "firm"
}

// hanSegment returns the end of the run of adjacent Han characters from
// toks[i] that no known match covers; i when a known match covers toks[i].
func (d *orgScanner) hanSegment(i int) int {
	toks := d.toks
	if d.overlapsKnown(i, i+1) {
		return i
	}
	limit := len(toks)
	if d.ki < len(d.known) {
		limit = d.known[d.ki].first // the next known match starts after toks[i]
	}
	k := i + 1
	for k < limit && toks[k].kind == tokHan && toks[k].start == toks[k-1].end {
		k++
	}
	return k
}

// chinese appends the names in the Han segment [a, b): the characters
// before a company word, back to a particle, a verb or time word, or the
// start of the segment.
func (d *orgScanner) chinese(a, b int, out []discovered) []discovered {
	toks := d.toks
	from := a // tokens before from belong to an earlier name
	for j := a; j < b; {
		if !startsHanCompanyWord(toks[j].text) {
			j++
			continue
		}
		end, nameEnd, ok := hanChain(toks, j, b)
		if !ok {
			j++
			continue
		}
		p := hanNameStart(toks, from, j)
		switch {
		case nameEnd == end && end < b && rejectsBefore(toks[end].text):
			// 科技股, 銀行業: a sector, not a company.
		case j-p < minHanName || j-p > maxHanName:
		case hanGenericOnly(toks, p, j):
		case hanWordAt(toks, p, j, "恒生") || hanWordAt(toks, p, j, "恆生"):
			// Hang Seng indexes and Hang Seng Bank: the gazetteer's.
		case hanHasCompany(toks, p, j):
			// 附屬公司七成: a company word inside is no name.
		default:
			out = append(out, discovered{name: joinTokens(toks, p, nameEnd), first: p, last: nameEnd})
		}
		from, j = end, end
	}
	return out
}

// hanChain reads the company words (集團, 控股, 科技, 證券, 銀行, 保險,
// 基金, 汽車, 地產, each in both scripts) and legal suffix starting at toks[j]
// inside the segment ending at b: 證券, 控股集團, 科技股份有限公司. It
// returns the end of what it read, the end of the name (legal suffixes and
// a 公司 after a company word are left out) and whether a company word or
// legal suffix starts at j. 公司 alone is not a company word ("該公司",
// "上市公司"), nor 股份 unless a legal suffix follows ("增持股份",
// "七成股份").
func hanChain(toks []token, j, b int) (end, nameEnd int, ok bool) {
	k, nameEnd := j, j
	for k < b {
		switch hanRune(toks[k].text) {
		case '有':
			if hanWordAt(toks, k, b, "有限公司") {
				return k + 4, nameEnd, true
			}
		case '股':
			if nameEnd > j && hanWordAt(toks, k, b, "股份有限公司") {
				return k + 6, nameEnd, true
			}
		}
		if k+2 > b {
			break
		}
		switch hanPair(toks[k].text, toks[k+1].text) {
		case uint32('公')<<16 | '司':
			if nameEnd > j {
				return k + 2, nameEnd, true
			}
			return k, nameEnd, false
		case uint32('股')<<16 | '份':
			if nameEnd > j || !(hanWordAt(toks, k+2, b, "公司") || hanWordAt(toks, k+2, b, "有限公司")) {
				return k, nameEnd, nameEnd > j
			}
		case uint32('集')<<16 | '團', uint32('集')<<16 | '团', uint32('控')<<16 | '股', uint32('科')<<16 | '技',
			uint32('證')<<16 | '券', uint32('证')<<16 | '券', uint32('銀')<<16 | '行', uint32('银')<<16 | '行',
			uint32('保')<<16 | '險', uint32('保')<<16 | '险', uint32('基')<<16 | '金', uint32('汽')<<16 | '車',
			uint32('汽')<<16 | '车', uint32('地')<<16 | '產', uint32('地')<<16 | '产':
			// A company word: 集團, 控股, 科技, 證券, 銀行, 保險, 基金, 汽車, 地產.
		default:
			return k, nameEnd, nameEnd > j
		}
		k += 2
		nameEnd = k
	}
	return k, nameEnd, nameEnd > j
}

// hanRune returns the character of a one-character Han token, or -1 for a
// token that is not one character of three bytes in UTF-8, as every Han
// character of the word lists here is.
func hanRune(t string) rune {
	if len(t) != 3 {
		return -1
	}
	return rune(t[0]&0x0f)<<12 | rune(t[1]&0x3f)<<6 | rune(t[2]&0x3f)
}

// hanPair returns the characters of two one-character Han tokens as one
// number, the first in the high 16 bits; 0 when either is not such a token.
func hanPair(a, b string) uint32 {
	ra, rb := hanRune(a), hanRune(b)
	if ra < 0 || rb < 0 {
		return 0
	}
	return uint32(ra)<<16 | uint32(rb)
}

// hanNameStart returns where the name before the company word at toks[j]
// starts: after the last particle, verb or time word in [from, j), else at
// from. Only the last maxHanName+1 characters are looked at.
func hanNameStart(toks []token, from, j int) int {
	var buf [4 * maxHanKey]byte
	for p := j; p > from; p-- {
		if j-p > maxHanName {
			return p
		}
		if isHanParticle(hanRune(toks[p-1].text)) {
			return p
		}
		for l := 2; l <= 3 && p-l >= from; l++ {
			if isHanBoundary(hanKey(buf[:0], toks, p-l, p)) {
				return p
			}
		}
	}
	return from
}

// hanHasCompany reports whether the characters [p, j) hold 公司.
func hanHasCompany(toks []token, p, j int) bool {
	for k := p; k+1 < j; k++ {
		if hanWordAt(toks, k, j, "公司") {
			return true
		}
	}
	return false
}

// hanGenericOnly reports whether the characters [p, j) are only generic
// words (上市, 大型, 中國, 投資), which make a company word a common noun:
// 上市公司, 大型銀行, 中國科技, 投資銀行.
func hanGenericOnly(toks []token, p, j int) bool {
	var buf [4 * maxHanKey]byte
	for p < j {
		l := min(maxHanKey, j-p)
		for ; l > 0; l-- {
			if isHanGeneric(hanKey(buf[:0], toks, p, p+l)) {
				break
			}
		}
		if l == 0 {
			return false
		}
		p += l
	}
	return true
}

// hanKey appends the texts of toks[i:n] to buf.
func hanKey(buf []byte, toks []token, i, n int) []byte {
	for k := i; k < n; k++ {
		buf = append(buf, toks[k].text...)
	}
	return buf
}

// hanWordAt reports whether the Han word w starts at toks[k], inside the
// segment ending at b.
func hanWordAt(toks []token, k, b int, w string) bool {
	for off := 0; off < len(w); k++ {
		if k >= b {
			return false
		}
		t := toks[k].text
		if len(w)-off < len(t) || w[off:off+len(t)] != t {
			return false
		}
		off += len(t)
	}
	return true
}

// joinTokens returns the text of toks[s:n], one space where white space or
// a hyphen separated two tokens.
func joinTokens(toks []token, s, n int) string {
	if n-s == 1 {
		return toks[s].text
	}
	size := 0
	for k := s; k < n; k++ {
		size += len(toks[k].text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for k := s; k < n; k++ {
		if k > s && toks[k].start > toks[k-1].end {
			b.WriteByte(' ')
		}
		b.WriteString(toks[k].text)
	}
	return b.String()
}

// isNameWord reports whether t can be a word of an English name: a word
// starting with a capital, without digits ("Q3", "H1"), that is not a
// function word, title, month or weekday.
func isNameWord(t *token) bool {
	if t.kind != tokWord {
		return false
	}
	c := t.text[0]
	if c < utf8.RuneSelf {
		if c < 'A' || c > 'Z' {
			return false
		}
	} else if r, _ := utf8.DecodeRuneInString(t.text); !unicode.IsUpper(r) {
		return false
	}
	for i := 0; i < len(t.text); i++ {
		if t.text[i] >= '0' && t.text[i] <= '9' {
			return false
		}
	}
	return !isNonNameWord(t.text)
}

// isConnector reports "and", "&" and "of": words that can be inside a name
// but never start or end one.
func isConnector(t *token) bool { return t.text == "and" || t.text == "&" || t.text == "of" }

// isNonNameWord reports capitalised words that are never part of a company
// name: function words that start sentences, the phrases of cuedBefore
// ("Rival Harbourline Securities"), titles, months and weekdays.
func isNonNameWord(w string) bool {
	switch w {
	case "A", "An", "The", "This", "That", "These", "Those", "It", "Its", "They", "Their", "He", "His",
		"She", "Her", "We", "Our", "You", "Your", "My", "I",
		"And", "Or", "Nor", "But", "Yet", "So", "Also", "Still", "Then", "Thus", "However", "Meanwhile",
		"On", "In", "At", "For", "From", "With", "By", "As", "To", "Of", "Into", "Onto", "Upon", "Through",
		"After", "Before", "While", "When", "Since", "Until", "During", "Under", "Over", "Amid", "Among",
		"Despite", "Like", "According", "Including", "If", "Although", "Though", "Because",
		"Why", "What", "How", "Where", "Which", "Who", "Whose", "Here", "There",
		"Both", "Each", "Some", "Many", "Most", "Other", "Others", "Several", "All", "Any", "Only", "Even",
		"Not", "No", "Is", "Are", "Was", "Were", "Will", "Would", "Can", "Could", "Should", "Did", "Does",
		"Separately", "Elsewhere", "Earlier", "Later", "Last", "Next", "Today", "Yesterday", "Tomorrow",
		"Now", "Once", "Whether", "Either", "Neither", "Every", "Such", "Whereas", "Plus", "Overall",
		"Further", "Furthermore", "Moreover", "Additionally", "Notably", "Instead", "Indeed", "Hence",
		"Therefore", "Nonetheless", "Nevertheless", "Likewise", "Similarly", "Currently", "Recently",
		"Previously", "Citing", "Following", "Given", "Against", "Without", "Within", "Between", "Across",
		"Along", "Around", "Beyond", "Via", "Per", "Behind", "Besides", "Except", "Toward", "Towards", "Near",
		"Excluding", "Led", "Unlike",
		"Rival", "Rivals", "Lender", "Insurer", "Developer", "Startup", "Chipmaker", "Carmaker", "Automaker",
		"Drugmaker", "Brokerage", "Unit", "Subsidiary",
		"Shares", "Share", "Stocks", "Stock", "Analysts", "Analyst", "Investors", "Traders",
		"Big", "Generative", "Physical", "Agentic",
		"Mr", "Mrs", "Ms", "Dr", "Chief", "Chairman", "Chairwoman", "Chair", "CEO", "CFO", "COO", "CTO",
		"President", "Vice", "Founder", "Director", "Executive", "Managing", "Head", "Spokesman",
		"Spokeswoman", "Spokesperson", "Strategist", "Economist", "Minister", "Premier",
		"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
		"November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
		"Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday":
		return true
	}
	return false
}

// isCompanyWord reports the words that end a company name and are part of
// it ("Securities" in "Harbourline Securities").
func isCompanyWord(w string) bool {
	switch w {
	case "Securities", "Holdings", "Group", "Bank", "Capital", "Partners", "Ventures", "Investments",
		"Investment", "Technologies", "Technology", "Tech", "Motors", "Robotics", "Semiconductor",
		"Semiconductors", "Electronics", "Pharmaceutical", "Pharmaceuticals", "Biotech", "Biosciences",
		"Therapeutics", "Energy", "Power", "Insurance", "Properties", "Property", "Development",
		"Developments", "Industries", "Industrial", "Logistics", "Airlines", "Shipping", "Mining",
		"Resources", "Materials", "Chemical", "Chemicals", "Foods", "Brewery", "Entertainment", "Media",
		"Networks", "Systems", "Labs", "AI", "Fund", "Advisors", "Research", "Bhd", "KK":
		return true
	}
	return false
}

// isLegalSuffix reports the legal suffixes that make a name a company's and
// are left out of it ("Acme Inc" is "Acme").
func isLegalSuffix(w string) bool {
	switch w {
	case "Ltd", "Limited", "Inc", "Corp", "Corporation", "Co", "LLC", "PLC", "plc", "AG", "SA", "SE", "NV":
		return true
	}
	return false
}

// isGenericWord reports place names and adjectives that do not tell one
// company from another: "China Holdings", "Global Technology" and
// "rival US" name no company.
func isGenericWord(w string) bool {
	switch w {
	case "China", "Chinese", "Hong", "Kong", "HK", "Macau", "Macao", "Beijing", "Shanghai", "Shenzhen",
		"Guangzhou", "Guangdong", "Taiwan", "Taiwanese", "Singapore", "Japan", "Japanese", "Korea",
		"Korean", "US", "USA", "America", "American", "UK", "Britain", "British", "Europe", "European",
		"EU", "Asia", "Asian", "World", "Wall", "Street", "Global", "Sovereign", "International", "National", "Natural",
		"Foreign", "Domestic", "Local", "Regional", "State", "Central", "Major", "Private", "Public",
		"Mainland", "Overseas", "Offshore", "Onshore":
		return true
	}
	return false
}

// startsHanCompanyWord reports whether the character c (one token) starts
// a Chinese company word or legal suffix, which spares looking the others
// up at most characters.
func startsHanCompanyWord(c string) bool {
	switch hanRune(c) {
	case '集', '控', '股', '科', '證', '证', '銀', '银', '保', '基', '汽', '地', '公', '有':
		return true
	}
	return false
}

// rejectsBefore reports a character that, right after a company word,
// makes it a sector or a common noun: 科技股, 銀行業, 汽車市場, 地產商,
// 科技大學, 基金經理, 控股股東, 地產代理, 地產分類指數.
func rejectsBefore(c string) bool {
	switch c {
	case "股", "業", "业", "板", "類", "类", "行", "界", "巨", "企", "產", "产", "商", "市", "品", "大",
		"化", "城", "部", "系", "圈", "經", "经", "監", "监", "報", "报", "園", "园", "數", "数", "代", "分":
		return true
	}
	return false
}

// isHanParticle reports the one-character particles and verbs after which
// a Chinese name starts: 的, 和, 與, 據, 稱, 指.
func isHanParticle(r rune) bool {
	switch r {
	case '的', '和', '與', '与', '據', '据', '稱', '称', '指', '及', '在', '由', '向', '對', '对', '將', '将',
		'把', '被', '是', '從', '从', '於', '于', '跟', '讓', '让', '或', '等', '說', '说', '至', '但', '而',
		'並', '并', '也', '又', '還', '还', '則', '则', '因', '即', '就', '令', '使', '給', '给', '獲', '获':
		return true
	}
	return false
}

// isHanBoundary reports the words of two or three characters (verbs, time
// words) after which a Chinese name starts: 今日, 收購, 上調, 星期一.
func isHanBoundary(w []byte) bool {
	switch string(w) {
	case "今日", "昨日", "今天", "昨天", "明天", "明日", "今年", "去年", "明年", "本月", "上月", "本週", "本周",
		"近期", "近來", "近来", "最近", "年內", "年内", "期內", "期内",
		"上週", "上周", "早前", "日前", "近日", "目前", "其中", "另外", "此外", "同時", "同时", "旗下", "據悉",
		"据悉", "港股", "週一", "週二", "週三", "週四", "週五", "週六", "週日", "周一", "周二", "周三", "周四",
		"周五", "周六", "周日", "早盤", "早盘", "午盤", "午盘", "尾盤", "尾盘", "盤中", "盘中", "隨後", "随后",
		"其後", "其后", "包括", "例如", "宣佈", "宣布", "表示", "公佈", "公布", "透露", "指出", "認為", "认为",
		"預期", "预期", "預計", "预计", "收購", "收购", "入股", "持有", "增持", "減持", "减持", "買入", "买入",
		"賣出", "卖出", "沽出", "購入", "购入", "出售", "回購", "回购", "轉讓", "转让", "配售", "發行", "发行",
		"認購", "认购", "看好", "看淡", "上調", "上调", "下調", "下调", "領漲", "领涨", "領跌", "领跌", "帶動",
		"带动", "拖累", "獲得", "获得", "成為", "成为", "作為", "作为", "聯同", "联同", "聯手", "联手", "牽頭",
		"牵头", "夥拍", "伙拍",
		"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日", "星期天":
		return true
	}
	return false
}

// isHanGeneric reports words that, alone before a company word, make it a
// common noun: kinds (上市, 大型, 國有, 投資, 對沖), places (中國, 香港,
// 美國), determiners (該, 這家) and the company words themselves.
func isHanGeneric(w []byte) bool {
	switch string(w) {
	case "新", "本", "高", "黑", "房", "子", "母", "該", "该", "此", "其", "大", "再",
		"上市", "附屬", "附属", "大型", "中小", "小型", "中型", "國有", "国有", "民營", "民营", "中資", "中资",
		"外資", "外资", "港資", "港资", "地方", "商業", "商业", "投資", "投资", "資產管理", "资产管理", "管理",
		"合資", "合资", "空殼", "空壳", "這家", "这家", "那家", "一家", "多家", "兩家", "两家", "三家", "數家",
		"数家", "各大", "其他", "其它", "相關", "相关", "有關", "有关", "頭部", "头部", "龍頭", "龙头", "國企",
		"国企", "央企", "上述", "涉事", "這個", "这个", "一間", "一间", "這間", "这间", "多間", "多间", "兩間", "两间", "數間",
		"数间", "某", "一些", "企業", "企业", "中央", "人民", "世界",
		"金融", "人壽", "人寿", "醫療", "医疗", "新能源", "電動", "电动", "智能", "對沖", "对冲", "主權", "主权",
		"私募", "公募", "指數", "指数", "養老", "养老", "貨幣", "货币", "虛擬", "虚拟", "數字", "数字", "網絡",
		"网络", "網上", "网上", "互聯網", "互联网", "人工智能", "生物", "信息", "資訊", "资讯", "創新", "创新",
		"前沿", "核心", "國產", "国产", "豪華", "豪华", "傳統", "传统", "燃油", "二手", "進口", "进口", "住宅",
		"工業", "工业", "物流", "社會", "社会", "財產", "财产", "健康", "意外", "私人", "農村", "农村", "城市",
		"股份制", "交易所買賣", "股票", "債券", "债券", "互惠", "共同", "產業", "产业", "引導", "引导", "國家",
		"国家", "主題", "主题", "間接", "间接", "絕對", "绝对", "相對", "相对", "實際", "实际", "全資", "全资",
		"部分", "全部", "所有", "普通", "少量", "大量", "該等", "该等", "有價", "有价",
		"保險", "保险", "證券", "证券", "基金", "科技", "控股", "汽車", "汽车", "地產", "地产", "銀行", "银行",
		"集團", "集团",
		"中國", "中国", "香港", "內地", "内地", "美國", "美国", "日本", "韓國", "韩国", "歐洲", "欧洲", "全球",
		"國際", "国际", "亞洲", "亚洲", "台灣", "台湾", "海外", "本地", "本港", "環球", "环球", "英國", "英国",
		"德國", "德国", "外國", "外国", "國內", "国内", "北京", "上海", "深圳", "廣州", "广州", "杭州", "天津",
		"重慶", "重庆", "成都", "武漢", "武汉", "南京", "蘇州", "苏州", "澳門", "澳门", "台北", "新加坡":
		return true
	}
	return false
}
