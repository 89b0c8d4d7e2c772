package sentiment

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/sectorpulse/sectorpulse"
	"go.yaml.in/yaml/v3"
)

// Gazetteer is the set of entities the analyzer recognises: canonical names,
// aliases (English and Chinese), tickers and sectors. It is safe for
// concurrent use.
type Gazetteer struct {
	mu          sync.RWMutex
	entities    []sectorpulse.Entity
	byKey       map[string]int // lower-cased name, alias or ticker → entity
	match       *matcher       // ids index entities, or are ignoreID
	ignore      []string
	fingerprint string
}

// EntityHit is one mention of an entity in a text, as byte offsets.
type EntityHit struct {
	Entity     sectorpulse.Entity
	Start, End int
}

// entityYAML is one entity of an entities file.
type entityYAML struct {
	Name    string   `yaml:"name"`
	Kind    string   `yaml:"kind"`
	Aliases []string `yaml:"aliases"`
	Tickers []string `yaml:"tickers"`
	Sectors []string `yaml:"sectors"`
}

type entitiesFileYAML struct {
	Ignore   []string     `yaml:"ignore"`
	Entities []entityYAML `yaml:"entities"`
}

// DefaultGazetteer returns the built-in gazetteer: sentiment/data/entities.yaml,
// then every file of sentiment/data/entities/ in name order, with the
// indexes of sectorpulse.Indexes.
func DefaultGazetteer() (*Gazetteer, error) {
	names := []string{entitiesFile}
	more, err := fs.Glob(dataFS, entitiesDir+"/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list embedded %s: %w", entitiesDir, err)
	}
	names = append(names, more...)
	// The files are parsed at once, one goroutine each, and added in
	// order: parsing YAML is most of the load time.
	files := make([]parsedEntities, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() {
			files[i] = parseEmbeddedEntities(n)
		})
	}
	wg.Wait()
	g := newGazetteer()
	if err := g.addIndexes(); err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.err != nil {
			return nil, f.err
		}
		if err := g.addParsed(f, nil); err != nil {
			return nil, err
		}
	}
	if err := g.finish(); err != nil {
		return nil, err
	}
	return g, nil
}

// parsedEntities is an entities file parsed: its name in messages, its
// content and the lines of its entities, or the error reading it.
type parsedEntities struct {
	name  string
	file  entitiesFileYAML
	lines []int
	err   error
}

// parseEmbeddedEntities parses the embedded entities file n.
func parseEmbeddedEntities(n string) parsedEntities {
	f, err := dataFS.Open(n)
	if err != nil {
		return parsedEntities{err: fmt.Errorf("open embedded %s: %w", n, err)}
	}
	defer f.Close()
	return parseEntities(f, "sentiment/"+n)
}

// parseEntities parses an entities file named name in messages. It walks
// the YAML node tree itself rather than decoding by reflection: the
// built-in files are read on every start.
func parseEntities(r io.Reader, name string) parsedEntities {
	p := parsedEntities{name: name}
	_, root, err := parseYAML(r, name)
	if err == nil {
		err = p.fromNode(root.Content[0])
	}
	p.err = err
	return p
}

// fromNode fills p from the document's top mapping: "entities" and
// "ignore"; any other key is an error naming file and line.
func (p *parsedEntities) fromNode(doc *yaml.Node) error {
	if doc.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: want a mapping with entities and ignore", p.name, doc.Line)
	}
	seen := make(map[string]int, 2)
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			return fmt.Errorf("%s:%d: key %q already given at line %d", p.name, k.Line, k.Value, line)
		}
		seen[k.Value] = k.Line
		switch k.Value {
		case "ignore":
			list, err := stringsOf(v, p.name, "ignore")
			if err != nil {
				return err
			}
			p.file.Ignore = append(p.file.Ignore, list...)
		case "entities":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue
			}
			if v.Kind != yaml.SequenceNode {
				return fmt.Errorf("%s:%d: entities: want a list", p.name, v.Line)
			}
			for _, item := range v.Content {
				e, err := entityFromNode(item, p.name)
				if err != nil {
					return err
				}
				p.file.Entities = append(p.file.Entities, e)
				p.lines = append(p.lines, item.Line)
			}
		default:
			return fmt.Errorf("%s:%d: field %s not found in an entities file (entities, ignore)", p.name, k.Line, k.Value)
		}
	}
	return nil
}

