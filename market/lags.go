package market

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// MaxLag is the largest lag, in trading days either way, ParseLags accepts.
const MaxLag = 1000

// ParseLags parses a lag list: a single lag ("0"), an inclusive range
// ("0:5", "-2:2"), or a comma-separated list of both ("0,1,3", "0:2,5").
// The result is sorted with duplicates removed. Errors name the bad text.
func ParseLags(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("lags %q: empty", s)
	}
	var out []int
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		lo, hi, err := parseLagItem(item)
		if err != nil {
			return nil, fmt.Errorf("lags %q: %w", s, err)
		}
		for k := lo; k <= hi; k++ {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// parseLagItem parses "k" or "a:b" into an inclusive range.
func parseLagItem(item string) (lo, hi int, err error) {
	a, b, isRange := strings.Cut(item, ":")
	if lo, err = parseLag(a, item); err != nil {
		return 0, 0, err
	}
	if !isRange {
		return lo, lo, nil
	}
	if hi, err = parseLag(b, item); err != nil {
		return 0, 0, err
	}
	if lo > hi {
		return 0, 0, fmt.Errorf("range %q runs backwards", item)
	}
	return lo, hi, nil
}

// parseLag parses one lag of item.
func parseLag(s, item string) (int, error) {
	k, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("bad lag %q in %q", s, item)
	}
	if k < -MaxLag || k > MaxLag {
		return 0, fmt.Errorf("lag %d in %q is beyond ±%d", k, item, MaxLag)
	}
	return k, nil
}
