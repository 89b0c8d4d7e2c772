package scraper

import (
	"encoding/json"
	"html"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// ldArticle holds the fields sectorpulse reads from a JSON-LD Article.
type ldArticle struct {
	headline  string
	authors   []string
	published string
	body      string
	language  string
	liveBlog  bool // @type LiveBlogPosting
	notFree   bool // isAccessibleForFree is false: a paywalled story
}

// articleTypes are the schema.org types read as an article.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "backgroundnewsarticle": true,
	"opinionnewsarticle": true, "reviewnewsarticle": true,
	"blogposting": true, "liveblogposting": true, "report": true,
}

// jsonLDArticle returns the first JSON-LD article in the document. Scripts
// that are not valid JSON are skipped: one broken block must not hide the
// rest of the page.
func jsonLDArticle(doc *goquery.Document) (ldArticle, bool) {
	var found ldArticle
	ok := false
	doc.Find("script").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		typ, _ := s.Attr("type")
		if !strings.EqualFold(strings.TrimSpace(strings.Split(typ, ";")[0]), "application/ld+json") {
			return true
		}
		var v any
		if err := json.Unmarshal([]byte(s.Text()), &v); err != nil {
			return true
		}
		if m := findArticle(v, 0); m != nil {
			found, ok = toLDArticle(m), true
			return false
		}
		return true
	})
	return found, ok
}

// findArticle walks a decoded JSON-LD value for an object of an article
// type, looking into arrays and @graph.
func findArticle(v any, depth int) map[string]any {
	if depth > 8 {
		return nil
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if m := findArticle(e, depth+1); m != nil {
				return m
			}
		}
	case map[string]any:
		if isArticleType(x["@type"]) {
			return x
		}
		if m := findArticle(x["@graph"], depth+1); m != nil {
			return m
		}
		if m := findArticle(x["mainEntity"], depth+1); m != nil {
			return m
		}
	}
	return nil
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[strings.ToLower(x)]
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func toLDArticle(m map[string]any) ldArticle {
	return ldArticle{
		headline:  ldString(m["headline"]),
		authors:   ldNames(m["author"]),
		published: ldString(m["datePublished"]),
		body:      ldString(m["articleBody"]),
		language:  ldString(m["inLanguage"]),
		liveBlog:  hasType(m["@type"], "liveblogposting"),
		notFree:   isFalse(m["isAccessibleForFree"]),
	}
}

// hasType reports whether a JSON-LD @type value names typ (lower case).
func hasType(t any, typ string) bool {
	switch x := t.(type) {
	case string:
		return strings.EqualFold(x, typ)
	case []any:
		for _, e := range x {
			if hasType(e, typ) {
				return true
			}
		}
	}
	return false
}

// isFalse reports whether a JSON-LD boolean is false: false, "false" or
// "False" (schema.org Boolean values are written both ways).
func isFalse(v any) bool {
	switch x := v.(type) {
	case bool:
		return !x
	case string:
		return strings.EqualFold(strings.TrimSpace(x), "false") || strings.EqualFold(strings.TrimSpace(x), "https://schema.org/False")
	}
	return false
}

// ldString returns a JSON-LD text value, or the name of an object value,
// with HTML entities decoded.
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(html.UnescapeString(x))
	case map[string]any:
		return ldString(x["name"])
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	}
	return ""
}

// ldNames returns the names of a JSON-LD author value: a string, a Person
// or Organization object, or a list of them.
func ldNames(v any) []string {
	var names []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			names = append(names, ldNames(e)...)
		}
	default:
		if s := collapseSpace(ldString(x)); s != "" {
			names = append(names, s)
		}
	}
	return names
}
