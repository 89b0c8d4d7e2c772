package sentiment

import (
	"context"

	"github.com/sectorpulse/sectorpulse"
)

// Analyzer scores one article.
type Analyzer interface {
	// Name is the analyzer's short name, e.g. "lexicon".
	Name() string
	// Model names the model or lexicon version, e.g. "lexicon-1".
	Model() string
	// PromptVersion identifies the prompt or rules and data the analyzer
	// uses; when it changes, articles are analysed again.
	PromptVersion() string
	// Analyze scores a.Document(). Evidence offsets refer to that string.
	Analyze(ctx context.Context, a *sectorpulse.Article) (*sectorpulse.Analysis, error)
}
