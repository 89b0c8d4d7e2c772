package sentiment

import (
	"slices"
	"strings"
	"testing"
)

func TestDiscoverOrgs(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		// English: a run of capitalised words ending in a company word.
		{"company word", "Harbourline Securities raised its target on the stock.", []string{"Harbourline Securities"}},
		{"several company words", "Shares of Qilin Robotics Holdings jumped 8 percent.", []string{"Qilin Robotics Holdings"}},
		{"leading article dropped", "The Harbourline Securities said demand was strong.", []string{"Harbourline Securities"}},
		{"ampersand inside", "Harbour & Bay Capital led the funding round.", []string{"Harbour & Bay Capital"}},
		{"bank of", "Bank of Qingdao posted higher profit.", []string{"Bank of Qingdao"}},
		{"asset management", "Evergreen Asset Management cut its stake.", []string{"Evergreen Asset Management"}},
		{"title ends the name", "Harbourline Securities Chief Executive Jane Wong said margins held up.", []string{"Harbourline Securities"}},
		{"person of a firm", "John Lee of Harbourline Securities said the sell-off was overdone.", []string{"Harbourline Securities"}},
		{"two mentions, two hits", "Harbourline Securities rose. Analysts expect Harbourline Securities to gain.",
			[]string{"Harbourline Securities", "Harbourline Securities"}},
		{"blank line ends a run", "Harbour Rallies\n\nHarbourline Securities said on Friday it would list.", []string{"Harbourline Securities"}},
		// Legal suffixes make a company and are left out of its name.
		{"Ltd stripped", "Foo Group Ltd said it would buy back shares.", []string{"Foo Group"}},
		{"Inc stripped", "Acme Inc agreed to sell the unit.", []string{"Acme"}},
		{"Limited stripped", "Lumen Holdings Limited fell 3 percent.", []string{"Lumen Holdings"}},
		{"plc stripped", "Brightwater plc rose.", []string{"Brightwater"}},
		{"Co stripped after Bank of", "Bank of Qingdao Co rose.", []string{"Bank of Qingdao"}},
		// A phrase naming a kind of company before the name.
		{"the startup", "Funding for the startup Lumina doubled.", []string{"Lumina"}},
		{"chipmaker", "Local chipmaker Xinhe Micro soared.", []string{"Xinhe Micro"}},
		{"EV maker", "The EV maker Voltaro cut prices.", []string{"Voltaro"}},
		{"start-up", "The start-up Nuvola raised funds.", []string{"Nuvola"}},
		{"AI firm", "Chinese AI firm Moonvale released a model.", []string{"Moonvale"}},
		{"capitalised cue starts a sentence", "Rival Harbourline Securities fell. Chipmaker Xinhe Micro rose.", []string{"Harbourline Securities", "Xinhe Micro"}},
		{"sentence-initial preposition", "Citing Harbourline Securities, the report said so.", []string{"Harbourline Securities"}},
		{"known name after a cue", "The carmaker BYD cut prices.", nil},
		{"cue and a place", "The rival US chipmakers fell.", nil},
		{"cue and a long run", "The lender Harbour Bay North Star Wing said so.", nil},
		// Chinese: Han characters before a company word.
		{"chinese securities", "星河證券表示，需求強勁。", []string{"星河證券"}},
		{"chinese after a verb", "分析師指星河證券上調目標價。", []string{"星河證券"}},
		{"chinese after a time word", "据悉，天元集团今日宣布回购。", []string{"天元集团"}},
		{"chinese chained words", "昨日银河控股集团宣布业绩。", []string{"银河控股集团"}},
		{"chinese legal suffix", "星河科技股份有限公司公告，盈利上升。", []string{"星河科技"}},
		{"chinese shares company", "星河股份有限公司公告。", []string{"星河股份"}},
		{"chinese limited company", "星河有限公司公告。", []string{"星河"}},
		{"chinese known and unknown", "騰訊控股與星河銀行合作。", []string{"星河銀行"}},
		// Not organisations.
		{"sentence-initial the group", "The Group said on Monday that sales rose.", nil},
		{"known entity", "Shares of Tencent Holdings rose 2 percent.", nil},
		{"known bank", "Hang Seng Bank rose 1 percent.", nil},
		{"hang seng index", "The Hang Seng Tech Index fell.", nil},
		{"known and unknown", "Tencent and Harbourline Securities rose.", []string{"Harbourline Securities"}},
		{"two names joined by and", "Harbourline Securities and Qilin Robotics rose.", []string{"Harbourline Securities", "Qilin Robotics"}},
		{"and with ampersand names", "Qilin Robotics and Harbour & Bay Capital rose.", []string{"Qilin Robotics", "Harbour & Bay Capital"}},
		{"and between a name and a non-name", "Lumaxa and Qilin Robotics filed for listings.", nil},
		{"An inside a name", "Heng An Insurance rose.", []string{"Heng An Insurance"}},
		{"share class", "Harbourline Securities H shares rose.", []string{"Harbourline Securities"}},
		{"known name part of a longer run", "Alibaba Health Information Technology fell.", nil},
		{"months", "In March, May and June sales fell; Nov 21 was quiet.", nil},
		{"weekday", "On Monday Holdings rose.", nil},
		{"lower case", "The holding group and the investment bank said so.", nil},
		{"company words only", "Investment Bank, Group, Holdings.", nil},
		{"generic words only", "Chinese Property Holdings and Global Technology.", nil},
		{"big tech", "Big Tech rallied as Generative AI spending rose.", nil},
		{"digits", "Q3 Holdings rose.", nil},
		{"ministry tail", "The Ministry of Industry and Information Technology said so.", nil},
		{"chinese sector words", "科技股和銀行股上升，內地銀行業受壓。", nil},
		{"chinese common nouns", "該公司與上市公司及大型科技公司，投資銀行和新能源汽車。", nil},
		{"chinese bought shares", "大股東增持股份。", nil},
		{"chinese known index", "恒生科技指數下跌。", nil},
		{"chinese hang seng sub-index", "恆生地產分類指數升1.9%。", nil},
		{"chinese company inside", "母公司持有附屬公司七成股份。", nil},
		{"chinese place and determiner", "深圳一家科技公司獲得融資，上海某汽車公司裁員。", nil},
		{"chinese generic funds", "基金經理認為，對沖基金及主權基金增持港股。", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := tokenize(tt.text)
			got := discoverOrgs(toks, g.findTokens(toks, nil), nil)
			var names []string
			for _, d := range got {
				names = append(names, d.name)
				if d.first < 0 || d.last > len(toks) || d.first >= d.last {
					t.Fatalf("%q: token range [%d, %d) of %d tokens", d.name, d.first, d.last, len(toks))
				}
				span := tt.text[toks[d.first].start:toks[d.last-1].end]
				if strings.Join(strings.Fields(span), " ") != d.name {
					t.Errorf("%q spans %q in the text", d.name, span)
				}
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("got %q, want %q", names, tt.want)
			}
		})
	}
}

