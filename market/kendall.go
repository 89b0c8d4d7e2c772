package market

import "math"

// kendallStats is the result of Kendall's tau-b over n pairs.
type kendallStats struct {
	// n is the number of pairs.
	n int
	// tau is tau-b, NaN when either series is constant or n < 2.
	tau float64
	// s is Kendall's score S = C − D, concordant minus discordant pairs.
	s float64
	// varS is the tie-corrected variance of S under independence.
	varS float64
}

// tieSums accumulates, over the groups of tied values of one series (a
// group of t equal values), the sums that tau-b and Var(S) need.
type tieSums struct {
	pairs int64   // Σ t(t−1)/2, the pairs tied in this series
	v5    float64 // Σ t(t−1)(2t+5)
	v2    float64 // Σ t(t−1)(t−2)
}

// add records a group of t tied values.
func (ts *tieSums) add(t int) {
	if t < 2 {
		return
	}
	ft := float64(t)
	ts.pairs += int64(t) * int64(t-1) / 2
	ts.v5 += ft * (ft - 1) * (2*ft + 5)
	ts.v2 += ft * (ft - 1) * (ft - 2)
}

// kendall returns Kendall's tau-b of x and y with its score S and the
// tie-corrected variance of S; see statScratch.kendall.
func kendall(x, y []float64) kendallStats {
	var s statScratch
	return s.kendall(s.sorted(x, y))
}

// kendall returns Kendall's tau-b of the sample, computed in O(n log n) by
// Knight's algorithm (W. R. Knight 1966, "A computer method for calculating
// Kendall's tau with ungrouped data", JASA 61, 436–439):
//
//  1. sort the pairs by x, then by y within ties of x;
//  2. count n1 = Σt(t−1)/2 over the groups of t tied x values and
//     n3 = Σv(v−1)/2 over the groups of v pairs tied in both x and y;
//  3. merge-sort the y values in that order, counting the swaps: each swap
//     undoes one discordant pair, so the count is D;
//  4. count n2 = Σu(u−1)/2 over the groups of u tied y values, now adjacent.
//
// With n0 = n(n−1)/2 the concordant pairs are C = n0 − n1 − n2 + n3 − D,
// S = C − D and tau-b = S / sqrt((n0 − n1)(n0 − n2)), NaN when either
// series is constant or n < 2. Step 1 needs no comparison sort here: the
// sample's y order, stably bucketed by the dense rank of x (a two-key radix
// sort), is already ordered by x, then y.
//
// The variance of S under independence, corrected for ties in both series,
// is Kendall's (M. G. Kendall 1970, Rank Correlation Methods, 4th ed.):
//
//	Var(S) = [n(n−1)(2n+5) − Σt(t−1)(2t+5) − Σu(u−1)(2u+5)] / 18
//	       + Σt(t−1)(t−2)·Σu(u−1)(u−2) / [9n(n−1)(n−2)]
//	       + Σt(t−1)·Σu(u−1) / [2n(n−1)]
//
// where t runs over the tie groups of x and u over those of y.
func (s *statScratch) kendall(p sample) kendallStats {
	x, y := p.x, p.y
	n := len(x)
	out := kendallStats{n: n, tau: math.NaN(), s: math.NaN(), varS: math.NaN()}
	if n < 2 {
		return out
	}

	// 1. Order by x, then y: dense ranks of x, then a stable counting sort
	// of the y order by them.
	s.dx = grow(s.dx, n)
	levels := 0
	for i, j := range p.ox {
		if i > 0 && x[j] != x[p.ox[i-1]] {
			levels++
		}
		s.dx[j] = levels
	}
	levels++
	s.count = grow(s.count, levels+1)
	clear(s.count)
	for _, d := range s.dx {
		s.count[d+1]++
	}
	for d := 1; d <= levels; d++ {
		s.count[d] += s.count[d-1]
	}
	s.perm = grow(s.perm, n)
	for _, j := range p.oy {
		d := s.dx[j]
		s.perm[s.count[d]] = j
		s.count[d]++
	}

	// 2. Ties in x and joint ties in (x, y).
	var tx, ty tieSums
	var n3 int64
	for i := 0; i < n; {
		j := i + 1
		for j < n && s.dx[s.perm[j]] == s.dx[s.perm[i]] {
			j++
		}
		tx.add(j - i)
		for a := i; a < j; {
			b := a + 1
			for b < j && y[s.perm[b]] == y[s.perm[a]] {
				b++
			}
			n3 += int64(b-a) * int64(b-a-1) / 2
			a = b
		}
		i = j
	}

	// 3. Discordant pairs by merge sort of y.
	s.ys = grow(s.ys, n)
	for i, j := range s.perm {
		s.ys[i] = y[j]
	}
	s.tmp = grow(s.tmp, n)
	d := sortCountingSwaps(s.ys, s.tmp)

	// 4. Ties in y, now adjacent.
	for i := 0; i < n; {
		j := i + 1
		for j < n && s.ys[j] == s.ys[i] {
			j++
		}
		ty.add(j - i)
		i = j
	}

	n0 := int64(n) * int64(n-1) / 2
	score := n0 - tx.pairs - ty.pairs + n3 - 2*d
	out.s = float64(score)
	if tx.pairs < n0 && ty.pairs < n0 {
		out.tau = out.s / math.Sqrt(float64(n0-tx.pairs)*float64(n0-ty.pairs))
		out.tau = max(-1, min(1, out.tau))
	}
	out.varS = kendallVarS(n, tx, ty)
	return out
}

