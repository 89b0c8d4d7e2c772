package scraper

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// writeTree creates the files (paths with "/") under dir, making their
// directories.
func writeTree(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("<html><body><p>saved page</p></body></html>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPageFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir,
		"2026-11-25/hsi-close.html",
		"2026-11-25/Kowloon-Bank.HTM",
		"2026-11-25/amp/ev-price-war.xhtml",
		"2026-11-24/yuan-midpoint.html.gz",
		"2026-11-24/pboc-rates.HTM.GZ",
		"2026-11-24/notes.txt",
		"2026-11-24/feed.xml",
		"2026-11-24/page.xhtml.gz",
		"2026-11-24/page.html.bak",
		"index.html",
		".cache/hidden-dir-page.html",
		"2026-11-25/.draft.html",
		"2026-11-25/.git/objects/stale.html",
		"odd.html/inside.html", // a directory named like a page
	)
	if err := os.Symlink(filepath.Join(dir, "index.html"), filepath.Join(dir, "latest.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "2026-11-25"), filepath.Join(dir, "today.html")); err != nil {
		t.Fatal(err)
	}
	got, err := PageFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range []string{
		"2026-11-24/pboc-rates.HTM.GZ",
		"2026-11-24/yuan-midpoint.html.gz",
		"2026-11-25/Kowloon-Bank.HTM",
		"2026-11-25/amp/ev-price-war.xhtml",
		"2026-11-25/hsi-close.html",
		"index.html",
		"latest.html",
		"odd.html/inside.html",
	} {
		want = append(want, filepath.Join(dir, filepath.FromSlash(f)))
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPageFilesRoots(t *testing.T) {
	t.Run("empty", func(t *testing.T) {
		got, err := PageFiles(t.TempDir())
		if err != nil || len(got) != 0 {
			t.Errorf("got %q, %v; want no files", got, err)
		}
	})
	t.Run("hidden root", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), ".pages")
		writeTree(t, dir, "a.html")
		got, err := PageFiles(dir)
		if want := []string{filepath.Join(dir, "a.html")}; err != nil || !slices.Equal(got, want) {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	})
	t.Run("symbolic link root", func(t *testing.T) {
		base := t.TempDir()
		writeTree(t, base, "real/a.html")
		link := filepath.Join(base, "link")
		if err := os.Symlink(filepath.Join(base, "real"), link); err != nil {
			t.Fatal(err)
		}
		got, err := PageFiles(link)
		if want := []string{filepath.Join(link, "a.html")}; err != nil || !slices.Equal(got, want) {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	})
}

func TestPageFilesErrors(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, "page.html")
	tests := []struct {
		name, path string
		wantIs     error
	}{
		{"missing", filepath.Join(dir, "no-such-dir"), fs.ErrNotExist},
		{"a file", filepath.Join(dir, "page.html"), syscall.ENOTDIR},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PageFiles(tt.path)
			if !errors.Is(err, tt.wantIs) {
				t.Fatalf("got %q, %v; want %v", got, err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name %s", err, tt.path)
			}
			if Reason(err) != "file" {
				t.Errorf("got Reason %q, want %q", Reason(err), "file")
			}
		})
	}
}
