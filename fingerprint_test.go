package sectorpulse

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestFNVMatchesStandardLibrary(t *testing.T) {
	for _, s := range []string{"", "a", "hang seng index", "恒生指數 上漲"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if got, want := fnv64a(offset64, s), h.Sum64(); got != want {
			t.Errorf("fnv64a(%q) = %x, want %x", s, got, want)
		}
	}
}

func TestSimHashNearDuplicates(t *testing.T) {
	base := "Hong Kong stocks closed sharply higher on Friday as renewed confidence in Chinese artificial intelligence drew buyers back to the city's technology giants. The Hang Seng Index rose 3.69 percent to 22,620.33 points, while the Hang Seng Tech Index climbed 5.56 percent. Alibaba surged 6 percent after the company said demand for its cloud services had accelerated, and Tencent gained 4 percent as investors bet on its AI assistant."
	restyled := "HONG KONG STOCKS closed sharply higher on Friday as renewed confidence in Chinese artificial intelligence drew buyers back to the city’s technology giants.  The Hang Seng Index rose 3.69 percent to 22,620.33 points, while the Hang Seng Tech Index climbed 5.56 percent. Alibaba surged 6 percent after the company said demand for its cloud services had accelerated, and Tencent gained 4 percent as investors bet on its AI assistant."
	edited := base[:len(base)-len("AI assistant.")] + "new AI assistant."
	other := "Property developers slipped on Monday after weak home sales data renewed concerns about the sector's debt, and banks fell as lenders set aside more provisions for bad loans in the mainland real estate market."
	if d := HammingDistance(SimHash(base), SimHash(restyled)); d != 0 {
		t.Errorf("case and quote style changed the fingerprint by %d bits", d)
	}
	if d := HammingDistance(SimHash(base), SimHash(edited)); d > NearDuplicateDistance {
		t.Errorf("a one-word edit is %d bits away, want ≤ %d", d, NearDuplicateDistance)
	}
	if d := HammingDistance(SimHash(base), SimHash(other)); d <= NearDuplicateDistance {
		t.Errorf("an unrelated story is only %d bits away", d)
	}
	if SimHash("") != 0 {
		t.Error("SimHash of empty text is not 0")
	}
}

func TestContentHashIgnoresStyleNotWords(t *testing.T) {
	a := ContentHash("Tencent’s shares  rose\n3 percent — a “record”.")
	b := ContentHash("tencent's shares rose 3 percent - a \"record\".")
	c := ContentHash("Tencent's shares fell 3 percent - a \"record\".")
	if a != b {
		t.Error("white space, case and typographic quotes changed the hash")
	}
	if a == c {
		t.Error("a changed word did not change the hash")
	}
}

func TestLabelFor(t *testing.T) {
	tests := []struct {
		s    float64
		want Label
	}{{0.15, LabelPositive}, {0.1499, LabelNeutral}, {0, LabelNeutral}, {-0.1499, LabelNeutral}, {-0.15, LabelNegative}, {1, LabelPositive}, {-1, LabelNegative}}
	for _, tt := range tests {
		if got := LabelFor(tt.s); got != tt.want {
			t.Errorf("LabelFor(%v) = %s, want %s", tt.s, got, tt.want)
		}
	}
}

func TestWordsCountsChineseText(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"Hang Seng Index rose 3.69 percent", 6},
		{"恒生指數上漲", 3},
		{"騰訊 shares rose", 3},
		{"", 0},
	}
	for _, tt := range tests {
		a := Article{Text: tt.text}
		if got := a.Words(); got != tt.want {
			t.Errorf("Words(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestLookupIndex(t *testing.T) {
	for _, name := range []string{"HSI", "hsi", "^HSI", "Hang Seng Index", "恒生指數"} {
		if ix, ok := LookupIndex(name); !ok || ix.Code != "HSI" {
			t.Errorf("LookupIndex(%q) = %v, %v; want HSI", name, ix.Code, ok)
		}
	}
	if ix, ok := LookupIndex("Hang Seng Tech Index"); !ok || ix.Code != "HSTECH" {
		t.Errorf("Hang Seng Tech Index → %v %v", ix.Code, ok)
	}
	if _, ok := LookupIndex("FTSE"); ok {
		t.Error("FTSE found")
	}
}

func BenchmarkSimHash(b *testing.B) {
	text := ""
	for range 80 {
		text += "Hong Kong stocks closed sharply higher as renewed confidence drew buyers. "
	}
	b.ReportAllocs()
	for b.Loop() {
		SimHash(text)
	}
}

func TestShingles(t *testing.T) {
	base := "Alibaba climbed 8.1 percent after the company said its model topped several benchmarks."
	tests := []struct {
		name  string
		text  string
		want  int  // number of shingles
		equal bool // same set as base
	}{
		{name: "base", text: base, want: 11, equal: true},
		{name: "case, quotes and spacing", text: "ALIBABA  climbed 8.1 percent\nafter the company said its model topped several benchmarks!", want: 11, equal: true},
		{name: "a word changed", text: strings.Replace(base, "several", "many", 1), want: 11},
		{name: "repeated shingles count once", text: "up and up and up and up and up", want: 2},
		{name: "fewer words than a shingle", text: "Hang Seng", want: 1},
		{name: "Han characters are words", text: "恒生指數上漲百分之二", want: 7},
		{name: "empty", text: " \n ", want: 0},
	}
	baseSet := Shingles(base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shingles(tt.text)
			if len(got) != tt.want {
				t.Errorf("len(Shingles(%q)) = %d, want %d", tt.text, len(got), tt.want)
			}
			if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Errorf("Shingles(%q) = %x: not sorted without repeats", tt.text, got)
			}
			if eq := slices.Equal(got, baseSet); eq != tt.equal {
				t.Errorf("Shingles(%q) equals the base set: got %v, want %v", tt.text, eq, tt.equal)
			}
		})
	}
}

