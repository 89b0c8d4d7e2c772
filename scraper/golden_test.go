package scraper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
)

// The golden corpus in testdata/extract holds two kinds of case:
//
//   - generated cases, whose want.json is the extractor's own output
//     written by go test ./scraper -update and reviewed as a diff; they
//     are compared field by field by TestExtractGolden;
//   - hand-written cases ("hand_written": true), whose title,
//     published_at and text are what a careful reader takes from the
//     page. -update never rewrites them. They, like every other case, are
//     scored by TestGolden.
//
// A case with "not_article": true is a page Extract must refuse with
// ErrNotArticle.

// goldenF1Floor is the least mean shingle F1 over the corpus.
const goldenF1Floor = 0.97

// goldenDateFloor is the least share of pages whose want names a
// publication time that must get exactly that time.
const goldenDateFloor = 0.95

// minGoldenCases is the least number of cases in the corpus.
const minGoldenCases = 25

// goldenWant is the part of a want.json that TestGolden reads. Generated
// and hand-written cases share the title, published_at and text keys.
type goldenWant struct {
	HandWritten bool   `json:"hand_written"`
	About       string `json:"about"`
	NotArticle  bool   `json:"not_article"`
	Title       string `json:"title"`
	PublishedAt string `json:"published_at"`
	Truncated   bool   `json:"truncated"`
	Text        string `json:"text"`
}

func readGoldenWant(t testing.TB, dir string) goldenWant {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "want.json"))
	if err != nil {
		t.Fatal(err)
	}
	var w goldenWant
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatalf("%s/want.json: %v", dir, err)
	}
	return w
}

