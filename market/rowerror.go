package market

import "fmt"

// RowError is a problem with one row of an input file; the rest of the file
// is still read.
type RowError struct {
	// File names the input, as given by the caller.
	File string
	// Line is the 1-based line number of the row.
	Line int
	// Err says what is wrong.
	Err error
}

// Error returns "FILE:LINE: message".
func (e *RowError) Error() string {
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *RowError) Unwrap() error { return e.Err }
