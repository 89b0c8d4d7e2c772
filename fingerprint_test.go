package sectorpulse

import (
	"hash/fnv"
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
	if _, ok := LookupIndex("NASDAQ"); ok {
		t.Error("NASDAQ found")
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
