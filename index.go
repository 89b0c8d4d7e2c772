package sectorpulse

// Index describes a stock index sectorpulse knows.
type Index struct {
	// Code is the short code used on the command line and in exports.
	Code string
	// Name is the index's full name.
	Name string
	// Market names the exchange whose calendar and close the index follows.
	Market string
	// Aliases are other names articles use for it.
	Aliases []string
	// Tickers are data-vendor symbols, e.g. "^HSI".
	Tickers []string
	// Currency is the ISO 4217 code of the index's points, e.g. "HKD".
	Currency string
	// Yahoo is the Yahoo Finance chart symbol, e.g. "^HSI"; empty when
	// Yahoo has none.
	Yahoo string
	// Stooq is the Stooq download symbol, e.g. "^hsi"; empty when we know
	// of none.
	Stooq string
}

// The markets (exchanges) whose calendar and close an index follows.
const (
	// MarketHKEX is Hong Kong Exchanges and Clearing.
	MarketHKEX = "HKEX"
	// MarketSSE is the Shanghai Stock Exchange.
	MarketSSE = "SSE"
	// MarketSZSE is the Shenzhen Stock Exchange.
	MarketSZSE = "SZSE"
	// MarketJPX is Japan Exchange Group (the Tokyo Stock Exchange).
	MarketJPX = "JPX"
	// MarketKRX is the Korea Exchange.
	MarketKRX = "KRX"
	// MarketTWSE is the Taiwan Stock Exchange.
	MarketTWSE = "TWSE"
	// MarketNYSE is the New York Stock Exchange.
	MarketNYSE = "NYSE"
	// MarketNasdaq is the Nasdaq Stock Market.
	MarketNasdaq = "NASDAQ"
)

