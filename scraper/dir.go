package scraper

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// PageFiles lists the saved pages under dir, recursively: files ending in
// .html, .htm, .xhtml, .html.gz or .htm.gz (case-insensitive), sorted by
// path. Hidden files and directories (leading dot) are skipped; a symbolic
// link is listed when it points at a regular file, and not followed when
// it points at a directory. A dir that does not exist or is not a
// directory, or a directory under it that cannot be read, gives an error
// naming it.
func PageFiles(dir string) ([]string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("list pages: %w", &fs.PathError{Op: "open", Path: dir, Err: syscall.ENOTDIR})
	}
	root := dir
	if li, err := os.Lstat(dir); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not follow a symbolic link at the root; with a
		// trailing separator the system resolves it.
		root = dir + string(filepath.Separator)
	}
	var files []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isPageName(d.Name()) {
			return nil
		}
		if !d.Type().IsRegular() {
			// A symbolic link or a special file: list it only if it
			// leads to a regular file.
			fi, err := os.Stat(path)
			if err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		files = append(files, path)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list pages in %s: %w", dir, err)
	}
	slices.Sort(files)
	return files, nil
}

// isPageName reports whether a file name ends like a page ReadFile reads:
// .html, .htm, .xhtml, .html.gz or .htm.gz, in any case.
func isPageName(name string) bool {
	name = strings.ToLower(name)
	for _, suffix := range [...]string{".html", ".htm", ".xhtml", ".html.gz", ".htm.gz"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
