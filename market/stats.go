package market

import (
	"cmp"
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

// Standard errors of Fisher's z = atanh(r) for the rank correlations, as
// multiples of the Pearson variance: Fieller, Hartley and Pearson (1957),
// "Tests for rank correlation coefficients. I", Biometrika 44, 470–481.
const (
	// spearmanZVar gives Var(atanh rho) ≈ 1.06/(n−3).
	spearmanZVar = 1.06
	// kendallZVar gives Var(atanh tau) ≈ 0.437/(n−4).
	kendallZVar = 0.437
)

// statScratch holds the buffers that the statistics reuse from one series to
// the next, so that a Correlate call over many sectors, lags and methods
// allocates them once. The zero value is ready to use; a statScratch must not
// be shared between goroutines.
type statScratch struct {
	ox, oy []int     // ascending orders of x and y, for the sorting entry points
	rx, ry []float64 // average ranks of x and y
	dx     []int     // dense ranks of x (0, 1, …), for Knight's first sort
	count  []int     // counting-sort buckets
	perm   []int     // positions in Knight's (x, y) order
	ys     []float64 // y in Knight's order, merge-sorted in place
	tmp    []float64 // merge buffer
}

// sample is n paired observations (x[i], y[i]) together with the ascending
// orders of x and of y: x[ox[0]] ≤ x[ox[1]] ≤ … and likewise for y. The rank
// statistics need only these orders, so a caller that already knows them
// (Correlate derives them from one sort per series) need not sort again.
type sample struct {
	x, y   []float64
	ox, oy []int
}

// sorted returns the sample of x and y with orders computed by sorting into
// the scratch buffers.
func (s *statScratch) sorted(x, y []float64) sample {
	s.ox = orderInto(s.ox, x)
	s.oy = orderInto(s.oy, y)
	return sample{x: x, y: y, ox: s.ox, oy: s.oy}
}

// grow returns buf resliced to length n, reallocated only when too small.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// orderInto returns, in dst grown as needed, the positions 0…len(x)−1
// sorted by ascending x (NaN first, as cmp.Compare orders them).
func orderInto(dst []int, x []float64) []int {
	dst = grow(dst, len(x))
	for i := range dst {
		dst[i] = i
	}
	slices.SortFunc(dst, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	return dst
}

// pearson returns Pearson's product-moment correlation
// r = Σ(x−x̄)(y−ȳ) / sqrt(Σ(x−x̄)²·Σ(y−ȳ)²), computed by gonum's two-pass
// stat.Correlation. It is NaN when there are fewer than two pairs or either
// series is constant. r is clamped to [-1, 1] and snapped to ±1 within
// perfectTolerance.
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

// spearman returns Spearman's rho: Pearson's r of the average ranks (ties
// get the mean of the ranks they span), which is the tie-corrected rho; NaN
// when either series is constant.
func spearman(x, y []float64) float64 {
	var s statScratch
	return s.spearman(s.sorted(x, y))
}

// spearman is the package-level spearman of an ordered sample, using the
// scratch buffers.
func (s *statScratch) spearman(p sample) float64 {
	s.rx = averageRanksInto(s.rx, p.x, p.ox)
	s.ry = averageRanksInto(s.ry, p.y, p.oy)
	return pearson(s.rx, s.ry)
}

// averageRanksInto returns, in dst grown as needed, the 1-based ranks of x
// given its ascending order; the values of a run of t ties at sorted
// positions i+1 … i+t all get the mean rank i + (t+1)/2.
func averageRanksInto(dst, x []float64, order []int) []float64 {
	dst = grow(dst, len(x))
	for i := 0; i < len(order); {
		j := i + 1
		for j < len(order) && x[order[j]] == x[order[i]] {
			j++
		}
		mean := float64(i+j+1) / 2 // mean of ranks i+1 … j
		for k := i; k < j; k++ {
			dst[order[k]] = mean
		}
		i = j
	}
	return dst
}

// pValue returns the two-sided p-value of r over n pairs from Student's t
// with n−2 degrees of freedom, t = r·sqrt((n−2)/(1−r²)), p = 2·P(T > |t|);
// |r| = 1 gives 0. It is NaN when r is NaN or n < 3. It serves Pearson's r
// and, as an approximation, Spearman's rho.
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

// normalTwoSided returns the two-sided tail probability of the standard
// normal distribution, P(|Z| > |z|) = erfc(|z|/√2); NaN for NaN z.
func normalTwoSided(z float64) float64 {
	return math.Erfc(math.Abs(z) / math.Sqrt2)
}

// fisherCI returns the 95% confidence interval of r over n pairs by Fisher's
// z transform: tanh(atanh(r) ± z975·se) with se = 1/sqrt(n−3) for Pearson
// and se = sqrt(1.06/(n−3)) for Spearman (Fieller, Hartley and Pearson
// 1957). It is NaN when r is NaN or n ≤ 3.
func fisherCI(r float64, n int, spearman bool) (lo, hi float64) {
	if math.IsNaN(r) || n <= 3 {
		return math.NaN(), math.NaN()
	}
	v := 1.0
	if spearman {
		v = spearmanZVar
	}
	return fisherInterval(r, math.Sqrt(v/float64(n-3)))
}

// fisherInterval returns tanh(atanh(r) ± z975·se), the 95% interval of r
// whose Fisher z has standard error se.
func fisherInterval(r, se float64) (lo, hi float64) {
	z := math.Atanh(r)
	return math.Tanh(z - z975*se), math.Tanh(z + z975*se)
}
