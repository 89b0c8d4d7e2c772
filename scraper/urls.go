package scraper

import (
	"net/url"
	"strings"
)

// NormalizeURL returns u in the form used for canonical URLs: scheme and
// host lower-cased, default port and fragment dropped, tracking query
// parameters (utm_*, fbclid, gclid) removed with the rest kept in order, and
// an empty path written as "/". file: and other non-HTTP URLs are returned
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
	if n.Path == "" && n.Opaque == "" {
		n.Path = "/"
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
		if strings.HasPrefix(key, "utm_") || key == "fbclid" || key == "gclid" {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
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
