package sentiment

import "github.com/sectorpulse/sectorpulse"

// Find returns every mention of a known entity in text, in order and
// non-overlapping; where aliases overlap the longest wins ("Hang Seng Tech
// Index" over "Hang Seng"). Long names match ignoring case; short names
// ("Fed", "NIO", "BYD") and all-capital aliases match case-sensitively;
// every alias matches whole words only, and possessives ("BYD's",
// "Tencent’s") still match.
func (g *Gazetteer) Find(text string) []EntityHit {
	toks := tokenize(text)
	ms := g.findTokens(toks, nil)
	g.mu.RLock()
	defer g.mu.RUnlock()
	out := make([]EntityHit, len(ms))
	for i, m := range ms {
		out[i] = EntityHit{
			Entity: cloneEntity(g.entities[m.id]),
			Start:  toks[m.first].start,
			End:    toks[m.last-1].end,
		}
	}
	return out
}

// findTokens appends to out the entity matches in toks; a match's id
// indexes the gazetteer's entities. Ignored phrases are left out.
func (g *Gazetteer) findTokens(toks []token, out []match) []match {
	g.mu.RLock()
	defer g.mu.RUnlock()
	n := len(out)
	out = g.match.findAll(toks, out)
	kept := out[:n]
	for _, m := range out[n:] {
		if m.id != ignoreID {
			kept = append(kept, m)
		}
	}
	return kept
}

// entityAt returns entity i without copying its slices; the caller must not
// modify them.
func (g *Gazetteer) entityAt(i int) sectorpulse.Entity {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.entities[i]
}
