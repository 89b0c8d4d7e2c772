package store

import "errors"

// ErrNotFound reports that a row the caller named (an article, a run) does
// not exist.
var ErrNotFound = errors.New("not found")

// ErrNotSQLite reports that a database file is not a SQLite database.
var ErrNotSQLite = errors.New("not a SQLite database (file is corrupt or of another kind)")

// ErrForeignDatabase reports a SQLite database that belongs to another
// application: it has tables but no schema_migrations table.
var ErrForeignDatabase = errors.New("not a sectorpulse database")

// ErrSchemaTooNew reports a database migrated by a newer sectorpulse than
// this one.
var ErrSchemaTooNew = errors.New("database schema is newer than this program")

// ErrInvalid reports a value that breaks the store's rules (a score out of
// range, an empty name); the wrapping error names what and where.
var ErrInvalid = errors.New("invalid")

// ErrNoDirectory reports a database path whose directory does not exist;
// Open never creates directories.
var ErrNoDirectory = errors.New("no such directory")
