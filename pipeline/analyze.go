package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/sentiment"
	"github.com/sectorpulse/sectorpulse/store"
)

// AnalysisStore is what analysing needs of the database; *store.DB
// implements it.
type AnalysisStore interface {
	PendingArticles(ctx context.Context, f store.PendingFilter) ([]*sectorpulse.Article, error)
	SaveAnalysis(ctx context.Context, an *sectorpulse.Analysis) (int64, error)
	Counts(ctx context.Context) (store.Counts, error)
}

// AnalyzeOptions configures Analyze.
type AnalyzeOptions struct {
	// Since limits the batch to articles published (or fetched) at or after
	// it; zero means all.
	Since time.Time
	// Reanalyze analyses articles again that this analyzer, model and
	// prompt version analysed before.
	Reanalyze bool
	// Concurrency is the number of articles analysed at once (default 1).
	Concurrency int
	// Limit caps the number of articles, 0 for no cap.
	Limit int
	// Progress, when set, receives an event per article.
	Progress func(Event)
}

// AnalyzeResult counts what an analyze batch did.
type AnalyzeResult struct {
	// Pending is the number of articles the batch set out to analyse.
	Pending int
	// Analyzed counts analyses stored; Skipped counts stored articles left
	// alone because they were analysed before (or are near-duplicates) or
	// because of a reason of SkippedByReason.
	Analyzed int
	Skipped  int
	// SkippedByReason counts the pending articles left alone, neither
	// analysed nor failed, by reason: "unsupported_language" for an article
	// in a language the analyzer does not cover. Such articles stay pending.
	SkippedByReason map[string]int
	// Failed counts articles whose analysis failed, listed in Failures.
	Failed   int
	Failures []Failure
	// PromptTokens and CompletionTokens sum the tokens of stored analyses.
	PromptTokens     int
	CompletionTokens int
	// Dropped counts answer items that validation and grounding left out
	// of stored analyses, by reason.
	Dropped map[string]int
	// BudgetExhausted says the token budget stopped the batch; Left
	// counts the pending articles it did not reach.
	BudgetExhausted bool
	Left            int
}

// languageChecker is an analyzer that covers only some languages, such as
// *sentiment.LexiconAnalyzer; its CheckLanguage returns an error wrapping
// sentiment.ErrUnsupportedLanguage for an article it does not cover.
type languageChecker interface {
	CheckLanguage(a *sectorpulse.Article) error
}

// Analyze runs the analyzer over every stored article it has not analysed
// yet and stores each result in its own transaction. An article whose
// analysis fails is counted and the batch goes on; the returned error is for
// failures of the whole batch (a cancelled context, a database error). An
// article in a language the analyzer does not cover is skipped, not failed.
func Analyze(ctx context.Context, an sentiment.Analyzer, st AnalysisStore, opts AnalyzeOptions) (*AnalyzeResult, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 1
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(Event) {}
	}
	pending, err := st.PendingArticles(ctx, store.PendingFilter{
		Analyzer:      an.Name(),
		Model:         an.Model(),
		PromptVersion: an.PromptVersion(),
		Since:         opts.Since,
		Reanalyze:     opts.Reanalyze,
		Limit:         opts.Limit,
	})
	if err != nil {
		return nil, fmt.Errorf("analyze: list pending articles: %w", err)
	}
	counts, err := st.Counts(ctx)
	if err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	res := &AnalyzeResult{Pending: len(pending)}
	if !opts.Reanalyze && opts.Since.IsZero() && opts.Limit == 0 {
		res.Skipped = counts.Articles - len(pending)
	}

	var (
		mu     sync.Mutex
		wg     sync.WaitGroup
		fatal  error
		budget bool
		done   int
		work   = make(chan *sectorpulse.Article)
	)
	worker := func() {
		defer wg.Done()
		for a := range work {
			mu.Lock()
			stop := fatal != nil || budget
			mu.Unlock()
			if stop {
				continue
			}
			item := fmt.Sprintf("article %d", a.ID)
			var (
				analysis *sectorpulse.Analysis
				err      error
			)
			if lc, ok := an.(languageChecker); ok {
				err = lc.CheckLanguage(a)
			}
			if err == nil {
				analysis, err = an.Analyze(ctx, a)
			}
			if err == nil {
				analysis.ArticleID = a.ID
				if _, serr := st.SaveAnalysis(ctx, analysis); serr != nil {
					mu.Lock()
					if fatal == nil {
						fatal = fmt.Errorf("analyze: save %s: %w", item, serr)
					}
					mu.Unlock()
					continue
				}
			}
			mu.Lock()
			done++
			switch {
			case err != nil && interrupted(ctx, err):
				// Not the article's fault: reported once as the batch's error.
			case errors.Is(err, sentiment.ErrBudgetExhausted):
				// A clean stop: the article is left for the next run.
				budget = true
				done--
			case errors.Is(err, sentiment.ErrEndpointRejected) || errors.Is(err, sentiment.ErrEndpointDown):
				// Every further article would fail the same way.
				if fatal == nil {
					fatal = fmt.Errorf("analyze: stopped at %s: %w", item, err)
				}
				done--
			case errors.Is(err, sentiment.ErrUnsupportedLanguage):
				// Not a failure: the article is left for another analyzer.
				res.Skipped++
				if res.SkippedByReason == nil {
					res.SkippedByReason = map[string]int{}
				}
				res.SkippedByReason["unsupported_language"]++
			case err != nil:
				res.Failed++
				res.Failures = append(res.Failures, Failure{Item: item, Reason: analyzeReason(err), Err: fmt.Errorf("analyze %s (%s): %w", item, a.URL, err)})
			default:
				res.Analyzed++
				res.PromptTokens += analysis.PromptTokens
				res.CompletionTokens += analysis.CompletionTokens
				for reason, n := range analysis.Dropped {
					if res.Dropped == nil {
						res.Dropped = map[string]int{}
					}
					res.Dropped[reason] += n
				}
			}
			progress(Event{Stage: "analyze", Done: done, Total: len(pending), Item: item, Err: err})
			mu.Unlock()
		}
	}
	for range opts.Concurrency {
		wg.Add(1)
		go worker()
	}
	for _, a := range pending {
		mu.Lock()
		stop := fatal != nil || budget
		mu.Unlock()
		if stop || ctx.Err() != nil {
			break
		}
		work <- a
	}
	close(work)
	wg.Wait()
	if budget {
		res.BudgetExhausted = true
		res.Left = len(pending) - done
	}
	if fatal != nil {
		return res, fatal
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("analyze stopped after %d of %d articles: %w", done, len(pending), context.Cause(ctx))
	}
	return res, nil
}

// analyzeReason names the cause of a failed analysis for the run counts.
func analyzeReason(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, sentiment.ErrMalformedAnswer):
		return "malformed_answer"
	case errors.Is(err, sentiment.ErrEndpointUnavailable):
		return "llm_unavailable"
	case errors.Is(err, sentiment.ErrArticleRejected):
		return "llm_rejected"
	default:
		return "analyze"
	}
}
