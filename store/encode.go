package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// timeLayout is how UTC times are stored: RFC 3339 with a fixed nine-digit
// fraction, so that text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// dateLayout is the layout of a trading date.
const dateLayout = "2006-01-02"

// formatTime returns t in UTC in timeLayout.
func formatTime(t time.Time) string {
	return t.UTC().Format(timeLayout)
}

// nullTime returns formatTime(t), or NULL for the zero time.
func nullTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: formatTime(t), Valid: true}
}

// parseTime parses a stored time; NULL or empty gives the zero time. It
// accepts any RFC 3339 text and keeps the offset written in it.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse stored time %q: %w", s.String, err)
	}
	return t, nil
}

// encodeList returns the JSON array of ss; nil gives "[]".
func encodeList(ss []string) string {
	if len(ss) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(ss) // a []string always marshals
	return string(b)
}

// decodeList parses a stored JSON array of strings.
func decodeList(s string) ([]string, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var ss []string
	if err := json.Unmarshal([]byte(s), &ss); err != nil {
		return nil, fmt.Errorf("parse stored list %q: %w", s, err)
	}
	return ss, nil
}

// encodeCounts returns the JSON object of m; nil or empty gives "{}".
func encodeCounts(m map[string]int) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m) // a map[string]int always marshals, keys sorted
	return string(b)
}

// decodeCounts parses a stored JSON object of counts; "{}" gives nil.
func decodeCounts(s string) (map[string]int, error) {
	if s == "" || s == "{}" {
		return nil, nil
	}
	var m map[string]int
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("parse stored counts %q: %w", s, err)
	}
	return m, nil
}

// inRange reports whether x is a number within [lo, hi].
func inRange(x, lo, hi float64) bool {
	return !math.IsNaN(x) && x >= lo && x <= hi
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool {
	return !math.IsNaN(x) && !math.IsInf(x, 0)
}
