// Package scraper fetches news pages and feeds over HTTP, reads saved pages
// from disk, and extracts articles from HTML: title, byline, publication
// time, language, canonical URL and body text.
//
// Fetching is separate from extraction: a Fetcher does HTTP politely and
// defensively (robots.txt, a per-host rate limit, retries with backoff
// honouring Retry-After, a per-attempt timeout that covers the body, a size
// cap after decompression, capped redirects, conditional GET, charset
// conversion to UTF-8), while Extract, ParseFeed and ListingLinks are pure
// functions over a reader and need no network.
//
// The package knows nothing about sentiment or storage; callers wire it to
// the rest of sectorpulse. Errors carry the URL or path they concern and can
// be classified for run counts with Reason.
package scraper
