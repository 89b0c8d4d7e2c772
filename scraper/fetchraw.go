package scraper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
)

// Accept headers for FetchRawIf.
const (
	// AcceptFeed asks for an RSS, Atom or JSON feed.
	AcceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
	// AcceptSitemap asks for an XML sitemap, plain or gzipped.
	AcceptSitemap = "application/xml, text/xml;q=0.9, application/x-gzip;q=0.8, */*;q=0.5"
)

// FetchRawIf GETs a feed, sitemap or other document unless it is unchanged
// since v was stored, sending accept as the Accept header ("*/*" when
// empty), with the Fetcher's robots, rate limit, retries, timeout and size
// cap. Unlike FetchIf it does not require HTML and does not convert the
// charset: Body is the bytes as sent (after HTTP content-encoding is undone
// by the transport). A body that starts with the gzip magic number (a
// .xml.gz file) is gunzipped under the same size cap. ContentType, ETag,
// LastModified, Redirects and FetchedAt are set as FetchIf sets them. A
// 304 gives ErrNotModified; the other errors are FetchIf's, wrapped with
// the URL, and a body over the cap once gunzipped gives ErrTooLarge.
func (f *Fetcher) FetchRawIf(ctx context.Context, rawURL, accept string, v Validators) (*Page, error) {
	if accept == "" {
		accept = "*/*"
	}
	resp, err := f.getIf(ctx, rawURL, accept, v)
	if err != nil {
		return nil, err
	}
	body := resp.body
	if hasGzipMagic(body) {
		body, err = gunzipCapped(bytes.NewReader(body), f.maxBytes)
		switch {
		case errors.Is(err, ErrTooLarge):
			return nil, fmt.Errorf("fetch %s: gunzip body: %w", rawURL, err)
		case err != nil:
			// %v: the body is all in memory, so a short or corrupt gzip
			// stream is a broken file, not a network failure.
			return nil, fmt.Errorf("fetch %s: gunzip body: %v", rawURL, err)
		}
	}
	ct := resp.contentType
	if ct == "" {
		ct = http.DetectContentType(body)
	}
	return resp.page(body, ct), nil
}
