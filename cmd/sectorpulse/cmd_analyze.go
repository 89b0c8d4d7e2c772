package main

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/sectorpulse/sectorpulse/sentiment"
	"github.com/sectorpulse/sectorpulse/store"

	"github.com/sectorpulse/sectorpulse/pipeline"
	"github.com/spf13/cobra"
)

// analyzeFlags are the flags that configure analysis.
type analyzeFlags struct {
	Analyzer     string
	Model        string
	Since        string
	Reanalyze    bool
	Concurrency  int
	Limit        int
	BaseURL      string
	MaxTokens    int
	RPM, TPM     int
	Timeout      time.Duration
	LongArticles string
}

func (a *analyzeFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&a.Analyzer, "analyzer", "", "analyzer: auto, lexicon or llm (default auto: the LLM when configured, else lexicon)")
	fl.StringVar(&a.Model, "model", "", "LLM model name (llm analyzer)")
	fl.StringVar(&a.Since, "since", "", "only articles published on or after `DATE` (YYYY-MM-DD or RFC 3339)")
	fl.BoolVar(&a.Reanalyze, "reanalyze", false, "analyse again articles this analyzer, model and prompt version analysed before")
	fl.IntVar(&a.Concurrency, "concurrency", 1, "articles analysed at once")
	fl.IntVar(&a.Limit, "limit", 0, "analyse at most `N` articles (0: all)")
	fl.StringVar(&a.BaseURL, "llm-base-url", "", "OpenAI-compatible API root `URL` (else $SECTORPULSE_LLM_BASE_URL, $OPENAI_BASE_URL, llm.base_url)")
	fl.IntVar(&a.MaxTokens, "max-tokens", 0, "token budget of this batch: stop cleanly before spending more than `N` LLM tokens (0: no budget)")
	fl.IntVar(&a.RPM, "rpm", 0, "at most `N` LLM requests per minute (0: no limit)")
	fl.IntVar(&a.TPM, "tpm", 0, "at most `N` LLM tokens per minute (0: no limit)")
	fl.DurationVar(&a.Timeout, "llm-timeout", 0, "timeout of each LLM request (default 2m)")
	fl.StringVar(&a.LongArticles, "long-articles", "", "articles longer than the LLM input limit: truncate (default) or chunk")
}

// llmOnly lists the flags that only the LLM analyzer takes.
func (a *analyzeFlags) llmOnly() []string {
	var set []string
	if a.Model != "" {
		set = append(set, "--model")
	}
	if a.BaseURL != "" {
		set = append(set, "--llm-base-url")
	}
	if a.MaxTokens != 0 {
		set = append(set, "--max-tokens")
	}
	if a.RPM != 0 || a.TPM != 0 {
		set = append(set, "--rpm/--tpm")
	}
	if a.Timeout != 0 {
		set = append(set, "--llm-timeout")
	}
	if a.LongArticles != "" {
		set = append(set, "--long-articles")
	}
	return set
}

// llm returns the LLM settings of the flags.
func (a *analyzeFlags) llm() llmOptions {
	return llmOptions{Model: a.Model, BaseURL: a.BaseURL, MaxTokens: a.MaxTokens, RPM: a.RPM, TPM: a.TPM,
		Timeout: a.Timeout, LongArticles: a.LongArticles, Concurrency: a.Concurrency}
}

// options checks the flags and returns the pipeline's options.
func (a *analyzeFlags) options() (pipeline.AnalyzeOptions, error) {
	since, err := parseDateFlag("--since", a.Since)
	if err != nil {
		return pipeline.AnalyzeOptions{}, err
	}
	if a.Concurrency < 1 {
		return pipeline.AnalyzeOptions{}, usageErr("--concurrency %d: want 1 or more", a.Concurrency)
	}
	if set := a.llmOnly(); len(set) > 0 && strings.EqualFold(a.Analyzer, "lexicon") {
		return pipeline.AnalyzeOptions{}, usageErr("%s: only the llm analyzer takes these, not --analyzer lexicon", strings.Join(set, ", "))
	}
	if a.MaxTokens < 0 || a.RPM < 0 || a.TPM < 0 || a.Timeout < 0 {
		return pipeline.AnalyzeOptions{}, usageErr("--max-tokens, --rpm, --tpm and --llm-timeout must not be negative")
	}
	switch a.LongArticles {
	case "", "truncate", "chunk":
	default:
		return pipeline.AnalyzeOptions{}, usageErr("--long-articles %q: want truncate or chunk", a.LongArticles)
	}
	if a.Limit < 0 {
		return pipeline.AnalyzeOptions{}, usageErr("--limit %d: want 0 or more", a.Limit)
	}
	return pipeline.AnalyzeOptions{Since: since, Reanalyze: a.Reanalyze, Concurrency: a.Concurrency, Limit: a.Limit}, nil
}

// parseDateFlag parses YYYY-MM-DD (midnight UTC) or RFC 3339; empty is the
// zero time.
func parseDateFlag(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usageErr("%s %q: want YYYY-MM-DD or RFC 3339", name, s)
}

