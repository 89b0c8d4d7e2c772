package scraper

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sectorpulse/sectorpulse"
)

// metaTags maps lower-cased meta names (name, property, itemprop or
// http-equiv) to the content of their first occurrence.
type metaTags map[string]string

func readMeta(doc *goquery.Document) metaTags {
	m := metaTags{}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content, ok := s.Attr("content")
		if !ok {
			return
		}
		content = strings.TrimSpace(content)
		if content == "" {
			return
		}
		for _, attr := range []string{"property", "name", "itemprop", "http-equiv"} {
			if key, ok := s.Attr(attr); ok {
				key = strings.ToLower(strings.TrimSpace(key))
				if _, seen := m[key]; !seen && key != "" {
					m[key] = content
				}
			}
		}
	})
	return m
}

// first returns the content of the first of keys present.
func (m metaTags) first(keys ...string) string {
	for _, k := range keys {
		if v := m[k]; v != "" {
			return v
		}
	}
	return ""
}

// titleSeparators split a site name from a headline in <title>.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", "｜", "_"}

// extractTitle picks the headline: JSON-LD headline, og:title, the <h1> of
// the article, or <title> without a trailing site name.
func extractTitle(doc *goquery.Document, ld ldArticle, meta metaTags) string {
	site := meta.first("og:site_name", "application-name")
	if ld.headline != "" {
		return collapseSpace(ld.headline)
	}
	if t := collapseSpace(meta.first("og:title", "twitter:title")); t != "" {
		return stripSiteName(t, site, false)
	}
	for _, sel := range []string{"article h1", "main h1", "h1[itemprop=headline]", "[itemprop=headline]"} {
		if t := collapseSpace(doc.Find(sel).First().Text()); t != "" {
			return t
		}
	}
	if h := doc.Find("h1"); h.Length() == 1 {
		if t := collapseSpace(h.Text()); t != "" {
			return t
		}
	}
	return stripSiteName(collapseSpace(doc.Find("title").First().Text()), site, true)
}

// stripSiteName removes a trailing " - Site Name" or " | Site Name" from a
// title: always when it equals site, and when guess is set also when the
// suffix is short (at most four words) and no longer than the rest.
func stripSiteName(title, site string, guess bool) string {
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, suffix := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if head == "" {
			continue
		}
		if site != "" && strings.EqualFold(suffix, site) {
			return head
		}
		if guess && weight(suffix) <= 4 && weight(head) >= weight(suffix) {
			return head
		}
	}
	return title
}

// byPrefixRE matches a leading "By" on a byline.
var byPrefixRE = regexp.MustCompile(`(?i)^by[:\s]+`)

// extractByline picks the author line: JSON-LD author names, meta author,
// or the text of a .byline / rel=author / itemprop=author element.
func extractByline(doc *goquery.Document, ld ldArticle, meta metaTags) string {
	var b string
	switch {
	case len(ld.authors) > 0:
		b = strings.Join(ld.authors, ", ")
	case meta["author"] != "":
		b = meta["author"]
	default:
		doc.Find(".byline, [rel=author], [itemprop=author]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			b = collapseSpace(s.Text())
			return b == ""
		})
	}
	return strings.TrimSpace(byPrefixRE.ReplaceAllString(collapseSpace(b), ""))
}

// timeLayouts are the date formats accepted for publication times, tried in
// order. Layouts without a zone give UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2006-01-02 15:04:05 MST",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
}

// zoneOffsets are the fixed offsets, in seconds east of UTC, of the zone
// abbreviations parseTime understands. CST is left out on purpose: it is
// China, Cuba and US Central Standard Time, so a time in CST keeps the
// zero offset Go gives unknown abbreviations, as if it stated none.
var zoneOffsets = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0,
	"HKT": 8 * 3600, "SGT": 8 * 3600,
	"JST": 9 * 3600, "KST": 9 * 3600,
	"EST": -5 * 3600, "EDT": -4 * 3600,
	"BST": 1 * 3600,
}

