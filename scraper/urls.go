package scraper

import (
	"net/url"
	"strings"
)

// NormalizeURL returns u in the form used for canonical URLs: scheme and
// host lower-cased, default port and fragment dropped, tracking query
// parameters (utm_*, and the click ids fbclid, gclid, gclsrc, dclid,
// msclkid and yclid) removed with the rest kept in order, a trailing slash
// dropped from a path other than the root ("/a/b/" becomes "/a/b"), and an
// empty path written as "/". file: and other non-HTTP URLs are returned
// unchanged.
func NormalizeURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return u.String()
	}
	n := *u
	n.Scheme = scheme
	n.Fragment = ""
	n.RawFragment = ""
	host := strings.ToLower(n.Hostname())
	port := n.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	n.Host = host
	if n.Opaque == "" {
		trimTrailingSlash(&n)
	}
	n.RawQuery = stripTracking(n.RawQuery)
	n.ForceQuery = false
	return n.String()
}

// stripTracking removes tracking parameters from a raw query, keeping the
// order and encoding of the others.
func stripTracking(rawQuery string) string {
	if rawQuery == "" {
		return ""
	}
	parts := strings.Split(rawQuery, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		key, _, _ := strings.Cut(p, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		key = strings.ToLower(key)
		if isTrackingKey(key) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

// isTrackingKey reports whether a lower-cased query key is a campaign tag
// (utm_*) or an ad platform's click id.
func isTrackingKey(key string) bool {
	switch key {
	case "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid":
		return true
	}
	return strings.HasPrefix(key, "utm_")
}

// trimTrailingSlash drops the trailing slashes of u's path, working on the
// escaped form so an escaped slash (%2F) stays; an empty path, or one of
// slashes only, becomes "/".
func trimTrailingSlash(u *url.URL) {
	escaped := strings.TrimRight(u.EscapedPath(), "/")
	if escaped == "" {
		u.Path, u.RawPath = "/", ""
		return
	}
	p, err := url.PathUnescape(escaped)
	if err != nil {
		return
	}
	u.Path, u.RawPath = p, escaped
}

// sourceOf names the source of a page URL: its host without "www." and
// port, or "file" for a file URL.
func sourceOf(u *url.URL) string {
	if u == nil {
		return ""
	}
	if strings.EqualFold(u.Scheme, "file") {
		return "file"
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// sameSite reports whether two hosts are the same, ignoring case and a
// leading "www.".
func sameSite(a, b *url.URL) bool {
	return sourceOf(a) == sourceOf(b)
}
