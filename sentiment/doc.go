// Package sentiment scores the sentiment of news articles towards companies,
// organisations, indexes and sectors.
//
// It holds the Analyzer interface, the entity gazetteer (Gazetteer), the
// sector taxonomy (Taxonomy), the offline lexicon analyzer
// (LexiconAnalyzer), the LLM analyzer over any OpenAI-compatible endpoint
// (LLMAnalyzer: response-format fallback, retries, rate limits, token
// budget, answer validation and grounding) and the extraction of index
// moves that articles report (FindIndexMoves). Every score it produces carries an evidence quote whose
// byte offsets point into the article's Document.
//
// The package never opens the database: callers store what it returns,
// and pass an LLMMemory to keep the LLM's answers across runs.
package sentiment
