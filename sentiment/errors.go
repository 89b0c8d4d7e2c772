package sentiment

import "errors"

// ErrInvalidEntity reports an entity with a missing name, an unknown kind
// or an empty alias, ticker or sector.
var ErrInvalidEntity = errors.New("invalid entity")

// ErrAliasClash reports an entity whose name, alias or ticker already names
// another entity.
var ErrAliasClash = errors.New("alias names another entity")

// ErrInvalidSector reports a taxonomy sector with a missing or duplicate id,
// a missing name or an empty keyword.
var ErrInvalidSector = errors.New("invalid sector")

// ErrInvalidLexicon reports a lexicon entry with an empty phrase or a weight
// or factor out of range.
var ErrInvalidLexicon = errors.New("invalid lexicon")

// ErrUnsupportedLanguage reports an article in a language the analyzer does
// not cover; callers skip the article rather than count it as failed.
var ErrUnsupportedLanguage = errors.New("language not covered")