// unstated is the location the parse functions give a time whose text
// states no offset: one second east of UTC, an offset no page writes, so
// that it can be told from a stated "+00:00" or "Z". settle moves such a
// time into the zone it is to be read in.
var unstated = time.FixedZone("unstated", 1)

// settle returns t unchanged when its text stated an offset, else the same
// wall clock in loc (UTC when nil) and inferred true.
func settle(t time.Time, loc *time.Location) (_ time.Time, inferred bool) {
	if t.Location() != unstated {
		return t, false
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc), true
}

// parseTime parses a publication time, keeping the offset it states as a
// number or as one of the zone abbreviations in zoneOffsets ("HKT", "JST",
// …). A time without an offset, or with an abbreviation not listed there,
// is taken as UTC.
func parseTime(s string) (time.Time, bool) {
	t, ok := parseTimeRaw(s)
	t, _ = settle(t, time.UTC)
	return t, ok
}

// parseTimeRaw is parseTime, except that a time stating no offset (or an
// abbreviation not in zoneOffsets) is in the unstated location.
func parseTimeRaw(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		t, err := time.ParseInLocation(layout, s, unstated)
		if err != nil {
			continue
		}
		if strings.Contains(layout, "MST") {
			// Go gives an abbreviation it does not know a zero offset; put
			// the wall clock in the real zone, or leave it unstated.
			name, _ := t.Zone()
			loc := unstated
			if off, ok := zoneOffsets[strings.ToUpper(name)]; ok {
				loc = time.FixedZone(name, off)
			}
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
		}
		return t, true
	}
	return time.Time{}, false
}

// pathDate returns the date in a URL path such as /2025/01/14/ or
// /20250114/, as midnight UTC of that day.
func pathDate(u *url.URL) (time.Time, bool) {
	if u == nil {
		return time.Time{}, false
	}
	m := articleDateRE.FindString(u.Path)
	if m == "" {
		return time.Time{}, false
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, m)
	t, err := time.Parse("20060102", digits)
	if err != nil {
		return time.Time{}, false // e.g. 2025-02-30
	}
	return t, true
}

// published is a publication time with where it came from.
type published struct {
	t        time.Time
	source   string // a sectorpulse.DateFrom* value, DateRejectedFuture or ""
	inferred bool   // the page stated no offset
}

// dateRules are a source's settings for reading publication times.
type dateRules struct {
	// selector, when set, names the element holding the time; it is tried
	// before everything else.
	selector string
	// loc is the zone of times that state no offset (nil: UTC).
	loc *time.Location
	// notAfter, when not zero, rejects times later than it plus
	// FutureAllowance.
	notAfter time.Time
}

// FutureAllowance is how far past the fetch time a publication time may
// be before it is rejected: clocks of servers and of this machine differ
// by seconds, not by the hours a wrongly assumed zone makes.
const FutureAllowance = 5 * time.Minute

