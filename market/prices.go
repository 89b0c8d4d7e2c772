package market

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/sectorpulse/sectorpulse"
)

// The price file formats ParsePrices recognises, as reported in
// ParsedPrices.Format.
const (
	// FormatYahoo is a Yahoo Finance download:
	// Date,Open,High,Low,Close,Adj Close,Volume (Close is used).
	FormatYahoo = "yahoo"
	// FormatYfinance is a CSV written by the yfinance Python package, with
	// three header rows: "Price,Close,High,...", "Ticker,^HSI,..." and
	// "Date,,,...".
	FormatYfinance = "yfinance"
	// FormatStooq is a Stooq download, Date,Open,High,Low,Close[,Volume], or
	// Stooq's ASCII <TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,...,<CLOSE>,... file.
	FormatStooq = "stooq"
	// FormatInvesting is an investing.com historical-data download:
	// "Date","Price","Open","High","Low","Vol.","Change %" (Price is the
	// close).
	FormatInvesting = "investing"
	// FormatGeneric is any other file whose date and close columns were
	// found by name or given in ParseOptions.
	FormatGeneric = "generic"
	// FormatGenericAdjClose is FormatGeneric read from an adjusted close,
	// because the file has no plain close column.
	FormatGenericAdjClose = "generic (adj close)"
)

// ParseOptions says how to read a price file.
type ParseOptions struct {
	// Index is the index the file holds; its Code goes into every Price.
	Index sectorpulse.Index
	// Registry recognises another index's ticker in a yfinance Ticker
	// row; nil means the built-in registry.
	Registry *sectorpulse.Registry
	// DateCol and CloseCol, when set, name the date and close columns —
	// a name of the first header row (case and surrounding space
	// ignored) or else a 1-based column number — whatever detection says.
	DateCol, CloseCol string
	// DateFormat says how to read dates: "" detects; "dmy" or "mdy" read
	// numeric dates with the year last (03/02/2025) day or month first;
	// "ymd" refuses such dates; anything containing "2006" is a Go time
	// layout every date cell must match, e.g. "02.01.2006" ("06", a
	// two-digit year, is accepted too, e.g. "02-Jan-06").
	DateFormat string
	// Decimal says which mark separates decimals: "" detects (see
	// ParsePrices), "point" or "comma" sets it for the whole file.
	Decimal string
}

// ParsedPrices is what ParsePrices read from one file.
type ParsedPrices struct {
	// Prices are the valid rows, sorted by date, one per date.
	Prices []sectorpulse.Price
	// RowErrors are the rows left out (or replaced), each a *RowError
	// naming file and line.
	RowErrors []error
	// Format names the detected layout: one of the Format constants.
	Format string
	// Delimiter is the field separator found in the header: ',', ';' or
	// '\t'.
	Delimiter rune
	// DecimalComma reports that numbers were read with a decimal comma
	// ("22.620,33").
	DecimalComma bool
	// DateOrder is how numeric dates with the year last were read: "dmy"
	// or "mdy" (detected or given), "ymd" when DateFormat refused them,
	// "" when there were none to read or DateFormat was a layout.
	DateOrder string
}

// priceLayout says where a price file keeps its columns.
type priceLayout struct {
	format          string // one of the Format constants
	width           int    // fields per data row
	date, close     int    // column indexes
	open, high, low int    // -1 when absent
	headerRows      int    // yfinance header rows still to skip
}

// priceRow is one record of a price file after the header.
type priceRow struct {
	line   int
	fields []string
	err    error // a CSV syntax error; fields is nil
}

