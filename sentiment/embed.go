package sentiment

import "embed"

// dataFS holds the built-in entity gazetteer, sector taxonomy and lexicon.
//
//go:embed data/*.yaml
var dataFS embed.FS

// Paths of the embedded data files, as named in error messages.
const (
	entitiesFile = "data/entities.yaml"
	sectorsFile  = "data/sectors.yaml"
	lexiconFile  = "data/lexicon.yaml"
)