// analyzer builds the chosen analyzer, its LLM memory in db.
func (a *analyzeFlags) analyzer(f *Factory, db *store.DB) (sentiment.Analyzer, error) {
	o := a.llm()
	o.Memory = pipeline.LLMMemory(db, f.Now)
	an, err := f.AnalyzerWith(a.Analyzer, o)
	if err != nil {
		return nil, err
	}
	if set := a.llmOnly(); len(set) > 0 && an.Name() != "llm" {
		return nil, usageErr("%s: no LLM endpoint is configured, so the lexicon analyzer runs and takes none of these (set $OPENAI_API_KEY, --llm-base-url or the config's llm section)", strings.Join(set, ", "))
	}
	return an, nil
}

// AnalyzeOptions are the options of `sectorpulse analyze`.
type AnalyzeOptions struct {
	F       *Factory
	Analyze analyzeFlags
	// Compare names the analyzer to compare with, or two analyzers "A,B"
	// to compare without analysing.
	Compare string
	// Format is the comparison's format: table, csv or jsonl.
	Format string
}

// NewCmdAnalyze builds `sectorpulse analyze`.
func NewCmdAnalyze(f *Factory, runF func(*AnalyzeOptions) error) *cobra.Command {
	opts := &AnalyzeOptions{F: f}
	cmd := &cobra.Command{
		Use:   "analyze [--analyzer auto|lexicon|llm] [--model M] [--since DATE] [--reanalyze] [--concurrency N]",
		Short: "Score stored articles that this analyzer has not scored yet",
		Long: `Analyze runs the analyzer over every stored article that has no analysis by the
same analyzer, model and prompt version, and stores each result (entity
mentions, sector scores, reported index moves, each with its evidence quote)
in one transaction. Re-running adds nothing unless --reanalyze.`,
		Example: `  sectorpulse analyze --analyzer lexicon
  sectorpulse analyze --since 2025-02-01 --reanalyze`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := opts.Analyze.options(); err != nil {
				return err
			}
			if _, _, err := opts.comparePair(""); err != nil {
				return err
			}
			switch opts.Format {
			case "table", "csv", "jsonl":
			default:
				return usageErr("--format %q: want table, csv or jsonl", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return analyzeRun(cmd, opts)
		},
	}
	opts.Analyze.register(cmd)
	cmd.Flags().StringVar(&opts.Compare, "compare", "", "after analysing, compare this analyzer with `OTHER` (or compare two stored analyzers \"A,B\" without analysing): Cohen's kappa and Pearson r, overall, per entity and per sector")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "format of the --compare report: table, csv or jsonl")
	return cmd
}

// comparePair returns the two analyzers --compare names; ran is the
// analyzer just run, empty while flags are checked. only says no analysis
// should run.
func (o *AnalyzeOptions) comparePair(ran string) (pair [2]string, only bool, err error) {
	if o.Compare == "" {
		return pair, false, nil
	}
	parts := strings.Split(o.Compare, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	switch {
	case len(parts) == 2 && parts[0] != "" && parts[1] != "" && parts[0] != parts[1]:
		return [2]string{parts[0], parts[1]}, true, nil
	case len(parts) == 1 && parts[0] != "":
		if ran != "" && ran == parts[0] {
			return pair, false, usageErr("--compare %s: that is the analyzer just run; name another", parts[0])
		}
		return [2]string{ran, parts[0]}, false, nil
	}
	return pair, false, usageErr("--compare %q: want OTHER or A,B with two different analyzer names", o.Compare)
}

func analyzeRun(cmd *cobra.Command, opts *AnalyzeOptions) error {
	f := opts.F
	ctx := cmd.Context()
	aopts, err := opts.Analyze.options()
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	if _, only, _ := opts.comparePair(""); only {
		return compareRun(ctx, opts, db, aopts, "")
	}
	an, err := opts.Analyze.analyzer(f, db)
	if err != nil {
		return err
	}
	if _, _, err := opts.comparePair(an.Name()); err != nil {
		// Before the batch: a bad --compare must not cost a paid run.
		return err
	}
	rec, err := startRun(ctx, f, db, "analyze")
	if err != nil {
		return err
	}
	runErr := rec.finish(rec.analyze(ctx, an, aopts))
	if opts.Compare == "" || (runErr != nil && exitCode(runErr) != ExitPartial) {
		return runErr
	}
	if err := compareRun(ctx, opts, db, aopts, an.Name()); err != nil {
		return err
	}
	return runErr
}

// compareRun prints the comparison --compare asks for.
func compareRun(ctx context.Context, opts *AnalyzeOptions, db *store.DB, aopts pipeline.AnalyzeOptions, ran string) error {
	pair, _, err := opts.comparePair(ran)
	if err != nil {
		return err
	}
	c, err := pipeline.Compare(ctx, db, pair[0], pair[1], store.ExportFilter{Since: aopts.Since})
	if errors.Is(err, pipeline.ErrNothingToCompare) {
		return asUsage(err)
	}
	if err != nil {
		return err
	}
	return pipeline.WriteComparison(opts.F.IO.Out, c, opts.Format)
}
