package market

import "testing"

// BenchmarkExactRankP is the exact p-value of the largest sample it serves
// (ExactMaxN pairs, 40,320 orderings) for both rank methods.
func BenchmarkExactRankP(b *testing.B) {
	x := []float64{0.1, 0.5, 0.2, 0.9, 0.4, 0.4, 0.7, 0.3}
	y := []float64{0.02, 0.01, 0.05, 0.03, 0.04, 0.06, 0.08, 0.07}
	b.ReportAllocs()
	for b.Loop() {
		exactRankP(x, y, MethodSpearman)
		exactRankP(x, y, MethodKendall)
	}
}