// shingleTokens splits text into lower-cased word tokens: runs of Unicode
// letters, digits and marks (a Unicode \w+), except that each Han, Hiragana
// or Katakana character, written without spaces, is a token of its own.
func shingleTokens(s string) []string {
	var toks []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			cur.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			flush()
			toks = append(toks, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_':
			cur.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

// shingles returns the multiset of n-token shingles of s; text shorter
// than n tokens is one shingle.
func shingles(s string, n int) map[string]int {
	toks := shingleTokens(s)
	m := map[string]int{}
	if len(toks) == 0 {
		return m
	}
	if len(toks) < n {
		m[strings.Join(toks, " ")]++
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}

// shingleScores returns the precision, recall and F1 of got against want
// over their 4-word shingles, counted as multisets so that text repeated
// twice is not free. Two empty texts score 1.
func shingleScores(got, want string) (p, r, f1 float64) {
	g, w := shingles(got, 4), shingles(want, 4)
	ng, nw, common := 0, 0, 0
	for s, c := range g {
		ng += c
		common += min(c, w[s])
	}
	for _, c := range w {
		nw += c
	}
	switch {
	case ng == 0 && nw == 0:
		return 1, 1, 1
	case ng == 0 || nw == 0 || common == 0:
		return 0, 0, 0
	}
	p, r = float64(common)/float64(ng), float64(common)/float64(nw)
	return p, r, 2 * p * r / (p + r)
}

func TestShingleScores(t *testing.T) {
	tests := []struct {
		got, want string
		p, r      float64
	}{
		{"Hong Kong stocks rose on Monday.", "hong kong STOCKS rose on monday", 1, 1},
		{"a b c d e", "a b c d", 0.5, 1},
		{"a b c d", "a b c d e", 1, 0.5},
		{"a b c d a b c d", "a b c d", 0.2, 1},
		{"恒生指數升", "恒生指數升", 1, 1},
		{"恒生指數", "恒生指數升", 1, 0.5},
		{"恒生指", "恒生指數升", 0, 0},
		{"", "", 1, 1},
		{"", "a b c d", 0, 0},
	}
	for _, tt := range tests {
		p, r, _ := shingleScores(tt.got, tt.want)
		if p != tt.p || r != tt.r {
			t.Errorf("shingleScores(%q, %q) = %v, %v, want %v, %v", tt.got, tt.want, p, r, tt.p, tt.r)
		}
	}
	if toks := shingleTokens("HSI 23,176.05 點, 恒指_升 café"); strings.Join(toks, "|") != "hsi|23|176|05|點|恒|指|_|升|café" {
		t.Errorf("shingleTokens = %q", toks)
	}
}

// TestGolden scores extraction over the whole golden corpus: per page
// shingle precision, recall and F1 of the body text, whether the title and
// the publication time are exact, and whether paywall teasers and pages
// that are not articles are reported as such. Run it with -v to see the
// table.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "extract", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < minGoldenCases {
		t.Fatalf("found %d golden cases, want at least %d", len(dirs), minGoldenCases)
	}
	var (
		sumP, sumR, sumF1 float64
		scored            int
		dated, datesOK    int
		titled, titlesOK  int
		lines             []string
	)
	for _, dir := range dirs {
		name := filepath.Base(dir)
		want := readGoldenWant(t, dir)
		page, err := os.ReadFile(filepath.Join(dir, "page.html"))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Extract(bytes.NewReader(page), goldenPageURL(t, dir))
		if want.NotArticle {
			switch {
			case !errors.Is(err, ErrNotArticle):
				t.Errorf("%s: got article %v, err %v, want ErrNotArticle", name, a != nil, err)
				lines = append(lines, padRight(name, 34)+"  not an article: MISSED")
			default:
				lines = append(lines, padRight(name, 34)+"  not an article: reported")
			}
			continue
		}
		var got goldenWant
		if err != nil {
			t.Errorf("%s: Extract: %v", name, err)
		} else {
			got = goldenWant{Title: a.Title, Text: a.Text, Truncated: a.Truncated}
			if !a.PublishedAt.IsZero() {
				got.PublishedAt = a.PublishedAt.Format(time.RFC3339)
			}
		}
		p, r, f1 := shingleScores(got.Text, want.Text)
		sumP, sumR, sumF1 = sumP+p, sumR+r, sumF1+f1
		scored++
		dateMark, titleMark := "-", "ok"
		if want.PublishedAt != "" {
			dated++
			dateMark = "ok"
			if got.PublishedAt == want.PublishedAt {
				datesOK++
			} else {
				dateMark = "MISS"
				t.Logf("%s: published_at %q, want %q", name, got.PublishedAt, want.PublishedAt)
			}
		}
		if want.Title != "" {
			titled++
			if got.Title == want.Title {
				titlesOK++
			} else {
				titleMark = "MISS"
				t.Logf("%s: title %q, want %q", name, got.Title, want.Title)
			}
		}
		if err == nil && got.Truncated != want.Truncated {
			t.Errorf("%s: Truncated = %v, want %v", name, got.Truncated, want.Truncated)
		}
		kind := "gen"
		if want.HandWritten {
			kind = "hand"
		}
		lines = append(lines, padRight(name, 34)+"  "+padRight(kind, 4)+
			"  P "+fmt3(p)+"  R "+fmt3(r)+"  F1 "+fmt3(f1)+"  date "+padRight(dateMark, 4)+"  title "+titleMark)
		if f1 < 1 {
			t.Logf("%s: F1 %.3f\n%s", name, f1, paragraphDiff(got.Text, want.Text))
		}
	}
	meanP, meanR, meanF1 := sumP/float64(scored), sumR/float64(scored), sumF1/float64(scored)
	dateShare := 1.0
	if dated > 0 {
		dateShare = float64(datesOK) / float64(dated)
	}
	t.Logf("golden corpus: %d cases\n%s", len(dirs), strings.Join(lines, "\n"))
	t.Logf("mean over %d articles: precision %.4f  recall %.4f  F1 %.4f", scored, meanP, meanR, meanF1)
	t.Logf("published time exact: %d of %d pages that carry one (%.1f%%); titles exact: %d of %d",
		datesOK, dated, 100*dateShare, titlesOK, titled)
	if meanF1 < goldenF1Floor {
		t.Errorf("mean F1 %.4f, want at least %.2f", meanF1, goldenF1Floor)
	}
	if dateShare < goldenDateFloor {
		t.Errorf("published time exact on %.1f%% of dated pages, want at least %.0f%%", 100*dateShare, 100*goldenDateFloor)
	}
}

// paragraphDiff lists the paragraphs only in got ("+") and only in want
// ("-").
func paragraphDiff(got, want string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, p := range strings.Split(s, "\n\n") {
			m[p] = true
		}
		return m
	}
	g, w := in(got), in(want)
	var b strings.Builder
	for _, p := range strings.Split(got, "\n\n") {
		if !w[p] {
			b.WriteString("  + " + p + "\n")
		}
	}
	for _, p := range strings.Split(want, "\n\n") {
		if !g[p] {
			b.WriteString("  - " + p + "\n")
		}
	}
	return b.String()
}

func padRight(s string, n int) string {
	if k := len([]rune(s)); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}

func fmt3(f float64) string { return fmt.Sprintf("%.3f", f) }
