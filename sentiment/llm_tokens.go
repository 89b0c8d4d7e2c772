package sentiment

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"unicode"
)

// estimateTokens guesses the tokens of s for budgeting and chunking: a Han
// character is about one token, other text about four bytes a token. It
// errs high for English prose, which is the safe side for a budget.
func estimateTokens(s string) int {
	var c tokenCount
	for _, r := range s {
		c.add(r)
	}
	return c.tokens()
}

// tokenCount accumulates estimateTokens rune by rune.
type tokenCount struct{ han, other int }

func (c *tokenCount) add(r rune) {
	switch {
	case unicode.Is(unicode.Han, r):
		c.han++
	case r < 0x80:
		c.other++
	default:
		c.other += 2
	}
}

func (c tokenCount) tokens() int { return c.han + (c.other+3)/4 }

// splitText cuts text into pieces of at most maxTokens (estimated),
// between paragraphs where it can, else between sentences, else between
// characters.
func splitText(text string, maxTokens int) []string {
	if estimateTokens(text) <= maxTokens {
		return []string{text}
	}
	var units []string
	for _, p := range strings.Split(text, "\n\n") {
		if estimateTokens(p) <= maxTokens {
			units = append(units, p)
			continue
		}
		for _, s := range splitSentenceSpans(p) {
			if estimateTokens(s) <= maxTokens {
				units = append(units, s)
				continue
			}
			units = append(units, splitRunes(s, maxTokens)...)
		}
	}
	var out []string
	var cur strings.Builder
	curTokens := 0
	for _, u := range units {
		t := estimateTokens(u)
		if cur.Len() > 0 && curTokens+t+1 > maxTokens {
			out = append(out, cur.String())
			cur.Reset()
			curTokens = 0
		}
		if cur.Len() > 0 {
			cur.WriteString("\n\n")
			curTokens++
		}
		cur.WriteString(u)
		curTokens += t
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// splitSentenceSpans splits a paragraph after sentence ends, keeping the
// text whole.
func splitSentenceSpans(p string) []string {
	var out []string
	start := 0
	rs := []rune(p)
	pos := 0
	for i, r := range rs {
		pos += len(string(r))
		end := r == '。' || r == '！' || r == '？'
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(rs) || unicode.IsSpace(rs[i+1])) {
			end = true
		}
		if end {
			out = append(out, strings.TrimSpace(p[start:pos]))
			start = pos
		}
	}
	if rest := strings.TrimSpace(p[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// splitRunes cuts s into pieces of at most maxTokens, at rune boundaries.
func splitRunes(s string, maxTokens int) []string {
	var out []string
	var cur strings.Builder
	var count tokenCount
	for _, r := range s {
		next := count
		next.add(r)
		if next.tokens() > maxTokens && cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
			next = tokenCount{}
			next.add(r)
		}
		cur.WriteRune(r)
		count = next
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// Usage is what an LLM analyzer has spent.
type Usage struct {
	// Requests counts HTTP requests, retries and repairs included.
	Requests int
	// PromptTokens and CompletionTokens are the tokens the endpoint
	// reported (estimated when it reports none), failed analyses included.
	PromptTokens     int
	CompletionTokens int
	// Budget is the token budget, 0 for none.
	Budget int
}

// tokenBudget caps the tokens a batch spends. A request reserves its
// estimated prompt plus the largest answer before it is sent and settles
// to what it cost, so requests in flight together cannot overrun the
// budget; one that does not fit waits for those in flight to settle and
// fails only when it would not fit with none in flight.
type tokenBudget struct {
	mu       sync.Mutex
	limit    int
	reserved int
	usage    Usage
	settled  chan struct{} // closed and replaced whenever a reservation ends
}

// reserve claims n tokens, or fails with ErrBudgetExhausted.
func (b *tokenBudget) reserve(ctx context.Context, n int) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		spent := b.usage.PromptTokens + b.usage.CompletionTokens
		if b.limit == 0 || spent+b.reserved+n <= b.limit {
			b.reserved += n
			return nil
		}
		if b.reserved == 0 {
			return fmt.Errorf("%w: %d of %d tokens spent, the next request may take %d", ErrBudgetExhausted, spent, b.limit, n)
		}
		if b.settled == nil {
			b.settled = make(chan struct{})
		}
		wait := b.settled
		b.mu.Unlock()
		select {
		case <-wait:
			b.mu.Lock()
		case <-ctx.Done():
			b.mu.Lock()
			return context.Cause(ctx)
		}
	}
}

// settle ends a sent request's reservation and records what it cost.
func (b *tokenBudget) settle(reserved, prompt, completion int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.usage.Requests++
	b.usage.PromptTokens += prompt
	b.usage.CompletionTokens += completion
	b.end(reserved)
}

// release ends the reservation of a request that was never sent.
func (b *tokenBudget) release(reserved int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.end(reserved)
}

// end returns reserved tokens and wakes the requests waiting for them.
func (b *tokenBudget) end(reserved int) {
	b.reserved -= reserved
	if b.settled != nil {
		close(b.settled)
		b.settled = nil
	}
}

// snapshot returns the usage so far.
func (b *tokenBudget) snapshot() Usage {
	b.mu.Lock()
	defer b.mu.Unlock()
	u := b.usage
	u.Budget = b.limit
	return u
}