// extractPublished picks the publication time: the sources file's date
// selector, JSON-LD datePublished, the article:published_time /
// og:published_time / pubdate / date / dc.date meta tags, an
// itemprop=datePublished element, or the first <time datetime> in the
// article (else on the page). A source that gives only a day (<meta
// name="publishdate" content="2025-02-15">) takes its time of day from the
// visible text when that names a time on the same day.
//
// A page that states none of these gets the time written in the text
// around its headline or in an element whose class or id names a date
// ("2025-02-14 17:06:41", "09:59, February 15, 2025", "Feb 18, 2025 04:32
// p.m. GMT+8", "2025年02月25日 15:42", see visibleTime), and failing that
// the date in its URL path (/2025/01/14/, /20250114/) at midnight: only
// the day is known, not the time.
//
// A time that states no offset is read in r.loc (UTC when nil) and marked
// inferred. A time later than r.notAfter (plus FutureAllowance) is passed
// over for the next candidate; when that leaves none the result has only
// the source DateRejectedFuture.
func extractPublished(doc *goquery.Document, ld ldArticle, meta metaTags, pageURL *url.URL, r dateRules) published {
	title := extractTitle(doc, ld, meta)
	type cand struct{ value, source string }
	var cands []cand
	if r.selector != "" {
		if s := doc.Find(r.selector).First(); s.Length() > 0 {
			for _, v := range []string{s.AttrOr("datetime", ""), s.AttrOr("content", ""), collapseSpace(s.Text())} {
				if v != "" {
					cands = append(cands, cand{v, sectorpulse.DateFromSelector})
				}
			}
		}
	}
	cands = append(cands, cand{ld.published, sectorpulse.DateFromJSONLD})
	for _, k := range []string{"article:published_time", "og:published_time", "pubdate",
		"publishdate", "date", "dc.date", "dc.date.issued", "datepublished"} {
		cands = append(cands, cand{meta[k], sectorpulse.DateFromMeta})
	}
	doc.Find("[itemprop=datePublished]").Each(func(_ int, s *goquery.Selection) {
		cands = append(cands, cand{s.AttrOr("datetime", ""), sectorpulse.DateFromMarkup},
			cand{s.AttrOr("content", ""), sectorpulse.DateFromMarkup})
	})
	for _, sel := range []string{"article time[datetime]", "main time[datetime]", "time[pubdate][datetime]", "time[datetime]"} {
		cands = append(cands, cand{doc.Find(sel).First().AttrOr("datetime", ""), sectorpulse.DateFromMarkup})
	}

	rejected := false
	accept := func(t time.Time, source string) (published, bool) {
		t, inferred := settle(t, r.loc)
		if !r.notAfter.IsZero() && t.After(r.notAfter.Add(FutureAllowance)) {
			rejected = true
			return published{}, false
		}
		return published{t: t, source: source, inferred: inferred}, true
	}
	visible, visibleClock, visibleOK := visibleTime(doc, title)
	for _, c := range cands {
		t, ok := parseTimeRaw(c.value)
		if !ok && c.source == sectorpulse.DateFromSelector {
			t, _, ok = textTimeRaw(c.value)
		}
		if !ok {
			continue
		}
		if isDateOnly(c.value) && visibleOK && visibleClock && sameDay(visible, t) {
			t, c.source = visible, sectorpulse.DateFromText
		}
		if p, ok := accept(t, c.source); ok {
			return p
		}
	}
	if visibleOK {
		if p, ok := accept(visible, sectorpulse.DateFromText); ok {
			return p
		}
	}
	if t, ok := pathDate(pageURL); ok {
		t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, unstated)
		if p, ok := accept(t, sectorpulse.DateFromURL); ok {
			return p
		}
	}
	if rejected {
		return published{source: sectorpulse.DateRejectedFuture}
	}
	return published{}
}

// isDateOnly reports whether a time value names a day but no time of day.
func isDateOnly(s string) bool {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2006/01/02"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// sameDay reports whether a and b fall on the same calendar day, each in
// its own zone.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// maxDateTextWeight bounds the text of an element read by visibleTime: a
// date line, not a paragraph that mentions a date.
const maxDateTextWeight = 40

// dateWords are parts of class and id values (split at '-', '_' and
// spaces) that name an element holding the publication time.
var dateWords = map[string]bool{
	"date": true, "time": true, "datetime": true, "dateline": true, "pubdate": true,
	"pubtime": true, "publish": true, "published": true, "publishdate": true,
	"publishtime": true, "posted": true, "timestamp": true,
}

// visibleTime finds a publication time written in the page text: first in
// the few elements that follow the headline (each <h1>, and the first
// element whose text is the title, or their parent's or grandparent's next
// siblings), then in elements whose class or id names a date (outside
// navigation, footers and sidebars). Only short date lines are read. clock
// reports whether a time of day was found, not only a day.
func visibleTime(doc *goquery.Document, title string) (t time.Time, clock, ok bool) {
	try := func(n *html.Node) bool {
		var text, link strings.Builder
		nodeText(n, &text, &link, false)
		line := collapseSpace(text.String())
		if line == "" || weight(line) > maxDateTextWeight {
			return false
		}
		t, clock, ok = textTimeRaw(line)
		return ok
	}
	heads := slices.Clone(doc.Find("h1").Nodes)
	if title != "" {
		doc.Find("h2, h3, div, p, span, td, strong, b").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if sameText(s.Text(), title) {
				heads = append(heads, s.Get(0))
				return false
			}
			return true
		})
	}
	found := false
	for _, h := range heads {
		for n, up := h, 0; n != nil && up < 3 && !found; n, up = n.Parent, up+1 {
			seen := 0
			for sib := n.NextSibling; sib != nil && seen < 4; sib = sib.NextSibling {
				if sib.Type != html.ElementNode || (dropTags[sib.DataAtom] && sib.DataAtom != atom.Header) {
					continue
				}
				seen++
				if found = try(sib); found {
					break
				}
			}
		}
		if found {
			break
		}
	}
	if found {
		return t, clock, true
	}
	doc.Find("[class], [id]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		n := s.Get(0)
		if !namesDate(n) || inPageChrome(n) {
			return true
		}
		found = try(n)
		return !found
	})
	return t, clock, found
}

