package scraper

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
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

// parseTime parses a publication time, keeping the offset it states as a
// number or as one of the zone abbreviations in zoneOffsets ("HKT", "JST",
// …). A time without an offset, or with an abbreviation not listed there,
// is taken as UTC.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		t, err := time.ParseInLocation(layout, s, time.UTC)
		if err != nil {
			continue
		}
		if strings.Contains(layout, "MST") {
			// Go gives an abbreviation it does not know in the parse
			// location a zero offset; put the wall clock in the real zone.
			name, _ := t.Zone()
			if off, ok := zoneOffsets[strings.ToUpper(name)]; ok {
				t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(),
					t.Nanosecond(), time.FixedZone(name, off))
			}
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

// extractPublished picks the publication time: JSON-LD datePublished, the
// article:published_time / og:published_time / pubdate / date / dc.date
// meta tags, an itemprop=datePublished element, or the first <time
// datetime> in the article (else on the page). A page that states none
// gets the date in its URL path (/2025/01/14/, /20250114/) at 00:00 UTC:
// only the day is known, not the time or zone.
func extractPublished(doc *goquery.Document, ld ldArticle, meta metaTags, pageURL *url.URL) time.Time {
	cands := []string{ld.published}
	for _, k := range []string{"article:published_time", "og:published_time", "pubdate",
		"publishdate", "date", "dc.date", "dc.date.issued", "datepublished"} {
		cands = append(cands, meta[k])
	}
	doc.Find("[itemprop=datePublished]").Each(func(_ int, s *goquery.Selection) {
		cands = append(cands, s.AttrOr("datetime", ""), s.AttrOr("content", ""))
	})
	for _, sel := range []string{"article time[datetime]", "main time[datetime]", "time[pubdate][datetime]", "time[datetime]"} {
		cands = append(cands, doc.Find(sel).First().AttrOr("datetime", ""))
	}
	for _, c := range cands {
		if t, ok := parseTime(c); ok {
			return t
		}
	}
	if t, ok := pathDate(pageURL); ok {
		return t
	}
	return time.Time{}
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
