// Package pipeline wires the scraper, the analyzers, the store and the
// market statistics together: it discovers and fetches articles, stores them
// once, analyses what has not been analysed, imports prices, aggregates
// daily sector sentiment, correlates it with index returns and writes the
// exports. It parses neither HTML nor SQL; those belong to scraper and store.
package pipeline