// ParsePrices reads index prices from a CSV file and returns them sorted by
// date with Index set to opts.Index.Code. file names the input in messages.
//
// The field separator (comma, semicolon or tab) is found in the header,
// and the format from the header's names (see the Format constants): a
// Yahoo Finance, yfinance, Stooq or investing.com download, or any header
// with a date column (date, day, time, timestamp, trade_date, 日期, …) and a
// close column (close, close_price, last, price, px_last, 收盘价, 收市價, …)
// found by name, a plain close preferred to an adjusted one.
// opts.DateCol and opts.CloseCol override the columns found.
//
// Dates are read as described for ParseOptions.DateFormat; when it is
// empty, the order of numeric dates with the year last is decided once for
// the file from its date column: a first number above 12 means day first,
// a second above 12 month first; a file showing both, or neither (except
// an investing.com file, which is read month first), is an error.
//
// Comma-separated files write numbers as 22,620.33. In semicolon- and
// tab-separated files the decimal mark is decided once for the file: ','
// when more price cells show a decimal comma ("22.620,33", "22620,33")
// than a decimal point ("22,620.33", "22620.5"), '.' when fewer, and on a
// tie ',' for semicolons and '.' for tabs. Spaces group thousands in any
// file. A cell that contradicts the file's style is a row error.
//
// A UTF-8 BOM is skipped. A row with a bad date, a missing, "null",
// non-numeric or non-positive close, or the wrong number of fields is
// reported as a *RowError in RowErrors and reading goes on; a repeated
// date keeps the last row and is reported too. An error is returned, and no
// prices, when the index has no code, opts names a bad date format or a
// column the header lacks, the file is empty or has no data rows, the
// header is not recognised, the dates' day/month order cannot be told, the
// yfinance ticker row names another index, or reading fails.
func ParsePrices(r io.Reader, file string, opts ParseOptions) (*ParsedPrices, error) {
	ix := opts.Index
	if ix.Code == "" {
		return nil, fmt.Errorf("import %s: no index given", file)
	}
	dates, err := newDateReader(opts.DateFormat)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", file, err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("import %s: read: %w", file, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	delim := detectDelimiter(data)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = delim
	cr.FieldsPerRecord = -1

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("import %s: empty price file", file)
	}
	if err != nil {
		return nil, fmt.Errorf("import %s: read header: %w", file, err)
	}
	headerLine, _ := cr.FieldPos(0)
	lay, err := detectLayout(header, delim, opts.DateCol, opts.CloseCol)
	if err != nil {
		return nil, fmt.Errorf("import %s:%d: %w", file, headerLine, err)
	}
	rows, err := readPriceRows(cr, file, &lay, ix, opts.Registry)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("import %s: no price rows after the header", file)
	}
	nums, err := detectNumberStyle(file, delim, lay, rows, opts.Decimal)
	if err != nil {
		return nil, err
	}
	if dates.undecided() {
		if dates.order, err = detectDateOrder(file, lay, rows); err != nil {
			return nil, err
		}
	}
	out := &ParsedPrices{Format: lay.format, Delimiter: delim, DecimalComma: nums.decimal == ',', DateOrder: dates.order}
	out.Prices, out.RowErrors = buildPrices(file, ix.Code, lay, rows, nums, dates)
	return out, nil
}

// readPriceRows reads the records after the header, skipping yfinance's
// second and third header rows (after checking the ticker row).
func readPriceRows(cr *csv.Reader, file string, lay *priceLayout, ix sectorpulse.Index, reg *sectorpulse.Registry) ([]priceRow, error) {
	var rows []priceRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			rows = append(rows, priceRow{line: pe.Line, err: pe.Err})
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		if lay.headerRows > 0 && lay.isYfinanceHeader(rec) {
			lay.headerRows--
			if err := lay.checkTicker(rec, ix, reg); err != nil {
				return nil, fmt.Errorf("import %s:%d: %w", file, line, err)
			}
			continue
		}
		lay.headerRows = 0
		rows = append(rows, priceRow{line: line, fields: rec})
	}
}

// buildPrices parses the rows into prices sorted by date, one per date
// (the last row of a date wins), and the errors of the rows left out.
func buildPrices(file, code string, lay priceLayout, rows []priceRow, nums numberStyle, dates dateReader) (prices []sectorpulse.Price, rowErrs []error) {
	seen := make(map[string]int) // date → index in prices
	lines := make(map[string]int)
	for _, row := range rows {
		if row.err != nil {
			rowErrs = append(rowErrs, &RowError{File: file, Line: row.line, Err: row.err})
			continue
		}
		p, err := lay.parseRow(row.fields, nums, dates)
		if err != nil {
			rowErrs = append(rowErrs, &RowError{File: file, Line: row.line, Err: err})
			continue
		}
		p.Index = code
		if i, dup := seen[p.Date]; dup {
			rowErrs = append(rowErrs, &RowError{File: file, Line: row.line,
				Err: fmt.Errorf("duplicate date %s (also on line %d); keeping this row", p.Date, lines[p.Date])})
			prices[i] = p
			lines[p.Date] = row.line
			continue
		}
		seen[p.Date] = len(prices)
		lines[p.Date] = row.line
		prices = append(prices, p)
	}
	slices.SortFunc(prices, func(a, b sectorpulse.Price) int { return strings.Compare(a.Date, b.Date) })
	return prices, rowErrs
}

