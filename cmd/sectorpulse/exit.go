package main

import (
	"errors"
	"fmt"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/pipeline"
	"github.com/sectorpulse/sectorpulse/store"
)

// Exit codes of the command-line contract.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
	ExitPartial = 3
	ExitLocked  = 4
)

// exitError carries an exit code with an error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr marks bad usage or bad input (exit 2).
func usageErr(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

// asUsage marks err as bad input (exit 2).
func asUsage(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: ExitUsage, err: err}
}

// partialErr marks a batch where some items failed and the rest were
// stored (exit 3).
func partialErr(format string, args ...any) error {
	return &exitError{code: ExitPartial, err: fmt.Errorf(format, args...)}
}

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var (
		unknown *sectorpulse.UnknownIndexError
		mixed   *pipeline.AnalyzersMixedError
		input   *pipeline.InputError
	)
	switch {
	case errors.As(err, &unknown), errors.As(err, &mixed), errors.As(err, &input),
		errors.Is(err, store.ErrNoDirectory), errors.Is(err, pipeline.ErrUnknownSource):
		return ExitUsage
	}
	return ExitFailure
}
