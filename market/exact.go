package market

import "math"

// ExactMaxN is the largest number of pairs for which Spearman's and
// Kendall's p-values are exact permutation p-values rather than the t and
// normal approximations, which are far too small for a handful of pairs
// (at n = 3 a perfect rank correlation has p = 1/3, not 0).
const ExactMaxN = 8

// exactRankP returns the exact two-sided permutation p-value of a rank
// statistic: the share of the n! orderings of y (ties kept as they are)
// whose |stat(x, y)| is at least the observed one, less a tolerance for
// rounding. It is NaN when the observed statistic is NaN. n must be small
// (ExactMaxN! = 40,320 orderings).
func exactRankP(x, y []float64, stat func(x, y []float64) float64) float64 {
	obs := math.Abs(stat(x, y))
	if math.IsNaN(obs) {
		return math.NaN()
	}
	perm := append([]float64(nil), y...)
	n := len(perm)
	total, hits := 0, 0
	visit := func() {
		total++
		if v := math.Abs(stat(x, perm)); v >= obs-1e-9 {
			hits++
		}
	}
	// Heap's algorithm, iterative: every ordering once.
	c := make([]int, n)
	visit()
	for i := 0; i < n; {
		if c[i] < i {
			if i%2 == 0 {
				perm[0], perm[i] = perm[i], perm[0]
			} else {
				perm[c[i]], perm[i] = perm[i], perm[c[i]]
			}
			visit()
			c[i]++
			i = 0
			continue
		}
		c[i] = 0
		i++
	}
	return float64(hits) / float64(total)
}

// kendallTau returns Kendall's tau-b of x and y (NaN when undefined).
func kendallTau(x, y []float64) float64 { return kendall(x, y).tau }
