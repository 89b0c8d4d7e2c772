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
	want := []string{"tech.ai", "tech.semiconductors", "tech.software", "tech.cloud", "tech.internet",
		"tech.gaming", "consumer.ecommerce", "consumer.electronics", "consumer.retail", "consumer.travel",
		"auto.ev", "education", "finance.banks", "finance.insurance", "finance.exchanges", "property",
		"energy", "energy.clean", "telecom", "healthcare", "materials"}
	if got := tax.IDs(); !slices.Equal(got, want) {
		t.Errorf("IDs got %q, want %q", got, want)
	}
	for _, s := range tax.Sectors() {
		if s.Name == "" || s.HSICS == "" || s.GICS == "" {
			t.Errorf("sector %s lacks a name, HSICS or GICS: %+v", s.ID, s)
		}
	}
	s, ok := tax.Lookup("auto.ev")
	if !ok || s.GICS != "Automobiles" {
		t.Errorf("Lookup(auto.ev) got %+v, %v, want GICS Automobiles", s, ok)
	}
	if _, ok := tax.Lookup("tech"); ok {
		t.Errorf("Lookup(tech) found a sector, want none")
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
		{"EV case-sensitive", "EV makers; a new carmaker; autonomous driving; ev", []string{"auto.ev", "auto.ev", "auto.ev"}},
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
