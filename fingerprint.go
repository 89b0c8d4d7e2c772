package sectorpulse

import (
	"math/bits"
	"strings"
	"unicode"
)

// NearDuplicateDistance is the largest Hamming distance between two
// SimHash fingerprints at which two texts count as near-duplicates.
const NearDuplicateDistance = 3

// SimHash returns a 64-bit SimHash of the text over word 3-shingles of its
// normalised form. Texts that share most of their wording have fingerprints
// a few bits apart; see HammingDistance.
func SimHash(text string) uint64 {
	words := strings.FieldsFunc(NormalizeText(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	if len(words) == 0 {
		return 0
	}
	var v [64]int
	add := func(x uint64) {
		for i := range 64 {
			if x&(1<<uint(i)) != 0 {
				v[i]++
			} else {
				v[i]--
			}
		}
	}
	if len(words) < 3 {
		add(fnv64a(offset64, strings.Join(words, " ")))
	}
	for i := 0; i+3 <= len(words); i++ {
		h := fnv64a(offset64, words[i])
		h = fnv64a(h, " ")
		h = fnv64a(h, words[i+1])
		h = fnv64a(h, " ")
		add(fnv64a(h, words[i+2]))
	}
	var out uint64
	for i := range 64 {
		if v[i] > 0 {
			out |= 1 << uint(i)
		}
	}
	return out
}

// HammingDistance returns the number of bits in which a and b differ.
func HammingDistance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}

// FNV-1a 64-bit constants (hash/fnv), inlined so that hashing a shingle
// allocates nothing.
const (
	offset64 = 14695981039346656037
	prime64  = 1099511628211
)

// fnv64a continues an FNV-1a hash h over s.
func fnv64a(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime64
	}
	return h
}
