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

// parseFixture parses testdata/name for the index named index.
func parseFixture(t *testing.T, name, index string, opts ParseOptions) (*ParsedPrices, error) {
	t.Helper()
	path := filepath.Join("testdata", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ix, err := sectorpulse.DefaultRegistry().Lookup(index)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	opts.Index = ix
	return ParsePrices(f, path, opts)
}

func TestParsePricesFormats(t *testing.T) {
	px := func(index, date string, o, h, l, c float64) sectorpulse.Price {
		return sectorpulse.Price{Index: index, Date: date, Open: o, High: h, Low: l, Close: c}
	}
	hsi := func(date string, o, h, l, c float64) sectorpulse.Price { return px("HSI", date, o, h, l, c) }
	tests := []struct {
		name, file, index string
		opts              ParseOptions
		want              []sectorpulse.Price
		wantFormat        string
		wantDelim         rune
		wantDecimalComma  bool
		wantOrder         string
		wantRowErrs       []string
	}{
		{name: "plain date,close any case, extra column, unsorted", file: "plain.csv", index: "HSI",
			want:       []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20100.50), hsi("2025-02-04", 0, 0, 0, 20200), hsi("2025-02-05", 0, 0, 0, 20250.25)},
			wantFormat: FormatGeneric},
		{name: "yahoo uses Close not Adj Close, null row is a row error", file: "yahoo.csv", index: "^HSI",
			want:        []sectorpulse.Price{hsi("2025-02-03", 20010, 20150, 19950, 20100), hsi("2025-02-05", 20100, 20300, 20050, 20250.50)},
			wantFormat:  FormatYahoo,
			wantRowErrs: []string{"testdata/yahoo.csv:3: 2025-02-04: no close (null)"}},
		{name: "yfinance three header rows", file: "yfinance.csv", index: "hsi",
			want:       []sectorpulse.Price{hsi("2025-02-03", 20010, 20150, 19950, 20100), hsi("2025-02-04", 20120, 20260, 20080, 20200)},
			wantFormat: FormatYfinance},
		{name: "stooq daily", file: "stooq.csv", index: "HSI",
			want:       []sectorpulse.Price{hsi("2025-02-03", 20010, 20150, 19950, 20100), hsi("2025-02-04", 20120, 20260, 20080, 20200)},
			wantFormat: FormatStooq},
		{name: "stooq angle-bracket header, YYYYMMDD dates", file: "stooq_tickers.txt", index: "HSI",
			want:       []sectorpulse.Price{hsi("2025-02-03", 20010, 20150, 19950, 20100), hsi("2025-02-04", 20120, 20260, 20080, 20200)},
			wantFormat: FormatStooq},
		{name: "BOM, CRLF, quoted thousands, three date styles", file: "bom_thousands.csv", index: "HSI",
			want:       []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20100.50), hsi("2025-02-04", 0, 0, 0, 20200), hsi("2025-02-05", 0, 0, 0, 1020300.25)},
			wantFormat: FormatGeneric},
		{name: "yfinance ticker of the imported index", file: "yfinance_hscei.csv", index: "HSCEI",
			want:       []sectorpulse.Price{px("HSCEI", "2025-02-03", 7280, 7350, 7250, 7300)},
			wantFormat: FormatYfinance},
		{name: "investing: Price is the close, newest first, month-first dates", file: "prices_investing.csv", index: "HSI",
			want: []sectorpulse.Price{
				hsi("2025-02-12", 22301.56, 22610.40, 22288.91, 22587.84),
				hsi("2025-02-13", 22590, 22655.12, 22380.07, 22481.45),
				hsi("2025-02-14", 22480.10, 22711.95, 22402.64, 22620.33)},
			wantFormat: FormatInvesting, wantOrder: orderMDY},
		{name: "investing with BOM, CRLF and no day above 12 reads month first", file: "prices_investing_ambiguous.csv", index: "HSI",
			want: []sectorpulse.Price{
				hsi("2025-02-03", 20101.40, 20122.05, 19860.73, 19944.62),
				hsi("2025-02-04", 20212.63, 20552.40, 20190.18, 20508.87),
				hsi("2025-02-05", 20480.22, 20640.50, 20402.11, 20597.09)},
			wantFormat: FormatInvesting, wantOrder: orderMDY},
		{name: "investing with month-name dates", file: "prices_investing_names.csv", index: "HSI",
			want: []sectorpulse.Price{
				hsi("2025-02-13", 22590, 22655.12, 22380.07, 22481.45),
				hsi("2025-02-14", 22480.10, 22711.95, 22402.64, 22620.33)},
			wantFormat: FormatInvesting},
		{name: "investing forced day first: a day above 12 in second place is a row error", file: "prices_investing.csv", index: "HSI",
			opts:       ParseOptions{DateFormat: "dmy"},
			want:       []sectorpulse.Price{hsi("2025-12-02", 22301.56, 22610.40, 22288.91, 22587.84)},
			wantFormat: FormatInvesting, wantOrder: orderDMY,
			wantRowErrs: []string{
				`testdata/prices_investing.csv:2: bad date "02/14/2025": no such day (read day first)`,
				`testdata/prices_investing.csv:3: bad date "02/13/2025": no such day (read day first)`}},
		{name: "generic with Chinese headers: 日期 and 收盘价, not 前收盘", file: "prices_generic_zh.csv", index: "SSEC",
			want: []sectorpulse.Price{
				px("SSEC", "2025-02-12", 3310.88, 3346.50, 3307.56, 3346.39),
				px("SSEC", "2025-02-13", 3341.22, 3347.95, 3326.01, 3332.48),
				px("SSEC", "2025-02-14", 3330.09, 3352.40, 3321.18, 3346.72)},
			wantFormat: FormatGeneric},
		{name: "semicolons, decimal commas, narrow-space thousands, day-first dots", file: "prices_semicolon.csv", index: "HSI",
			want: []sectorpulse.Price{
				hsi("2025-02-03", 20101.40, 20122.05, 19860.73, 19944.62),
				hsi("2025-02-12", 22301.56, 22610.40, 22288.91, 22587.84),
				hsi("2025-02-13", 22590, 22655.12, 22380.07, 22481.45),
				hsi("2025-02-14", 22480.10, 22711.95, 22402.64, 22620.33)},
			wantFormat: FormatYahoo, wantDelim: ';', wantDecimalComma: true, wantOrder: orderDMY,
			wantRowErrs: []string{`testdata/prices_semicolon.csv:5: 2025-02-11: close: "22,310.25" has a thousands separator after the decimal mark ',' (the file's decimal mark)`}},
		{name: "tabs, decimal points with comma thousands, px_last, month first", file: "prices_tab.csv", index: "SPX",
			want: []sectorpulse.Price{
				px("SPX", "2025-02-12", 6025.08, 6063.44, 6003.00, 6051.97),
				px("SPX", "2025-02-13", 6060.52, 6116.91, 6051.97, 6115.07),
				px("SPX", "2025-02-14", 6102.88, 6127.47, 6099.98, 6114.63)},
			wantFormat: FormatGeneric, wantDelim: '\t', wantOrder: orderMDY},
		{name: "day-first numeric dates", file: "prices_dayfirst.csv", index: "HSI",
			want:       []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20100.50), hsi("2025-02-04", 0, 0, 0, 20200), hsi("2025-02-14", 0, 0, 0, 22620.33)},
			wantFormat: FormatGeneric, wantOrder: orderDMY},
		{name: "month-name dates; a two-digit year is a row error", file: "prices_monthnames.csv", index: "HSI",
			want: []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20100.50), hsi("2025-02-04", 0, 0, 0, 20200),
				hsi("2025-02-05", 0, 0, 0, 20250.25), hsi("2025-02-07", 0, 0, 0, 20310.75)},
			wantFormat:  FormatGeneric,
			wantRowErrs: []string{`testdata/prices_monthnames.csv:5: bad date "06-Feb-25": a two-digit year could be in either century (give the date format as a Go layout, e.g. "2-Jan-06")`}},
		{name: "only Adj Close: used and said so", file: "prices_adjclose.csv", index: "HSI",
			want:       []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20099), hsi("2025-02-04", 0, 0, 0, 20199.50)},
			wantFormat: FormatGenericAdjClose},
		{name: "exact Close preferred to Last, Price and Adj Close", file: "prices_prefer_close.csv", index: "HSI",
			want:       []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20100), hsi("2025-02-04", 0, 0, 0, 20200)},
			wantFormat: FormatGeneric},
		{name: "overrides by name, case and space ignored", file: "prices_overrides.csv", index: "HSI",
			opts:       ParseOptions{DateCol: "when", CloseCol: " SETTLE "},
			want:       []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20100), hsi("2025-02-04", 0, 0, 0, 20200)},
			wantFormat: FormatGeneric},
		{name: "overrides by number", file: "prices_overrides.csv", index: "HSI",
			opts:       ParseOptions{DateCol: "1", CloseCol: "2"},
			want:       []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20090), hsi("2025-02-04", 0, 0, 0, 20190)},
			wantFormat: FormatGeneric},
		{name: "close override wins over detection", file: "yahoo.csv", index: "HSI",
			opts:        ParseOptions{CloseCol: "Adj Close"},
			want:        []sectorpulse.Price{hsi("2025-02-03", 20010, 20150, 19950, 20099), hsi("2025-02-05", 20100, 20300, 20050, 20249.50)},
			wantFormat:  FormatYahoo,
			wantRowErrs: []string{"testdata/yahoo.csv:3: 2025-02-04: no close (null)"}},
		{name: "close override on an adj-close-only header is plain generic", file: "prices_adjclose.csv", index: "HSI",
			opts:       ParseOptions{CloseCol: "adj close"},
			want:       []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20099), hsi("2025-02-04", 0, 0, 0, 20199.50)},
			wantFormat: FormatGeneric},
		{name: "date format dmy on ambiguous dates", file: "prices_ambiguous.csv", index: "HSI",
			opts:       ParseOptions{DateFormat: "DMY"},
			want:       []sectorpulse.Price{hsi("2025-02-03", 0, 0, 0, 20100.50), hsi("2025-02-04", 0, 0, 0, 20200), hsi("2025-02-05", 0, 0, 0, 20250.25)},
			wantFormat: FormatGeneric, wantOrder: orderDMY},
		{name: "date format mdy on ambiguous dates", file: "prices_ambiguous.csv", index: "HSI",
			opts:       ParseOptions{DateFormat: "mdy"},
			want:       []sectorpulse.Price{hsi("2025-03-02", 0, 0, 0, 20100.50), hsi("2025-04-02", 0, 0, 0, 20200), hsi("2025-05-02", 0, 0, 0, 20250.25)},
			wantFormat: FormatGeneric, wantOrder: orderMDY},
		{name: "date format as a Go layout", file: "prices_ambiguous.csv", index: "HSI",
			opts:       ParseOptions{DateFormat: "01/02/2006"},
			want:       []sectorpulse.Price{hsi("2025-03-02", 0, 0, 0, 20100.50), hsi("2025-04-02", 0, 0, 0, 20200), hsi("2025-05-02", 0, 0, 0, 20250.25)},
			wantFormat: FormatGeneric},
		{name: "date format ymd refuses year-last dates", file: "prices_dayfirst.csv", index: "HSI",
			opts:       ParseOptions{DateFormat: "ymd"},
			wantFormat: FormatGeneric, wantOrder: orderYMD,
			wantRowErrs: []string{
				`testdata/prices_dayfirst.csv:2: bad date "03/02/2025": not year-first, as the date format ymd wants`,
				`testdata/prices_dayfirst.csv:3: bad date "04/02/2025": not year-first, as the date format ymd wants`,
				`testdata/prices_dayfirst.csv:4: bad date "14/02/2025": not year-first, as the date format ymd wants`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseFixture(t, tt.file, tt.index, tt.opts)
			if err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			if !reflect.DeepEqual(got.Prices, tt.want) {
				t.Errorf("prices:\n got %+v\nwant %+v", got.Prices, tt.want)
			}
			if gotMsgs := errStrings(got.RowErrors); !reflect.DeepEqual(gotMsgs, tt.wantRowErrs) {
				t.Errorf("row errors: got %q, want %q", gotMsgs, tt.wantRowErrs)
			}
			if got.Format != tt.wantFormat {
				t.Errorf("format: got %q, want %q", got.Format, tt.wantFormat)
			}
			wantDelim := tt.wantDelim
			if wantDelim == 0 {
				wantDelim = ','
			}
			if got.Delimiter != wantDelim || got.DecimalComma != tt.wantDecimalComma || got.DateOrder != tt.wantOrder {
				t.Errorf("delimiter, decimal comma, date order: got %q, %v, %q, want %q, %v, %q",
					got.Delimiter, got.DecimalComma, got.DateOrder, wantDelim, tt.wantDecimalComma, tt.wantOrder)
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
	parsed, err := parseFixture(t, "rowerrors.csv", "HSI", ParseOptions{})
	if err != nil {
		t.Fatalf("err = %v, want nil", err)
	}
	got, rowErrs := parsed.Prices, parsed.RowErrors
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
		{3, `bad date "2025-02-30": no such day`},
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
		opts              ParseOptions
		want              []string // substrings of the error
	}{
		{name: "unknown header", file: "unknown_header.csv", index: "HSI",
			want: []string{"testdata/unknown_header.csv:1: ", `"Day,Level"`, "no close column", "--date-col", "--close-col"}},
		{name: "unknown header, neither column", file: "prices_overrides.csv", index: "HSI",
			want: []string{"testdata/prices_overrides.csv:1: ", `"When,Level,Settle"`, "no date and close columns", "--date-col", "--close-col"}},
		{name: "unknown header, date named", file: "prices_overrides.csv", index: "HSI", opts: ParseOptions{DateCol: "When"},
			want: []string{"testdata/prices_overrides.csv:1: ", `"When,Level,Settle"`, "no close column", "--close-col"}},
		{name: "unknown index", file: "plain.csv", index: "DAX",
			want: []string{"testdata/plain.csv", `"DAX"`, "HSI, HSCEI, HSTECH"}},
		{name: "empty file", file: "empty.csv", index: "HSI",
			want: []string{"testdata/empty.csv", "empty"}},
		{name: "header only", file: "header_only.csv", index: "HSI",
			want: []string{"testdata/header_only.csv", "no price rows"}},
		{name: "yfinance ticker of another index", file: "yfinance_hscei.csv", index: "HSI",
			want: []string{"testdata/yfinance_hscei.csv:2", "^HSCE", "HSCEI", "not HSI"}},
		{name: "ambiguous day/month order", file: "prices_ambiguous.csv", index: "HSI",
			want: []string{"import testdata/prices_ambiguous.csv: ", `"03/02/2025" (line 2)`, "--date-format dmy or mdy"}},
		{name: "both day/month orders", file: "prices_conflict.csv", index: "HSI",
			want: []string{"import testdata/prices_conflict.csv: ", `line 2 has "13/02/2025" (day first)`, `line 4 has "02/14/2025" (month first)`, "--date-format"}},
		{name: "close column name the header lacks", file: "prices_overrides.csv", index: "HSI",
			opts: ParseOptions{DateCol: "When", CloseCol: "Fixing"},
			want: []string{"testdata/prices_overrides.csv:1: ", `--close-col "Fixing"`, `columns: 1 "When", 2 "Level", 3 "Settle"`}},
		{name: "date column number out of range", file: "prices_overrides.csv", index: "HSI",
			opts: ParseOptions{DateCol: "4", CloseCol: "3"},
			want: []string{"testdata/prices_overrides.csv:1: ", `--date-col "4"`, `columns: 1 "When", 2 "Level", 3 "Settle"`}},
		{name: "date column number zero", file: "prices_overrides.csv", index: "HSI",
			opts: ParseOptions{DateCol: "0", CloseCol: "3"},
			want: []string{`--date-col "0"`, "no such column"}},
		{name: "date and close the same column", file: "prices_overrides.csv", index: "HSI",
			opts: ParseOptions{DateCol: "1", CloseCol: "when"},
			want: []string{"testdata/prices_overrides.csv:1: ", `both column 1 "When"`}},
		{name: "bad date format word", file: "plain.csv", index: "HSI",
			opts: ParseOptions{DateFormat: "dd/mm/yyyy"},
			want: []string{"import testdata/plain.csv: ", `bad date format "dd/mm/yyyy"`, "ymd, dmy, mdy"}},
		{name: "date format layout without a day", file: "plain.csv", index: "HSI",
			opts: ParseOptions{DateFormat: "2006-01"},
			want: []string{"import testdata/plain.csv: ", `bad date format "2006-01"`, "a year, a month and a day"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseFixture(t, tt.file, tt.index, tt.opts)
			if err == nil {
				t.Fatalf("err = nil with %d prices, want an error", len(got.Prices))
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q, want it to contain %q", err, w)
				}
			}
			if got != nil {
				t.Errorf("parsed = %+v, want nil on error", got)
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

func TestParsePricesDelimiterAndDecimalMark(t *testing.T) {
	hsi, _ := sectorpulse.LookupIndex("HSI")
	tests := []struct {
		name, in     string
		decimal      string
		wantClose    []float64
		wantComma    bool
		wantRowErrs  []string
		wantDelim    rune
		wantFormat   string
		wantDateOrdr string
	}{
		{name: "semicolon, no decimal shown, --decimal comma", in: "Date;Close\n2025-02-03;22.620\n", decimal: "comma",
			wantClose: []float64{22620}, wantComma: true, wantDelim: ';', wantFormat: FormatGeneric},
		{name: "semicolon, no decimal shown, --decimal point", in: "Date;Close\n2025-02-03;22.620\n", decimal: "point",
			wantClose: []float64{22.62}, wantDelim: ';', wantFormat: FormatGeneric},
		{name: "tab, no decimal shown, --decimal point", in: "Date\tClose\n2025-02-03\t22,620\n", decimal: "point",
			wantClose: []float64{22620}, wantDelim: '\t', wantFormat: FormatGeneric},
		{name: "semicolon, plain integers need no decision", in: "Date;Close\n2025-02-03;22620\n",
			wantClose: []float64{22620}, wantDelim: ';', wantFormat: FormatGeneric},
		{name: "semicolon, points outvote commas; the comma cell is a row error",
			in:        "Date;Close\n2025-02-03;22620.5\n2025-02-04;22,700.25\n2025-02-05;22700,75\n",
			wantClose: []float64{22620.5, 22700.25}, wantDelim: ';', wantFormat: FormatGeneric,
			wantRowErrs: []string{`x.csv:4: 2025-02-05: close: "22700,75": thousands separators must split the digits in groups of three (the file's decimal mark is '.')`}},
		{name: "comma file: a quoted decimal comma is a row error",
			in:        "Date,Close\n2025-02-03,\"22620,33\"\n2025-02-04,\"22 620.5\"\n",
			wantClose: []float64{22620.5}, wantDelim: ',', wantFormat: FormatGeneric,
			wantRowErrs: []string{`x.csv:2: 2025-02-03: close: "22620,33": thousands separators must split the digits in groups of three (the file's decimal mark is '.')`}},
		{name: "quoted header with a comma inside stays comma-separated",
			in:        "\"Date\",\"Close; HKD\",\"Close\"\n2025-02-03,1,20100\n",
			wantClose: []float64{20100}, wantDelim: ',', wantFormat: FormatGeneric},
		{name: "semicolon investing export with decimal commas",
			in:        "\"Date\";\"Price\";\"Open\";\"High\";\"Low\";\"Vol.\";\"Change %\"\n\"14.02.2025\";\"22.620,33\";\"22.480,10\";\"22.711,95\";\"22.402,64\";\"3,41B\";\"0,62%\"\n",
			wantClose: []float64{22620.33}, wantComma: true, wantDelim: ';', wantFormat: FormatInvesting, wantDateOrdr: orderDMY},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePrices(strings.NewReader(tt.in), "x.csv", ParseOptions{Index: hsi, Decimal: tt.decimal})
			if err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			var closes []float64
			for _, p := range got.Prices {
				closes = append(closes, p.Close)
			}
			if !reflect.DeepEqual(closes, tt.wantClose) {
				t.Errorf("closes: got %v, want %v", closes, tt.wantClose)
			}
			if gotMsgs := errStrings(got.RowErrors); !reflect.DeepEqual(gotMsgs, tt.wantRowErrs) {
				t.Errorf("row errors: got %q, want %q", gotMsgs, tt.wantRowErrs)
			}
			if got.DecimalComma != tt.wantComma || got.Delimiter != tt.wantDelim || got.Format != tt.wantFormat || got.DateOrder != tt.wantDateOrdr {
				t.Errorf("decimal comma, delimiter, format, date order: got %v, %q, %q, %q, want %v, %q, %q, %q",
					got.DecimalComma, got.Delimiter, got.Format, got.DateOrder, tt.wantComma, tt.wantDelim, tt.wantFormat, tt.wantDateOrdr)
			}
		})
	}
}

// A semicolon or tab file whose numbers never show their decimal mark
// ("245.123" is 245.123 or 245123) is refused, naming file and line, not
// guessed: a guess would scale every level by 1000.
func TestParsePricesUndecidableDecimalMark(t *testing.T) {
	hsi, _ := sectorpulse.LookupIndex("HSI")
	for _, tt := range []struct{ name, in, decimal, want string }{
		{"semicolon", "Date;Close\n2025-02-03;245.123\n2025-02-04;246.500\n", "", "x.csv:2: cannot tell whether '.' or ',' is the decimal mark"},
		{"tab", "Date\tClose\n02.01.2025\t19.623\n", "", "x.csv:2: cannot tell whether '.' or ',' is the decimal mark"},
		{"tied evidence", "Date;Close\n2025-02-03;22620.5\n2025-02-04;22700,75\n", "", "x.csv:2: cannot tell"},
		{"bad option", "Date;Close\n2025-02-03;245.123\n", "dot", `x.csv: decimal mark "dot": want point or comma`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePrices(strings.NewReader(tt.in), "x.csv", ParseOptions{Index: hsi, Decimal: tt.decimal})
			if err == nil || !strings.Contains(err.Error(), tt.want) || got != nil {
				t.Errorf("got %v, err %v; want no prices and an error containing %q", got, err, tt.want)
			}
		})
	}
}

func TestDateReaderParse(t *testing.T) {
	tests := []struct {
		format, in, want string
		wantErr          string // substring when want is ""
	}{
		{"", "2025-02-03", "2025-02-03", ""},
		{"", "20250203", "2025-02-03", ""},
		{"", "2025/02/03", "2025-02-03", ""},
		{"", "2025.02.03", "2025-02-03", ""},
		{"", "2025-2-3", "2025-02-03", ""},
		{"", "2025-02-03 00:00:00+08:00", "2025-02-03", ""},
		{"", "2025-02-03T00:00:00Z", "2025-02-03", ""},
		{"", " 2025-02-03 ", "2025-02-03", ""},
		{"", "Feb 3, 2025", "2025-02-03", ""},
		{"", "February 3, 2025", "2025-02-03", ""},
		{"", "3 Feb 2025", "2025-02-03", ""},
		{"", "03 February 2025", "2025-02-03", ""},
		{"", "03-Feb-2025", "2025-02-03", ""},
		{"", "03-FEB-2025", "2025-02-03", ""},
		{"", "03/02/2025", "", "day and month order unknown"},
		{"", "03-Feb-25", "", "two-digit year"},
		{"", "03/02/25", "", "four digits"},
		{"", "2025-13-01", "", "no such day"},
		{"", "Feb 30, 2025", "", `bad date "Feb 30, 2025"`},
		{"", "yesterday", "", `bad date "yesterday"`},
		{"", "", "", "no date"},
		{"dmy", "03/02/2025", "2025-02-03", ""},
		{"dmy", "3.2.2025", "2025-02-03", ""},
		{"dmy", "03-02-2025 16:00", "2025-02-03", ""},
		{"dmy", "2025-02-03", "2025-02-03", ""},
		{"dmy", "02/14/2025", "", "no such day (read day first)"},
		{"mdy", "03/02/2025", "2025-03-02", ""},
		{"mdy", "14/02/2025", "", "no such day (read month first)"},
		{"ymd", "03/02/2025", "", "not year-first"},
		{"ymd", "Feb 3, 2025", "2025-02-03", ""},
		{"02.01.2006", "03.02.2025", "2025-02-03", ""},
		{"02.01.2006", "2025-02-03", "", `want the date format "02.01.2006"`},
		{"2-Jan-06", "03-Feb-25", "2025-02-03", ""},
	}
	for _, tt := range tests {
		t.Run(tt.format+" "+tt.in, func(t *testing.T) {
			d, err := newDateReader(tt.format)
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.parse(tt.in)
			if got != tt.want {
				t.Errorf("got %q, want %q (err %v)", got, tt.want, err)
			}
			if tt.want == "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			if tt.want != "" && err != nil {
				t.Errorf("err = %v, want nil", err)
			}
		})
	}
}

func TestNewDateReader(t *testing.T) {
	tests := []struct {
		in      string
		want    dateReader
		wantErr bool
	}{
		{"", dateReader{}, false},
		{" DMY ", dateReader{order: orderDMY}, false},
		{"mdy", dateReader{order: orderMDY}, false},
		{"ymd", dateReader{order: orderYMD}, false},
		{"02/01/2006", dateReader{layout: "02/01/2006"}, false},
		{"2006-01-02 15:04", dateReader{layout: "2006-01-02 15:04"}, false},
		{"dmy2", dateReader{}, true},
		{"yyyy-mm-dd", dateReader{}, true},
		{"2006", dateReader{}, true},
		{"Jan 2006", dateReader{}, true},
		{"dd/mm/06", dateReader{}, true},
		{"02-Jan-06", dateReader{layout: "02-Jan-06"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := newDateReader(tt.in)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("got %+v, %v; want %+v, error %v", got, err, tt.want, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), strconv.Quote(tt.in)) {
				t.Errorf("err = %q, want it to name %q", err, tt.in)
			}
		})
	}
}

