package sectorpulse

import "time"

// Exchange is a stock exchange: its time zone and closing time decide which
// trading day a story counts for.
type Exchange struct {
	// Code names the exchange, e.g. "HKEX"; Index.Market refers to it.
	Code string
	// Name is the exchange's full name.
	Name string
	// TimeZone is the IANA time zone of its sessions, e.g. "Asia/Hong_Kong".
	TimeZone string
	// Close is the end of the regular session as wall-clock time since
	// local midnight, e.g. 16h for HKEX.
	Close time.Duration
	// Calendar names the trading calendar the exchange shares with others:
	// exchanges with the same Calendar have the same sessions and
	// holidays, so prices of any index on one of them tell the trading
	// days of all (SSE and SZSE share "CN"; NYSE and NASDAQ share "US").
	// Empty means the exchange's own Code.
	Calendar string
}

// CalendarName returns e.Calendar, or e.Code when it is empty.
func (e Exchange) CalendarName() string {
	if e.Calendar != "" {
		return e.Calendar
	}
	return e.Code
}

// Exchanges returns the exchanges sectorpulse knows, in a new slice.
// Closing times are those of the regular session's end (the closing
// auction, where one exists).
func Exchanges() []Exchange {
	return []Exchange{
		{Code: MarketHKEX, Name: "Hong Kong Exchanges and Clearing", TimeZone: "Asia/Hong_Kong", Close: 16 * time.Hour},
		{Code: MarketSSE, Name: "Shanghai Stock Exchange", TimeZone: "Asia/Shanghai", Close: 15 * time.Hour, Calendar: "CN"},
		{Code: MarketSZSE, Name: "Shenzhen Stock Exchange", TimeZone: "Asia/Shanghai", Close: 15 * time.Hour, Calendar: "CN"},
		{Code: MarketJPX, Name: "Tokyo Stock Exchange", TimeZone: "Asia/Tokyo", Close: 15*time.Hour + 30*time.Minute},
		{Code: MarketKRX, Name: "Korea Exchange", TimeZone: "Asia/Seoul", Close: 15*time.Hour + 30*time.Minute},
		{Code: MarketTWSE, Name: "Taiwan Stock Exchange", TimeZone: "Asia/Taipei", Close: 13*time.Hour + 30*time.Minute},
		{Code: MarketNYSE, Name: "New York Stock Exchange", TimeZone: "America/New_York", Close: 16 * time.Hour, Calendar: "US"},
		{Code: MarketNasdaq, Name: "Nasdaq Stock Market", TimeZone: "America/New_York", Close: 16 * time.Hour, Calendar: "US"},
	}
}
