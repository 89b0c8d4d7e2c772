package demosite

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// siteFS holds the article pages and the sample price files.
//
//go:embed site/news/*.html site/prices/*.csv
var siteFS embed.FS

const (
	newsDir   = "site/news"
	pricesDir = "site/prices"
)

// PriceFile is one bundled sample price file.
type PriceFile struct {
	// Index is the index code, e.g. "HSI" or "HSTECH".
	Index string
	// Name is the file name, e.g. "HSI.csv".
	Name string
	// Data is the file's content: Yahoo Finance layout
	// (Date,Open,High,Low,Close,Adj Close,Volume) for HSI, Date,Close for
	// HSTECH.
	Data []byte
}

// Handler serves the embedded sample site:
//
//	GET /                 home page listing every article, newest first
//	GET /feed.xml         RSS 2.0 of the 20 newest articles, links built from the request's Host
//	GET /news/SLUG.html   an article page
//	GET /robots.txt       allows all
//
// Anything else is 404; other methods than GET and HEAD on those paths are
// 405. It returns an error when an embedded page lacks its title or
// publication time.
func Handler() (http.Handler, error) {
	cat, err := loadCatalog(siteFS, newsDir)
	if err != nil {
		return nil, err
	}
	return newSite(cat)
}

// ArticleCount returns how many articles the site serves.
func ArticleCount() int {
	names, err := fs.Glob(siteFS, newsDir+"/*.html")
	if err != nil {
		return 0
	}
	return len(names)
}

// Prices returns the bundled sample price files: index code, file name and
// bytes, ordered by file name. The slices are copies the caller may keep.
func Prices() []PriceFile {
	entries, err := fs.ReadDir(siteFS, pricesDir)
	if err != nil {
		return nil
	}
	var out []PriceFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".csv" {
			continue
		}
		data, err := siteFS.ReadFile(pricesDir + "/" + name)
		if err != nil {
			continue
		}
		out = append(out, PriceFile{Index: strings.TrimSuffix(name, ".csv"), Name: name, Data: data})
	}
	return out
}
