// Package market turns index prices and per-article sector scores into the
// statistics a researcher reports: it parses price files and fetches
// prices from Yahoo Finance and Stooq, maps publication instants to the
// trading sessions of each exchange, computes log returns, averages sector
// sentiment per trading day, and measures lagged Pearson, Spearman and
// Kendall correlations (p-values, confidence intervals, Benjamini–Hochberg
// adjustment), rolling correlations, Granger causality and event studies.
//
// The package does not know how sentiment was produced: it sees only
// Observations. Its one network path is PriceFetcher, on the HTTP client
// the caller passes in; it runs no SQL.
package market
