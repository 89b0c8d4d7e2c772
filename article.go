package sectorpulse

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
)

// Article is one news story as extracted from a page, a feed item or a local
// file.
type Article struct {
	// ID is the store's row id; zero until the article is stored.
	ID int64
	// URL is the address the article was fetched from (or file:// for a
	// local file).
	URL string
	// CanonicalURL is the page's own canonical address (link rel=canonical,
	// og:url), normalised; it equals URL when the page names none.
	CanonicalURL string
	// Source names where the article came from: a configured source name or
	// the host of its URL.
	Source string
	// Title is the headline.
	Title string
	// Byline is the author or agency line, if any.
	Byline string
	// PublishedAt is the publication time with the page's own offset kept;
	// the zero time when the page does not say.
	PublishedAt time.Time
	// DateSource says where PublishedAt came from: one of the DateFrom*
	// values, DateRejectedFuture when every date the page gave was later
	// than the fetch, or "" when the page gave none.
	DateSource string
	// DateInferred reports that the page stated no UTC offset for
	// PublishedAt (a bare "2025-02-15 09:59", a date in the URL), so the
	// offset is the source's configured time zone, else UTC.
	DateInferred bool
	// FetchedAt is when sectorpulse fetched or read the article (UTC).
	FetchedAt time.Time
	// Language is a BCP 47 tag such as "en" or "zh-Hant", empty when unknown.
	Language string
	// Text is the body text: paragraphs separated by a blank line.
	Text string
	// Truncated reports that the page showed only a teaser of the story
	// behind a paywall or sign-in prompt. Text is then the page's JSON-LD
	// articleBody when it carries one (which may itself be shortened), else
	// only the visible teaser.
	Truncated bool
	// ContentHash is ContentHash(Text).
	ContentHash string
	// Fingerprint is a 64-bit SimHash of the text for near-duplicate checks.
	Fingerprint uint64
	// DuplicateOf is the id of an earlier article this one nearly duplicates,
	// zero when none.
	DuplicateOf int64
}

// Where a publication time came from (Article.DateSource).
const (
	DateFromJSONLD   = "json-ld"  // JSON-LD datePublished
	DateFromMeta     = "meta"     // article:published_time, pubdate, dc.date and like meta tags
	DateFromMarkup   = "markup"   // itemprop=datePublished or <time datetime>
	DateFromText     = "text"     // a date line in the visible text
	DateFromURL      = "url"      // a date in the URL path: the day only
	DateFromSelector = "selector" // the sources file's date selector
	DateFromFeed     = "feed"     // the feed item's or news sitemap's date
	// DateRejectedFuture marks an article whose every date was later than
	// its fetch time; PublishedAt is then zero.
	DateRejectedFuture = "rejected_future"
)

// Document returns the text an analyzer reads: the title, a blank line and
// the body. Evidence offsets of scores refer to this string.
func (a *Article) Document() string {
	if a.Title == "" {
		return a.Text
	}
	if a.Text == "" {
		return a.Title
	}
	return a.Title + "\n\n" + a.Text
}

// Words returns the number of words of the body text: whitespace-separated
// words, with runs of Han characters (which have no spaces) counted as one
// word per two characters, rounded up.
func (a *Article) Words() int {
	n := 0
	for _, f := range strings.Fields(a.Text) {
		han, other := 0, false
		for _, r := range f {
			if unicode.Is(unicode.Han, r) {
				han++
			} else if unicode.IsLetter(r) || unicode.IsNumber(r) {
				other = true
			}
		}
		n += (han + 1) / 2
		if other || han == 0 {
			n++
		}
	}
	return n
}

// NormalizeText folds text for hashing and comparison: Unicode spaces become
// one ASCII space, typographic quotes and dashes become their ASCII forms,
// letters are lower-cased and the ends are trimmed.
func NormalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == '\u2018' || r == '\u2019' || r == '\u201B' || r == '\u2032':
			r = '\''
		case r == '\u201C' || r == '\u201D' || r == '\u201F' || r == '\u2033':
			r = '"'
		case r == '\u2013' || r == '\u2014' || r == '\u2212':
			r = '-'
		case r == '\u00AD' || r == '\u200B' || r == '\uFEFF':
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// ContentHash returns the hex SHA-256 of NormalizeText(text): two copies of a
// story that differ only in white space, quote style or case hash alike.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(NormalizeText(text)))
	return hex.EncodeToString(sum[:])
}
