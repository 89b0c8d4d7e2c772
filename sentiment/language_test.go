package sentiment

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

func TestLexiconLanguages(t *testing.T) {
	la := newTestAnalyzer(t)
	got := la.Languages()
	if want := []string{"en", "zh"}; !slices.Equal(got, want) {
		t.Fatalf("Languages() = %q, want %q", got, want)
	}
	got[0] = "fr"
	if again := la.Languages(); again[0] != "en" {
		t.Errorf("Languages() = %q after the caller changed its copy, want en first", again)
	}
}

func TestCheckLanguage(t *testing.T) {
	la := newTestAnalyzer(t)
	tests := []struct {
		lang    string
		covered bool
	}{
		{"", true},
		{"und", true},
		{"en", true},
		{"en-GB", true},
		{"EN-gb", true},
		{"zh", true},
		{"zh-Hant", true},
		{"zh-Hans-CN", true},
		{"fr", false},
		{"fr-FR", false},
		{"ja", false},
		{"ko-KR", false},
		{"eng", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			a := &sectorpulse.Article{ID: 12, URL: "https://wire.example/markets/12.html", Language: tt.lang}
			err := la.CheckLanguage(a)
			if tt.covered {
				if err != nil {
					t.Errorf("CheckLanguage = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrUnsupportedLanguage) {
				t.Fatalf("CheckLanguage = %v, want ErrUnsupportedLanguage", err)
			}
			for _, part := range []string{"lexicon: article 12 (https://wire.example/markets/12.html)", `language "` + tt.lang + `"`, "covers en, zh"} {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not contain %q", err, part)
				}
			}
		})
	}
}

// TestAnalyzeCoveredLanguages checks that a covered or unknown language
// does not change the analysis.
func TestAnalyzeCoveredLanguages(t *testing.T) {
	ctx := context.Background()
	la := newTestAnalyzer(t)
	tests := []struct {
		file  string
		langs []string
	}{
		{"testdata/articles/market_close.txt", []string{"", "en", "en-GB"}},
		{"testdata/articles/chinese_close.txt", []string{"", "zh", "zh-Hant"}},
	}
	for _, tt := range tests {
		var first *sectorpulse.Analysis
		for _, lang := range tt.langs {
			a := readArticle(t, tt.file)
			a.Language = lang
			an, err := la.Analyze(ctx, a)
			if err != nil {
				t.Fatalf("%s in %q: Analyze: %v", tt.file, lang, err)
			}
			if len(an.Mentions) == 0 {
				t.Errorf("%s in %q: no mentions", tt.file, lang)
			}
			if first == nil {
				first = an
				continue
			}
			if an.Sentiment != first.Sentiment || len(an.Mentions) != len(first.Mentions) {
				t.Errorf("%s in %q: sentiment %v with %d mentions, want %v with %d as without a language",
					tt.file, lang, an.Sentiment, len(an.Mentions), first.Sentiment, len(first.Mentions))
			}
		}
	}
}

func TestLexiconAnalyzeRefusesUncoveredLanguage(t *testing.T) {
	la := newTestAnalyzer(t)
	a := readArticle(t, "testdata/articles/market_close.txt")
	a.ID, a.Language = 42, "fr"
	an, err := la.Analyze(context.Background(), a)
	if !errors.Is(err, ErrUnsupportedLanguage) || an != nil {
		t.Fatalf("got %v, %v; want no analysis and ErrUnsupportedLanguage", an, err)
	}
	if !strings.Contains(err.Error(), "article 42") || !strings.Contains(err.Error(), `"fr"`) {
		t.Errorf("error %q should name the article and the language", err)
	}
}
