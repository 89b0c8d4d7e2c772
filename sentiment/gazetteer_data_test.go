package sentiment

import (
	"regexp"
	"strings"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

// tickerRE is the form of a ticker in the built-in gazetteer: a Hong Kong
// listing ("0700.HK"), an A-share listing ("600519.SS", "300750.SZ", "688981.SS"),
// another exchange's listing with its suffix ("7203.T", "005930.KS",
// "ASML.AS") or a US symbol ("BABA", "BRK.B"), or an index code.
var tickerRE = regexp.MustCompile(`^(\d{4}\.HK|\d{6}\.(SS|SZ|BJ)|[0-9A-Z]{1,6}\.[A-Z]{1,2}|[A-Z][A-Z0-9]{0,7}(\.[A-Z])?|\^[A-Z0-9]+)$`)

// TestBuiltinGazetteerData checks every entity of the built-in gazetteer:
// its sectors are ids of the built-in taxonomy, its tickers have a known
// form, and a company names at least one sector. The gazetteer holds
// at least 500 entities.
func TestBuiltinGazetteerData(t *testing.T) {
	g := defaultGazetteer(t)
	tax, err := DefaultTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	ents := g.Entities()
	t.Logf("built-in gazetteer: %d entities", len(ents))
	if len(ents) < 500 {
		t.Errorf("built-in gazetteer has %d entities, want at least 500", len(ents))
	}
	for _, e := range ents {
		for _, s := range e.Sectors {
			if _, ok := tax.Lookup(s); !ok {
				t.Errorf("%s: sector %q is not in the built-in taxonomy", e.Name, s)
			}
		}
		for _, tk := range e.Tickers {
			if !tickerRE.MatchString(tk) {
				t.Errorf("%s: ticker %q has no known form", e.Name, tk)
			}
		}
		if e.Kind == sectorpulse.KindCompany && len(e.Sectors) == 0 {
			t.Errorf("%s: company without sectors", e.Name)
		}
		for _, a := range e.Aliases {
			if strings.TrimSpace(a) != a {
				t.Errorf("%s: alias %q has surrounding space", e.Name, a)
			}
		}
	}
}
