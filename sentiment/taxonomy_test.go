package sentiment

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestDefaultTaxonomy(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"tech", "tech.ai", "tech.semiconductors", "tech.software", "tech.cloud", "tech.internet", "tech.gaming",
		"tech.hardware", "tech.robotics",
		"consumer", "consumer.ecommerce", "consumer.electronics", "consumer.retail", "consumer.travel",
		"consumer.food", "consumer.casinos", "consumer.media",
		"auto", "auto.ev", "auto.parts",
		"education",
		"finance", "finance.banks", "finance.insurance", "finance.exchanges", "finance.brokers",
		"finance.asset_managers", "finance.fintech",
		"property", "property.reits",
		"energy", "energy.clean",
		"telecom",
		"healthcare", "healthcare.pharma", "healthcare.biotech",
		"materials",
		"industrials", "industrials.transport", "industrials.conglomerates",
		"utilities",
	}
	if got := tax.IDs(); !slices.Equal(got, want) {
		t.Errorf("IDs got %q, want %q", got, want)
	}
	for _, s := range tax.Sectors() {
		if s.Name == "" || s.HSICS == "" || s.GICS == "" {
			t.Errorf("sector %s lacks a name, HSICS or GICS: %+v", s.ID, s)
		}
		if s.Parent == "" {
			continue
		}
		if _, ok := tax.Lookup(s.Parent); !ok {
			t.Errorf("sector %s: parent %q is not a sector", s.ID, s.Parent)
		}
		// Built-in ids name their parent: "tech.ai" is a child of "tech".
		if !strings.HasPrefix(s.ID, s.Parent+".") {
			t.Errorf("sector %s: parent %q is not the prefix of its id", s.ID, s.Parent)
		}
	}
	s, ok := tax.Lookup("auto.ev")
	if !ok || s.GICS != "Automobiles" || s.Parent != "auto" {
		t.Errorf("Lookup(auto.ev) got %+v, %v, want GICS Automobiles and parent auto", s, ok)
	}
	if _, ok := tax.Lookup("tech.quantum"); ok {
		t.Errorf("Lookup(tech.quantum) found a sector, want none")
	}
}

