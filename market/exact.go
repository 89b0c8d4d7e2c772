package market

import "math"

// ExactMaxN is the largest number of pairs for which Spearman's and
// Kendall's p-values are exact permutation p-values rather than the t and
// normal approximations, which are far too small for a handful of pairs
// (at n = 3 a perfect rank correlation has p = 1/3, not 0).
const ExactMaxN = 8

// exactRankP returns the exact two-sided permutation p-value of Spearman's
// rho (method MethodSpearman) or Kendall's tau-b (otherwise): the share of
// the n! orderings of y, ties kept as they are, whose |statistic| is at
// least the observed one. Under a permutation of y the denominators of rho
// and tau-b do not change, so each ordering is scored by its numerator
// alone: Σ (rx_i − mean)(ry_π(i) − mean) for rho, S = Σ_{i<j}
// sign(x_i − x_j)·sign(y_π(i) − y_π(j)) for tau-b. n must be small
// (ExactMaxN! = 40,320 orderings); the caller checks that the statistic
// is defined.
func exactRankP(x, y []float64, method string) float64 {
	n := len(x)
	var score func(perm []float64) float64
	perm := make([]float64, n)
	if method == MethodSpearman {
		dx := ranksAroundMean(x)
		copy(perm, ranksAroundMean(y))
		score = func(p []float64) float64 {
			s := 0.0
			for i, d := range dx {
				s += d * p[i]
			}
			return math.Abs(s)
		}
	} else {
		sx := make([]float64, 0, n*(n-1)/2) // sign(x_i − x_j), i < j
		for i := range n {
			for j := i + 1; j < n; j++ {
				sx = append(sx, sign(x[i]-x[j]))
			}
		}
		copy(perm, y)
		score = func(p []float64) float64 {
			s, k := 0.0, 0
			for i := range n {
				for j := i + 1; j < n; j++ {
					s += sx[k] * sign(p[i]-p[j])
					k++
				}
			}
			return math.Abs(s)
		}
	}
	obs := score(perm) - 1e-9 // rounding of the float numerator of rho
	total, hits := 0, 0
	visit := func() {
		total++
		if score(perm) >= obs {
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

// ranksAroundMean returns the average ranks of x less their mean.
func ranksAroundMean(x []float64) []float64 {
	r := averageRanksInto(nil, x, orderInto(nil, x))
	mean := float64(len(r)+1) / 2 // the mean of average ranks is always (n+1)/2
	for i := range r {
		r[i] -= mean
	}
	return r
}

// sign returns −1, 0 or 1 as v is negative, zero or positive.
func sign(v float64) float64 {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}