// namesDate reports whether n's class or id names a date (see dateWords).
func namesDate(n *html.Node) bool {
	for _, tok := range classTokens(n) {
		for _, part := range strings.FieldsFunc(tok, func(r rune) bool { return r == '-' || r == '_' }) {
			if dateWords[part] {
				return true
			}
		}
	}
	return false
}

// inPageChrome reports whether n is inside navigation, a page footer or a
// sidebar, where a date is today's date or another story's.
func inPageChrome(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Nav, atom.Footer, atom.Aside:
			return true
		}
		if r := strings.ToLower(attr(n, "role")); r == "navigation" || r == "contentinfo" || r == "complementary" {
			return true
		}
	}
	return false
}

// Parts of the date patterns textTime reads.
const (
	reMonth = `(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	reClock = `(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?`
	reZone  = `(?:\s*\(?(?:(?:gmt|utc)\s*(?P<zs>[+-])(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?|(?P<za>gmt|utc|hkt|sgt|jst|kst|est|edt|bst)\b|(?P<zw>beijing|hong kong) time)\)?)?`
	reYear  = `(?P<y>(?:19|20)\d{2})`
	// reClockSep separates a date from the time after it: white space, a
	// comma, a middle dot or a bar ("Mar 12, 2025 · 3:45 PM"), and "at".
	reClockSep = `\s*[,·•|]?\s*(?:at\s+)?`
)

// textTimeREs are the written date forms textTime reads, each with an
// optional time of day and zone: "2025-02-14 17:06:41", "2025/02/14",
// "2025年02月25日 15:42", "February 15, 2025 9:59 AM", "Feb 18, 2025 04:32
// p.m. GMT+8", "17 Feb 2025, 09:59 HKT", "09:59, February 15, 2025" and
// "9:59am, 17 Feb 2025".
var textTimeREs = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b` + reYear + `\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?:\s*日)?` +
		`(?:\s*[(（]?(?:星期|週|周)[一二三四五六日天][)）]?)?(?:(?:T|` + reClockSep + `)` + reClock + `)?` + reZone),
	regexp.MustCompile(`(?i)\b` + reMonth + `\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+` + reYear +
		`(?:` + reClockSep + reClock + `)?` + reZone),
	regexp.MustCompile(`(?i)\b(?P<d>\d{1,2})\s+` + reMonth + `,?\s+` + reYear +
		`(?:` + reClockSep + reClock + `)?` + reZone),
	regexp.MustCompile(`(?i)\b` + reClock + `,?\s+` + reMonth + `\s+(?P<d>\d{1,2}),?\s+` + reYear + reZone),
	regexp.MustCompile(`(?i)\b` + reClock + `,?\s+(?P<d>\d{1,2})\s+` + reMonth + `,?\s+` + reYear + reZone),
}

// publishedLabelRE matches a label that introduces the publication time in
// a line that also gives the update time.
var publishedLabelRE = regexp.MustCompile(`(?i)publish|posted|发布|發佈|發布`)

// textTime is textTimeRaw with a time that states no zone taken as UTC.
func textTime(line string) (t time.Time, clock, ok bool) {
	t, clock, ok = textTimeRaw(line)
	t, _ = settle(t, time.UTC)
	return t, clock, ok
}

// textTimeRaw parses the first date written in a short line of text; when the
// line labels a publication time ("Published: … Updated: …") the first date
// after that label. A time without a zone is in the unstated location (see
// settle); "GMT+8", "Beijing time" and the abbreviations of zoneOffsets
// give their offset. clock reports whether the date came with a time of
// day.
func textTimeRaw(line string) (t time.Time, clock, ok bool) {
	if loc := publishedLabelRE.FindStringIndex(line); loc != nil {
		if t, clock, ok = firstTextTime(line, loc[0]); ok {
			return t, clock, ok
		}
	}
	return firstTextTime(line, 0)
}

// firstTextTime returns the earliest valid date in line at or after byte
// offset from.
func firstTextTime(line string, from int) (t time.Time, clock, ok bool) {
	best := -1
	for _, re := range textTimeREs {
		for _, m := range re.FindAllStringSubmatchIndex(line, -1) {
			if m[0] < from {
				continue
			}
			if best >= 0 && m[0] >= best {
				break
			}
			if tt, c, good := buildTextTime(re, line, m); good {
				t, clock, ok, best = tt, c, true, m[0]
				break
			}
		}
	}
	return t, clock, ok
}

// dateLabelRE matches a label before a date line.
var dateLabelRE = regexp.MustCompile(`(?i)^(?:(?:last )?(?:published|posted|updated|date|time)(?: on| at)?|` +
	`發布時間|发布时间|發佈時間|發布日期|发布日期|更新時間|更新时间|日期|時間|时间)\s*[:：]?\s*`)

// startsWithDate reports whether line, after an optional label such as
// "Published:" or "發布時間：", begins with a date textTime reads.
func startsWithDate(line string) bool {
	line = line[len(dateLabelRE.FindString(line)):]
	for _, re := range textTimeREs {
		if m := re.FindStringSubmatchIndex(line); m != nil && m[0] == 0 {
			if _, _, ok := buildTextTime(re, line, m); ok {
				return true
			}
		}
	}
	return false
}

var monthNumbers = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"may": time.May, "jun": time.June, "jul": time.July, "aug": time.August,
	"sep": time.September, "oct": time.October, "nov": time.November, "dec": time.December,
}

