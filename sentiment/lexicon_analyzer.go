package sentiment

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sectorpulse/sectorpulse"
)

// rulesVersion is the version of the lexicon analyzer's scoring rules; bump
// it whenever a rule (not the data) changes.
const rulesVersion = 4

// LexiconAnalyzer is the offline analyzer: it scores articles with a
// finance lexicon, the entity gazetteer and the sector taxonomy. It is safe
// for concurrent use.
type LexiconAnalyzer struct {
	// Now returns the current time for Analysis.CreatedAt; time.Now when
	// nil.
	Now func() time.Time

	g        *Gazetteer
	t        *Taxonomy
	lx       *lexicon
	lexHash  string
	moves    *moveFinder
	taxoHash string
	// models keeps document models for reuse, so that an analysis does
	// not allocate its tokens, sentences and clauses anew.
	models sync.Pool
}

var _ Analyzer = (*LexiconAnalyzer)(nil)

// NewLexiconAnalyzer returns a lexicon analyzer over the gazetteer g and the
// taxonomy t; nil means the built-in one.
func NewLexiconAnalyzer(g *Gazetteer, t *Taxonomy) (*LexiconAnalyzer, error) {
	var err error
	if g == nil {
		if g, err = DefaultGazetteer(); err != nil {
			return nil, err
		}
	}
	if t == nil {
		if t, err = DefaultTaxonomy(); err != nil {
			return nil, err
		}
	}
	f, err := dataFS.Open(lexiconFile)
	if err != nil {
		return nil, fmt.Errorf("open embedded %s: %w", lexiconFile, err)
	}
	defer f.Close()
	lx, data, err := loadLexicon(f, "sentiment/"+lexiconFile)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &LexiconAnalyzer{
		g: g, t: t, lx: lx,
		lexHash:  hex.EncodeToString(sum[:8]),
		moves:    newMoveFinder(),
		taxoHash: t.fingerprint,
	}, nil
}

// Name returns "lexicon".
func (la *LexiconAnalyzer) Name() string { return "lexicon" }

// Model returns "lexicon-N", N being the version of the scoring rules.
func (la *LexiconAnalyzer) Model() string { return "lexicon-" + strconv.Itoa(rulesVersion) }

// PromptVersion returns a short hex SHA-256 of the rules version, the
// lexicon, the taxonomy and the gazetteer (including entities added later),
// so that any change of them analyses articles again.
func (la *LexiconAnalyzer) PromptVersion() string {
	h := sha256.New()
	fmt.Fprintf(h, "rules=%d\nlexicon=%s\ntaxonomy=%s\ngazetteer=%s\n", rulesVersion, la.lexHash, la.taxoHash, la.g.version())
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// Languages returns the primary language subtags of the languages the
// lexicon covers: "en" and "zh".
func (la *LexiconAnalyzer) Languages() []string { return []string{"en", "zh"} }

// CheckLanguage returns an error wrapping ErrUnsupportedLanguage when the
// language of a is known and its primary subtag is not one of Languages
// ("en-GB" and "zh-Hant" are covered). An article of unknown language
// (Language empty or "und") passes.
func (la *LexiconAnalyzer) CheckLanguage(a *sectorpulse.Article) error {
	primary, _, _ := strings.Cut(strings.TrimSpace(a.Language), "-")
	primary = strings.ToLower(primary)
	if primary == "" || primary == "und" {
		return nil
	}
	langs := la.Languages()
	for _, l := range langs {
		if primary == l {
			return nil
		}
	}
	return fmt.Errorf("lexicon: article %d (%s): language %q not covered (covers %s): %w",
		a.ID, a.URL, a.Language, strings.Join(langs, ", "), ErrUnsupportedLanguage)
}

func (la *LexiconAnalyzer) now() time.Time {
	if la.Now != nil {
		return la.Now()
	}
	return time.Now()
}
