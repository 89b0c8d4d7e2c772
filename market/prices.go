package market

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sectorpulse/sectorpulse"
)

// priceLayout says where a price file keeps its columns.
type priceLayout struct {
	width           int // fields per data row
	date, close     int // column indexes
	open, high, low int // -1 when absent
	headerRows      int // yfinance header rows still to skip
	yfinance        bool
}

// ParseOptions says how to read a price file.
type ParseOptions struct {
	// Index is the index the file holds; its Code goes into every Price.
	Index sectorpulse.Index
	// Registry recognises another index's ticker in a yfinance Ticker
	// row; nil means the built-in registry.
	Registry *sectorpulse.Registry
	// DateCol and CloseCol, when set, name the date and close columns
	// (a header name, case ignored, or a 1-based column number) instead
	// of detecting them.
	DateCol, CloseCol string
}

// ParsedPrices is what ParsePrices read from one file.
type ParsedPrices struct {
	// Prices are the valid rows, sorted by date, one per date.
	Prices []sectorpulse.Price
	// RowErrors are the rows left out (or replaced), each a *RowError
	// naming file and line.
	RowErrors []error
	// Format names the detected layout, e.g. "yahoo", "stooq", "generic".
	Format string
}

// ParsePrices reads index prices from a CSV file and returns them sorted by
// date with Index set to opts.Index.Code. file names the input in messages.
//
// The format is detected from the header:
//   - plain "Date,Close" in any case, extra columns ignored;
//   - a Yahoo Finance download "Date,Open,High,Low,Close,Adj Close,Volume"
//     (Close is used, not Adj Close);
//   - a yfinance export with three header rows "Price,Close,High,Low,Open,Volume",
//     "Ticker,^HSI,..." and "Date,,,,,";
//   - Stooq "Date,Open,High,Low,Close,Volume" and Stooq's
//     "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>".
//
// Dates may be 2006-01-02, 20060102, 2006/01/02 or a date followed by a time
// (only the date counts); numbers may carry thousands separators; a UTF-8 BOM
// is skipped. A row with a bad date, a missing, "null", non-numeric or
// non-positive close, or the wrong number of fields is reported as a
// *RowError in RowErrors and reading goes on; a repeated date keeps the last
// row and is reported too. An error is returned, and no prices, when the
// index has no code, the file is empty or has no data rows, the header is
// not recognised, the yfinance ticker row names another index, or reading
// fails.
func ParsePrices(r io.Reader, file string, opts ParseOptions) (*ParsedPrices, error) {
	ix := opts.Index
	if ix.Code == "" {
		return nil, fmt.Errorf("import %s: no index given", file)
	}
	prices, rowErrs, err := parsePrices(r, file, ix, opts)
	if err != nil {
		return nil, err
	}
	return &ParsedPrices{Prices: prices, RowErrors: rowErrs}, nil
}

// parsePrices does the work of ParsePrices.
func parsePrices(r io.Reader, file string, ix sectorpulse.Index, opts ParseOptions) (prices []sectorpulse.Price, rowErrs []error, err error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3) // cannot fail: the bytes were just peeked
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("import %s: empty price file", file)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("import %s: read header: %w", file, err)
	}
	lay, err := detectLayout(header)
	if err != nil {
		return nil, nil, fmt.Errorf("import %s:1: %w", file, err)
	}

	seen := make(map[string]int) // date → index in prices
	lines := make(map[string]int)
	rows := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			rows++
			rowErrs = append(rowErrs, &RowError{File: file, Line: pe.Line, Err: pe.Err})
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("import %s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		if lay.headerRows > 0 && lay.isYfinanceHeader(rec) {
			lay.headerRows--
			if err := lay.checkTicker(rec, ix, opts.Registry); err != nil {
				return nil, nil, fmt.Errorf("import %s:%d: %w", file, line, err)
			}
			continue
		}
		lay.headerRows = 0
		rows++
		p, err := lay.parseRow(rec)
		if err != nil {
			rowErrs = append(rowErrs, &RowError{File: file, Line: line, Err: err})
			continue
		}
		p.Index = ix.Code
		if i, dup := seen[p.Date]; dup {
			rowErrs = append(rowErrs, &RowError{File: file, Line: line,
				Err: fmt.Errorf("duplicate date %s (also on line %d); keeping this row", p.Date, lines[p.Date])})
			prices[i] = p
			lines[p.Date] = line
			continue
		}
		seen[p.Date] = len(prices)
		lines[p.Date] = line
		prices = append(prices, p)
	}
	if rows == 0 {
		return nil, nil, fmt.Errorf("import %s: no price rows after the header", file)
	}
	slices.SortFunc(prices, func(a, b sectorpulse.Price) int { return strings.Compare(a.Date, b.Date) })
	return prices, rowErrs, nil
}

