package sectorpulse

import "strings"

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
}

// MarketHKEX is the market name of Hong Kong Exchanges and Clearing.
const MarketHKEX = "HKEX"

// Indexes returns the indexes sectorpulse knows, in a new slice.
func Indexes() []Index {
	return []Index{
		{Code: "HSI", Name: "Hang Seng Index", Market: MarketHKEX,
			Aliases: []string{"Hang Seng Index", "Hang Seng", "HSI", "恒生指數", "恒生指数", "恒指"},
			Tickers: []string{"^HSI"}},
		{Code: "HSCEI", Name: "Hang Seng China Enterprises Index", Market: MarketHKEX,
			Aliases: []string{"Hang Seng China Enterprises Index", "China Enterprises Index", "H-share index", "HSCEI", "恒生中國企業指數", "国企指数", "國企指數"},
			Tickers: []string{"^HSCE"}},
		{Code: "HSTECH", Name: "Hang Seng TECH Index", Market: MarketHKEX,
			Aliases: []string{"Hang Seng TECH Index", "Hang Seng Tech Index", "Hang Seng Tech", "HSTECH", "恒生科技指數", "恒生科技指数", "恒生科指"},
			Tickers: []string{"HSTECH.HK", "^HSTECH"}},
	}
}

// LookupIndex finds an index by code, vendor ticker or alias, ignoring case.
func LookupIndex(name string) (Index, bool) {
	for _, ix := range Indexes() {
		if strings.EqualFold(ix.Code, name) {
			return ix, true
		}
		for _, t := range ix.Tickers {
			if strings.EqualFold(t, name) {
				return ix, true
			}
		}
		for _, a := range ix.Aliases {
			if strings.EqualFold(a, name) {
				return ix, true
			}
		}
	}
	return Index{}, false
}