func TestDiscoverOrgsKnown(t *testing.T) {
	// A known match, however the caller found it, hides what it covers.
	text := "Harbourline Securities and Qilin Robotics rose."
	toks := tokenize(text)
	got := discoverOrgs(toks, []match{{first: 0, last: 2}}, nil)
	if len(got) != 1 || got[0].name != "Qilin Robotics" || got[0].first != 3 || got[0].last != 5 {
		t.Errorf("got %+v, want Qilin Robotics at tokens [3, 5)", got)
	}
	// Appends to out.
	prev := []discovered{{name: "Earlier", first: 0, last: 1}}
	got = discoverOrgs(toks, nil, prev)
	if len(got) != 3 || got[0].name != "Earlier" || got[1].name != "Harbourline Securities" || got[2].name != "Qilin Robotics" {
		t.Errorf("got %+v, want Earlier, Harbourline Securities, Qilin Robotics", got)
	}
}

// chineseBenchText is a Chinese market report of about 4 KB, for
// BenchmarkDiscoverOrgs.
var chineseBenchText = strings.Repeat("港股今日高開，恒生指數升1.2%，科技股造好，騰訊控股升3%。"+
	"分析師指星河證券上調目標價，內銀股普遍下跌，多家中資券商認為銀行業淨息差受壓。"+
	"大型科技公司加大資本開支，新能源汽車銷量增長，天元集团宣布回购股份。"+
	"地產股受壓，內地地產商債務問題未解決；對沖基金增持港股，星河科技股份有限公司公告盈利上升。", 11)

func BenchmarkDiscoverOrgs(b *testing.B) {
	g, err := DefaultGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	docs := []struct{ name, doc string }{
		{"bench_article", readArticle(b, "testdata/bench_article.txt").Document()},
		{"chinese", chineseBenchText},
	}
	for _, d := range docs {
		b.Run(d.name, func(b *testing.B) {
			toks := tokenize(d.doc)
			known := g.findTokens(toks, nil)
			var out []discovered
			b.SetBytes(int64(len(d.doc)))
			b.ReportAllocs()
			for b.Loop() {
				out = discoverOrgs(toks, known, out[:0])
			}
		})
	}
}