// entityFromNode reads one entity of an entities file.
func entityFromNode(n *yaml.Node, name string) (entityYAML, error) {
	var e entityYAML
	if n.Kind != yaml.MappingNode {
		return e, fmt.Errorf("%s:%d: an entity must be a mapping of name, kind, aliases, tickers, sectors", name, n.Line)
	}
	seen := make(map[string]int, 5)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			return e, fmt.Errorf("%s:%d: key %q already given at line %d", name, k.Line, k.Value, line)
		}
		seen[k.Value] = k.Line
		var err error
		switch k.Value {
		case "name":
			e.Name, err = scalarOf(v, name, "name")
		case "kind":
			e.Kind, err = scalarOf(v, name, "kind")
		case "aliases":
			e.Aliases, err = stringsOf(v, name, "aliases")
		case "tickers":
			e.Tickers, err = stringsOf(v, name, "tickers")
		case "sectors":
			e.Sectors, err = stringsOf(v, name, "sectors")
		default:
			err = fmt.Errorf("%s:%d: field %s not found in an entity (name, kind, aliases, tickers, sectors)", name, k.Line, k.Value)
		}
		if err != nil {
			return e, err
		}
	}
	return e, nil
}

// LoadGazetteer reads a YAML entities file ("entities:" list of name, kind,
// aliases, tickers, sectors; optional "ignore:" phrases) named name in error
// messages. The result also holds the indexes of sectorpulse.Indexes, with
// the index code as first ticker. An ignored phrase names no entity and,
// as the longest match wins, hides the shorter names inside it ("Hang Seng
// Indexes Co" is not the Hang Seng Index, "Tencent Music" not Tencent);
// the names of bodies that start with an index's name ("Hang Seng
// Indexes") are always ignored unless an entity has them. Errors name the
// file and line.
func LoadGazetteer(r io.Reader, name string) (*Gazetteer, error) {
	g := newGazetteer()
	if err := g.addIndexes(); err != nil {
		return nil, err
	}
	if err := g.loadFile(r, name, nil); err != nil {
		return nil, err
	}
	if err := g.finish(); err != nil {
		return nil, err
	}
	return g, nil
}

// addIndexes adds the indexes of sectorpulse.Indexes.
func (g *Gazetteer) addIndexes() error {
	for _, ix := range sectorpulse.Indexes() {
		if err := g.addLoading(indexEntity(ix)); err != nil {
			return fmt.Errorf("index %s: %w", ix.Code, err)
		}
	}
	return nil
}

// loadFile adds the entities and ignored phrases of one entities file,
// checking their sectors against t unless t is nil.
func (g *Gazetteer) loadFile(r io.Reader, name string, t *Taxonomy) error {
	p := parseEntities(r, name)
	if p.err != nil {
		return p.err
	}
	return g.addParsed(p, t)
}

// addParsed adds the entities and ignored phrases of a parsed file; with
// a taxonomy t, a sector id t lacks is an error naming file and line.
func (g *Gazetteer) addParsed(p parsedEntities, t *Taxonomy) error {
	for i, y := range p.file.Entities {
		if t != nil {
			for _, id := range y.Sectors {
				if _, ok := t.byID[id]; !ok {
					return fmt.Errorf("%s: entity %q: sector %q is not in the taxonomy (see sectors list): %w",
						position(p.name, lineAt(p.lines, i)), y.Name, id, ErrInvalidEntity)
				}
			}
		}
		e := sectorpulse.Entity{
			Name:    strings.TrimSpace(y.Name),
			Kind:    sectorpulse.EntityKind(y.Kind),
			Aliases: y.Aliases,
			Tickers: y.Tickers,
			Sectors: y.Sectors,
		}
		if err := g.addLoading(e); err != nil {
			return fmt.Errorf("%s: entity %q: %w", position(p.name, lineAt(p.lines, i)), y.Name, err)
		}
	}
	for _, ig := range p.file.Ignore {
		if err := g.addIgnore(ig); err != nil {
			return fmt.Errorf("%s: ignore: %w", p.name, err)
		}
	}
	return nil
}