// detectLayout recognises a price file's first header row.
func detectLayout(header []string) (priceLayout, error) {
	lay := priceLayout{width: len(header), date: -1, close: -1, open: -1, high: -1, low: -1}
	for i, h := range header {
		switch normalizeHeader(h) {
		case "date":
			lay.date = i
		case "close":
			lay.close = i
		case "open":
			lay.open = i
		case "high":
			lay.high = i
		case "low":
			lay.low = i
		}
	}
	if len(header) > 0 && normalizeHeader(header[0]) == "price" && lay.close >= 0 && lay.date < 0 {
		// yfinance: the first column holds the dates under a "Price" label,
		// followed by "Ticker" and "Date" header rows.
		lay.date = 0
		lay.yfinance = true
		lay.headerRows = 2
		return lay, nil
	}
	if lay.date < 0 || lay.close < 0 {
		return priceLayout{}, fmt.Errorf("unknown price header %q (want Date,Close; a Yahoo Finance, yfinance or Stooq CSV)",
			strings.Join(header, ","))
	}
	return lay, nil
}

// normalizeHeader folds a column name: spaces and Stooq's angle brackets
// trimmed, lower case.
func normalizeHeader(h string) string {
	h = strings.TrimSpace(h)
	h = strings.TrimSuffix(strings.TrimPrefix(h, "<"), ">")
	return strings.ToLower(strings.TrimSpace(h))
}

// isYfinanceHeader reports whether rec is yfinance's "Ticker,..." or
// "Date,,,..." header row.
func (l *priceLayout) isYfinanceHeader(rec []string) bool {
	if !l.yfinance || len(rec) == 0 {
		return false
	}
	switch normalizeHeader(rec[0]) {
	case "ticker", "date":
		return true
	}
	return false
}

// checkTicker makes sure a yfinance "Ticker" row, when its ticker is one
// sectorpulse knows, names the index being imported.
func (l *priceLayout) checkTicker(rec []string, ix sectorpulse.Index, reg *sectorpulse.Registry) error {
	if normalizeHeader(rec[0]) != "ticker" || l.close >= len(rec) {
		return nil
	}
	t := strings.TrimSpace(rec[l.close])
	if other, ok := reg.Index(t); ok && other.Code != ix.Code {
		return fmt.Errorf("file holds ticker %s of index %s, not %s", t, other.Code, ix.Code)
	}
	return nil
}

// parseRow turns one data row into a Price without Index.
func (l *priceLayout) parseRow(rec []string) (sectorpulse.Price, error) {
	if len(rec) != l.width {
		return sectorpulse.Price{}, fmt.Errorf("%d fields, want %d", len(rec), l.width)
	}
	date, err := parsePriceDate(rec[l.date])
	if err != nil {
		return sectorpulse.Price{}, err
	}
	closeV, err := parseClose(rec[l.close])
	if err != nil {
		return sectorpulse.Price{}, fmt.Errorf("%s: %w", date, err)
	}
	p := sectorpulse.Price{Date: date, Close: closeV}
	if l.open >= 0 {
		p.Open = parseOptional(rec[l.open])
	}
	if l.high >= 0 {
		p.High = parseOptional(rec[l.high])
	}
	if l.low >= 0 {
		p.Low = parseOptional(rec[l.low])
	}
	return p, nil
}
