package sentiment

import (
	"slices"
	"testing"
)

func spanTexts(doc string, spans []span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = doc[s.start:s.end]
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"decimal", "The index rose 3.69 percent. Tech led.", []string{"The index rose 3.69 percent.", "Tech led."}},
		{"abbreviations", "BYD Co. said sales rose. Nvidia Inc. fell in the U.S. market.", []string{"BYD Co. said sales rose.", "Nvidia Inc. fell in the U.S. market."}},
		{"title line", "Stocks rally\n\nThe Hang Seng rose. It closed higher!", []string{"Stocks rally", "The Hang Seng rose.", "It closed higher!"}},
		{"quote closer", `"We are confident," he said. "Sales grew." Shares rose.`, []string{`"We are confident," he said.`, `"Sales grew."`, "Shares rose."}},
		{"chinese", "恒指上漲2%。科技股領漲！會否持續？", []string{"恒指上漲2%。", "科技股領漲！", "會否持續？"}},
		{"domain name", "JD.com rose. Trip.com fell.", []string{"JD.com rose.", "Trip.com fell."}},
		{"empty", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spanTexts(tt.doc, splitSentences(tt.doc))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSplitClauses(t *testing.T) {
	tests := []struct {
		name     string
		s        string
		headline bool
		want     []string
	}{
		{"headline commas", "Tencent rallies, Alibaba slips", true, []string{"Tencent rallies", "Alibaba slips"}},
		{"body commas stay", "Tencent rallies, Alibaba slips", false, []string{"Tencent rallies, Alibaba slips"}},
		{"while", "Tencent rose while Alibaba fell.", false, []string{"Tencent rose", "Alibaba fell."}},
		{"comma but", "Sales grew, but margins shrank.", false, []string{"Sales grew", "margins shrank."}},
		{"semicolon", "Banks gained; developers slipped.", false, []string{"Banks gained", "developers slipped."}},
		{"leading although", "Although profit fell, the shares rose.", false, []string{"profit fell", "the shares rose."}},
		{"whereas and although", "HSBC rose whereas AIA fell although volumes were thin.", false, []string{"HSBC rose", "AIA fell", "volumes were thin."}},
		{"chinese but", "騰訊上漲，但阿里巴巴下跌。", false, []string{"騰訊上漲", "阿里巴巴下跌。"}},
		{"chinese comma", "騰訊大漲5%，阿里巴巴回落。", false, []string{"騰訊大漲5%", "阿里巴巴回落。"}},
		{"even as", "Tencent was flat even as Alibaba slumped.", false, []string{"Tencent was flat", "Alibaba slumped."}},
		{"comma as", "Meituan fell 4 percent, as investors sold.", false, []string{"Meituan fell 4 percent", "investors sold."}},
		{"as without entity stays", "Xpeng narrowed its loss as deliveries doubled.", false, []string{"Xpeng narrowed its loss as deliveries doubled."}},
		{"no split inside words", "Meanwhile the butler awaited.", false, []string{"Meanwhile the butler awaited."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spanTexts(tt.s, splitClauses(tt.s, span{0, len(tt.s)}, tt.headline))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want []string
	}{
		{"possessive", "BYD's and Tencent’s", []string{"BYD", "s", "and", "Tencent", "s"}},
		{"numbers", "rose 3.69% to 22,620.33", []string{"rose", "3.69", "%", "to", "22,620.33"}},
		{"hyphen", "e-commerce sell-off", []string{"e", "commerce", "sell", "off"}},
		{"chinese", "騰訊AI", []string{"騰", "訊", "AI"}},
		{"ticker", "(0700.HK)", []string{"(", "0700", ".", "HK", ")"}},
		{"number word", "5G", []string{"5G"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := tokenize(tt.s)
			got := make([]string, len(toks))
			for i, tk := range toks {
				got[i] = tk.text
				if tt.s[tk.start:tk.end] != tk.text {
					t.Errorf("token %d: offsets [%d,%d) give %q, want %q", i, tk.start, tk.end, tt.s[tk.start:tk.end], tk.text)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	groups := [][]string{
		{"plunge", "plunged", "plunges", "plunging"},
		{"rally", "rallied", "rallies", "rallying"},
		{"slip", "slipped", "slips", "slipping"},
		{"fall", "falls", "falling"},
		{"miss", "missed", "misses", "missing"},
		{"loss", "losses"},
		{"rise", "rises", "rising"},
	}
	for _, g := range groups {
		t.Run(g[0], func(t *testing.T) {
			want := stem(g[0])
			for _, w := range g[1:] {
				if got := stem(w); got != want {
					t.Errorf("stem(%q) = %q, want %q (stem of %q)", w, got, want, g[0])
				}
			}
		})
	}
	if stem("stimulus") != "stimulus" {
		t.Errorf("stem(stimulus) = %q, want stimulus", stem("stimulus"))
	}
}
