package market

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// z975 is the 0.975 quantile of the standard normal distribution.
const z975 = 1.959963984540054

// perfectTolerance is how close |r| must come to 1 to count as a perfect
// correlation; it absorbs floating-point rounding.
const perfectTolerance = 1e-12

// pearson returns Pearson's r of x and y, NaN when fewer than two pairs or
// either series is constant. r is clamped to [-1, 1] and snapped to ±1
// within perfectTolerance.
func pearson(x, y []float64) float64 {
	if len(x) < 2 || constant(x) || constant(y) {
		return math.NaN()
	}
	r := stat.Correlation(x, y, nil)
	switch {
	case math.IsNaN(r):
		return r
	case r >= 1-perfectTolerance:
		return 1
	case r <= -1+perfectTolerance:
		return -1
	}
	return r
}

// constant reports whether every value of x is the same.
func constant(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}

// spearman returns Spearman's rho: Pearson's r of the average ranks.
func spearman(x, y []float64) float64 {
	return pearson(ranks(x), ranks(y))
}

// ranks returns the 1-based ranks of x; tied values get the mean of the
// ranks they span.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	out := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		mean := float64(i+j+1) / 2 // mean of ranks i+1 … j
		for k := i; k < j; k++ {
			out[idx[k]] = mean
		}
		i = j
	}
	return out
}

// pValue returns the two-sided p-value of r over n pairs from Student's t
// with n−2 degrees of freedom, t = r·sqrt((n−2)/(1−r²)); |r| = 1 gives 0.
// It is NaN when r is NaN or n < 3.
func pValue(r float64, n int) float64 {
	if math.IsNaN(r) || n < 3 {
		return math.NaN()
	}
	if math.Abs(r) >= 1 {
		return 0
	}
	df := float64(n - 2)
	t := math.Abs(r) * math.Sqrt(df/(1-r*r))
	return 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Survival(t)
}

// fisherCI returns the 95% confidence interval of r by Fisher's z
// transform with standard error se(n); NaN when r is NaN or n ≤ 3.
func fisherCI(r float64, n int, spearman bool) (lo, hi float64) {
	if math.IsNaN(r) || n <= 3 {
		return math.NaN(), math.NaN()
	}
	se := 1 / math.Sqrt(float64(n-3))
	if spearman {
		// Fieller, Hartley and Pearson (1957).
		se = math.Sqrt(1.06 / float64(n-3))
	}
	z := math.Atanh(r)
	return math.Tanh(z - z975*se), math.Tanh(z + z975*se)
}
