package sectorpulse

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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

// ShingleSize is the number of words in a shingle of Shingles: four words
// are specific enough that two unrelated stories on the same market day
// share few of them ("the hang seng index" is one), yet short enough that
// a copy edited in a few places keeps most of its shingles.
const ShingleSize = 4

// ShingleSet is the set of hashed word shingles of a text, sorted in
// ascending order without repeats.
type ShingleSet []uint64

// Shingles returns the set of word ShingleSize-shingles of the text,
// normalised as by NormalizeText (case, typographic quotes and dashes,
// white space, soft hyphens and zero-width characters do not count), each
// hashed to 64 bits. Words are runs of letters and digits; each Han,
// Hiragana or Katakana character counts as a word of its own, since those
// scripts put no spaces between words. A text of fewer than ShingleSize
// words has one shingle of all of them; an empty text has none. The hashes
// are for comparing sets with each other, not for storing: they may change
// between versions.
func Shingles(text string) ShingleSet {
	var (
		last  [ShingleSize]uint64 // hashes of the latest words, by index mod ShingleSize
		words int
		h     uint64 = offset64 // the word being read
		in    bool
		set   = make(ShingleSet, 0, len(text)/6)
	)
	endWord := func() {
		last[words%ShingleSize] = h
		words++
		if words >= ShingleSize {
			set = append(set, shingleHash(&last, words-ShingleSize, ShingleSize))
		}
		h, in = offset64, false
	}
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			h = (h ^ uint64(r)) * prime64
			in = true
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			h = (h ^ uint64(r+'a'-'A')) * prime64
			in = true
		case r < utf8.RuneSelf:
			if in {
				endWord()
			}
		case r == '\u00AD' || r == '\u200B' || r == '\uFEFF':
			// Invisible: NormalizeText drops them, inside words too.
		case r >= '\u2E80' && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			if in {
				endWord()
			}
			h = fnvRune(h, r)
			endWord()
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			h = fnvRune(h, unicode.ToLower(r))
			in = true
		default:
			if in {
				endWord()
			}
		}
	}
	if in {
		endWord()
	}
	if 0 < words && words < ShingleSize {
		set = append(set, shingleHash(&last, 0, words))
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// shingleHash returns the hash of the n words from the first-th on, whose
// hashes are in last by index mod ShingleSize.
func shingleHash(last *[ShingleSize]uint64, first, n int) uint64 {
	var h uint64
	for i := first; i < first+n; i++ {
		h = (h ^ last[i%ShingleSize]) * 0x9e3779b97f4a7c15 // 2⁶⁴/φ, odd
		h ^= h >> 29
	}
	return h
}

// fnvRune continues an FNV-1a hash h over the UTF-8 encoding of r.
func fnvRune(h uint64, r rune) uint64 {
	var b [utf8.UTFMax]byte
	for _, c := range b[:utf8.EncodeRune(b[:], r)] {
		h = (h ^ uint64(c)) * prime64
	}
	return h
}

// Shared returns the number of shingles s and t have in common.
func (s ShingleSet) Shared(t ShingleSet) int {
	n, i, j := 0, 0, 0
	for i < len(s) && j < len(t) {
		switch {
		case s[i] < t[j]:
			i++
		case s[i] > t[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// Containment returns the share of the smaller of s and t that the other
// holds, |s ∩ t| / min(|s|, |t|), from 0 (nothing shared) to 1 (one is a
// subset of the other); 0 when either is empty. Unlike resemblance
// (|s ∩ t| / |s ∪ t|) it stays high for a copy that drops part of the
// story or adds a header, teaser or trailer of its own.
func (s ShingleSet) Containment(t ShingleSet) float64 {
	if len(s) == 0 || len(t) == 0 {
		return 0
	}
	return float64(s.Shared(t)) / float64(min(len(s), len(t)))
}

// Containment returns the containment of the shingle sets of texts a and
// b; see ShingleSet.Containment.
func Containment(a, b string) float64 {
	return Shingles(a).Containment(Shingles(b))
}

// SyndicationDistance is the largest Hamming distance between the SimHash
// fingerprints of two texts at which they are compared as possible copies
// of one story (see SameStory). SimHash maps the angle θ between two texts'
// shingle vectors to an expected distance of 64·θ/π bits: a copy that keeps
// about 90% of a wire story and adds a line or two of its own (cosine about
// 0.85) lands near 11 bits, with a spread of about 3. Measured: the
// syndicated copies in pipeline/testdata/syndication are 3 to 14 bits
// apart after extraction, those in store's tests (which keep their
// teasers, related links and credits) 2 to 13. Unrelated texts sit near
// 32 (a different story on the same companies and day: 30 to 38), and
// only 0.18% of random fingerprint pairs come within 20 bits, so a full
// window of 5000 stored articles yields about nine chance candidates.
// Stories written from one template come closer (a quarter of the pairs
// of store's template market reports are within 20 bits), which is why the
// store compares the texts of only the closest few candidates. The cost
// is recall at the margin: copies that share only 60–70% of their
// shingles (cosine 0.6–0.7) expect 16 to 19 bits and are missed one time
// in ten to one in three.
const SyndicationDistance = 20

// SyndicationContainment is the smallest ShingleSet.Containment at which
// SameStory calls two texts one story. Measured: syndicated copies of one
// wire story 0.81 to 1.00 (a copy that drops the last paragraph 1.00, one
// with its own first sentence 0.81–0.90, the lower figure with related
// links and credits left in); a different story on the same companies and
// day 0.00; market reports written from one template with different
// figures (store's tests) at most 0.42. 0.6 sits clear of both sides and
// still admits a copy whose own teaser and trailer make up a third of it.
const SyndicationContainment = 0.6

// SyndicationMinShared is the fewest shingles two texts must share for
// SameStory: about a paragraph. Without it a short brief that quotes one
// sentence of a long story, or a stock phrase of market reports, would be
// "contained" in it.
const SyndicationMinShared = 25

// SameStory reports whether texts with shingle sets a and b are copies of
// one story: they share at least SyndicationMinShared shingles and at
// least SyndicationContainment of the smaller set.
func SameStory(a, b ShingleSet) bool {
	n := a.Shared(b)
	return n >= SyndicationMinShared && float64(n) >= SyndicationContainment*float64(min(len(a), len(b)))
}
