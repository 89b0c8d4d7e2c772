package market

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// errNull is the error of a cell a vendor marks "null" (Yahoo does so for
// days without trading).
var errNull = errors.New("null")

// parsePriceDate parses the date cell of a price row and returns it as
// YYYY-MM-DD. Accepted: 2006-01-02, 20060102, 2006/01/02, and a date
// followed by a time, as yfinance writes ("2025-02-03 00:00:00+08:00"), of
// which only the date part counts.
func parsePriceDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		s = s[:10]
	}
	for _, layout := range []string{dateLayout, "20060102", "2006/01/02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(dateLayout), nil
		}
	}
	if s == "" {
		return "", errors.New("no date")
	}
	return "", fmt.Errorf("bad date %q (want YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD)", s)
}

// parsePriceNumber parses a price cell, allowing thousands separators
// ("22,620.33") and surrounding space. It rejects NaN and infinities.
func parsePriceNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "null") {
		return 0, errNull
	}
	if s == "" {
		return 0, errors.New("empty")
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	return v, nil
}

// parseClose parses the close cell: it must be a positive number.
func parseClose(s string) (float64, error) {
	v, err := parsePriceNumber(s)
	switch {
	case errors.Is(err, errNull):
		return 0, errors.New("no close (null)")
	case err != nil:
		return 0, fmt.Errorf("close: %w", err)
	case v <= 0:
		return 0, fmt.Errorf("close %s is not positive", strings.TrimSpace(s))
	}
	return v, nil
}

// parseOptional parses an open, high or low cell; anything that is not a
// positive number gives zero, which Price reads as "not given".
func parseOptional(s string) float64 {
	v, err := parsePriceNumber(s)
	if err != nil || v <= 0 {
		return 0
	}
	return v
}