func TestNumberStyleParse(t *testing.T) {
	point, comma := numberStyle{decimal: '.'}, numberStyle{decimal: ','}
	tests := []struct {
		name    string
		style   numberStyle
		in      string
		want    float64
		wantErr string
	}{
		{"plain", point, "20100.5", 20100.5, ""},
		{"comma thousands", point, "22,620.33", 22620.33, ""},
		{"millions", point, "1,020,300.25", 1020300.25, ""},
		{"space thousands", point, "22 620.33", 22620.33, ""},
		{"no-break space thousands", point, "22\u00a0620.33", 22620.33, ""},
		{"negative", point, "-1,250.5", -1250.5, ""},
		{"decimal comma", comma, "22620,33", 22620.33, ""},
		{"dot thousands", comma, "22.620,33", 22620.33, ""},
		{"narrow space thousands", comma, "22\u202f620,33", 22620.33, ""},
		{"dot thousands, no decimals", comma, "1.020.300", 1020300, ""},
		{"comma group of two", point, "22620,33", 0, "groups of three"},
		{"point after decimal comma", comma, "22,620.33", 0, "thousands separator after the decimal mark"},
		{"two decimal commas", comma, "1,2,3", 0, "more than one decimal mark"},
		{"bad grouping", point, "2,26,20.5", 0, "groups of three"},
		{"empty", point, " ", 0, "empty"},
		{"null", point, "null", 0, "null"},
		{"text", point, "abc", 0, `not a number: "abc"`},
		{"NaN", point, "NaN", 0, "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.style.parse(tt.in)
			if got != tt.want {
				t.Errorf("got %v, want %v (err %v)", got, tt.want, err)
			}
			if tt.wantErr == "" && err != nil {
				t.Errorf("err = %v, want nil", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestDecimalHint(t *testing.T) {
	tests := []struct {
		in     string
		want   rune
		wantOK bool
	}{
		{"22,620.33", '.', true},
		{"22.620,33", ',', true},
		{"22620,33", ',', true},
		{"22620.5", '.', true},
		{"1.234.567", ',', true},
		{"1,234,567", '.', true},
		{"22,620", 0, false},
		{"22.620", 0, false},
		{"22620", 0, false},
		{"null", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := decimalHint(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("got %q, %v; want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestDetectDelimiter(t *testing.T) {
	tests := []struct {
		in   string
		want rune
	}{
		{"Date,Close\n1;2;3;4\n", ','},
		{"Date;Close\n", ';'},
		{"Date\tClose\n", '\t'},
		{"\r\n\nDate;Open;Close\r\n", ';'},
		{"\"Date;Day\",Close\n", ','},
		{"Date\n", ','},
		{"", ','},
	}
	for _, tt := range tests {
		t.Run(strconv.Quote(tt.in), func(t *testing.T) {
			if got := detectDelimiter([]byte(tt.in)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
