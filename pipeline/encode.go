package pipeline

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Export formats.
const (
	FormatCSV   = "csv"
	FormatJSONL = "jsonl"
)

// RowEncoder writes a table: a header, then rows of values. Values are
// string, int, int64, float64 (NaN is empty), *float64 (nil is empty),
// time.Time (zero is empty) and []string.
type RowEncoder interface {
	WriteHeader(columns []string) error
	WriteRow(values []any) error
	Flush() error
}

// NewRowEncoder returns an encoder for format "csv" (RFC 4180, UTF-8,
// header row, text cells that start with =, +, -, @, tab or CR prefixed with
// ' against spreadsheet formula injection) or "jsonl" (one JSON object per
// row, keys in column order, empty values as null).
func NewRowEncoder(w io.Writer, format string) (RowEncoder, error) {
	switch format {
	case FormatCSV, "":
		return &csvEncoder{w: csv.NewWriter(w)}, nil
	case FormatJSONL:
		return &jsonlEncoder{w: bufio.NewWriter(w)}, nil
	default:
		return nil, fmt.Errorf("unknown format %q (want csv or jsonl)", format)
	}
}

type csvEncoder struct {
	w    *csv.Writer
	cols int
	rec  []string
}

func (e *csvEncoder) WriteHeader(columns []string) error {
	e.cols = len(columns)
	e.rec = make([]string, len(columns))
	return e.w.Write(columns)
}

func (e *csvEncoder) WriteRow(values []any) error {
	if len(values) != e.cols {
		return fmt.Errorf("csv row has %d values, header %d", len(values), e.cols)
	}
	for i, v := range values {
		e.rec[i] = csvCell(v)
	}
	return e.w.Write(e.rec)
}

func (e *csvEncoder) Flush() error {
	e.w.Flush()
	return e.w.Error()
}

// csvCell renders one value; only free text is neutralised, numbers are
// written by us and stay numbers.
func csvCell(v any) string {
	switch x := v.(type) {
	case string:
		return NeutralizeCell(x)
	case []string:
		return NeutralizeCell(strings.Join(x, ";"))
	default:
		s, _ := scalar(v)
		return s
	}
}

// NeutralizeCell guards a text cell against spreadsheet formula injection:
// a cell that starts with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe.
func NeutralizeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// scalar renders a non-text value; ok is false for an empty value.
func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case bool:
		return strconv.FormatBool(x), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", false
		}
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case *float64:
		if x == nil {
			return "", false
		}
		return scalar(*x)
	case time.Time:
		if x.IsZero() {
			return "", false
		}
		return x.Format(time.RFC3339), true
	case string:
		return x, x != ""
	default:
		return fmt.Sprint(x), true
	}
}

type jsonlEncoder struct {
	w    *bufio.Writer
	cols []string
}

func (e *jsonlEncoder) WriteHeader(columns []string) error {
	e.cols = columns
	return nil
}

func (e *jsonlEncoder) WriteRow(values []any) error {
	if len(values) != len(e.cols) {
		return fmt.Errorf("jsonl row has %d values, header %d", len(values), len(e.cols))
	}
	e.w.WriteByte('{')
	for i, v := range values {
		if i > 0 {
			e.w.WriteByte(',')
		}
		k, _ := json.Marshal(e.cols[i])
		e.w.Write(k)
		e.w.WriteByte(':')
		val, err := jsonValue(v)
		if err != nil {
			return fmt.Errorf("jsonl column %s: %w", e.cols[i], err)
		}
		e.w.Write(val)
	}
	e.w.WriteString("}\n")
	return nil
}

func (e *jsonlEncoder) Flush() error { return e.w.Flush() }

func jsonValue(v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return []byte("null"), nil
		}
		return json.Marshal(x)
	case []string:
		if x == nil {
			x = []string{}
		}
		return json.Marshal(x)
	case int, int64:
		return json.Marshal(x)
	case time.Time:
		s, ok := scalar(x)
		if !ok {
			return []byte("null"), nil
		}
		return json.Marshal(s)
	default:
		s, ok := scalar(v)
		if !ok {
			return []byte("null"), nil
		}
		return []byte(s), nil
	}
}

// round4 rounds a score to four decimals for export.
func round4(v float64) float64 {
	if math.IsNaN(v) {
		return v
	}
	return math.Round(v*1e4) / 1e4
}

// sig6 rounds a statistic to six significant digits for export.
func sig6(v float64) float64 {
	if math.IsNaN(v) || v == 0 {
		return v
	}
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	return f
}