// TestShinglesNormalise checks that Shingles ignores what NormalizeText
// folds away, outside ASCII too.
func TestShinglesNormalise(t *testing.T) {
	for _, text := range []string{
		"Société Générale rose 2 percent after Nomura raised its target on the French lender.",
		"Tencent’s shares rose — a “record” — as the Ali\u00ADbaba bench\u200Bmark slipped.",
		"騰訊控股股價上升百分之三 after results.",
	} {
		want := Shingles(text)
		for _, variant := range []string{NormalizeText(text), strings.ToUpper(text),
			strings.ReplaceAll(strings.ReplaceAll(text, "\u00AD", ""), "\u200B", "")} {
			if got := Shingles(variant); !slices.Equal(got, want) {
				t.Errorf("Shingles(%q) differs from Shingles(%q)", variant, text)
			}
		}
	}
}

func TestContainment(t *testing.T) {
	story := "Hong Kong technology shares jumped on Tuesday after Alibaba unveiled a reasoning model. The Hang Seng Tech Index rose 4.2 percent to 5,871.40 points by the close."
	tests := []struct {
		name string
		a, b string
		want float64
	}{
		{"identical", story, story, 1},
		{"copy with header and trailer", story, "HONG KONG, March 11 (Victoria Wire) - " + story + " Reporting by Mei Ling Chan.", 1},
		{"first sentence only", story, "Hong Kong technology shares jumped on Tuesday after Alibaba unveiled a reasoning model.", 1},
		// 16 words, 13 shingles; the changed word leaves 12 shared.
		{"last word changed", "Hong Kong technology shares jumped on Tuesday after Alibaba unveiled a reasoning model. The Hang Seng", "Hong Kong technology shares jumped on Tuesday after Alibaba unveiled a reasoning model. The Hang Tech", 12.0 / 13},
		{"nothing shared", story, "Property developers slipped as weak home sales renewed concerns about debt.", 0},
		{"empty", story, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Containment(tt.a, tt.b); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("Containment = %v, want %v", got, tt.want)
			}
			if got, rev := Containment(tt.a, tt.b), Containment(tt.b, tt.a); got != rev {
				t.Errorf("Containment not symmetric: %v one way, %v the other", got, rev)
			}
		})
	}
}

func TestSameStory(t *testing.T) {
	// span returns the set {from, …, to-1}.
	span := func(from, to uint64) ShingleSet {
		var s ShingleSet
		for i := from; i < to; i++ {
			s = append(s, i)
		}
		return s
	}
	tests := []struct {
		name string
		a, b ShingleSet
		want bool
	}{
		{"60 of 100 shared", span(0, 100), append(span(40, 100), span(1000, 1040)...), true},
		{"59 of 100 shared", span(0, 100), append(span(41, 100), span(1000, 1041)...), false},
		{"short text wholly inside a long one", span(0, 25), span(0, 500), true},
		{"fewer than SyndicationMinShared shingles", span(0, SyndicationMinShared-1), span(0, SyndicationMinShared-1), false},
		{"nothing shared", span(0, 100), span(100, 200), false},
		{"empty", nil, span(0, 100), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameStory(tt.a, tt.b); got != tt.want {
				t.Errorf("SameStory = %v, want %v (shared %d, containment %.3f)", got, tt.want, tt.a.Shared(tt.b), tt.a.Containment(tt.b))
			}
			if got := SameStory(tt.b, tt.a); got != tt.want {
				t.Errorf("SameStory(b, a) = %v, want %v", got, tt.want)
			}
		})
	}
}

func ExampleContainment() {
	wire := "Alibaba climbed 8.1 percent after the company said its model had topped several coding benchmarks."
	copy := "HONG KONG (Victoria Wire) - Alibaba climbed 8.1 percent after the company said its model had topped several coding benchmarks. Reporting by Mei Ling Chan."
	other := "Alibaba said it would cut the price of its cloud model, and rivals weighed cuts of their own."
	fmt.Printf("copy %.2f, other story %.2f\n", Containment(wire, copy), Containment(wire, other))
	// Output: copy 1.00, other story 0.00
}

// BenchmarkShingles measures Shingles of a 450-word story whose shingles
// are nearly all distinct, as in a news article.
func BenchmarkShingles(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("Hong Kong stocks closed sharply higher as renewed confidence in Chinese technology drew buyers back to Alibaba Tencent and Xiaomi while carmakers and property developers lagged after weak data and analysts warned that the rally could fade within weeks")
	var text strings.Builder
	for i := range 450 {
		text.WriteString(words[r.IntN(len(words))])
		if i%15 == 14 {
			text.WriteString(". ")
		} else {
			text.WriteByte(' ')
		}
	}
	b.SetBytes(int64(text.Len()))
	b.ReportAllocs()
	for b.Loop() {
		Shingles(text.String())
	}
}