// Detection: everything ParsePrices decides once per file is decided in
// the functions below.

// detectDelimiter returns the field separator of a price file: whichever
// of comma, semicolon and tab occurs most often outside quotes in its first
// non-blank line, comma on a tie.
func detectDelimiter(data []byte) rune {
	var line []byte
	for len(data) > 0 {
		line, data, _ = bytes.Cut(data, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			break
		}
	}
	counts := make(map[rune]int)
	quoted := false
	for _, c := range string(line) {
		if c == '"' {
			quoted = !quoted
		} else if !quoted {
			counts[c]++
		}
	}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// columnNames lists, best first, the header names (folded by headerKey)
// detection takes for each column.
type columnNames struct {
	date, close, adjClose, open, high, low []string
}

// knownColumns returns the column names detection knows.
func knownColumns() columnNames {
	return columnNames{
		date: []string{"date", "trade_date", "trading_date", "日期", "交易日期", "交易日", "timestamp", "datetime", "day", "time"},
		close: []string{"close", "close_price", "closing_price", "收盘", "收盘价", "收盤", "收盤價", "收市", "收市价", "收市價",
			"px_last", "last", "last_price", "price"},
		adjClose: []string{"adj_close", "adjusted_close", "adj_close_price"},
		open:     []string{"open", "open_price", "opening_price", "px_open", "开盘", "开盘价", "開盤", "開盤價"},
		high:     []string{"high", "high_price", "px_high", "最高", "最高价", "最高價"},
		low:      []string{"low", "low_price", "px_low", "最低", "最低价", "最低價"},
	}
}

// yahooKeys returns the folded header of a Yahoo Finance download.
func yahooKeys() []string {
	return []string{"date", "open", "high", "low", "close", "adj_close", "volume"}
}

// stooqKeys returns the folded header of a Stooq CSV download; index
// downloads may lack the last, Volume.
func stooqKeys() []string { return []string{"date", "open", "high", "low", "close", "volume"} }

// detectLayout recognises a price file's first header row and applies the
// dateCol and closeCol overrides. delim joins the header in messages.
func detectLayout(header []string, delim rune, dateCol, closeCol string) (priceLayout, error) {
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = headerKey(h)
	}
	names := knownColumns()
	lay := priceLayout{format: FormatGeneric, width: len(header),
		date: firstKey(keys, names.date), close: firstKey(keys, names.close),
		open: firstKey(keys, names.open), high: firstKey(keys, names.high), low: firstKey(keys, names.low)}
	has := func(k string) bool { return slices.Contains(keys, k) }
	switch {
	case len(keys) > 0 && keys[0] == "price" && has("close") && !has("date"):
		// yfinance: the first column holds the dates under a "Price" label,
		// followed by "Ticker" and "Date" header rows.
		lay.format, lay.date, lay.headerRows = FormatYfinance, 0, 2
	case strings.HasPrefix(strings.TrimSpace(header[0]), "<") && has("date") && has("close"):
		lay.format = FormatStooq // <TICKER>,<PER>,<DATE>,...
	case slices.Equal(keys, yahooKeys()):
		lay.format = FormatYahoo
	case slices.Equal(keys, stooqKeys()) || slices.Equal(keys, stooqKeys()[:5]):
		lay.format = FormatStooq
	case has("date") && has("price") && (has("vol.") || has("change_%")):
		lay.format, lay.close = FormatInvesting, slices.Index(keys, "price")
	case lay.close < 0:
		if lay.close = firstKey(keys, names.adjClose); lay.close >= 0 {
			lay.format = FormatGenericAdjClose
		}
	}
	if dateCol != "" {
		i, err := findColumn(header, "--date-col", dateCol)
		if err != nil {
			return priceLayout{}, err
		}
		lay.date = i
	}
	if closeCol != "" {
		i, err := findColumn(header, "--close-col", closeCol)
		if err != nil {
			return priceLayout{}, err
		}
		lay.close = i
		if lay.format == FormatGenericAdjClose {
			lay.format = FormatGeneric
		}
	}
	if lay.date < 0 || lay.close < 0 {
		missing := "date and close columns"
		switch {
		case lay.date >= 0:
			missing = "close column"
		case lay.close >= 0:
			missing = "date column"
		}
		return priceLayout{}, fmt.Errorf("unknown price header %q: no %s found (want Date,Close or a Yahoo Finance, yfinance, Stooq or investing.com CSV; or name the columns with --date-col and --close-col)",
			strings.Join(header, string(delim)), missing)
	}
	if lay.date == lay.close {
		return priceLayout{}, fmt.Errorf("date and close are both column %d %q; name them with --date-col and --close-col", lay.date+1, header[lay.date])
	}
	return lay, nil
}