// finish ignores the names of bodies that start with an index's name and
// computes the fingerprint.
func (g *Gazetteer) finish() error {
	for _, p := range notIndexNames() {
		if _, ok := g.byKey[strings.ToLower(p)]; ok || slices.Contains(g.ignore, p) {
			continue
		}
		if err := g.addIgnore(p); err != nil {
			return fmt.Errorf("ignore %q: %w", p, err)
		}
	}
	g.fingerprint = g.computeFingerprint()
	return nil
}

// indexEntity turns an index into an entity of kind index whose first
// ticker is the index code.
func indexEntity(ix sectorpulse.Index) sectorpulse.Entity {
	e := sectorpulse.Entity{Name: ix.Name, Kind: sectorpulse.KindIndex}
	e.Tickers = append([]string{ix.Code}, ix.Tickers...)
	for _, a := range ix.Aliases {
		if a != ix.Name && a != ix.Code {
			e.Aliases = append(e.Aliases, a)
		}
	}
	return e
}

func newGazetteer() *Gazetteer {
	return &Gazetteer{byKey: make(map[string]int), match: newMatcher(keyLower)}
}

// Entities returns copies of all entities, sorted by name.
func (g *Gazetteer) Entities() []sectorpulse.Entity {
	g.mu.RLock()
	defer g.mu.RUnlock()
	out := make([]sectorpulse.Entity, len(g.entities))
	for i, e := range g.entities {
		out[i] = cloneEntity(e)
	}
	slices.SortFunc(out, func(a, b sectorpulse.Entity) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Lookup finds an entity by canonical name, alias or ticker, ignoring case.
func (g *Gazetteer) Lookup(nameOrTicker string) (sectorpulse.Entity, bool) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.byKey[strings.ToLower(strings.TrimSpace(nameOrTicker))]
	if !ok {
		return sectorpulse.Entity{}, false
	}
	return cloneEntity(g.entities[i]), true
}

// Add adds a user entity. It fails with ErrInvalidEntity when the name is
// empty, the kind unknown or an alias, ticker or sector empty, and with
// ErrAliasClash when a name, alias or ticker already names another entity.
func (g *Gazetteer) Add(e sectorpulse.Entity) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if err := g.add(e); err != nil {
		return fmt.Errorf("add entity %q: %w", e.Name, err)
	}
	g.fingerprint = g.computeFingerprint()
	return nil
}

// add validates and adds e, leaving g as it was when e is refused; the
// caller holds the lock.
func (g *Gazetteer) add(e sectorpulse.Entity) error {
	// Add to a copy so that a failed phrase leaves g as it was.
	saved := g.match
	g.match = saved.clone()
	if err := g.addLoading(e); err != nil {
		g.match = saved
		return err
	}
	return nil
}