// buildTextTime turns one match of a textTimeREs pattern into a time.
func buildTextTime(re *regexp.Regexp, line string, m []int) (time.Time, bool, bool) {
	g := map[string]string{}
	for i, name := range re.SubexpNames() {
		if name != "" && m[2*i] >= 0 {
			g[name] = strings.ToLower(line[m[2*i]:m[2*i+1]])
		}
	}
	num := func(k string) int {
		n, _ := strconv.Atoi(g[k])
		return n
	}
	year, day := num("y"), num("d")
	month := time.Month(num("mo"))
	if g["mon"] != "" {
		month = monthNumbers[g["mon"][:3]]
	}
	hour, minute, sec := num("h"), num("mi"), num("s")
	switch g["ap"] {
	case "a":
		if hour == 12 {
			hour = 0
		}
	case "p":
		if hour < 12 {
			hour += 12
		}
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false, false
	}
	loc := unstated
	switch {
	case g["zh"] != "":
		off := num("zh")*3600 + num("zm")*60
		if g["zs"] == "-" {
			off = -off
		}
		loc = time.FixedZone("", off)
	case g["za"] != "":
		loc = time.FixedZone(strings.ToUpper(g["za"]), zoneOffsets[strings.ToUpper(g["za"])])
	case g["zw"] != "":
		loc = time.FixedZone("", 8*3600)
	}
	t := time.Date(year, month, day, hour, minute, sec, 0, loc)
	if t.Day() != day {
		return time.Time{}, false, false // e.g. 31 February
	}
	return t, g["h"] != "", true
}

