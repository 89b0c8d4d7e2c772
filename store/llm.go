package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// LLMAnswer is an LLM answer we paid for, cached so that the same content,
// model and prompt version is never sent twice.
type LLMAnswer struct {
	// ContentHash, Model and PromptVersion identify the answer: the hash of
	// the text sent, the model that answered and the prompt's version.
	ContentHash   string
	Model         string
	PromptVersion string
	// Raw is the answer as received.
	Raw string
	// Mode is the response format the answer was requested in, e.g.
	// "json_schema"; empty when unknown.
	Mode string
	// PromptTokens and CompletionTokens are the tokens the answer cost.
	PromptTokens     int
	CompletionTokens int
	// CreatedAt is when the answer was received.
	CreatedAt time.Time
}

// LLMAnswer returns the cached answer for contentHash, model and
// promptVersion; found is false when there is none.
func (db *DB) LLMAnswer(ctx context.Context, contentHash, model, promptVersion string) (a LLMAnswer, found bool, err error) {
	var created sql.NullString
	err = db.read.QueryRowContext(ctx, `SELECT content_hash, model, prompt_version, raw, mode, prompt_tokens,
			completion_tokens, created_at
		FROM llm_answers WHERE content_hash = ? AND model = ? AND prompt_version = ?`,
		contentHash, model, promptVersion).Scan(&a.ContentHash, &a.Model, &a.PromptVersion, &a.Raw, &a.Mode,
		&a.PromptTokens, &a.CompletionTokens, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return LLMAnswer{}, false, nil
	} else if err != nil {
		return LLMAnswer{}, false, fmt.Errorf("llm answer %s %s %s: %w", contentHash, model, promptVersion, err)
	}
	if a.CreatedAt, err = parseTime(created); err != nil {
		return LLMAnswer{}, false, fmt.Errorf("llm answer %s %s %s: %w", contentHash, model, promptVersion, err)
	}
	return a, true, nil
}

// SaveLLMAnswer caches a, replacing the answer of the same content hash,
// model and prompt version. It rejects an empty key field, a negative token
// count or a zero CreatedAt.
func (db *DB) SaveLLMAnswer(ctx context.Context, a LLMAnswer) error {
	if err := checkLLMAnswer(a); err != nil {
		return fmt.Errorf("save llm answer %s %s %s: %w", a.ContentHash, a.Model, a.PromptVersion, err)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO llm_answers (content_hash, model, prompt_version, raw, mode,
			prompt_tokens, completion_tokens, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (content_hash, model, prompt_version) DO UPDATE SET raw = excluded.raw, mode = excluded.mode,
			prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,
			created_at = excluded.created_at`,
		a.ContentHash, a.Model, a.PromptVersion, a.Raw, a.Mode, a.PromptTokens, a.CompletionTokens,
		formatTime(a.CreatedAt)); err != nil {
		return fmt.Errorf("save llm answer %s %s %s: %w", a.ContentHash, a.Model, a.PromptVersion, err)
	}
	return nil
}

// checkLLMAnswer checks a against the llm_answers table's rules.
func checkLLMAnswer(a LLMAnswer) error {
	switch {
	case a.ContentHash == "":
		return fmt.Errorf("%w: empty content hash", ErrInvalid)
	case a.Model == "":
		return fmt.Errorf("%w: empty model", ErrInvalid)
	case a.PromptVersion == "":
		return fmt.Errorf("%w: empty prompt version", ErrInvalid)
	case a.PromptTokens < 0 || a.CompletionTokens < 0:
		return fmt.Errorf("%w: negative token count", ErrInvalid)
	case a.CreatedAt.IsZero():
		return fmt.Errorf("%w: created time is zero", ErrInvalid)
	}
	return nil
}

// The response formats an endpoint may be asked for, best first.
const (
	ModeJSONSchema = "json_schema"
	ModeJSONObject = "json_object"
	ModeText       = "text"
)

// LLMEndpoint is what an endpoint is known to accept.
type LLMEndpoint struct {
	// Endpoint is the API's base URL; Model the model it serves.
	Endpoint string
	Model    string
	// Mode is the response format that works: ModeJSONSchema, ModeJSONObject
	// or ModeText.
	Mode string
	// Seed and Temperature say whether the endpoint accepts the seed and
	// temperature parameters.
	Seed        bool
	Temperature bool
	// UpdatedAt is when this was learned.
	UpdatedAt time.Time
}

// LLMEndpoint returns what endpoint is known to accept for model; found is
// false when nothing is known.
func (db *DB) LLMEndpoint(ctx context.Context, endpoint, model string) (e LLMEndpoint, found bool, err error) {
	var updated sql.NullString
	err = db.read.QueryRowContext(ctx, `SELECT endpoint, model, mode, seed, temperature, updated_at
		FROM llm_endpoints WHERE endpoint = ? AND model = ?`, endpoint, model).Scan(&e.Endpoint, &e.Model,
		&e.Mode, &e.Seed, &e.Temperature, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return LLMEndpoint{}, false, nil
	} else if err != nil {
		return LLMEndpoint{}, false, fmt.Errorf("llm endpoint %s %s: %w", endpoint, model, err)
	}
	if e.UpdatedAt, err = parseTime(updated); err != nil {
		return LLMEndpoint{}, false, fmt.Errorf("llm endpoint %s %s: %w", endpoint, model, err)
	}
	return e, true, nil
}

// SaveLLMEndpoint records what e.Endpoint accepts for e.Model, replacing
// what was known. It rejects an empty endpoint, a mode other than
// ModeJSONSchema, ModeJSONObject or ModeText, or a zero UpdatedAt.
func (db *DB) SaveLLMEndpoint(ctx context.Context, e LLMEndpoint) error {
	if err := checkLLMEndpoint(e); err != nil {
		return fmt.Errorf("save llm endpoint %s %s: %w", e.Endpoint, e.Model, err)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO llm_endpoints (endpoint, model, mode, seed, temperature,
			updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (endpoint, model) DO UPDATE SET mode = excluded.mode, seed = excluded.seed,
			temperature = excluded.temperature, updated_at = excluded.updated_at`,
		e.Endpoint, e.Model, e.Mode, e.Seed, e.Temperature, formatTime(e.UpdatedAt)); err != nil {
		return fmt.Errorf("save llm endpoint %s %s: %w", e.Endpoint, e.Model, err)
	}
	return nil
}

// checkLLMEndpoint checks e against the llm_endpoints table's rules.
func checkLLMEndpoint(e LLMEndpoint) error {
	switch {
	case e.Endpoint == "":
		return fmt.Errorf("%w: empty endpoint", ErrInvalid)
	case e.Mode != ModeJSONSchema && e.Mode != ModeJSONObject && e.Mode != ModeText:
		return fmt.Errorf("%w: mode %q is not %s, %s or %s", ErrInvalid, e.Mode, ModeJSONSchema, ModeJSONObject, ModeText)
	case e.UpdatedAt.IsZero():
		return fmt.Errorf("%w: updated time is zero", ErrInvalid)
	}
	return nil
}
