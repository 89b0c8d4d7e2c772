package market

import (
	"fmt"
	"math"
	"testing"
)

// tTwoSided is the two-sided tail probability P(|T| > t) of Student's t with
// nu degrees of freedom by the finite series of Abramowitz and Stegun
// 26.7.3/26.7.4, independent of gonum.
func tTwoSided(t float64, nu int) float64 {
	theta := math.Atan(math.Abs(t) / math.Sqrt(float64(nu)))
	s, c := math.Sin(theta), math.Cos(theta)
	var a float64
	if nu%2 == 0 {
		term, sum := 1.0, 1.0
		for k := 2; k <= nu-2; k += 2 {
			term *= float64(k-1) / float64(k) * c * c
			sum += term
		}
		a = s * sum
	} else {
		a = theta
		if nu > 1 {
			term, sum := c, c
			for k := 3; k <= nu-2; k += 2 {
				term *= float64(k-1) / float64(k) * c * c
				sum += term
			}
			a += s * sum
		}
		a *= 2 / math.Pi
	}
	return 1 - a
}

func TestPValue(t *testing.T) {
	tests := []struct {
		name string
		r    float64
		n    int
		want float64 // NaN: undefined
	}{
		// Textbook value: r = 0.5 with n = 12 gives t(10) = 1.826, p ≈ 0.0978.
		{"r=0.5 n=12", 0.5, 12, 0.0978546},
		{"r=-0.5 n=12 is symmetric", -0.5, 12, 0.0978546},
		{"r=0.3 n=30", 0.3, 30, tTwoSided(0.3*math.Sqrt(28/(1-0.09)), 28)},
		{"r=0.8 n=7 odd df", 0.8, 7, tTwoSided(0.8*math.Sqrt(5/(1-0.64)), 5)},
		{"r=0.2 n=3 one df", 0.2, 3, tTwoSided(0.2*math.Sqrt(1/(1-0.04)), 1)},
		{"r=0 n=10", 0, 10, 1},
		{"perfect", 1, 5, 0},
		{"perfect negative", -1, 5, 0},
		{"n=2 undefined", 0.5, 2, math.NaN()},
		{"NaN r", math.NaN(), 10, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pValue(tt.r, tt.n)
			if math.IsNaN(tt.want) {
				if !math.IsNaN(got) {
					t.Errorf("got %v, want NaN", got)
				}
				return
			}
			if math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	// The reference series agrees with the textbook value.
	if got := tTwoSided(0.5*math.Sqrt(10/0.75), 10); math.Abs(got-0.0978546) > 1e-6 {
		t.Errorf("reference p for t(10)=1.826: got %v, want 0.0978546", got)
	}
}

func TestRanks(t *testing.T) {
	tests := []struct {
		name    string
		in, out []float64
	}{
		{"distinct", []float64{3, 1, 2}, []float64{3, 1, 2}},
		{"pair tie", []float64{1, 2, 2, 3}, []float64{1, 2.5, 2.5, 4}},
		{"triple tie", []float64{5, 5, 1, 5}, []float64{3, 3, 1, 3}},
		{"all tied", []float64{7, 7}, []float64{1.5, 1.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ranks(tt.in)
			for i := range tt.out {
				if got[i] != tt.out[i] {
					t.Fatalf("got %v, want %v", got, tt.out)
				}
			}
		})
	}
}

func TestFisherCI(t *testing.T) {
	// r = 0.5, n = 28: z = 0.549306, se = 0.2, z ± 0.391993 →
	// tanh(0.157313) = 0.156028, tanh(0.941299) = 0.735818.
	lo, hi := fisherCI(0.5, 28, false)
	if math.Abs(lo-0.156028) > 1e-6 || math.Abs(hi-0.735818) > 1e-6 {
		t.Errorf("pearson: got [%v, %v], want [0.156028, 0.735818]", lo, hi)
	}
	slo, shi := fisherCI(0.5, 28, true)
	if !(slo < lo && shi > hi) {
		t.Errorf("spearman interval [%v, %v] should be wider than pearson's [%v, %v]", slo, shi, lo, hi)
	}
	if lo, hi := fisherCI(0.5, 3, false); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("n=3: got [%v, %v], want NaN", lo, hi)
	}
}

func TestPearsonHand(t *testing.T) {
	// x = 1 2 3 4 5, x̄ = 3, deviations −2 −1 0 1 2, Σdx² = 10.
	// y = 2 4 5 4 5, ȳ = 4, deviations −2  0 1 0 1, Σdy² = 6.
	// Σdx·dy = 4 + 0 + 0 + 0 + 2 = 6, so r = 6 / sqrt(10·6) = 0.7745967.
	tests := []struct {
		name string
		x, y []float64
		want float64 // NaN: undefined
	}{
		{"five pairs", []float64{1, 2, 3, 4, 5}, []float64{2, 4, 5, 4, 5}, 6 / math.Sqrt(60)},
		// Reversing y's deviations negates r: y = 6 4 3 4 3.
		{"five pairs negated", []float64{1, 2, 3, 4, 5}, []float64{6, 4, 3, 4, 3}, -6 / math.Sqrt(60)},
		{"exact line snaps to 1", []float64{0.1, 0.2, 0.3}, []float64{0.3, 0.5, 0.7}, 1},
		{"constant x", []float64{1, 1, 1}, []float64{1, 2, 3}, math.NaN()},
		{"one pair", []float64{1}, []float64{2}, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pearson(tt.x, tt.y)
			if math.IsNaN(tt.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tt.want) > 1e-12) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if want := 0.7745967; math.Abs(6/math.Sqrt(60)-want) > 1e-7 {
		t.Errorf("hand value: got %v, want %v", 6/math.Sqrt(60), want)
	}
}

func TestSpearmanHandTies(t *testing.T) {
	// x = 3 1 4 1 5: the two 1s share ranks 1 and 2 → 1.5; ranks 3 1.5 4 1.5 5.
	// y = 2 7 1 8 2: 1 → 1, the two 2s share 2 and 3 → 2.5, 7 → 4, 8 → 5;
	// ranks 2.5 4 1 5 2.5. Both rank means are 3.
	// Deviations dx = 0 −1.5 1 −1.5 2, dy = −0.5 1 −2 2 −0.5.
	// Σdx·dy = 0 − 1.5 − 2 − 3 − 1 = −7.5; Σdx² = 0 + 2.25 + 1 + 2.25 + 4 = 9.5;
	// Σdy² = 0.25 + 1 + 4 + 4 + 0.25 = 9.5; rho = −7.5/9.5 = −0.7894737.
	x := []float64{3, 1, 4, 1, 5}
	y := []float64{2, 7, 1, 8, 2}
	if got, want := spearman(x, y), -7.5/9.5; math.Abs(got-want) > 1e-12 {
		t.Errorf("got %v, want %v", got, want)
	}
	// The scratch version reuses buffers and gives the same answer twice.
	var s statScratch
	for range 2 {
		if got, want := s.spearman(s.sorted(x, y)), -7.5/9.5; math.Abs(got-want) > 1e-12 {
			t.Errorf("scratch: got %v, want %v", got, want)
		}
	}
}

// TestPValueStudentTable checks pValue against critical values of Student's
// t from standard tables, printed to more digits (t such that the two-sided
// tail is exactly 0.05 or 0.01). r is the correlation giving that t with
// df = n − 2: r = t / sqrt(t² + df).
func TestPValueStudentTable(t *testing.T) {
	tests := []struct {
		t    float64
		df   int
		want float64
	}{
		{2.228139, 10, 0.05}, // t.975(10) = 2.228
		{2.085963, 20, 0.05}, // t.975(20) = 2.086
		{2.845340, 20, 0.01}, // t.995(20) = 2.845
		{2.570582, 5, 0.05},  // t.975(5)  = 2.571
		{3.169273, 10, 0.01}, // t.995(10) = 3.169
		{12.706205, 1, 0.05}, // t.975(1)  = 12.706
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("t=%v df=%d", tt.t, tt.df), func(t *testing.T) {
			r := tt.t / math.Sqrt(tt.t*tt.t+float64(tt.df))
			if got := pValue(r, tt.df+2); math.Abs(got-tt.want) > 1e-5 {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if got := pValue(-r, tt.df+2); math.Abs(got-tt.want) > 1e-5 {
				t.Errorf("negative r: got %v, want %v", got, tt.want)
			}
			// The independent series agrees with the table too.
			if got := tTwoSided(tt.t, tt.df); math.Abs(got-tt.want) > 1e-5 {
				t.Errorf("reference series: got %v, want %v", got, tt.want)
			}
		})
	}
	// The spec's three-decimal table entries land within 1e-4 of the level.
	for _, tt := range []struct {
		t    float64
		df   int
		want float64
	}{{2.228, 10, 0.05}, {2.086, 20, 0.05}, {2.845, 20, 0.01}} {
		r := tt.t / math.Sqrt(tt.t*tt.t+float64(tt.df))
		if got := pValue(r, tt.df+2); math.Abs(got-tt.want) > 1e-4 {
			t.Errorf("t=%v df=%d: got %v, want %v", tt.t, tt.df, got, tt.want)
		}
	}
}

// TestNormalTwoSided checks the normal tail against the standard table's
// two-sided critical values.
func TestNormalTwoSided(t *testing.T) {
	tests := []struct{ z, want float64 }{
		{1.959964, 0.05}, // z.975
		{-1.959964, 0.05},
		{2.575829, 0.01},  // z.995
		{1.644854, 0.10},  // z.95
		{3.290527, 0.001}, // z.9995
		{0, 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("z=%v", tt.z), func(t *testing.T) {
			if got := normalTwoSided(tt.z); math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if got := normalTwoSided(math.NaN()); !math.IsNaN(got) {
		t.Errorf("NaN z: got %v, want NaN", got)
	}
}

// ranks returns the 1-based ranks of x; tied values get the mean of the
// ranks they span.
func ranks(x []float64) []float64 {
	return averageRanksInto(nil, x, orderInto(nil, x))
}
