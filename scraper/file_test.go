package scraper

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(simplePage))
	zw.Close()
	gbk, err := os.ReadFile(filepath.Join("testdata", "extract", "gbk", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 18, 0, 0, 0, time.FixedZone("HKT", 8*3600))

	tests := []struct {
		name, path, wantType, wantContains string
	}{
		{"html", write("story.html", []byte(simplePage)), "text/html", "Hong Kong shares rose"},
		{"htm upper case", write("STORY.HTM", []byte(simplePage)), "text/html", "Hong Kong shares rose"},
		{"xhtml", write("story.xhtml", []byte(simplePage)), "application/xhtml+xml", "Hong Kong shares rose"},
		{"gzip", write("story.html.gz", gz.Bytes()), "text/html", "Hong Kong shares rose"},
		{"gbk converted", write("gbk.html", gbk), "text/html", "新能源汽车板块领涨"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ReadFile(tt.path, now)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(p.Body), tt.wantContains) {
				t.Errorf("got body without %q", tt.wantContains)
			}
			if p.ContentType != tt.wantType {
				t.Errorf("got content type %q, want %q", p.ContentType, tt.wantType)
			}
			if want := "file://" + filepath.ToSlash(tt.path); p.URL != want {
				t.Errorf("got URL %q, want %q", p.URL, want)
			}
			if !p.FetchedAt.Equal(now) || p.FetchedAt.Location() != time.UTC {
				t.Errorf("got FetchedAt %v, want %v in UTC", p.FetchedAt, now.UTC())
			}
		})
	}

	t.Run("extract from file", func(t *testing.T) {
		p, err := ReadFile(filepath.Join(dir, "gbk.html"), now)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ExtractPage(p)
		if err != nil {
			t.Fatal(err)
		}
		if a.Source != "file" || a.Title != "沪深股市高开高走 新能源汽车板块领涨" {
			t.Errorf("got source %q title %q, want file and the GBK headline", a.Source, a.Title)
		}
	})

	errTests := []struct {
		name, path string
		wantIs     error
	}{
		{"missing", filepath.Join(dir, "nope.html"), fs.ErrNotExist},
		{"unsupported extension", write("story.pdf", []byte("%PDF")), ErrUnsupportedFile},
		{"no extension", write("story", []byte(simplePage)), ErrUnsupportedFile},
		{"corrupt gzip", write("bad.html.gz", []byte("not gzip")), nil},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ReadFile(tt.path, now)
			if err == nil {
				t.Fatalf("got page %q, want an error", p.URL)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("got %v, want errors.Is %v", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name the path %q", err, tt.path)
			}
			if tt.wantIs != nil && Reason(err) != "file" {
				t.Errorf("got Reason %q, want %q", Reason(err), "file")
			}
		})
	}
}
