package sentiment

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

func defaultGazetteer(t *testing.T) *Gazetteer {
	t.Helper()
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGazetteerLookup(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		query      string
		wantName   string
		wantKind   sectorpulse.EntityKind
		wantTicker string
	}{
		{"Tencent", "Tencent", sectorpulse.KindCompany, "0700.HK"},
		{"tencent holdings", "Tencent", sectorpulse.KindCompany, "0700.HK"},
		{"0700.hk", "Tencent", sectorpulse.KindCompany, "0700.HK"},
		{"BABA", "Alibaba", sectorpulse.KindCompany, "9988.HK"},
		{"比亚迪", "BYD", sectorpulse.KindCompany, "1211.HK"},
		{"ZH", "Zhihu", sectorpulse.KindCompany, "2390.HK"},
		{"hkex", "HKEX", sectorpulse.KindCompany, "0388.HK"},
		{"PBOC", "People's Bank of China", sectorpulse.KindOrganization, ""},
		{"fed", "Federal Reserve", sectorpulse.KindOrganization, ""},
		{"HSI", "Hang Seng Index", sectorpulse.KindIndex, "HSI"},
		{"^HSCE", "Hang Seng China Enterprises Index", sectorpulse.KindIndex, "HSCEI"},
		{"恒生科技指數", "Hang Seng TECH Index", sectorpulse.KindIndex, "HSTECH"},
		{"DeepSeek", "DeepSeek", sectorpulse.KindCompany, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			e, ok := g.Lookup(tt.query)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing, want %s", tt.query, tt.wantName)
			}
			if e.Name != tt.wantName || e.Kind != tt.wantKind {
				t.Errorf("got %s (%s), want %s (%s)", e.Name, e.Kind, tt.wantName, tt.wantKind)
			}
			ticker := ""
			if len(e.Tickers) > 0 {
				ticker = e.Tickers[0]
			}
			if ticker != tt.wantTicker {
				t.Errorf("first ticker got %q, want %q", ticker, tt.wantTicker)
			}
		})
	}
	if _, ok := g.Lookup("Acme Widgets"); ok {
		t.Errorf("Lookup(Acme Widgets) found an entity, want none")
	}
}

