package market

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// errNull is the error of a cell a vendor marks "null" (Yahoo does so for
// days without trading).
var errNull = errors.New("null")

// The day/month orders of numeric dates (ParseOptions.DateFormat and
// ParsedPrices.DateOrder).
const (
	// orderYMD reads only year-first numeric dates: a date with the year
	// last is a row error.
	orderYMD = "ymd"
	// orderDMY reads 03/02/2025 as 3 February 2025.
	orderDMY = "dmy"
	// orderMDY reads 03/02/2025 as 2 March 2025.
	orderMDY = "mdy"
)

// dateReader reads the date cells of one file.
type dateReader struct {
	layout string // a Go time layout given by the user; "" to recognise dates
	order  string // orderYMD, orderDMY, orderMDY, or "" while undecided
}

// newDateReader checks a ParseOptions.DateFormat value: "" (detect),
// "ymd", "dmy", "mdy" (any case), or a Go time layout holding a year,
// month and day: one containing "2006", or "06" for a two-digit year,
// which is read as Go reads it (69–99 → 1900s, 00–68 → 2000s).
func newDateReader(format string) (dateReader, error) {
	f := strings.TrimSpace(format)
	switch strings.ToLower(f) {
	case "":
		return dateReader{}, nil
	case orderYMD, orderDMY, orderMDY:
		return dateReader{order: strings.ToLower(f)}, nil
	}
	if !strings.Contains(f, "06") {
		return dateReader{}, fmt.Errorf("bad date format %q (want ymd, dmy, mdy or a Go time layout such as 02.01.2006)", format)
	}
	// The layout must give back the day it wrote: one without a day or
	// month would read every cell as the first of a month or year.
	ref := time.Date(2025, time.November, 27, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse(f, ref.Format(f)); err != nil || t.Format(dateLayout) != ref.Format(dateLayout) {
		return dateReader{}, fmt.Errorf("bad date format %q: a Go time layout must hold a year, a month and a day (e.g. 02.01.2006)", format)
	}
	return dateReader{layout: f}, nil
}

// undecided reports whether the day/month order of numeric dates is still
// to be detected from the file.
func (d dateReader) undecided() bool { return d.layout == "" && d.order == "" }

// parse reads a date cell and returns it as YYYY-MM-DD.
//
// With a layout, the cell must match it. Otherwise accepted are numeric
// dates with a four-digit year first (2006-01-02, 2006/01/02, 2006.01.02,
// 20060102) or last (02/01/2006, 02.01.2006, 02-01-2006, read in d.order),
// optionally followed by a space or "T" and a time, of which only the date
// counts; and dates with an English month name ("Jan 2, 2006", "January 2,
// 2006", "2 Jan 2006", "02-Jan-2006"). A two-digit year is refused rather
// than given a guessed century.
func (d dateReader) parse(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("no date")
	}
	if d.layout != "" {
		t, err := time.Parse(d.layout, s)
		if err != nil {
			return "", fmt.Errorf("bad date %q (want the date format %q)", s, d.layout)
		}
		return t.Format(dateLayout), nil
	}
	if p, ok := dateNumbers(s); ok {
		return d.numeric(s, p)
	}
	for _, layout := range monthNameLayouts() {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(dateLayout), nil
		}
	}
	for _, layout := range twoDigitYearLayouts() {
		if _, err := time.Parse(layout, s); err == nil {
			return "", fmt.Errorf("bad date %q: a two-digit year could be in either century (give the date format as a Go layout, e.g. %q)", s, layout)
		}
	}
	return "", fmt.Errorf("bad date %q (want e.g. 2025-02-14, 20250214, 14/02/2025 or Feb 14, 2025)", s)
}

// numeric builds the date of a cell split by dateNumbers.
func (d dateReader) numeric(s string, p [3]string) (string, error) {
	var y, m, day, how string
	switch {
	case len(p[0]) == 4:
		y, m, day = p[0], p[1], p[2]
	case len(p[2]) != 4:
		return "", fmt.Errorf("bad date %q: the year must have four digits", s)
	case d.order == orderDMY:
		day, m, y, how = p[0], p[1], p[2], " (read day first)"
	case d.order == orderMDY:
		m, day, y, how = p[0], p[1], p[2], " (read month first)"
	case d.order == orderYMD:
		return "", fmt.Errorf("bad date %q: not year-first, as the date format ymd wants", s)
	default:
		return "", fmt.Errorf("bad date %q: day and month order unknown", s)
	}
	if len(m) > 2 || len(day) > 2 {
		return "", fmt.Errorf("bad date %q", s)
	}
	yi, _ := strconv.Atoi(y) // cannot fail: dateNumbers checked the digits
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(day)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return "", fmt.Errorf("bad date %q: no such day%s", s, how)
	}
	return t.Format(dateLayout), nil
}

// dateNumbers splits a numeric date cell, any time after a space or "T"
// cut off, into its three numbers as written: "2025-02-14 16:00" and
// "20250214" give 2025, 02, 14; "14.02.2025" gives 14, 02, 2025. ok is
// false unless the cell is eight digits or three numbers of at most four
// digits joined by one of - / . used twice.
func dateNumbers(s string) (p [3]string, ok bool) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	if len(s) == 8 && allDigits(s) {
		return [3]string{s[:4], s[4:6], s[6:]}, true
	}
	i := strings.IndexAny(s, "-/.")
	if i < 0 {
		return p, false
	}
	parts := strings.Split(s, s[i:i+1])
	if len(parts) != 3 {
		return p, false
	}
	for _, x := range parts {
		if x == "" || len(x) > 4 || !allDigits(x) {
			return p, false
		}
	}
	return [3]string{parts[0], parts[1], parts[2]}, true
}

