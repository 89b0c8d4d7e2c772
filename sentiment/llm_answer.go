package sentiment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
)

// answerV1 is the LLM's answer, schema version 1 (prompts/sentiment-v1/
// schema.json). Pointers tell a missing field from a zero.
type answerV1 struct {
	Overall    *overallV1 `json:"overall"`
	Entities   []entityV1 `json:"entities"`
	Sectors    []sectorV1 `json:"sectors"`
	IndexMoves []moveV1   `json:"index_moves"`
}

type overallV1 struct {
	Sentiment  *float64 `json:"sentiment"`
	Confidence *float64 `json:"confidence"`
}

type entityV1 struct {
	Name       string   `json:"name"`
	Kind       string   `json:"kind"`
	Ticker     string   `json:"ticker"`
	Sentiment  *float64 `json:"sentiment"`
	Confidence *float64 `json:"confidence"`
	Relevance  *float64 `json:"relevance"`
	Evidence   string   `json:"evidence"`
}

type sectorV1 struct {
	Sector     string   `json:"sector"`
	Sentiment  *float64 `json:"sentiment"`
	Confidence *float64 `json:"confidence"`
	Relevance  *float64 `json:"relevance"`
	Evidence   string   `json:"evidence"`
}

type moveV1 struct {
	Index     string   `json:"index"`
	ChangePct *float64 `json:"change_pct"`
	Level     *float64 `json:"level"`
	Evidence  string   `json:"evidence"`
}

// errNoJSON reports an answer with no JSON object in it.
var errNoJSON = errors.New("no JSON object in the answer")

// extractJSON returns the first complete JSON object in an answer that may
// wrap it in a ```json fence or put prose before or after it.
func extractJSON(content string) ([]byte, error) {
	s := strings.TrimSpace(content)
	if i := strings.Index(s, "```"); i >= 0 {
		rest := s[i+3:]
		// Skip the fence's language tag ("json", "JSON", …) up to the line end.
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 && !strings.Contains(rest[:nl], "{") {
			rest = rest[nl+1:]
		}
		if j := strings.Index(rest, "```"); j >= 0 {
			rest = rest[:j]
		}
		if b, err := firstObject(rest); err == nil {
			return b, nil
		}
	}
	return firstObject(s)
}

// firstObject decodes the first JSON value that starts at a '{' in s,
// trying each '{' in turn, and returns its bytes.
func firstObject(s string) ([]byte, error) {
	var firstErr error
	for off := 0; off < len(s); {
		i := strings.IndexByte(s[off:], '{')
		if i < 0 {
			break
		}
		start := off + i
		dec := json.NewDecoder(strings.NewReader(s[start:]))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == nil {
			return bytes.TrimSpace(raw), nil
		} else if firstErr == nil {
			firstErr = err
		}
		off = start + 1
	}
	if firstErr != nil {
		return nil, fmt.Errorf("%w: %v", errNoJSON, firstErr)
	}
	return nil, errNoJSON
}

// parseAnswer extracts and decodes an answer and checks the parts whose
// breakage makes the whole answer unusable: JSON syntax and types, the four
// required members, and the overall scores. Problems with single items are
// left to grounding, which drops those items.
func parseAnswer(content string) (*answerV1, []byte, error) {
	raw, err := extractJSON(content)
	if err != nil {
		return nil, nil, err
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return nil, raw, fmt.Errorf("answer is not a JSON object: %w", err)
	}
	for _, k := range []string{"overall", "entities", "sectors", "index_moves"} {
		v, ok := members[k]
		if !ok {
			return nil, raw, fmt.Errorf("answer lacks the required member %q", k)
		}
		if k != "overall" && string(bytes.TrimSpace(v)) == "null" {
			return nil, raw, fmt.Errorf("answer member %q is null, want an array", k)
		}
	}
	var a answerV1
	if err := json.Unmarshal(raw, &a); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, raw, fmt.Errorf("answer field %q has a JSON %s, want %s", te.Field, te.Value, te.Type)
		}
		return nil, raw, fmt.Errorf("answer does not follow the schema: %w", err)
	}
	if a.Overall == nil {
		return nil, raw, errors.New("answer member \"overall\" is null")
	}
	if err := checkRange("overall.sentiment", a.Overall.Sentiment, -1, 1); err != nil {
		return nil, raw, err
	}
	if err := checkRange("overall.confidence", a.Overall.Confidence, 0, 1); err != nil {
		return nil, raw, err
	}
	return &a, raw, nil
}

// checkRange checks that a required number is present, finite and within
// [lo, hi].
func checkRange(field string, v *float64, lo, hi float64) error {
	if v == nil {
		return fmt.Errorf("%s is missing", field)
	}
	if math.IsNaN(*v) || math.IsInf(*v, 0) || *v < lo || *v > hi {
		return fmt.Errorf("%s is %v, want %v..%v", field, *v, lo, hi)
	}
	return nil
}
