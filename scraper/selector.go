package scraper

import (
	"fmt"

	"github.com/andybalholm/cascadia"
)

// CheckSelector reports whether sel is a CSS selector the extractor can
// use, so that a sources file with a typo fails when it is loaded rather
// than silently matching nothing on every page.
func CheckSelector(sel string) error {
	if _, err := cascadia.ParseGroup(sel); err != nil {
		return fmt.Errorf("css selector %q: %w", sel, err)
	}
	return nil
}
