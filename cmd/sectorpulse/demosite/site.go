package demosite

import (
	"bytes"
	"net/http"
	"strings"
	"time"
)

// robotsTxt allows every crawler everywhere.
const robotsTxt = "User-agent: *\nAllow: /\n"

// site serves the catalog. It is immutable once built, so one value can
// serve concurrent requests.
type site struct {
	pages   map[string]*page // by path
	cat     catalog
	home    []byte
	homeTag string
	updated time.Time
}

func newSite(cat catalog) (*site, error) {
	s := &site{pages: make(map[string]*page, len(cat)), cat: cat, updated: cat[0].Published}
	for i := range cat {
		s.pages[cat[i].Path] = &cat[i]
	}
	home, err := renderHome(cat)
	if err != nil {
		return nil, err
	}
	s.home = home
	s.homeTag = etag(home)
	return s, nil
}

// ServeHTTP routes a request; see Handler.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var serve func(http.ResponseWriter, *http.Request)
	switch p := r.URL.Path; {
	case p == "/":
		serve = s.serveHome
	case p == "/feed.xml":
		serve = s.serveFeed
	case p == "/robots.txt":
		serve = serveRobots
	case strings.HasPrefix(p, "/news/"):
		pg, ok := s.pages[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		serve = func(w http.ResponseWriter, r *http.Request) { servePage(w, r, pg) }
	default:
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	serve(w, r)
}

func (s *site) serveHome(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("ETag", s.homeTag)
	http.ServeContent(w, r, "index.html", s.updated, bytes.NewReader(s.home))
}

func (s *site) serveFeed(w http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	body, err := renderFeed(s.cat, scheme+"://"+r.Host, feedSize)
	if err != nil {
		http.Error(w, "feed unavailable", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Header().Set("ETag", etag(body))
	http.ServeContent(w, r, "feed.xml", s.updated, bytes.NewReader(body))
}

func servePage(w http.ResponseWriter, r *http.Request, p *page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("ETag", p.ETag)
	http.ServeContent(w, r, p.Slug+".html", p.Published, bytes.NewReader(p.HTML))
}

func serveRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	http.ServeContent(w, r, "robots.txt", time.Time{}, strings.NewReader(robotsTxt))
}
