package sentiment

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestCatalogAddFile(t *testing.T) {
	g := defaultGazetteer(t)
	before := g.version()
	const file = `ignore: [Kappa Robotics Foundation]
entities:
  - name: Kappa Robotics
    kind: company
    aliases: [Kappa Robot, 卡帕機器人]
    tickers: ["9981.HK"]
    sectors: [tech.ai]
`
	if err := g.AddFile(strings.NewReader(file), "mine.yaml", nil); err != nil {
		t.Fatalf("AddFile: %v", err)
	}
	if e, ok := g.Lookup("9981.hk"); !ok || e.Name != "Kappa Robotics" {
		t.Errorf("Lookup(9981.hk) = %+v, %v; want Kappa Robotics", e, ok)
	}
	hits := g.Find("Kappa Robot shares jumped; the Kappa Robotics Foundation gave grants.")
	if len(hits) != 1 || hits[0].Entity.Name != "Kappa Robotics" || hits[0].Start != 0 {
		t.Errorf("Find: got %+v, want one hit of Kappa Robotics at 0 (the foundation is ignored)", hits)
	}
	if g.version() == before {
		t.Error("fingerprint unchanged after AddFile")
	}
}

func TestCatalogAddFileRefused(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		wantErr error
		wantAt  string
	}{
		{"alias clash", `entities:
  - name: Lambda Cloud
    kind: company
  - name: Tencent Rival
    kind: company
    aliases: [Tencent]
`, ErrAliasClash, "bad.yaml:4:"},
		{"unknown kind", `entities:
  - name: Lambda Cloud
    kind: company
  - name: Mu Fund
    kind: fund
`, ErrInvalidEntity, "bad.yaml:4:"},
		{"unknown field", `entities:
  - name: Lambda Cloud
    kind: company
    sector: [tech.ai]
`, nil, "bad.yaml:4:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := defaultGazetteer(t)
			before, n := g.version(), len(g.Entities())
			err := g.AddFile(strings.NewReader(tt.file), "bad.yaml", nil)
			if err == nil {
				t.Fatal("AddFile: got no error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v, want %v", err, tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), tt.wantAt) {
				t.Errorf("got %q, want it to start with %q", err, tt.wantAt)
			}
			if _, ok := g.Lookup("Lambda Cloud"); ok {
				t.Error("a refused file left an entity in the gazetteer")
			}
			if len(g.Find("Lambda Cloud rose.")) != 0 {
				t.Error("a refused file left a name in the matcher")
			}
			if got := len(g.Entities()); got != n || g.version() != before {
				t.Errorf("after a refused file: %d entities, fingerprint changed %v; want %d, unchanged", got, g.version() != before, n)
			}
			if e, ok := g.Lookup("Tencent"); !ok || e.Name != "Tencent" {
				t.Errorf("Lookup(Tencent) = %+v, %v after a refused file", e, ok)
			}
		})
	}
}

func TestCatalogRestrictSectors(t *testing.T) {
	g := defaultGazetteer(t)
	const taxonomy = `sectors:
  - id: tech
    name: Technology
    keywords: [tech stocks]
  - id: tech.ai
    name: Artificial intelligence
    parent: tech
    keywords: [artificial intelligence]
`
	tax, err := LoadTaxonomy(strings.NewReader(taxonomy), "mine.yaml")
	if err != nil {
		t.Fatal(err)
	}
	zhihu, _ := g.Lookup("Zhihu")
	if !slices.Contains(zhihu.Sectors, "tech.internet") {
		t.Fatalf("fixture: Zhihu sectors %v, want tech.internet among them", zhihu.Sectors)
	}
	before := g.version()
	dropped := g.RestrictSectors(tax)
	if len(dropped) == 0 {
		t.Fatal("RestrictSectors dropped nothing")
	}
	if !slices.Contains(dropped, DroppedSector{Entity: "Zhihu", Sector: "tech.internet"}) {
		t.Errorf("dropped %v, want Zhihu's tech.internet among them", dropped)
	}
	for _, e := range g.Entities() {
		for _, id := range e.Sectors {
			if _, ok := tax.Lookup(id); !ok {
				t.Errorf("%s keeps sector %q the taxonomy lacks", e.Name, id)
			}
		}
	}
	if got, _ := g.Lookup("Zhihu"); !slices.Equal(got.Sectors, []string{"tech.ai"}) {
		t.Errorf("Zhihu sectors %v, want [tech.ai]", got.Sectors)
	}
	if !slices.Contains(zhihu.Sectors, "tech.internet") {
		t.Error("RestrictSectors changed a copy handed out before")
	}
	if g.version() == before {
		t.Error("fingerprint unchanged after dropping sectors")
	}
	if again := g.RestrictSectors(tax); len(again) != 0 {
		t.Errorf("second RestrictSectors dropped %v, want nothing", again)
	}
}
