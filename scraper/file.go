package scraper

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ReadFile reads a saved page from disk: .html, .htm, .xhtml, or a gzipped
// .html.gz / .htm.gz. The body is converted to UTF-8 using the page's
// <meta charset>; Page.URL is the file:// URL of the absolute path and
// FetchedAt is now in UTC. Other extensions give ErrUnsupportedFile; missing
// or unreadable files give the *fs.PathError, both naming the path.
func ReadFile(path string, now time.Time) (*Page, error) {
	name := strings.ToLower(filepath.Base(path))
	gz := strings.HasSuffix(name, ".gz")
	name = strings.TrimSuffix(name, ".gz")
	var contentType string
	switch filepath.Ext(name) {
	case ".html", ".htm":
		contentType = "text/html"
	case ".xhtml":
		if gz {
			return nil, fmt.Errorf("read %s: %w (want .html, .htm, .xhtml or .html.gz)", path, ErrUnsupportedFile)
		}
		contentType = "application/xhtml+xml"
	default:
		return nil, fmt.Errorf("read %s: %w (want .html, .htm, .xhtml or .html.gz)", path, ErrUnsupportedFile)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	if gz {
		if raw, err = gunzipCapped(bytes.NewReader(raw), DefaultMaxBytes); err != nil {
			return nil, fmt.Errorf("read %s: gunzip: %w", path, err)
		}
	}
	body, err := toUTF8(raw, "")
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	u, err := FileURL(path)
	if err != nil {
		return nil, err
	}
	return &Page{URL: u, Body: body, ContentType: contentType, FetchedAt: now.UTC()}, nil
}

// FileURL returns the file:// URL of path's absolute form: the URL under
// which ReadFile's pages, and so the articles of local files, are stored.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return u.String(), nil
}