// Indexes returns the indexes sectorpulse knows, in a new slice.
//
// Aliases become names of the gazetteer, so an alias must name nothing
// else there. Short aliases ("Dow", "HSI") match case-sensitively as whole
// words. The Dow's code is DJIA, not the vendor's DJI, which names the
// drone maker.
func Indexes() []Index {
	return []Index{
		// Hong Kong.
		{Code: "HSI", Name: "Hang Seng Index", Market: MarketHKEX,
			Aliases:  []string{"Hang Seng Index", "Hang Seng", "HSI", "恒生指數", "恒生指数", "恒指"},
			Tickers:  []string{"^HSI"},
			Currency: "HKD", Yahoo: "^HSI", Stooq: "^hsi"},
		{Code: "HSCEI", Name: "Hang Seng China Enterprises Index", Market: MarketHKEX,
			Aliases:  []string{"Hang Seng China Enterprises Index", "China Enterprises Index", "H-share index", "HSCEI", "恒生中國企業指數", "国企指数", "國企指數"},
			Tickers:  []string{"^HSCE"},
			Currency: "HKD", Yahoo: "^HSCE"},
		{Code: "HSTECH", Name: "Hang Seng TECH Index", Market: MarketHKEX,
			Aliases:  []string{"Hang Seng TECH Index", "Hang Seng Tech Index", "Hang Seng Tech", "HSTECH", "恒生科技指數", "恒生科技指数", "恒生科指"},
			Tickers:  []string{"HSTECH.HK", "^HSTECH"},
			Currency: "HKD", Yahoo: "HSTECH.HK"},
		// Mainland China.
		{Code: "SSEC", Name: "SSE Composite Index", Market: MarketSSE,
			Aliases: []string{"SSE Composite", "Shanghai Composite", "Shanghai Composite Index", "上證綜指", "上证综指",
				"上證綜合指數", "上证综合指数", "上證指數", "上证指数", "沪指", "滬指"},
			Tickers:  []string{"000001.SS"},
			Currency: "CNY", Yahoo: "000001.SS", Stooq: "^shc"},
		{Code: "SZI", Name: "Shenzhen Component Index", Market: MarketSZSE,
			Aliases:  []string{"Shenzhen Component", "深證成指", "深证成指", "深成指", "深證成份指數", "深证成份指数"},
			Tickers:  []string{"399001.SZ"},
			Currency: "CNY", Yahoo: "399001.SZ"},
		{Code: "CSI300", Name: "CSI 300 Index", Market: MarketSSE,
			Aliases:  []string{"CSI 300", "blue-chip CSI 300", "滬深300", "沪深300"},
			Tickers:  []string{"000300.SS"},
			Currency: "CNY", Yahoo: "000300.SS"},
		{Code: "CHINEXT", Name: "ChiNext Index", Market: MarketSZSE,
			Aliases:  []string{"创业板指", "創業板指", "创业板指数", "創業板指數"},
			Tickers:  []string{"399006.SZ"},
			Currency: "CNY", Yahoo: "399006.SZ"},
		// Japan, Korea, Taiwan.
		{Code: "N225", Name: "Nikkei 225", Market: MarketJPX,
			Aliases:  []string{"Nikkei", "Nikkei Stock Average", "Nikkei 225 index", "日經平均指數", "日经平均指数", "日經225", "日经225"},
			Tickers:  []string{"^N225"},
			Currency: "JPY", Yahoo: "^N225", Stooq: "^nkx"},
		{Code: "KS11", Name: "Korea Composite Stock Price Index", Market: MarketKRX,
			Aliases:  []string{"KOSPI", "Kospi", "KOSPI index", "韓國綜合指數", "韩国综合指数"},
			Tickers:  []string{"^KS11"},
			Currency: "KRW", Yahoo: "^KS11", Stooq: "^kospi"},
		{Code: "TWII", Name: "Taiwan Capitalization Weighted Stock Index", Market: MarketTWSE,
			Aliases:  []string{"Taiex", "TAIEX", "台灣加權指數", "台湾加权指数", "台股加權指數", "台股加权指数"},
			Tickers:  []string{"^TWII"},
			Currency: "TWD", Yahoo: "^TWII", Stooq: "^twse"},
		// United States.
		{Code: "SPX", Name: "S&P 500", Market: MarketNYSE,
			Aliases:  []string{"S&P 500 index", "Standard & Poor's 500", "標普500", "标普500", "標普500指數", "标普500指数"},
			Tickers:  []string{"^GSPC", "^SPX"},
			Currency: "USD", Yahoo: "^GSPC", Stooq: "^spx"},
		{Code: "IXIC", Name: "Nasdaq Composite", Market: MarketNasdaq,
			Aliases:  []string{"Nasdaq Composite Index", "Nasdaq", "納指", "纳指", "納斯達克綜合指數", "纳斯达克综合指数"},
			Tickers:  []string{"^IXIC"},
			Currency: "USD", Yahoo: "^IXIC", Stooq: "^ndq"},
		{Code: "NDX", Name: "Nasdaq-100", Market: MarketNasdaq,
			Aliases:  []string{"Nasdaq 100", "Nasdaq 100 index", "納斯達克100指數", "纳斯达克100指数"},
			Tickers:  []string{"^NDX"},
			Currency: "USD", Yahoo: "^NDX", Stooq: "^ndx"},
		{Code: "DJIA", Name: "Dow Jones Industrial Average", Market: MarketNYSE,
			Aliases:  []string{"Dow", "Dow Jones", "Dow Jones industrials", "道指", "道瓊斯", "道琼斯", "道瓊斯工業平均指數", "道琼斯工业平均指数"},
			Tickers:  []string{"^DJI"},
			Currency: "USD", Yahoo: "^DJI", Stooq: "^dji"},
	}
}

// LookupIndex finds a built-in index by code, vendor ticker, Yahoo or
// Stooq symbol, or alias, ignoring case (see Registry.Index).
func LookupIndex(name string) (Index, bool) {
	return DefaultRegistry().Index(name)
}
