package market

import (
	"math"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

func TestLogReturns(t *testing.T) {
	prices := []sectorpulse.Price{
		{Index: "HSI", Date: "2025-02-05", Close: 99},
		{Index: "HSI", Date: "2025-02-03", Close: 100},
		{Index: "HSI", Date: "2025-02-04", Close: 110},
	}
	got := LogReturns(prices)
	// ln(110/100) = 0.0953101798…, ln(99/110) = ln(0.9) = −0.1053605157…
	want := []Return{
		{Date: "2025-02-04", Close: 110, LogReturn: 0.09531017980432493},
		{Date: "2025-02-05", Close: 99, LogReturn: -0.10536051565782628},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d returns %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].Date != want[i].Date || got[i].Close != want[i].Close || math.Abs(got[i].LogReturn-want[i].LogReturn) > 1e-12 {
			t.Errorf("return %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if prices[0].Date != "2025-02-05" {
		t.Errorf("input reordered: got first date %s, want 2025-02-05", prices[0].Date)
	}
	for _, n := range []int{0, 1} {
		if got := LogReturns(prices[:n]); len(got) != 0 {
			t.Errorf("%d prices: got %v, want no returns", n, got)
		}
	}
}
