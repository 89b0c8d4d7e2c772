// Package sectorpulse holds the domain types of sectorpulse — articles,
// entities, sectors, sentiment scores with their evidence, reported index
// moves, analyses, prices and runs — and the small helpers every other
// package shares. It imports no package of this module.
//
// The packages below it each own one job: scraper fetches and extracts,
// sentiment analyses, store persists, market aligns and correlates, pipeline
// wires them together and cmd/sectorpulse is the command line.
package sectorpulse