// addLoading validates and adds e to the matcher in place: a refused
// entity may leave some of its names in the matcher, which is harmless
// while loading a file, as an error then discards the gazetteer.
func (g *Gazetteer) addLoading(e sectorpulse.Entity) error {
	e = cloneEntity(e)
	if e.Name == "" {
		return fmt.Errorf("missing name: %w", ErrInvalidEntity)
	}
	if !validKind(e.Kind) {
		return fmt.Errorf("unknown kind %q: %w", e.Kind, ErrInvalidEntity)
	}
	for _, list := range [][]string{e.Aliases, e.Tickers, e.Sectors} {
		for _, s := range list {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("empty alias, ticker or sector: %w", ErrInvalidEntity)
			}
		}
	}
	for _, list := range [][]string{{e.Name}, e.Aliases, e.Tickers} {
		for _, s := range list {
			if !hasWord(s) {
				return fmt.Errorf("name, alias or ticker %q has no letter, digit or Chinese character: %w", s, ErrInvalidEntity)
			}
		}
	}
	idx := len(g.entities)
	names := g.names(e)
	for _, n := range names {
		if j, ok := g.byKey[strings.ToLower(n)]; ok {
			return fmt.Errorf("%q already names %q: %w", n, g.entities[j].Name, ErrAliasClash)
		}
	}
	for _, n := range names {
		err := g.match.addName(n, idx)
		var dup *dupError
		switch {
		case errors.As(err, &dup) && dup.id == idx:
		case errors.As(err, &dup) && dup.id == ignoreID:
			return fmt.Errorf("%q is an ignored phrase of the gazetteer: %w", n, ErrAliasClash)
		case errors.As(err, &dup):
			return fmt.Errorf("%q reads as a name of %q: %w", n, g.entities[dup.id].Name, ErrAliasClash)
		case err != nil:
			return fmt.Errorf("%w: %w", err, ErrInvalidEntity)
		}
	}
	for _, n := range names {
		g.byKey[strings.ToLower(n)] = idx
	}
	g.entities = append(g.entities, e)
	return nil
}

// addIgnore adds a phrase that names no entity; the caller holds the lock.
func (g *Gazetteer) addIgnore(p string) error {
	p = strings.TrimSpace(p)
	if p == "" {
		return fmt.Errorf("empty phrase: %w", ErrInvalidEntity)
	}
	if j, ok := g.byKey[strings.ToLower(p)]; ok {
		return fmt.Errorf("%q names %q: %w", p, g.entities[j].Name, ErrAliasClash)
	}
	err := g.match.add(p, false, ignoreID)
	var dup *dupError
	switch {
	case errors.As(err, &dup) && dup.id == ignoreID:
		return nil
	case errors.As(err, &dup):
		return fmt.Errorf("%q reads as a name of %q: %w", p, g.entities[dup.id].Name, ErrAliasClash)
	case err != nil:
		return fmt.Errorf("%w: %w", err, ErrInvalidEntity)
	}
	g.ignore = append(g.ignore, p)
	return nil
}

// names returns the name, aliases and tickers of e without duplicates.
func (g *Gazetteer) names(e sectorpulse.Entity) []string {
	out := make([]string, 0, 1+len(e.Aliases)+len(e.Tickers))
	seen := make(map[string]bool)
	for _, n := range append(append([]string{e.Name}, e.Aliases...), e.Tickers...) {
		n = strings.TrimSpace(n)
		if seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	return out
}

func validKind(k sectorpulse.EntityKind) bool {
	switch k {
	case sectorpulse.KindCompany, sectorpulse.KindOrganization, sectorpulse.KindPerson,
		sectorpulse.KindIndex, sectorpulse.KindProduct, sectorpulse.KindOther:
		return true
	}
	return false
}

func cloneEntity(e sectorpulse.Entity) sectorpulse.Entity {
	e.Aliases = slices.Clone(e.Aliases)
	e.Tickers = slices.Clone(e.Tickers)
	e.Sectors = slices.Clone(e.Sectors)
	return e
}

// computeFingerprint hashes the entities so that a changed gazetteer
// changes the analyzer's PromptVersion; the caller holds the lock.
func (g *Gazetteer) computeFingerprint() string {
	lines := make([]string, len(g.entities))
	for i, e := range g.entities {
		lines[i] = strings.Join([]string{e.Name, string(e.Kind), strings.Join(e.Aliases, "\x1f"),
			strings.Join(e.Tickers, "\x1f"), strings.Join(e.Sectors, "\x1f")}, "\x1e")
	}
	for _, p := range g.ignore {
		lines = append(lines, "\x1dignore\x1e"+p)
	}
	slices.Sort(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:8])
}

// version returns the gazetteer's fingerprint.
func (g *Gazetteer) version() string {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.fingerprint
}

// hasWord reports whether s holds a word, a number or a Han character: a
// name of punctuation alone would match every text.
func hasWord(s string) bool {
	for _, r := range s {
		if isLetter(r) || isDigit(r) || isCJK(r) {
			return true
		}
	}
	return false
}
