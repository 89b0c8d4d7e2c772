package sectorpulse

import "time"

// Label is the coarse class of a sentiment score.
type Label string

// The labels a score can carry.
const (
	LabelNegative Label = "negative"
	LabelNeutral  Label = "neutral"
	LabelPositive Label = "positive"
)

// LabelThreshold is the bound of the neutral band: a sentiment s is positive
// when s >= LabelThreshold, negative when s <= -LabelThreshold, and neutral
// in between.
const LabelThreshold = 0.15

// LabelFor returns the label of a sentiment score in [-1, 1].
func LabelFor(s float64) Label {
	switch {
	case s >= LabelThreshold:
		return LabelPositive
	case s <= -LabelThreshold:
		return LabelNegative
	default:
		return LabelNeutral
	}
}

// EntityKind is the kind of a named entity.
type EntityKind string

// The kinds of entity sectorpulse tracks.
const (
	KindCompany      EntityKind = "company"
	KindOrganization EntityKind = "organization"
	KindPerson       EntityKind = "person"
	KindIndex        EntityKind = "index"
	KindProduct      EntityKind = "product"
	KindOther        EntityKind = "other"
)

// Entity is a company, organisation, person, index or product that articles
// mention.
type Entity struct {
	// Name is the canonical name, e.g. "Tencent".
	Name string
	// Kind is what sort of entity it is.
	Kind EntityKind
	// Aliases are other names it goes by, English and Chinese.
	Aliases []string
	// Tickers are its listings, e.g. "0700.HK".
	Tickers []string
	// Sectors are the taxonomy ids it belongs to, e.g. "tech.ai".
	Sectors []string
}

// Sector is a node of the sector taxonomy.
type Sector struct {
	// ID is the taxonomy id, e.g. "tech.semiconductors".
	ID string
	// Name is the display name.
	Name string
	// HSICS is the matching Hang Seng Industry Classification industry.
	HSICS string
	// GICS is the matching GICS industry group or industry.
	GICS string
	// Parent is the id of the broader sector this one belongs to ("tech"
	// for "tech.ai"), empty for a top-level sector.
	Parent string
}

// Evidence is the exact quote from an article's Document that supports a
// score, with its byte offsets: Document()[Start:End] == Quote.
type Evidence struct {
	Quote string
	Start int
	End   int
}

// Mention is one entity's sentiment in one article.
type Mention struct {
	// Entity is the canonical entity name.
	Entity string
	// Kind is the entity's kind.
	Kind EntityKind
	// Ticker is the entity's primary ticker, empty when it has none.
	Ticker string
	// Sectors are the entity's taxonomy ids.
	Sectors []string
	// Sentiment is in [-1, 1].
	Sentiment float64
	// Confidence is in [0, 1].
	Confidence float64
	// Relevance says how central the entity is to the article, in [0, 1].
	Relevance float64
	// Evidence is the quote the score rests on.
	Evidence Evidence
}

// SectorScore is one sector's sentiment in one article.
type SectorScore struct {
	// Sector is the taxonomy id.
	Sector string
	// Sentiment is in [-1, 1].
	Sentiment float64
	// Confidence is in [0, 1].
	Confidence float64
	// Relevance says how central the sector is to the article, in [0, 1].
	Relevance float64
	// Evidence is the quote the score rests on.
	Evidence Evidence
}

// IndexMove is a move of a stock index that an article reports, e.g. "Hang
// Seng Index up 3.69 percent to 22,620.33 points".
type IndexMove struct {
	// Index is the index code, e.g. "HSI".
	Index string
	// ChangePct is the reported change in percent (negative for a fall), nil
	// when the article gives none.
	ChangePct *float64
	// Level is the reported index level, nil when the article gives none.
	Level *float64
	// ChangePoints is the reported change in index points (negative for a
	// fall), nil when the article gives none.
	ChangePoints *float64
	// Period is the span the move covers: PeriodDay (the session's move,
	// the default), PeriodIntraday (a move during the session, such as "in
	// morning trade"), PeriodWeek, PeriodMonth, PeriodQuarter, PeriodYear
	// or PeriodYTD; empty when the analyzer cannot tell.
	Period string
	// Evidence is the sentence or clause that reports the move.
	Evidence Evidence
}

// The periods of an IndexMove.
const (
	PeriodDay      = "day"
	PeriodIntraday = "intraday"
	PeriodWeek     = "week"
	PeriodMonth    = "month"
	PeriodQuarter  = "quarter"
	PeriodYear     = "year"
	PeriodYTD      = "ytd"
)

// Analysis is one run of one analyzer over one article.
type Analysis struct {
	// ID is the store's row id; zero until stored.
	ID int64
	// ArticleID is the analysed article's id.
	ArticleID int64
	// Analyzer names the analyzer, e.g. "lexicon" or "llm".
	Analyzer string
	// Model names the model or lexicon version used.
	Model string
	// PromptVersion identifies the prompt (or lexicon rules) the answer came
	// from; for the LLM it is derived from the prompt's content.
	PromptVersion string
	// CreatedAt is when the analysis was made (UTC).
	CreatedAt time.Time
	// PromptTokens and CompletionTokens are the tokens the analysis used.
	PromptTokens     int
	CompletionTokens int
	// Sentiment is the article's overall sentiment in [-1, 1].
	Sentiment float64
	// Confidence is the confidence in Sentiment, in [0, 1].
	Confidence float64
	// Raw is the analyzer's raw answer, kept for audit: for the LLM, the
	// JSON object of answer schema v1, or a JSON array of them (one per
	// chunk) when the article was sent in chunks.
	Raw string
	// Input says how much of the article the analyzer read: "full",
	// "truncated:KEPT/TOTAL" (estimated tokens) or "chunked:N".
	Input string
	// Requests counts the HTTP requests the analysis made, retries and
	// repairs included; 0 when the answer came from the cache.
	Requests int
	// Dropped counts the items of the raw answer left out of Mentions,
	// Sectors and Moves, by reason (e.g. "evidence_not_in_text",
	// "unknown_sector").
	Dropped map[string]int
	// Mentions, Sectors and Moves are the grounded results.
	Mentions []Mention
	Sectors  []SectorScore
	Moves    []IndexMove
}
