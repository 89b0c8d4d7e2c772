// Package market turns index prices and per-article sector scores into the
// series a researcher correlates: it parses price files, maps publication
// instants to trading sessions, computes log returns, averages sector
// sentiment per trading day and measures lagged Pearson and Spearman
// correlations with p-values and confidence intervals.
//
// The package does not know how sentiment was produced: it sees only
// Observations. It makes no network calls and runs no SQL.
package market
