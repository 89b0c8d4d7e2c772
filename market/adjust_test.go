package market

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

func TestAdjustBH(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		in   []float64
		want []float64
	}{
		{
			// m = 6. Sorted: 0.005 0.01 0.03 0.04 0.04 0.20 (ranks 1…6).
			// m·p/rank: 6·0.005/1 = 0.03, 6·0.01/2 = 0.03, 6·0.03/3 = 0.06,
			// 6·0.04/4 = 0.06, 6·0.04/5 = 0.048, 6·0.20/6 = 0.20.
			// Running minimum from rank 6 down: 0.20, 0.048, 0.048, 0.048,
			// 0.03, 0.03. Back in input order:
			name: "six hand-worked",
			in:   []float64{0.01, 0.04, 0.03, 0.005, 0.20, 0.04},
			want: []float64{0.03, 0.048, 0.048, 0.03, 0.20, 0.048},
		},
		{
			// NaN rows are not in the family: m = 2, sorted 0.02 0.03;
			// 2·0.03/2 = 0.03, 2·0.02/1 = 0.04 → min(0.04, 0.03) = 0.03.
			name: "NaN left out",
			in:   []float64{nan, 0.03, math.Inf(1), 0.02},
			want: []float64{nan, 0.03, nan, 0.03},
		},
		{
			// A p above 1 is capped: m·p(m)/m = 1.5 → 1.
			name: "capped at 1",
			in:   []float64{1.5, 0.5},
			want: []float64{1, 1},
		},
		{name: "single", in: []float64{0.2}, want: []float64{0.2}},
		{name: "empty", in: []float64{}, want: []float64{}},
		{name: "all NaN", in: []float64{nan, nan}, want: []float64{nan, nan}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			got := AdjustBH(in)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if math.IsNaN(tt.want[i]) != math.IsNaN(got[i]) ||
					(!math.IsNaN(got[i]) && math.Abs(got[i]-tt.want[i]) > 1e-12) {
					t.Fatalf("got %v, want %v", got, tt.want)
				}
			}
			for i := range in {
				if in[i] != tt.in[i] && !(math.IsNaN(in[i]) && math.IsNaN(tt.in[i])) {
					t.Fatalf("input modified: got %v, want %v", in, tt.in)
				}
			}
		})
	}
}

// TestAdjustBHProperties checks, on a longer list, that the adjusted values
// keep the order of the p-values and are never below them.
func TestAdjustBHProperties(t *testing.T) {
	p := make([]float64, 200)
	for i := range p {
		p[i] = math.Mod(float64(i*i)*0.6180339887, 1)
	}
	q := AdjustBH(p)
	for i := range p {
		if q[i] < p[i] || q[i] > 1 {
			t.Errorf("p=%v: got q=%v, want p ≤ q ≤ 1", p[i], q[i])
		}
		for j := range p {
			if p[i] < p[j] && q[i] > q[j] {
				t.Fatalf("p %v < %v but q %v > %v", p[i], p[j], q[i], q[j])
			}
		}
	}
}

func ExampleAdjustBH() {
	// Six p-values from one table; the NaN row had too few pairs.
	p := []float64{0.01, 0.04, 0.03, 0.005, math.NaN(), 0.20}
	for i, q := range AdjustBH(p) {
		fmt.Printf("p=%.3f q=%.3f\n", p[i], q)
	}
	// Output:
	// p=0.010 q=0.025
	// p=0.040 q=0.050
	// p=0.030 q=0.050
	// p=0.005 q=0.025
	// p=NaN q=NaN
	// p=0.200 q=0.200
}