// kendallVarS returns the tie-corrected variance of Kendall's S over n pairs
// whose tie groups in x and y are summarised by tx and ty (Kendall 1970;
// see statScratch.kendall).
func kendallVarS(n int, tx, ty tieSums) float64 {
	fn := float64(n)
	v := (fn*(fn-1)*(2*fn+5) - tx.v5 - ty.v5) / 18
	if n > 2 {
		v += tx.v2 * ty.v2 / (9 * fn * (fn - 1) * (fn - 2))
	}
	// Σt(t−1) = 2·pairs.
	v += float64(2*tx.pairs) * float64(2*ty.pairs) / (2 * fn * (fn - 1))
	return v
}

// p returns the two-sided p-value of tau-b by the normal approximation
// z = S / sqrt(Var(S)), p = P(|Z| > |z|), without continuity correction;
// NaN when tau is undefined.
func (k kendallStats) p() float64 {
	if math.IsNaN(k.tau) || !(k.varS > 0) {
		return math.NaN()
	}
	return normalTwoSided(k.s / math.Sqrt(k.varS))
}

// kendallCI returns the 95% confidence interval of tau-b over n pairs by
// Fisher's z transform, tanh(atanh(tau) ± z975·se) with
// se = sqrt(0.437/(n−4)) (Fieller, Hartley and Pearson 1957); NaN when tau
// is NaN or n ≤ 4.
func kendallCI(tau float64, n int) (lo, hi float64) {
	if math.IsNaN(tau) || n <= 4 {
		return math.NaN(), math.NaN()
	}
	return fisherInterval(tau, math.Sqrt(kendallZVar/float64(n-4)))
}

// insertionRun is the length of the runs sortCountingSwaps sorts by
// insertion before merging.
const insertionRun = 16

// sortCountingSwaps sorts a ascending, stably, using buf (len(buf) ≥
// len(a)) and returns the number of inversions it undid: the pairs i < j
// with a[i] > a[j]. Equal values are never swapped. Runs of insertionRun
// values are sorted by insertion (each shift is one inversion), then merged
// bottom-up (taking from the right run passes every value left in the left
// run).
func sortCountingSwaps(a, buf []float64) int64 {
	n := len(a)
	var swaps int64
	for lo := 0; lo < n; lo += insertionRun {
		hi := min(lo+insertionRun, n)
		for i := lo + 1; i < hi; i++ {
			v := a[i]
			j := i
			for j > lo && a[j-1] > v {
				a[j] = a[j-1]
				j--
			}
			a[j] = v
			swaps += int64(i - j)
		}
	}
	src, dst := a, buf[:n]
	for width := insertionRun; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid := min(lo+width, n)
			hi := min(lo+2*width, n)
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if src[j] < src[i] {
					dst[k] = src[j]
					j++
					swaps += int64(mid - i)
				} else {
					dst[k] = src[i]
					i++
				}
				k++
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		src, dst = dst, src
	}
	if n > 0 && &src[0] != &a[0] {
		copy(a, src)
	}
	return swaps
}
