package sectorpulse

// Price is one trading day of an index.
type Price struct {
	// Index is the index code, e.g. "HSI".
	Index string
	// Date is the trading date, YYYY-MM-DD in the market's own calendar.
	Date string
	// Open, High and Low are zero when the source gives only a close.
	Open  float64
	High  float64
	Low   float64
	Close float64
}
