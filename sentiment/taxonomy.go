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
	parent      []int    // index of each sector's parent; -1 for a top-level sector
	keywords    *matcher // case-insensitive, stemmed
	exact       *matcher // case-sensitive
	fingerprint string
}

// sectorYAML is one sector of a taxonomy file.
type sectorYAML struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Parent   string   `yaml:"parent"`
	HSICS    string   `yaml:"hsics"`
	GICS     string   `yaml:"gics"`
	Keywords []string `yaml:"keywords"`
	Exact    []string `yaml:"exact"`
}

// sectorsFileYAML is a taxonomy file.
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

// LoadTaxonomy reads a YAML taxonomy ("sectors:" list of id, name,
// parent, hsics, gics, keywords, exact; optional "ignore:" phrases) named
// name in error messages. A parent is the id of another sector of the same
// file, defined before or after; parents must not form a cycle. Errors
// name the file and line.
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
		t.sectors = append(t.sectors, sectorpulse.Sector{
			ID: id, Name: y.Name, HSICS: y.HSICS, GICS: y.GICS, Parent: strings.TrimSpace(y.Parent),
		})
	}
	if err := t.linkParents(name, lines); err != nil {
		return nil, err
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

// linkParents resolves each sector's parent id to an index and rejects a
// parent that is unknown, the sector itself or part of a cycle; lines are
// the sectors' lines in file name.
func (t *Taxonomy) linkParents(name string, lines []int) error {
	t.parent = make([]int, len(t.sectors))
	for i, s := range t.sectors {
		t.parent[i] = -1
		if s.Parent == "" {
			continue
		}
		at := position(name, lineAt(lines, i))
		p, ok := t.byID[s.Parent]
		switch {
		case !ok:
			return fmt.Errorf("%s: sector %q: unknown parent %q: %w", at, s.ID, s.Parent, ErrInvalidSector)
		case p == i:
			return fmt.Errorf("%s: sector %q is its own parent: %w", at, s.ID, ErrInvalidSector)
		}
		t.parent[i] = p
	}
	// Every sector of a cycle comes back to itself within len(t.sectors)
	// steps; a sector that only leads into a cycle does not, and the cycle
	// is reported at its first sector in file order.
	for i, s := range t.sectors {
		p := t.parent[i]
		for n := 0; p >= 0 && n < len(t.sectors); n++ {
			if p == i {
				at := position(name, lineAt(lines, i))
				return fmt.Errorf("%s: sector %q: parents form a cycle: %s: %w", at, s.ID, t.chain(i), ErrInvalidSector)
			}
			p = t.parent[p]
		}
	}
	return nil
}

// chain returns the ids from sector i up its parents back to i, e.g.
// "a → b → a"; i must be part of a cycle.
func (t *Taxonomy) chain(i int) string {
	ids := []string{t.sectors[i].ID}
	for p := t.parent[i]; p != i; p = t.parent[p] {
		ids = append(ids, t.sectors[p].ID)
	}
	ids = append(ids, t.sectors[i].ID)
	return strings.Join(ids, " → ")
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

// Children returns the ids of the sectors whose parent is id, in file
// order; none for a leaf or an unknown id.
func (t *Taxonomy) Children(id string) []string {
	i, ok := t.byID[id]
	if !ok {
		return nil
	}
	var out []string
	for j, p := range t.parent {
		if p == i {
			out = append(out, t.sectors[j].ID)
		}
	}
	return out
}

// Ancestors returns the ids of the sectors id belongs to, nearest first
// ("tech" for "tech.ai"); none for a top-level sector or an unknown id.
func (t *Taxonomy) Ancestors(id string) []string {
	i, ok := t.byID[id]
	if !ok {
		return nil
	}
	var out []string
	for p := t.parent[i]; p >= 0; p = t.parent[p] {
		out = append(out, t.sectors[p].ID)
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
