package market

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// kendallPairLoop is the O(n²) reference: it visits every pair, counting
// concordant and discordant pairs and the pairs tied in x and in y, and
// returns tau-b = (C − D) / sqrt((C + D + Tx)(C + D + Ty)), where Tx counts
// pairs tied in x only and Ty pairs tied in y only, with S = C − D. The tie
// groups for Var(S) are counted with maps.
func kendallPairLoop(x, y []float64) (tau, s, varS float64) {
	n := len(x)
	var c, d, tx, ty float64
	for i := range n {
		for j := i + 1; j < n; j++ {
			dx, dy := x[j]-x[i], y[j]-y[i]
			switch {
			case dx == 0 && dy == 0:
			case dx == 0:
				tx++
			case dy == 0:
				ty++
			case (dx > 0) == (dy > 0):
				c++
			default:
				d++
			}
		}
	}
	tau = (c - d) / math.Sqrt((c+d+tx)*(c+d+ty))
	groups := func(v []float64) (s5, s2, s1 float64) {
		count := map[float64]int{}
		for _, x := range v {
			count[x]++
		}
		for _, t := range count {
			ft := float64(t)
			s5 += ft * (ft - 1) * (2*ft + 5)
			s2 += ft * (ft - 1) * (ft - 2)
			s1 += ft * (ft - 1)
		}
		return s5, s2, s1
	}
	x5, x2, x1 := groups(x)
	y5, y2, y1 := groups(y)
	fn := float64(n)
	varS = (fn*(fn-1)*(2*fn+5)-x5-y5)/18 + x2*y2/(9*fn*(fn-1)*(fn-2)) + x1*y1/(2*fn*(fn-1))
	return tau, c - d, varS
}

func TestKendallHand(t *testing.T) {
	// Six pairs with ties in x (a triple and a pair), in y (a triple) and in
	// both (pairs 1 and 3 are both (2, 2)):
	//
	//	i  0 1 2 3 4 5
	//	x  1 2 2 2 3 3
	//	y  1 2 3 2 2 4
	//
	// The 15 pairs (i, j), C concordant, D discordant, X tied in x only,
	// Y tied in y only, B tied in both:
	//	0-1 C  0-2 C  0-3 C  0-4 C  0-5 C
	//	1-2 X  1-3 B  1-4 Y  1-5 C
	//	2-3 X  2-4 D  2-5 C
	//	3-4 Y  3-5 C
	//	4-5 X
	// C = 8, D = 1, X = 3, Y = 2, B = 1, so S = C − D = 7.
	// n0 = 15; n1 = Σt(t−1)/2 over x groups (t = 3, 2) = 3 + 1 = 4
	// (= X + B); n2 = Σu(u−1)/2 over y groups (u = 3) = 3 (= Y + B).
	// tau-b = 7 / sqrt((15 − 4)(15 − 3)) = 7 / sqrt(132) = 0.6092718.
	//
	// Var(S): n(n−1)(2n+5) = 6·5·17 = 510; Σt(t−1)(2t+5) = 3·2·11 + 2·1·9
	// = 84; Σu(u−1)(2u+5) = 66; (510 − 84 − 66)/18 = 20.
	// Σt(t−1)(t−2) = 6, Σu(u−1)(u−2) = 6: 6·6 / (9·6·5·4) = 1/30.
	// Σt(t−1) = 8, Σu(u−1) = 6: 8·6 / (2·6·5) = 0.8.
	// Var(S) = 20 + 1/30 + 0.8 = 20.833333; z = 7/sqrt(20.833333) = 1.533623.
	// Normal table: Φ(1.53) = 0.93699, Φ(1.54) = 0.93822; interpolated
	// Φ(1.533623) = 0.937436, p = 2(1 − 0.937436) = 0.12513.
	x := []float64{1, 2, 2, 2, 3, 3}
	y := []float64{1, 2, 3, 2, 2, 4}
	k := kendall(x, y)
	if want := 7 / math.Sqrt(132); math.Abs(k.tau-want) > 1e-12 {
		t.Errorf("tau: got %v, want %v", k.tau, want)
	}
	if k.s != 7 {
		t.Errorf("S: got %v, want 7", k.s)
	}
	if want := 20 + 1.0/30 + 0.8; math.Abs(k.varS-want) > 1e-12 {
		t.Errorf("Var(S): got %v, want %v", k.varS, want)
	}
	if z := k.s / math.Sqrt(k.varS); math.Abs(z-1.533623) > 1e-6 {
		t.Errorf("z: got %v, want 1.533623", z)
	}
	if got := k.p(); math.Abs(got-0.12513) > 1e-4 {
		t.Errorf("p: got %v, want 0.12513 (normal table)", got)
	}
	// Swapping x and y swaps the tie groups but changes neither tau nor S.
	if k2 := kendall(y, x); math.Abs(k2.tau-k.tau) > 1e-12 || k2.s != k.s || math.Abs(k2.varS-k.varS) > 1e-12 {
		t.Errorf("swapped: got %+v, want %+v", k2, k)
	}
	// Reversing y negates tau and S and keeps Var(S).
	neg := make([]float64, len(y))
	for i, v := range y {
		neg[i] = -v
	}
	if k3 := kendall(x, neg); math.Abs(k3.tau+k.tau) > 1e-12 || k3.s != -k.s || math.Abs(k3.varS-k.varS) > 1e-12 {
		t.Errorf("negated: got %+v, want tau %v S %v", k3, -k.tau, -k.s)
	}
}

