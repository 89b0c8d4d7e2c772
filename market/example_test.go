package market_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/market"
)

func ExampleParseLags() {
	lags, err := market.ParseLags("-1:1,5")
	fmt.Println(lags, err)
	// Output: [-1 0 1 5] <nil>
}

func ExampleCalendar_TradingDate() {
	m, err := market.MarketFor("HKEX")
	if err != nil {
		panic(err)
	}
	cal := market.NewCalendar(m, []string{"2025-02-06", "2025-02-07", "2025-02-10"})
	for _, s := range []string{
		"2025-02-07T15:59:00+08:00", // before the close
		"2025-02-07T16:00:00+08:00", // at the close: next session
		"2025-02-07T20:00:00Z",      // Saturday 04:00 in Hong Kong
	} {
		t, _ := time.Parse(time.RFC3339, s)
		fmt.Println(s, "→", cal.TradingDate(t))
	}
	// Output:
	// 2025-02-07T15:59:00+08:00 → 2025-02-07
	// 2025-02-07T16:00:00+08:00 → 2025-02-10
	// 2025-02-07T20:00:00Z → 2025-02-10
}

func ExampleParsePrices() {
	csv := "Date,Open,High,Low,Close,Adj Close,Volume\n" +
		"2025-02-03,20010,20150,19950,\"20,100.00\",20099,1000000\n" +
		"2025-02-04,null,null,null,null,null,null\n" +
		"2025-02-05,20100,20300,20050,20250.50,20249.50,1200000\n"
	hsi, _ := sectorpulse.LookupIndex("HSI")
	got, err := market.ParsePrices(strings.NewReader(csv), "hsi.csv", market.ParseOptions{Index: hsi})
	if err != nil {
		panic(err)
	}
	for _, r := range market.LogReturns(got.Prices) {
		fmt.Printf("%s %.2f %.6f\n", r.Date, r.Close, r.LogReturn)
	}
	fmt.Println(got.RowErrors)
	// Output:
	// 2025-02-05 20250.50 0.007460
	// [hsi.csv:3: 2025-02-04: no close (null)]
}