func TestGazetteerFind(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		name string
		text string
		want []string // "Entity=quote"
	}{
		{"possessives", "BYD's sales and Tencent’s games", []string{"BYD=BYD", "Tencent=Tencent"}},
		{"fed lower case is a verb", "The Fed held rates; fed up traders left.", []string{"Federal Reserve=Fed"}},
		{"short names are case-sensitive", "nio and byd and Nio and NIO", []string{"NIO=Nio", "NIO=NIO"}},
		{"long names ignore case", "TENCENT HOLDINGS and alibaba group", []string{"Tencent=TENCENT HOLDINGS", "Alibaba=alibaba group"}},
		{"longest match", "The Hang Seng Tech Index and the Hang Seng fell; Hang Seng Bank rose.", []string{"Hang Seng TECH Index=Hang Seng Tech Index", "Hang Seng Index=Hang Seng", "Hang Seng Bank=Hang Seng Bank"}},
		{"whole words only", "Bydgoszcz, Nionaut, AIAA, TALK", nil},
		{"chinese traditional and simplified", "騰訊與阿里巴巴、比亞迪和美团", []string{"Tencent=騰訊", "Alibaba=阿里巴巴", "BYD=比亞迪", "Meituan=美團"}},
		{"chinese deepseek", "深度求索發布新模型", []string{"DeepSeek=深度求索"}},
		{"tickers", "Tencent (0700.HK) and JD.com (JD)", []string{"Tencent=Tencent", "Tencent=0700.HK", "JD.com=JD.com", "JD.com=JD"}},
		{"organisations", "the People’s Bank of China and the CSRC", []string{"People's Bank of China=People’s Bank of China", "China Securities Regulatory Commission=CSRC"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range g.Find(tt.text) {
				got = append(got, h.Entity.Name+"="+tt.text[h.Start:h.End])
			}
			if tt.name == "chinese traditional and simplified" {
				// 美团 is written simplified in the text.
				tt.want[3] = "Meituan=美团"
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestGazetteerAdd(t *testing.T) {
	tests := []struct {
		name    string
		e       sectorpulse.Entity
		wantErr error
	}{
		{"new company", sectorpulse.Entity{Name: "Lantern Toys", Kind: sectorpulse.KindCompany, Aliases: []string{"燈籠玩具"}, Tickers: []string{"8899.HK"}, Sectors: []string{"consumer.retail"}}, nil},
		{"bad kind", sectorpulse.Entity{Name: "Acme", Kind: "firm"}, ErrInvalidEntity},
		{"no name", sectorpulse.Entity{Kind: sectorpulse.KindCompany}, ErrInvalidEntity},
		{"alias clash", sectorpulse.Entity{Name: "Tencent Music", Kind: sectorpulse.KindCompany, Aliases: []string{"Tencent"}}, ErrAliasClash},
		{"ticker clash", sectorpulse.Entity{Name: "Other", Kind: sectorpulse.KindCompany, Tickers: []string{"0700.hk"}}, ErrAliasClash},
		{"empty alias", sectorpulse.Entity{Name: "Blank", Kind: sectorpulse.KindCompany, Aliases: []string{" "}}, ErrInvalidEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := defaultGazetteer(t)
			before := g.version()
			err := g.Add(tt.e)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got error %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil {
				if g.version() != before {
					t.Errorf("failed Add changed the fingerprint")
				}
				return
			}
			if g.version() == before {
				t.Errorf("Add kept the fingerprint %s, want a new one", before)
			}
			hits := g.Find("Shares of 燈籠玩具 rose; Lantern Toys is popular.")
			if len(hits) != 2 || hits[0].Entity.Name != "Lantern Toys" || hits[1].Entity.Name != "Lantern Toys" {
				t.Errorf("Find after Add got %v, want two Lantern Toys hits", hits)
			}
		})
	}
}

func TestGazetteerEntitiesSortedCopies(t *testing.T) {
	g := defaultGazetteer(t)
	es := g.Entities()
	if !slices.IsSortedFunc(es, func(a, b sectorpulse.Entity) int { return strings.Compare(a.Name, b.Name) }) {
		t.Errorf("Entities not sorted by name")
	}
	if len(es) < 50 {
		t.Errorf("got %d entities, want at least 50", len(es))
	}
	for i := range es {
		if es[i].Name == "Tencent" {
			es[i].Aliases[0] = "changed"
		}
	}
	e, _ := g.Lookup("Tencent")
	if e.Aliases[0] == "changed" {
		t.Errorf("Entities returned shared slices; changing a copy changed the gazetteer")
	}
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		for _, s := range e.Sectors {
			if _, ok := tax.Lookup(s); !ok {
				t.Errorf("entity %s has sector %q, not in the default taxonomy", e.Name, s)
			}
		}
	}
}

func TestLoadGazetteerErrors(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		wantPart string
		wantErr  error
	}{
		{"bad kind names file and line", "entities:\n  - name: Acme\n    kind: company\n  - name: Widget Co\n    kind: firm\n", "mine.yaml:4:", ErrInvalidEntity},
		{"unknown field", "entities:\n  - name: Acme\n    kind: company\n    ticker: ACME\n", "mine.yaml:4:", nil},
		{"syntax error", "entities:\n  - name: [Acme\n", "mine.yaml:", nil},
		{"aliases not a list", "entities:\n  - name: Acme\n    kind: company\n    aliases: Acme Corp\n", "mine.yaml:4: aliases: want a list", nil},
		{"name not a value", "entities:\n  - name: [Acme, Widget]\n    kind: company\n", "mine.yaml:2: name: want a single value", nil},
		{"unknown top-level key", "entity:\n  - name: Acme\n", "mine.yaml:1: field entity", nil},
		{"key given twice", "entities:\n  - name: Acme\n    kind: company\n    aliases: [Acme Corp]\n    aliases: [Acme Inc]\n", "mine.yaml:5: key \"aliases\" already given at line 4", nil},
		{"alias of punctuation", "entities:\n  - name: Acme\n    kind: company\n    aliases: [\".\"]\n", "mine.yaml:2:", ErrInvalidEntity},
		{"clash with index", "entities:\n  - name: Hang Seng Copycat\n    kind: company\n    aliases: [HSI]\n", "mine.yaml:2:", ErrAliasClash},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadGazetteer(strings.NewReader(tt.yaml), "mine.yaml")
			if err == nil {
				t.Fatalf("got no error, want one containing %q", tt.wantPart)
			}
			if !strings.Contains(err.Error(), tt.wantPart) {
				t.Errorf("got %q, want it to contain %q", err, tt.wantPart)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v, want errors.Is %v", err, tt.wantErr)
			}
		})
	}
}

func TestGazetteerIgnore(t *testing.T) {
	g := defaultGazetteer(t)
	tests := []struct {
		text string
		want []string
	}{
		{"Hang Seng Indexes Co will add Xiaomi", []string{"Xiaomi"}},
		{"Hang Seng Indexes Company said so; the Hang Seng rose", []string{"Hang Seng Index"}},
		{"Tencent Music and Tencent", []string{"Tencent Music Entertainment", "Tencent"}},
		{"Ping An Good Doctor and Ping An", []string{"Ping An Healthcare and Technology", "Ping An"}},
		{"小米和腾讯音乐", []string{"Xiaomi", "Tencent Music Entertainment"}},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range g.Find(tt.text) {
			got = append(got, h.Entity.Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if err := g.Add(sectorpulse.Entity{Name: "Hang Seng Indexes", Kind: sectorpulse.KindCompany}); !errors.Is(err, ErrAliasClash) {
		t.Errorf("adding an ignored phrase as an entity: got %v, want ErrAliasClash", err)
	}
	src := "ignore: [Acme Holdings Trust]\nentities:\n  - name: Acme Holdings\n    kind: company\n"
	g2, err := LoadGazetteer(strings.NewReader(src), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if hits := g2.Find("Acme Holdings Trust rose; Acme Holdings fell"); len(hits) != 1 || hits[0].Start != 26 {
		t.Errorf("ignore in a file: got %+v, want one hit at 26", hits)
	}
	bad := "ignore: [Acme Holdings]\nentities:\n  - name: Acme Holdings\n    kind: company\n"
	if _, err := LoadGazetteer(strings.NewReader(bad), "bad.yaml"); !errors.Is(err, ErrAliasClash) {
		t.Errorf("ignoring an entity's name: got %v, want ErrAliasClash", err)
	}
}