func TestKendallNoTies(t *testing.T) {
	// x = 1 2 3 4, y = 1 3 2 4: only pair (1, 2) is discordant, so C = 5,
	// D = 1, S = 4, tau = 4/6 = 0.666667. Var(S) = 4·3·13/18 = 8.666667.
	k := kendall([]float64{1, 2, 3, 4}, []float64{1, 3, 2, 4})
	if math.Abs(k.tau-4.0/6) > 1e-12 || k.s != 4 || math.Abs(k.varS-4*3*13.0/18) > 1e-12 {
		t.Errorf("got tau=%v S=%v Var=%v, want 0.666667 4 8.666667", k.tau, k.s, k.varS)
	}
}

// TestKendallPNormalTable checks the Kendall p-value against the normal
// table: with no ties and n = 10, Var(S) = 10·9·25/18 = 125, so an S of
// z·sqrt(125) has the table's two-sided tail.
func TestKendallPNormalTable(t *testing.T) {
	tests := []struct{ z, want float64 }{
		{1.959964, 0.05},
		{2.575829, 0.01},
		{-1.959964, 0.05},
		{1.644854, 0.10},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("z=%v", tt.z), func(t *testing.T) {
			k := kendallStats{n: 10, tau: 0.5, s: tt.z * math.Sqrt(125), varS: 125}
			if got := k.p(); math.Abs(got-tt.want) > 1e-4 {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if got := (kendallStats{n: 10, tau: math.NaN(), s: 3, varS: 125}).p(); !math.IsNaN(got) {
		t.Errorf("undefined tau: got p=%v, want NaN", got)
	}
}

func TestKendallCI(t *testing.T) {
	// tau = 0.4, n = 24: se = sqrt(0.437/20) = 0.1478175;
	// atanh(0.4) = 0.4236489; 1.959964·0.1478175 = 0.2897169;
	// tanh(0.4236489 − 0.2897169) = tanh(0.1339320) = 0.1331369,
	// tanh(0.4236489 + 0.2897169) = tanh(0.7133658) = 0.6127831.
	lo, hi := kendallCI(0.4, 24)
	if math.Abs(lo-0.1331369) > 1e-6 || math.Abs(hi-0.6127831) > 1e-6 {
		t.Errorf("got [%v, %v], want [0.1331369, 0.6127831]", lo, hi)
	}
	for _, tt := range []struct {
		tau float64
		n   int
	}{{0.4, 4}, {0.4, 3}, {math.NaN(), 30}} {
		if lo, hi := kendallCI(tt.tau, tt.n); !math.IsNaN(lo) || !math.IsNaN(hi) {
			t.Errorf("tau=%v n=%d: got [%v, %v], want NaN", tt.tau, tt.n, lo, hi)
		}
	}
	if lo, hi := kendallCI(0.4, 5); math.IsNaN(lo) || math.IsNaN(hi) {
		t.Errorf("n=5: got [%v, %v], want defined", lo, hi)
	}
}

// TestKendallKnightMatchesPairLoop compares Knight's algorithm with the
// O(n²) pair loop on random data drawn from small sets of values, so that
// ties in x, in y and in both are common, and on continuous data.
func TestKendallKnightMatchesPairLoop(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261125, 1))
	var s statScratch // reused across cases, as Correlate does
	for c := range 300 {
		n := 3 + rng.IntN(120)
		levelsX, levelsY := 1+rng.IntN(8), 1+rng.IntN(8)
		continuous := c%5 == 0
		x, y := make([]float64, n), make([]float64, n)
		for i := range n {
			if continuous {
				x[i], y[i] = rng.NormFloat64(), rng.NormFloat64()
				continue
			}
			x[i] = float64(rng.IntN(levelsX)) / 4
			y[i] = float64(rng.IntN(levelsY))*0.1 - 0.3
			if rng.IntN(3) == 0 { // correlate some of the pairs
				y[i] = x[i]
			}
		}
		wantTau, wantS, wantVar := kendallPairLoop(x, y)
		got := s.kendall(s.sorted(x, y))
		if math.IsNaN(wantTau) != math.IsNaN(got.tau) ||
			(!math.IsNaN(wantTau) && math.Abs(got.tau-wantTau) > 1e-12) ||
			got.s != wantS || math.Abs(got.varS-wantVar) > 1e-9*max(1, math.Abs(wantVar)) {
			t.Fatalf("case %d (n=%d): got tau=%v S=%v Var=%v, want tau=%v S=%v Var=%v\nx=%v\ny=%v",
				c, n, got.tau, got.s, got.varS, wantTau, wantS, wantVar, x, y)
		}
	}
}

func TestKendallUndefined(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
	}{
		{"constant x", []float64{1, 1, 1, 1}, []float64{1, 2, 3, 4}},
		{"constant y", []float64{1, 2, 3, 4}, []float64{0, 0, 0, 0}},
		{"one pair", []float64{1}, []float64{1}},
		{"empty", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := kendall(tt.x, tt.y)
			if !math.IsNaN(k.tau) || !math.IsNaN(k.p()) {
				t.Errorf("got tau=%v p=%v, want NaN", k.tau, k.p())
			}
		})
	}
}

func TestSortCountingSwaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, n := range []int{0, 1, 2, 15, 16, 17, 33, 100, 257} {
		a := make([]float64, n)
		for i := range a {
			a[i] = float64(rng.IntN(10))
		}
		var want int64
		for i := range n {
			for j := i + 1; j < n; j++ {
				if a[i] > a[j] {
					want++
				}
			}
		}
		got := sortCountingSwaps(a, make([]float64, n))
		if got != want {
			t.Errorf("n=%d: got %d swaps, want %d", n, got, want)
		}
		for i := 1; i < n; i++ {
			if a[i-1] > a[i] {
				t.Fatalf("n=%d: not sorted: %v", n, a)
			}
		}
	}
}
