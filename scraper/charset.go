package scraper

import (
	"bytes"
	"fmt"
	"mime"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// toUTF8 converts an HTML body to UTF-8. A charset in contentType wins (as
// in browsers); otherwise a body that is already valid UTF-8 is kept as is,
// and anything else is decoded by the page's <meta charset>, falling back to
// windows-1252.
func toUTF8(body []byte, contentType string) ([]byte, error) {
	declared := false
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		declared = true
	}
	if !declared && utf8.Valid(body) {
		return bytes.TrimPrefix(body, utf8BOM), nil
	}
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" && utf8.Valid(body) {
		return bytes.TrimPrefix(body, utf8BOM), nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return bytes.TrimPrefix(out, utf8BOM), nil
}
