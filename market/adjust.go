package market

import (
	"cmp"
	"math"
	"slices"
)

// AdjustBH returns the Benjamini–Hochberg adjusted p-values (q-values) of p,
// in the same order, controlling the false discovery rate over the family of
// the finite values of p (Benjamini and Hochberg 1995, "Controlling the false
// discovery rate", JRSS B 57, 289–300).
//
// With the m finite p-values sorted ascending, p(1) ≤ … ≤ p(m), the
// adjusted value of p(i) is the step-up running minimum
//
//	q(i) = min over j ≥ i of min(1, m·p(j)/j),
//
// taken from the largest p down, so that q is monotone in p and capped at 1.
// This is R's p.adjust(p, "BH"). NaN and infinite entries are left out of
// the family and come back as NaN; p itself is not modified.
func AdjustBH(p []float64) []float64 {
	out := make([]float64, len(p))
	idx := make([]int, 0, len(p))
	for i, v := range p {
		out[i] = math.NaN()
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(p[a], p[b]) })
	m := float64(len(idx))
	running := 1.0
	for rank := len(idx); rank >= 1; rank-- {
		i := idx[rank-1]
		running = min(running, m*p[i]/float64(rank))
		out[i] = running
	}
	return out
}
