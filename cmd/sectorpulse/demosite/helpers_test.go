package demosite

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Hong_Kong on machines without a zoneinfo database

	"github.com/PuerkitoBio/goquery"
)

// hkHolidays are the weekdays of January and February 2025 on which the
// Hong Kong exchange was closed.
func hkHolidays() map[string]bool {
	return map[string]bool{"2025-01-01": true, "2025-01-29": true, "2025-01-30": true, "2025-01-31": true}
}

// hkTradingDays returns the Hong Kong trading days from 2025-01-02 to
// 2025-02-28, in order.
func hkTradingDays() []string {
	var days []string
	hol := hkHolidays()
	for d := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC); !d.After(time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || hol[d.Format(time.DateOnly)] {
			continue
		}
		days = append(days, d.Format(time.DateOnly))
	}
	return days
}

func hkLocation(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Hong_Kong")
	if err != nil {
		t.Fatalf("load Asia/Hong_Kong: %v", err)
	}
	return loc
}

// series is one index's closes by trading date, in file order.
type series struct {
	dates  []string
	closes []float64
	index  map[string]int
}

// bundledSeries parses the bundled price files into closes by index code.
func bundledSeries(t *testing.T) map[string]series {
	t.Helper()
	out := map[string]series{}
	for _, pf := range Prices() {
		rows, err := csv.NewReader(bytes.NewReader(pf.Data)).ReadAll()
		if err != nil {
			t.Fatalf("parse %s: %v", pf.Name, err)
		}
		col := len(rows[0]) - 1 // Date,Close
		if rows[0][col] == "Volume" {
			col = 4 // Yahoo: Date,Open,High,Low,Close,Adj Close,Volume
		}
		s := series{index: map[string]int{}}
		for n, r := range rows[1:] {
			v, err := strconv.ParseFloat(r[col], 64)
			if err != nil {
				t.Fatalf("%s line %d: close %q: %v", pf.Name, n+2, r[col], err)
			}
			s.index[r[0]] = len(s.dates)
			s.dates = append(s.dates, r[0])
			s.closes = append(s.closes, v)
		}
		out[pf.Index] = s
	}
	return out
}

// sessionOf returns the trading day an article published at t describes:
// the latest Hong Kong trading day whose 16:00 close is not after t.
func sessionOf(t time.Time, loc *time.Location) (string, bool) {
	last, ok := "", false
	for _, d := range hkTradingDays() {
		day, _ := time.ParseInLocation(time.DateTime, d+" 16:00:00", loc)
		if day.After(t) {
			break
		}
		last, ok = d, true
	}
	return last, ok
}

// testPage is an embedded page as the tests see it.
type testPage struct {
	name  string
	data  []byte
	doc   *goquery.Document
	meta  page
	paras []string
}

// bodySelector finds the body paragraphs of each of the three templates.
const bodySelector = ".article-body p, .story-body p, #detail p"

func embeddedPages(t *testing.T) []testPage {
	t.Helper()
	names, err := fs.Glob(siteFS, newsDir+"/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var out []testPage
	for _, name := range names {
		data, err := siteFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		meta, err := parsePage(name, data)
		if err != nil {
			t.Fatal(err)
		}
		p := testPage{name: path.Base(name), data: data, doc: doc, meta: meta}
		doc.Find(bodySelector).Each(func(_ int, s *goquery.Selection) {
			p.paras = append(p.paras, strings.TrimSpace(s.Text()))
		})
		out = append(out, p)
	}
	return out
}