// extractLanguage picks the language: <html lang>, a content-language meta
// tag, og:locale, or the JSON-LD inLanguage, as a normalised BCP 47 tag.
func extractLanguage(doc *goquery.Document, ld ldArticle, meta metaTags) string {
	cands := []string{
		doc.Find("html").First().AttrOr("lang", ""),
		doc.Find("html").First().AttrOr("xml:lang", ""),
		meta["content-language"],
		meta["og:locale"],
		ld.language,
	}
	for _, c := range cands {
		if l := normalizeLang(c); l != "" {
			return l
		}
	}
	return ""
}

// langPartRE matches one subtag of a language tag.
var langPartRE = regexp.MustCompile(`^[A-Za-z0-9]{1,8}$`)

// normalizeLang turns "zh_hk", "EN-us" or "en, fr" into BCP 47 casing:
// "zh-HK", "en-US", "en". It returns "" for anything that is not a tag.
func normalizeLang(s string) string {
	s = strings.TrimSpace(strings.Split(s, ",")[0])
	if s == "" {
		return ""
	}
	parts := strings.Split(strings.ReplaceAll(s, "_", "-"), "-")
	for i, p := range parts {
		if !langPartRE.MatchString(p) {
			return ""
		}
		switch {
		case i == 0:
			parts[i] = strings.ToLower(p)
		case len(p) == 4:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		case len(p) == 2 || (len(p) == 3 && p[0] >= '0' && p[0] <= '9'):
			parts[i] = strings.ToUpper(p)
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, "-")
}

// extractCanonical resolves the page's canonical URL (link rel=canonical,
// then og:url) against pageURL and normalises it; with neither it is the
// normalised pageURL.
//
// A canonical that points at the site's home page or at a section page
// whose path is a prefix of the page's own, or a link rel=canonical on
// another host while og:url names the page itself, is a CMS misconfiguration
// that would make every story a duplicate; it is ignored.
func extractCanonical(doc *goquery.Document, meta metaTags, pageURL *url.URL) string {
	var links []string
	doc.Find("link[rel]").Each(func(_ int, s *goquery.Selection) {
		for _, rel := range strings.Fields(strings.ToLower(s.AttrOr("rel", ""))) {
			if rel == "canonical" {
				links = append(links, s.AttrOr("href", ""))
			}
		}
	})
	og := absHTTP(pageURL, meta["og:url"])
	ogIsPage := og != nil && pageURL != nil && NormalizeURL(og) == NormalizeURL(pageURL)
	for _, c := range links {
		u := absHTTP(pageURL, c)
		if u == nil || isParentPath(u, pageURL) {
			continue
		}
		if ogIsPage && !strings.EqualFold(u.Hostname(), pageURL.Hostname()) {
			continue
		}
		return NormalizeURL(u)
	}
	if og != nil && !isParentPath(og, pageURL) {
		return NormalizeURL(og)
	}
	return NormalizeURL(pageURL)
}

// absHTTP resolves ref against base and returns it if it is an absolute
// http or https URL, else nil.
func absHTTP(base *url.URL, ref string) *url.URL {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	u, err := resolve(base, ref)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// isParentPath reports whether u is the home page of pageURL's site or a
// page whose path is a strict, segment-wise prefix of pageURL's path: a
// section front rather than the story.
func isParentPath(u, pageURL *url.URL) bool {
	if pageURL == nil || !sameSite(u, pageURL) {
		return false
	}
	canon := strings.TrimSuffix(u.EscapedPath(), "/")
	page := strings.TrimSuffix(pageURL.EscapedPath(), "/")
	if canon == page {
		return false
	}
	return canon == "" || strings.HasPrefix(page, canon+"/")
}

// resolve parses ref relative to base (which may be nil).
func resolve(base *url.URL, ref string) (*url.URL, error) {
	if base == nil {
		return url.Parse(ref)
	}
	return base.Parse(ref)
}
