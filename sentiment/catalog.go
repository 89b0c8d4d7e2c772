package sentiment

import (
	"io"
	"slices"
)

// AddFile adds the entities and ignored phrases of a YAML entities file in
// the format of the built-in one (see LoadGazetteer), named name in error
// messages; with a taxonomy t, each entity's sector ids must be ids of t.
// Each entity is checked like Add. Errors name the file and, where known,
// the line: a clash wraps ErrAliasClash, a bad entity or an unknown sector
// ErrInvalidEntity; a file that is not YAML or has an unknown key wraps
// neither. On any error g is left as it was.
func (g *Gazetteer) AddFile(r io.Reader, name string, t *Taxonomy) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	// Load into a copy of the matcher (matcher.add never shares a grown
	// slice) so that a refused file leaves g as it was.
	saved, n, ni := g.match, len(g.entities), len(g.ignore)
	g.match = saved.clone()
	if err := g.loadFile(r, name, t); err != nil {
		g.match = saved
		for k, i := range g.byKey {
			if i >= n {
				delete(g.byKey, k)
			}
		}
		g.entities, g.ignore = g.entities[:n:n], g.ignore[:ni:ni]
		return err
	}
	g.fingerprint = g.computeFingerprint()
	return nil
}

// DroppedSector is a sector id that RestrictSectors removed from an
// entity.
type DroppedSector struct {
	// Entity is the canonical name of the entity.
	Entity string
	// Sector is the id the taxonomy lacks.
	Sector string
}

// RestrictSectors removes from every entity of g the sector ids that t does
// not have, so that a replaced taxonomy leaves no entity pointing at a
// sector it lacks, and returns what it removed, in entity order. The
// fingerprint changes only when something was removed.
func (g *Gazetteer) RestrictSectors(t *Taxonomy) []DroppedSector {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []DroppedSector
	for i := range g.entities {
		e := &g.entities[i]
		if !slices.ContainsFunc(e.Sectors, func(id string) bool { _, ok := t.byID[id]; return !ok }) {
			continue
		}
		kept := make([]string, 0, len(e.Sectors))
		for _, id := range e.Sectors {
			if _, ok := t.byID[id]; ok {
				kept = append(kept, id)
			} else {
				out = append(out, DroppedSector{Entity: e.Name, Sector: id})
			}
		}
		// A new slice: copies handed out by Entities or entityAt keep theirs.
		e.Sectors = kept
	}
	if len(out) > 0 {
		g.fingerprint = g.computeFingerprint()
	}
	return out
}