func TestTaxonomyParents(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	topLevel := []string{"tech", "consumer", "auto", "education", "finance", "property", "energy",
		"telecom", "healthcare", "materials", "industrials", "utilities"}
	for _, s := range tax.Sectors() {
		if got, want := s.Parent == "", slices.Contains(topLevel, s.ID); got != want {
			t.Errorf("sector %s: top-level got %v, want %v", s.ID, got, want)
		}
	}
	children := []struct {
		id   string
		want []string
	}{
		{"tech", []string{"tech.ai", "tech.semiconductors", "tech.software", "tech.cloud", "tech.internet",
			"tech.gaming", "tech.hardware", "tech.robotics"}},
		{"auto", []string{"auto.ev", "auto.parts"}},
		{"property", []string{"property.reits"}},
		{"industrials", []string{"industrials.transport", "industrials.conglomerates"}},
		{"tech.ai", nil},
		{"education", nil},
		{"no.such.sector", nil},
	}
	for _, tt := range children {
		if got := tax.Children(tt.id); !slices.Equal(got, tt.want) {
			t.Errorf("Children(%s) got %q, want %q", tt.id, got, tt.want)
		}
	}
	ancestors := []struct {
		id   string
		want []string
	}{
		{"tech.ai", []string{"tech"}},
		{"consumer.casinos", []string{"consumer"}},
		{"finance.asset_managers", []string{"finance"}},
		{"healthcare.biotech", []string{"healthcare"}},
		{"tech", nil},
		{"no.such.sector", nil},
	}
	for _, tt := range ancestors {
		if got := tax.Ancestors(tt.id); !slices.Equal(got, tt.want) {
			t.Errorf("Ancestors(%s) got %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestLoadTaxonomyParents(t *testing.T) {
	// c names a parent defined after it, which has a parent itself.
	y := `sectors:
  - id: c
    name: C
    parent: b
  - id: a
    name: A
  - id: b
    name: B
    parent: a
  - id: d
    name: D
    parent: a
`
	tax, err := LoadTaxonomy(strings.NewReader(y), "tree.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := tax.Lookup("c"); s.Parent != "b" {
		t.Errorf("Lookup(c).Parent got %q, want b", s.Parent)
	}
	if s, _ := tax.Lookup("a"); s.Parent != "" {
		t.Errorf("Lookup(a).Parent got %q, want none", s.Parent)
	}
	if got, want := tax.Ancestors("c"), []string{"b", "a"}; !slices.Equal(got, want) {
		t.Errorf("Ancestors(c) got %q, want %q", got, want)
	}
	if got, want := tax.Children("a"), []string{"b", "d"}; !slices.Equal(got, want) {
		t.Errorf("Children(a) got %q, want %q", got, want)
	}
}

func TestTaxonomyKeywords(t *testing.T) {
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"AI whole word, case-sensitive", "AI stocks rose, the chairman said; Ai and OpenAI", []string{"tech.ai"}},
		{"chip inflections", "Chipmakers and chips", []string{"tech.semiconductors", "tech.semiconductors"}},
		{"blue chips are not chips", "Blue chips rose", nil},
		{"e-commerce forms", "E-commerce and online shopping before Singles’ Day", []string{"consumer.ecommerce", "consumer.ecommerce", "consumer.ecommerce"}},
		{"EV case-sensitive", "EV makers; autonomous driving; ev", []string{"auto.ev", "auto.ev"}},
		{"carmakers are auto, EVs auto.ev", "Carmakers and car sales; electric vehicles and NEVs; auto parts", []string{"auto", "auto", "auto.ev", "auto.ev", "auto.parts"}},
		{"casinos", "Macau casino operators rose after gross gaming revenue beat forecasts", []string{"consumer.casinos", "consumer.casinos", "consumer.casinos"}},
		{"entertainment in a casino name is not media", "Galaxy Entertainment rose; the box office fell", []string{"consumer.media"}},
		{"video games are not casinos", "Mobile games and a gaming licence", []string{"tech.gaming", "tech.gaming"}},
		{"travel without casinos", "Outbound travel and hotels", []string{"consumer.travel", "consumer.travel"}},
		{"airlines are transport", "Airlines and container shipping lines; logistics", []string{"industrials.transport", "industrials.transport", "industrials.transport"}},
		{"shipped phones are not shipping", "Xiaomi shipped more smartphones", []string{"consumer.electronics"}},
		{"brokers and exchanges", "Securities firms rallied on IPOs and Stock Connect flows", []string{"finance.brokers", "finance.exchanges", "finance.exchanges"}},
		{"investment bank is no sector", "An investment bank raised its target", nil},
		{"fintech is not a bank", "A virtual bank and digital payments", []string{"finance.fintech", "finance.fintech"}},
		{"REITs are not developers", "REITs and real estate investment trusts outperformed developers", []string{"property.reits", "property.reits"}},
		{"pharma and biotech", "Drugmakers lagged biotech stocks after a clinical trial; CRO names", []string{"healthcare.pharma", "healthcare.biotech", "healthcare.biotech", "healthcare.biotech"}},
		{"hardware and robots", "Optical modules, servers and humanoid robots", []string{"tech.hardware", "tech.hardware", "tech.robotics"}},
		{"embodied AI is robotics only", "embodied AI", []string{"tech.robotics"}},
		{"food", "Dairy makers, baijiu and restaurant chains", []string{"consumer.food", "consumer.food", "consumer.food"}},
		{"broad words name the parent", "Tech stocks and consumer names led; financial stocks lagged", []string{"tech", "consumer", "finance"}},
		{"utilities, not trade tariffs", "Power utilities rose as electricity tariffs were raised; US tariffs loomed", []string{"utilities", "utilities"}},
		{"industrials", "Construction machinery and conglomerates", []string{"industrials", "industrials.conglomerates"}},
		{"chinese children", "澳門賭收、券商股和創新藥", []string{"consumer.casinos", "consumer.casinos", "finance.brokers", "healthcare.biotech"}},
		{"traditional and simplified", "機器人與机器人；航運和航运；房託及房托；公用事業與公用事业", []string{
			"tech.robotics", "tech.robotics", "industrials.transport", "industrials.transport",
			"property.reits", "property.reits", "utilities", "utilities"}},
		{"chinese parents", "科技股和汽車股", []string{"tech", "auto"}},
		{"new energy vehicles are EVs", "新能源汽車和新能源汽车銷量", []string{"auto.ev", "auto.ev"}},
		{"hong kong is no port", "香港口岸", nil},
		{"cloud", "Cloud revenue and data centres; uncertainty clouded the outlook", []string{"tech.cloud", "tech.cloud"}},
		{"central bank is not a bank stock", "The central bank held rates while banks rose", []string{"finance.banks"}},
		{"property", "Property developers reported weak home sales", []string{"property", "property"}},
		{"chinese", "芯片股和內房股", []string{"tech.semiconductors", "property"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range tax.findTokens(tokenize(tt.text), nil) {
				got = append(got, tax.sectors[m.id].ID)
			}
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestLoadTaxonomyErrors(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		wantPart string
		wantErr  error
	}{
		{"duplicate id", "sectors:\n  - id: a\n    name: A\n  - id: a\n    name: Again\n", "my-sectors.yaml:4:", ErrInvalidSector},
		{"missing name", "sectors:\n  - id: a\n    name: A\n  - id: b\n", "my-sectors.yaml:4:", ErrInvalidSector},
		{"unknown field", "sectors:\n  - id: a\n    name: A\n    keyword: [x]\n", "my-sectors.yaml:4:", nil},
		{"unknown parent", "sectors:\n  - id: a\n    name: A\n  - id: b\n    name: B\n    parent: tech\n", "my-sectors.yaml:4:", ErrInvalidSector},
		{"own parent", "sectors:\n  - id: a\n    name: A\n    parent: a\n", "my-sectors.yaml:2:", ErrInvalidSector},
		{"cycle", "sectors:\n  - id: top\n    name: Top\n  - id: a\n    name: A\n    parent: b\n  - id: b\n    name: B\n    parent: a\n", "my-sectors.yaml:4: sector \"a\": parents form a cycle: a → b → a", ErrInvalidSector},
		{"leads into a cycle", "sectors:\n  - id: x\n    name: X\n    parent: a\n  - id: a\n    name: A\n    parent: b\n  - id: b\n    name: B\n    parent: a\n", "my-sectors.yaml:5:", ErrInvalidSector},
		{"keyword in two sectors", "sectors:\n  - id: a\n    name: A\n    keywords: [chip]\n  - id: b\n    name: B\n    keywords: [chips]\n", "my-sectors.yaml:5:", ErrInvalidSector},
		{"empty file", "", "my-sectors.yaml", nil},
		{"no sectors", "ignore: [x]\n", "my-sectors.yaml", ErrInvalidSector},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadTaxonomy(strings.NewReader(tt.yaml), "my-sectors.yaml")
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

func TestLoadTaxonomyUserFile(t *testing.T) {
	y := "sectors:\n  - id: food\n    name: Food and drink\n    hsics: Consumer Staples\n    gics: Food Products\n    keywords: [dairy, bottled water]\n    exact: [F&B]\n"
	tax, err := LoadTaxonomy(strings.NewReader(y), "food.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := tax.IDs(); !slices.Equal(got, []string{"food"}) {
		t.Errorf("IDs got %q, want [food]", got)
	}
	if got := len(tax.findTokens(tokenize("Dairy makers and bottled waters"), nil)); got != 2 {
		t.Errorf("got %d keyword hits, want 2", got)
	}
}
