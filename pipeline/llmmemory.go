package pipeline

import (
	"context"
	"time"

	"github.com/sectorpulse/sectorpulse/sentiment"
	"github.com/sectorpulse/sectorpulse/store"
)

// LLMMemory returns the database as the LLM analyzer's memory: the answers
// it paid for (so the same content, model and prompt version is never sent
// twice, across runs) and what each endpoint accepts.
func LLMMemory(db *store.DB, now func() time.Time) sentiment.LLMMemory {
	if now == nil {
		now = time.Now
	}
	return llmMemory{db: db, now: now}
}

type llmMemory struct {
	db  *store.DB
	now func() time.Time
}

func (m llmMemory) Answer(ctx context.Context, k sentiment.AnswerKey) (sentiment.CachedAnswer, bool, error) {
	a, ok, err := m.db.LLMAnswer(ctx, k.ContentHash, k.Model, k.PromptVersion)
	if err != nil || !ok {
		return sentiment.CachedAnswer{}, false, err
	}
	return sentiment.CachedAnswer{Raw: a.Raw, Mode: a.Mode, PromptTokens: a.PromptTokens, CompletionTokens: a.CompletionTokens}, true, nil
}

func (m llmMemory) SaveAnswer(ctx context.Context, k sentiment.AnswerKey, a sentiment.CachedAnswer) error {
	return m.db.SaveLLMAnswer(ctx, store.LLMAnswer{
		ContentHash: k.ContentHash, Model: k.Model, PromptVersion: k.PromptVersion,
		Raw: a.Raw, Mode: a.Mode, PromptTokens: a.PromptTokens, CompletionTokens: a.CompletionTokens,
		CreatedAt: m.now().UTC(),
	})
}

func (m llmMemory) EndpointCaps(ctx context.Context, endpoint, model string) (sentiment.EndpointCaps, bool, error) {
	e, ok, err := m.db.LLMEndpoint(ctx, endpoint, model)
	if err != nil || !ok {
		return sentiment.EndpointCaps{}, false, err
	}
	return sentiment.EndpointCaps{Mode: e.Mode, Seed: e.Seed, Temperature: e.Temperature}, true, nil
}

func (m llmMemory) SaveEndpointCaps(ctx context.Context, endpoint, model string, c sentiment.EndpointCaps) error {
	return m.db.SaveLLMEndpoint(ctx, store.LLMEndpoint{
		Endpoint: endpoint, Model: model, Mode: c.Mode, Seed: c.Seed, Temperature: c.Temperature, UpdatedAt: m.now().UTC(),
	})
}
