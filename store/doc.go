// Package store persists sectorpulse's articles, analyses, entities,
// sectors, prices and runs, and the cache of paid LLM answers with what
// each LLM endpoint accepts, in one SQLite file.
//
// The schema lives in numbered SQL files under migrations/, embedded in the
// binary and applied in order when a database is opened. Writes go through
// one connection pool whose transactions take SQLite's write lock at Begin
// (_txlock=immediate), so several processes can share a file without
// "database is locked" errors; reads go through a second, read-only pool.
//
// Times are stored as UTC text in a fixed-width RFC 3339 form whose text
// order is time order; an article's published_at also keeps the page's own
// offset. The package knows nothing of HTTP or language models.
package store
