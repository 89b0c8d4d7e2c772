package sectorpulse

import "time"

// Run is one recorded invocation of a batch command (scrape, analyze, run,
// demo) with its counts.
type Run struct {
	ID        int64
	Command   string
	StartedAt time.Time
	EndedAt   time.Time
	// Fetched counts pages and files read; New, Duplicate and Failed what
	// became of them.
	Fetched   int
	New       int
	Duplicate int
	Failed    int
	// FailedByReason splits Failed by a short reason such as "http_404",
	// "timeout", "not_html" or "empty".
	FailedByReason map[string]int
	// Analyzer names the analyzer used; Analyzed and Skipped count articles.
	Analyzer string
	Analyzed int
	Skipped  int
	// AnalyzeFailed counts articles whose analysis failed.
	AnalyzeFailed int
	// PromptTokens and CompletionTokens sum the tokens the run paid for,
	// failed analyses included.
	PromptTokens     int
	CompletionTokens int
	// Requests counts the requests made to an LLM endpoint.
	Requests int
	// Dropped counts answer items left out by validation and grounding;
	// DroppedByReason splits it by reason.
	Dropped         int
	DroppedByReason map[string]int
	// BudgetExhausted says the token budget stopped the analysis before
	// every pending article was analysed.
	BudgetExhausted bool
	// Status is "ok", "partial" or "failed".
	Status string
	// Error is the first error of a failed run.
	Error string
}
