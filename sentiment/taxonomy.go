package sentiment

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sectorpulse/sectorpulse"
)

// ignoreID is the matcher id of phrases that hide a keyword.
const ignoreID = -1

// Taxonomy is a set of sectors with the keywords that signal them in text.
// It is read-only once loaded and safe for concurrent use.
type Taxonomy struct {
	sectors     []sectorpulse.Sector
	byID        map[string]int
	keywords    *matcher // case-insensitive, stemmed
	exact       *matcher // case-sensitive
	fingerprint string
}

type sectorYAML struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	HSICS    string   `yaml:"hsics"`
	GICS     string   `yaml:"gics"`
	Keywords []string `yaml:"keywords"`
	Exact    []string `yaml:"exact"`
}

type sectorsFileYAML struct {
	Ignore  []string     `yaml:"ignore"`
	Sectors []sectorYAML `yaml:"sectors"`
}

// DefaultTaxonomy returns the built-in taxonomy (sentiment/data/sectors.yaml).
func DefaultTaxonomy() (*Taxonomy, error) {
	f, err := dataFS.Open(sectorsFile)
	if err != nil {
		return nil, fmt.Errorf("open embedded %s: %w", sectorsFile, err)
	}
	defer f.Close()
	return LoadTaxonomy(f, "sentiment/"+sectorsFile)
}

// LoadTaxonomy reads a YAML taxonomy ("sectors:" list of id, name, hsics,
// gics, keywords, exact; optional "ignore:" phrases) named name in error
// messages. Errors name the file and line.
func LoadTaxonomy(r io.Reader, name string) (*Taxonomy, error) {
	var file sectorsFileYAML
	data, root, err := decodeYAML(r, name, &file)
	if err != nil {
		return nil, err
	}
	if len(file.Sectors) == 0 {
		return nil, fmt.Errorf("%s: no sectors: %w", name, ErrInvalidSector)
	}
	t := &Taxonomy{
		byID:     make(map[string]int, len(file.Sectors)),
		keywords: newMatcher(keyStem),
		exact:    newMatcher(keyLower),
	}
	lines := itemLines(root, "sectors")
	for i, y := range file.Sectors {
		at := position(name, lineAt(lines, i))
		id := strings.TrimSpace(y.ID)
		switch {
		case id == "":
			return nil, fmt.Errorf("%s: sector without id: %w", at, ErrInvalidSector)
		case strings.TrimSpace(y.Name) == "":
			return nil, fmt.Errorf("%s: sector %q without name: %w", at, id, ErrInvalidSector)
		}
		if _, dup := t.byID[id]; dup {
			return nil, fmt.Errorf("%s: duplicate sector id %q: %w", at, id, ErrInvalidSector)
		}
		idx := len(t.sectors)
		for _, kw := range y.Keywords {
			if err := addKeyword(t.keywords, kw, false, idx); err != nil {
				return nil, fmt.Errorf("%s: sector %q keyword: %w", at, id, err)
			}
		}
		for _, kw := range y.Exact {
			if err := addKeyword(t.exact, kw, true, idx); err != nil {
				return nil, fmt.Errorf("%s: sector %q exact keyword: %w", at, id, err)
			}
		}
		t.byID[id] = idx
		t.sectors = append(t.sectors, sectorpulse.Sector{ID: id, Name: y.Name, HSICS: y.HSICS, GICS: y.GICS})
	}
	for _, p := range file.Ignore {
		if err := addKeyword(t.keywords, p, false, ignoreID); err != nil {
			return nil, fmt.Errorf("%s: ignore: %w", name, err)
		}
	}
	sum := sha256.Sum256(data)
	t.fingerprint = hex.EncodeToString(sum[:8])
	return t, nil
}

// addKeyword adds a keyword of sector idx; repeating a keyword (or an
// inflection of it) within one sector is harmless, across sectors an error.
func addKeyword(m *matcher, kw string, exact bool, idx int) error {
	err := m.add(kw, exact, idx)
	var dup *dupError
	if errors.As(err, &dup) && dup.id == idx {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: %w", err, ErrInvalidSector)
	}
	return nil
}

// Sectors returns the sectors in file order.
func (t *Taxonomy) Sectors() []sectorpulse.Sector {
	return slices.Clone(t.sectors)
}

// Lookup finds a sector by id.
func (t *Taxonomy) Lookup(id string) (sectorpulse.Sector, bool) {
	i, ok := t.byID[id]
	if !ok {
		return sectorpulse.Sector{}, false
	}
	return t.sectors[i], true
}

// IDs returns the sector ids in file order.
func (t *Taxonomy) IDs() []string {
	out := make([]string, len(t.sectors))
	for i, s := range t.sectors {
		out[i] = s.ID
	}
	return out
}

// findTokens appends the sector keyword matches in toks to out, in text
// order; a match's id indexes the taxonomy's sectors. Case-sensitive
// keywords that overlap a case-insensitive one or an ignored phrase are
// dropped.
func (t *Taxonomy) findTokens(toks []token, out []match) []match {
	kws := t.keywords.findAll(toks, nil)
	n := len(out)
	for _, m := range kws {
		if m.id != ignoreID {
			out = append(out, m)
		}
	}
	for _, m := range t.exact.findAll(toks, nil) {
		if !overlapsAny(m, kws) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out[n:], func(a, b match) int { return a.first - b.first })
	return out
}

// overlapsAny reports whether m shares a token with any of ms.
func overlapsAny(m match, ms []match) bool {
	for _, o := range ms {
		if m.first < o.last && o.first < m.last {
			return true
		}
	}
	return false
}