// headerKey folds a column name for detection: spaces and Stooq's angle
// brackets trimmed, lower case, inner spaces and hyphens turned to '_'.
func headerKey(h string) string {
	h = strings.ToLower(normalizeHeader(h))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

// normalizeHeader trims a column name's spaces and Stooq's angle brackets.
func normalizeHeader(h string) string {
	h = strings.TrimSpace(h)
	h = strings.TrimSuffix(strings.TrimPrefix(h, "<"), ">")
	return strings.TrimSpace(h)
}

// firstKey returns the index in keys of the first of names found there,
// or -1.
func firstKey(keys, names []string) int {
	for _, n := range names {
		if i := slices.Index(keys, n); i >= 0 {
			return i
		}
	}
	return -1
}

// findColumn returns the index of the column a --date-col or --close-col
// value names: a header name, case and surrounding space ignored, or else
// a 1-based column number.
func findColumn(header []string, flag, value string) (int, error) {
	want := normalizeHeader(value)
	for i, h := range header {
		if strings.EqualFold(normalizeHeader(h), want) {
			return i, nil
		}
	}
	if n, err := strconv.Atoi(want); err == nil && n >= 1 && n <= len(header) {
		return n - 1, nil
	}
	cols := make([]string, len(header))
	for i, h := range header {
		cols[i] = fmt.Sprintf("%d %q", i+1, h)
	}
	return -1, fmt.Errorf("%s %q: the header has no such column (columns: %s)", flag, value, strings.Join(cols, ", "))
}

// priceColumns returns the indexes of the columns holding prices.
func (l *priceLayout) priceColumns() []int {
	var out []int
	for _, c := range []int{l.close, l.open, l.high, l.low} {
		if c >= 0 {
			out = append(out, c)
		}
	}
	return out
}

// detectNumberStyle decides a file's decimal mark: the one decimal names
// ("point" or "comma"); else '.' in comma-separated files; otherwise the
// mark more price cells show beyond doubt (see decimalHint). When no cell
// shows it but some hold a '.' or ',' ("245.123" may be 245.123 or
// 245123), or the evidence is tied, it is an error naming the file and a
// line and asking for --decimal; a file of plain integers reads either way.
func detectNumberStyle(file string, delim rune, lay priceLayout, rows []priceRow, decimal string) (numberStyle, error) {
	switch decimal {
	case "point":
		return numberStyle{decimal: '.'}, nil
	case "comma":
		return numberStyle{decimal: ','}, nil
	case "":
	default:
		return numberStyle{}, fmt.Errorf("import %s: decimal mark %q: want point or comma", file, decimal)
	}
	if delim == ',' {
		return numberStyle{decimal: '.'}, nil
	}
	votes := make(map[rune]int)
	unclear := 0 // line of a cell holding a mark that proves nothing
	for _, row := range rows {
		if len(row.fields) != lay.width {
			continue
		}
		for _, c := range lay.priceColumns() {
			if mark, ok := decimalHint(row.fields[c]); ok {
				votes[mark]++
			} else if unclear == 0 && strings.ContainsAny(row.fields[c], ".,") {
				unclear = row.line
			}
		}
	}
	switch {
	case votes[','] > votes['.']:
		return numberStyle{decimal: ','}, nil
	case votes['.'] > votes[',']:
		return numberStyle{decimal: '.'}, nil
	case unclear != 0 || votes['.'] > 0:
		line := unclear
		if line == 0 {
			line = rows[0].line
		}
		return numberStyle{}, fmt.Errorf("import %s:%d: cannot tell whether '.' or ',' is the decimal mark (a number such as 245.123 reads either way); pass --decimal point or --decimal comma", file, line)
	}
	return numberStyle{decimal: '.'}, nil
}

// detectDateOrder decides whether a file's numeric dates with the year
// last are day first ("dmy") or month first ("mdy"): a first number above
// 12 means day first, a second above 12 month first. It returns "" when the
// file has no such dates, and an error when it shows both orders, or
// neither in a file other than investing.com's (read month first, that
// site's English default).
func detectDateOrder(file string, lay priceLayout, rows []priceRow) (string, error) {
	type sample struct {
		line int
		cell string
	}
	var first, dayFirst, monthFirst *sample
	for _, row := range rows {
		if len(row.fields) != lay.width {
			continue
		}
		cell := strings.TrimSpace(row.fields[lay.date])
		a, b, ok := yearLastParts(cell)
		if !ok {
			continue
		}
		s := &sample{row.line, cell}
		if first == nil {
			first = s
		}
		switch {
		case a > 12 && a <= 31 && b <= 12 && dayFirst == nil:
			dayFirst = s
		case b > 12 && b <= 31 && a <= 12 && monthFirst == nil:
			monthFirst = s
		}
	}
	switch {
	case first == nil:
		return "", nil
	case dayFirst != nil && monthFirst != nil:
		return "", fmt.Errorf("import %s: dates disagree on day/month order: line %d has %q (day first) but line %d has %q (month first); fix the file or choose one with --date-format dmy or mdy",
			file, dayFirst.line, dayFirst.cell, monthFirst.line, monthFirst.cell)
	case dayFirst != nil:
		return orderDMY, nil
	case monthFirst != nil:
		return orderMDY, nil
	case lay.format == FormatInvesting:
		return orderMDY, nil
	}
	return "", fmt.Errorf("import %s: cannot tell whether dates such as %q (line %d) are day or month first: no date has a number above 12 in either place; give --date-format dmy or mdy",
		file, first.cell, first.line)
}

// isYfinanceHeader reports whether rec is yfinance's "Ticker,..." or
// "Date,,,..." header row.
func (l *priceLayout) isYfinanceHeader(rec []string) bool {
	if l.format != FormatYfinance || len(rec) == 0 {
		return false
	}
	switch headerKey(rec[0]) {
	case "ticker", "date":
		return true
	}
	return false
}

// checkTicker makes sure a yfinance "Ticker" row, when its ticker is one
// sectorpulse knows, names the index being imported.
func (l *priceLayout) checkTicker(rec []string, ix sectorpulse.Index, reg *sectorpulse.Registry) error {
	if headerKey(rec[0]) != "ticker" || l.close >= len(rec) {
		return nil
	}
	t := strings.TrimSpace(rec[l.close])
	if other, ok := reg.Index(t); ok && other.Code != ix.Code {
		return fmt.Errorf("file holds ticker %s of index %s, not %s", t, other.Code, ix.Code)
	}
	return nil
}

// parseRow turns one data row into a Price without Index.
func (l *priceLayout) parseRow(rec []string, nums numberStyle, dates dateReader) (sectorpulse.Price, error) {
	if len(rec) != l.width {
		return sectorpulse.Price{}, fmt.Errorf("%d fields, want %d", len(rec), l.width)
	}
	date, err := dates.parse(rec[l.date])
	if err != nil {
		return sectorpulse.Price{}, err
	}
	closeV, err := nums.parseClose(rec[l.close])
	if err != nil {
		return sectorpulse.Price{}, fmt.Errorf("%s: %w", date, err)
	}
	p := sectorpulse.Price{Date: date, Close: closeV}
	if l.open >= 0 {
		p.Open = nums.parseOptional(rec[l.open])
	}
	if l.high >= 0 {
		p.High = nums.parseOptional(rec[l.high])
	}
	if l.low >= 0 {
		p.Low = nums.parseOptional(rec[l.low])
	}
	return p, nil
}
