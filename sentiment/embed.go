package sentiment

import "embed"

// dataFS holds the built-in entity gazetteer, sector taxonomy and lexicon.
//
//go:embed data/*.yaml data/entities/*.yaml
var dataFS embed.FS

// Paths of the embedded data files, as named in error messages.
const (
	entitiesFile = "data/entities.yaml"
	// entitiesDir holds more entity files, read after entitiesFile.
	entitiesDir = "data/entities"
	sectorsFile = "data/sectors.yaml"
	lexiconFile = "data/lexicon.yaml"
)
