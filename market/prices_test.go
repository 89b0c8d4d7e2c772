package market

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/sectorpulse/sectorpulse"
)

func parseFixture(t *testing.T, name, index string) ([]sectorpulse.Price, []error, error) {
	t.Helper()
	path := filepath.Join("testdata", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ix, err := sectorpulse.DefaultRegistry().Lookup(index)
	if err != nil {
		return nil, nil, fmt.Errorf("import %s: %w", path, err)
	}
	got, err := ParsePrices(f, path, ParseOptions{Index: ix})
	if err != nil {
		return nil, nil, err
	}
	return got.Prices, got.RowErrors, nil
}

func TestParsePricesFormats(t *testing.T) {
	hsi := func(date string, o, h, l, c float64) sectorpulse.Price {
		return sectorpulse.Price{Index: "HSI", Date: date, Open: o, High: h, Low: l, Close: c}
	}
	tests := []struct {
		name, file, index string
		want              []sectorpulse.Price
		wantRowErrs       []string
	}{
		{name: "plain date,close any case, extra column, unsorted", file: "plain.csv", index: "HSI",
			want: []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20100.50), hsi("2025-02-04", 0, 0, 0, 20200), hsi("2025-02-05", 0, 0, 0, 20250.25)}},
		{name: "yahoo uses Close not Adj Close, null row is a row error", file: "yahoo.csv", index: "^HSI",
			want:        []sectorpulse.Price{hsi("2025-02-03", 20010, 20150, 19950, 20100), hsi("2025-02-05", 20100, 20300, 20050, 20250.50)},
			wantRowErrs: []string{"testdata/yahoo.csv:3: 2025-02-04: no close (null)"}},
		{name: "yfinance three header rows", file: "yfinance.csv", index: "hsi",
			want: []sectorpulse.Price{hsi("2025-02-03", 20010, 20150, 19950, 20100), hsi("2025-02-04", 20120, 20260, 20080, 20200)}},
		{name: "stooq daily", file: "stooq.csv", index: "HSI",
			want: []sectorpulse.Price{hsi("2025-02-03", 20010, 20150, 19950, 20100), hsi("2025-02-04", 20120, 20260, 20080, 20200)}},
		{name: "stooq angle-bracket header, YYYYMMDD dates", file: "stooq_tickers.txt", index: "HSI",
			want: []sectorpulse.Price{hsi("2025-02-03", 20010, 20150, 19950, 20100), hsi("2025-02-04", 20120, 20260, 20080, 20200)}},
		{name: "BOM, CRLF, quoted thousands, three date styles", file: "bom_thousands.csv", index: "HSI",
			want: []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20100.50), hsi("2025-02-04", 0, 0, 0, 20200), hsi("2025-02-05", 0, 0, 0, 1020300.25)}},
		{name: "yfinance ticker of the imported index", file: "yfinance_hscei.csv", index: "HSCEI",
			want: []sectorpulse.Price{{Index: "HSCEI", Date: "2025-02-03", Open: 7280, High: 7350, Low: 7250, Close: 7300}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rowErrs, err := parseFixture(t, tt.file, tt.index)
			if err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("prices:\n got %+v\nwant %+v", got, tt.want)
			}
			if gotMsgs := errStrings(rowErrs); !reflect.DeepEqual(gotMsgs, tt.wantRowErrs) {
				t.Errorf("row errors: got %q, want %q", gotMsgs, tt.wantRowErrs)
			}
		})
	}
}

func errStrings(errs []error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestParsePricesRowErrors(t *testing.T) {
	got, rowErrs, err := parseFixture(t, "rowerrors.csv", "HSI")
	if err != nil {
		t.Fatalf("err = %v, want nil", err)
	}
	wantDates := []string{"2025-02-03", "2025-02-10", "2025-02-12"}
	var gotDates []string
	for _, p := range got {
		gotDates = append(gotDates, p.Date)
	}
	if !reflect.DeepEqual(gotDates, wantDates) {
		t.Errorf("dates: got %v, want %v", gotDates, wantDates)
	}
	if len(got) == 3 && got[1].Close != 20400 {
		t.Errorf("duplicate 2025-02-10 close: got %v, want the last row's 20400", got[1].Close)
	}
	wantLines := []struct {
		line int
		msg  string
	}{
		{3, `bad date "2025-02-30"`},
		{4, "close: empty"},
		{5, `close: not a number: "abc"`},
		{6, "close -5 is not positive"},
		{7, "3 fields, want 2"},
		{9, "duplicate date 2025-02-10 (also on line 8)"},
		{10, "quote"},
	}
	if len(rowErrs) != len(wantLines) {
		t.Fatalf("row errors: got %d %q, want %d", len(rowErrs), errStrings(rowErrs), len(wantLines))
	}
	for i, w := range wantLines {
		var re *RowError
		if !errors.As(rowErrs[i], &re) {
			t.Fatalf("row error %d: got %T, want *RowError", i, rowErrs[i])
		}
		if re.File != "testdata/rowerrors.csv" || re.Line != w.line {
			t.Errorf("row error %d at %s:%d, want testdata/rowerrors.csv:%d", i, re.File, re.Line, w.line)
		}
		prefix := "testdata/rowerrors.csv:" + strconv.Itoa(w.line) + ": "
		if msg := re.Error(); !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, w.msg) {
			t.Errorf("row error %d: got %q, want prefix %q and %q", i, msg, prefix, w.msg)
		}
		if errors.Unwrap(re) != re.Err {
			t.Errorf("row error %d: Unwrap does not return Err", i)
		}
	}
}

func TestParsePricesFileErrors(t *testing.T) {
	tests := []struct {
		name, file, index string
		want              []string // substrings of the error
	}{
		{"unknown header", "unknown_header.csv", "HSI", []string{"testdata/unknown_header.csv:1", `"Day,Level"`}},
		{"unknown index", "plain.csv", "DAX", []string{"testdata/plain.csv", `"DAX"`, "HSI, HSCEI, HSTECH"}},
		{"empty file", "empty.csv", "HSI", []string{"testdata/empty.csv", "empty"}},
		{"header only", "header_only.csv", "HSI", []string{"testdata/header_only.csv", "no price rows"}},
		{"yfinance ticker of another index", "yfinance_hscei.csv", "HSI", []string{"testdata/yfinance_hscei.csv:2", "^HSCE", "HSCEI", "not HSI"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := parseFixture(t, tt.file, tt.index)
			if err == nil {
				t.Fatalf("err = nil with %d prices, want an error", len(got))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q, want it to contain %q", err, w)
				}
			}
			if got != nil {
				t.Errorf("prices = %v, want nil on error", got)
			}
		})
	}
}

func TestParsePricesBOMOnly(t *testing.T) {
	hsi, _ := sectorpulse.LookupIndex("HSI")
	_, err := ParsePrices(strings.NewReader("\xEF\xBB\xBF"), "bom.csv", ParseOptions{Index: hsi})
	if err == nil || !strings.Contains(err.Error(), "bom.csv: empty") {
		t.Errorf("err = %v, want bom.csv: empty …", err)
	}
}

func TestParsePriceDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-02-03", "2025-02-03"},
		{"20250203", "2025-02-03"},
		{"2025/02/03", "2025-02-03"},
		{"2025-02-03 00:00:00+08:00", "2025-02-03"},
		{"2025-02-03T00:00:00Z", "2025-02-03"},
		{" 2025-02-03 ", "2025-02-03"},
		{"03/02/2025", ""},
		{"2025-13-01", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parsePriceDate(tt.in)
			if got != tt.want || (err != nil) != (tt.want == "") {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
