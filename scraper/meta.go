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
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
}

// parseTime parses a publication time, keeping the offset it states. A
// time without an offset is taken as UTC.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// extractPublished picks the publication time: JSON-LD datePublished, the
// article:published_time / og:published_time / pubdate / date / dc.date
// meta tags, an itemprop=datePublished element, or the first <time
// datetime> in the article (else on the page).
func extractPublished(doc *goquery.Document, ld ldArticle, meta metaTags) time.Time {
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
func extractCanonical(doc *goquery.Document, meta metaTags, pageURL *url.URL) string {
	var cands []string
	doc.Find("link[rel]").Each(func(_ int, s *goquery.Selection) {
		for _, rel := range strings.Fields(strings.ToLower(s.AttrOr("rel", ""))) {
			if rel == "canonical" {
				cands = append(cands, s.AttrOr("href", ""))
			}
		}
	})
	cands = append(cands, meta["og:url"])
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		u, err := resolve(pageURL, c)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			continue
		}
		return NormalizeURL(u)
	}
	return NormalizeURL(pageURL)
}

// resolve parses ref relative to base (which may be nil).
func resolve(base *url.URL, ref string) (*url.URL, error) {
	if base == nil {
		return url.Parse(ref)
	}
	return base.Parse(ref)
}
