package market

import (
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
