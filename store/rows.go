package store

import "time"

// ArticleRow is one article as EachArticle streams it, without its text.
type ArticleRow struct {
	ID           int64
	URL          string
	CanonicalURL string
	Source       string
	Title        string
	// PublishedAt keeps the page's own offset; zero when unknown.
	PublishedAt time.Time
	FetchedAt   time.Time
	Language    string
	Words       int
	ContentHash string
	// DuplicateOf is the id of the article this one nearly duplicates, or
	// zero.
	DuplicateOf int64
	// DateSource, DateInferred and Truncated are the article's fields of
	// the same names.
	DateSource   string
	DateInferred bool
	Truncated    bool
}

// MentionRow is one entity mention with its article and analysis, as
// EachMention streams it.
type MentionRow struct {
	ArticleID     int64
	URL           string
	Source        string
	PublishedAt   time.Time
	FetchedAt     time.Time
	Entity        string
	EntityKind    string
	Ticker        string
	Sectors       []string
	Sentiment     float64
	Confidence    float64
	Relevance     float64
	Evidence      string
	Analyzer      string
	Model         string
	PromptVersion string
}

// SectorRow is one sector score with its article and analysis, as
// EachSectorScore streams it.
type SectorRow struct {
	ArticleID     int64
	URL           string
	Source        string
	PublishedAt   time.Time
	FetchedAt     time.Time
	Sector        string
	Sentiment     float64
	Confidence    float64
	Relevance     float64
	Evidence      string
	Analyzer      string
	Model         string
	PromptVersion string
}

// MoveRow is one reported index move with its article, as EachMove streams
// it. ChangePct, Level and ChangePoints are nil when the article gives
// none; Period is one of the sectorpulse.Period* constants, or "" when not
// known (see sectorpulse.IndexMove).
type MoveRow struct {
	ArticleID    int64
	URL          string
	PublishedAt  time.Time
	FetchedAt    time.Time
	IndexCode    string
	ChangePct    *float64
	Level        *float64
	Evidence     string
	ChangePoints *float64
	Period       string
}
