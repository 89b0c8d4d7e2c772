package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestSourcesCheckShowsAFailingSource(t *testing.T) {
	site := fixtureSite(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "sp.db")
	sources := filepath.Join(dir, "sources.yaml")
	yaml := "sources:\n" +
		"  - name: harbour\n    url: " + site.URL + "/markets/hk-close.html\n" +
		"  - name: redesigned\n    url: [" + site.URL + "/empty.html, " + site.URL + "/report.pdf]\n"
	if err := os.WriteFile(sources, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, nil, "", "--db", db, "scrape", "--sources", sources); code != ExitPartial {
		t.Fatalf("scrape: exit %d, want %d: %s", code, ExitPartial, stderr)
	}
	code, out, stderr := cli(t, nil, "", "--db", db, "sources", "check", "--format", "json")
	if code != ExitOK {
		t.Fatalf("sources check: exit %d: %s", code, stderr)
	}
	var got []sourceCheck
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	by := map[string]sourceCheck{}
	for _, c := range got {
		by[c.Source] = c
	}
	h, r := by["harbour"], by["redesigned"]
	if h.Articles != 1 || h.Fetches != 1 || h.Failures != 0 || h.Status != "ok" {
		t.Errorf("harbour = %+v", h)
	}
	if r.Articles != 0 || r.Fetches != 2 || r.Failures != 2 || r.Status != "failing" ||
		r.FailedByReason["empty"] != 1 || r.FailedByReason["not_html"] != 1 || r.LastError == "" {
		t.Errorf("redesigned = %+v, want failing with empty=1 and not_html=1", r)
	}
}
