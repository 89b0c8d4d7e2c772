package main

import (
	"time"

	"github.com/sectorpulse/sectorpulse/pipeline"
	"github.com/spf13/cobra"
)

// analyzeFlags are the flags that configure analysis.
type analyzeFlags struct {
	Analyzer    string
	Model       string
	Since       string
	Reanalyze   bool
	Concurrency int
	Limit       int
}

func (a *analyzeFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&a.Analyzer, "analyzer", "", "analyzer: auto, lexicon or llm (default auto: the LLM when configured, else lexicon)")
	fl.StringVar(&a.Model, "model", "", "LLM model name (llm analyzer)")
	fl.StringVar(&a.Since, "since", "", "only articles published on or after `DATE` (YYYY-MM-DD or RFC 3339)")
	fl.BoolVar(&a.Reanalyze, "reanalyze", false, "analyse again articles this analyzer, model and prompt version analysed before")
	fl.IntVar(&a.Concurrency, "concurrency", 1, "articles analysed at once")
	fl.IntVar(&a.Limit, "limit", 0, "analyse at most `N` articles (0: all)")
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
	if a.Model != "" && a.Analyzer != "llm" {
		return pipeline.AnalyzeOptions{}, usageErr("--model %q: only the llm analyzer takes a model", a.Model)
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

// AnalyzeOptions are the options of `sectorpulse analyze`.
type AnalyzeOptions struct {
	F       *Factory
	Analyze analyzeFlags
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
			if runF != nil {
				return runF(opts)
			}
			return analyzeRun(cmd, opts)
		},
	}
	opts.Analyze.register(cmd)
	return cmd
}

func analyzeRun(cmd *cobra.Command, opts *AnalyzeOptions) error {
	f := opts.F
	ctx := cmd.Context()
	aopts, err := opts.Analyze.options()
	if err != nil {
		return err
	}
	an, err := f.Analyzer(opts.Analyze.Analyzer)
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	rec, err := startRun(ctx, f, db, "analyze")
	if err != nil {
		return err
	}
	return rec.finish(rec.analyze(ctx, an, aopts))
}