// yearLastParts returns the first two numbers of a numeric date whose
// four-digit year comes last: 14 and 2 for "14/02/2025".
func yearLastParts(s string) (first, second int, ok bool) {
	p, ok := dateNumbers(strings.TrimSpace(s))
	if !ok || len(p[2]) != 4 || len(p[0]) > 2 || len(p[1]) > 2 {
		return 0, 0, false
	}
	first, _ = strconv.Atoi(p[0]) // cannot fail: dateNumbers checked the digits
	second, _ = strconv.Atoi(p[1])
	return first, second, true
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// monthNameLayouts returns the layouts of dates written with an English
// month name. Month names match in any case.
func monthNameLayouts() []string {
	return []string{
		"Jan 2, 2006", "January 2, 2006", "Jan 2 2006", "January 2 2006",
		"2 Jan 2006", "2 January 2006", "2-Jan-2006", "2-January-2006",
	}
}

// twoDigitYearLayouts returns month-name layouts with a two-digit year,
// recognised only to be refused with a clear message.
func twoDigitYearLayouts() []string {
	return []string{"2-Jan-06", "2 Jan 06", "Jan 2, 06"}
}

// numberStyle is how a file writes numbers: its decimal mark is '.' or
// ','; the other of the two groups thousands, and so do spaces (U+0020,
// U+00A0, U+202F) in either style.
type numberStyle struct {
	decimal rune
}

// isThousands reports whether r groups thousands in this style.
func (n numberStyle) isThousands(r rune) bool {
	switch r {
	case ' ', '\u00a0', '\u202f':
		return true
	case ',':
		return n.decimal == '.'
	case '.':
		return n.decimal == ','
	}
	return false
}

// parse parses a price cell ("22,620.33", or "22.620,33" with a decimal
// comma), surrounding space ignored. Thousands separators must split the
// whole part into groups of three digits and may not follow the decimal
// mark, so a cell written in the other style is an error, not a guess.
// NaN and infinities are refused.
func (n numberStyle) parse(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "null") {
		return 0, errNull
	}
	if s == "" {
		return 0, errors.New("empty")
	}
	body, sign := s, ""
	if body[0] == '-' || body[0] == '+' {
		body, sign = body[1:], body[:1]
	}
	whole, frac, hasFrac := strings.Cut(body, string(n.decimal))
	switch {
	case strings.ContainsRune(frac, n.decimal):
		return 0, fmt.Errorf("%q has more than one decimal mark %q (the file's decimal mark)", s, n.decimal)
	case strings.ContainsFunc(frac, n.isThousands):
		return 0, fmt.Errorf("%q has a thousands separator after the decimal mark %q (the file's decimal mark)", s, n.decimal)
	}
	if strings.ContainsFunc(whole, n.isThousands) {
		groups := splitFunc(whole, n.isThousands)
		for i, g := range groups {
			if !allDigits(g) || len(g) > 3 || (i > 0 && len(g) != 3) {
				return 0, fmt.Errorf("%q: thousands separators must split the digits in groups of three (the file's decimal mark is %q)", s, n.decimal)
			}
		}
		whole = strings.Join(groups, "")
	}
	plain := sign + whole
	if hasFrac {
		plain += "." + frac
	}
	v, err := strconv.ParseFloat(plain, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	return v, nil
}

// splitFunc splits s around every rune for which sep is true, keeping
// empty parts (unlike strings.FieldsFunc).
func splitFunc(s string, sep func(rune) bool) []string {
	var out []string
	start := 0
	for i, r := range s {
		if sep(r) {
			out = append(out, s[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, s[start:])
}

// parseClose parses the close cell: it must be a positive number.
func (n numberStyle) parseClose(s string) (float64, error) {
	v, err := n.parse(s)
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
func (n numberStyle) parseOptional(s string) float64 {
	v, err := n.parse(s)
	if err != nil || v <= 0 {
		return 0
	}
	return v
}

// decimalHint returns the decimal mark a number cell shows beyond doubt:
// the later of '.' and ',' when both occur ("22,620.33" → '.'); the other
// mark when one occurs twice or more ("1.234.567" → ','); a lone mark not
// followed by exactly three digits ("22620,33" → ','). ok is false for
// cells without a mark and for a lone mark followed by three digits
// ("22,620" may be 22620 or 22.62).
func decimalHint(s string) (mark rune, ok bool) {
	s = strings.TrimSpace(s)
	last := strings.LastIndexAny(s, ",.")
	if last < 0 {
		return 0, false
	}
	commas, points := strings.Count(s, ","), strings.Count(s, ".")
	switch {
	case commas > 0 && points > 0:
		return rune(s[last]), true
	case commas > 1:
		return '.', true
	case points > 1:
		return ',', true
	}
	digits := len(s[last+1:]) - len(strings.TrimLeft(s[last+1:], "0123456789"))
	if digits == 3 {
		return 0, false
	}
	return rune(s[last]), true
}
