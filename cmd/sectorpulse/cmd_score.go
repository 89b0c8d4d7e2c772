package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/sectorpulse/sectorpulse"
	"github.com/sectorpulse/sectorpulse/sentiment"
	"github.com/spf13/cobra"
)

// ScoreOptions are the options of `sectorpulse score`.
type ScoreOptions struct {
	IO       *IOStreams
	Analyzer func(name string) (sentiment.Analyzer, error)

	AnalyzerName string
	Texts        []string
}

// NewCmdScore builds `sectorpulse score`.
func NewCmdScore(f *Factory, runF func(*ScoreOptions) error) *cobra.Command {
	opts := &ScoreOptions{IO: f.IO, Analyzer: f.Analyzer}
	cmd := &cobra.Command{
		Use:   "score [--analyzer NAME] [TEXT...]",
		Short: "Score texts given as arguments or one per stdin line; no database",
		Long: `Score prints one JSON object per text:
{"text","sentiment","label","entities":[{"name","sentiment"}],"sectors":[{"sector","sentiment"}]}
label is positive (sentiment >= 0.15), negative (<= -0.15) or neutral.
Without arguments it reads one text per line from stdin.`,
		Example: `  sectorpulse score "Tencent shares surged 5 percent after strong quarterly results."
  cut -f2 headlines.tsv | sectorpulse score --analyzer lexicon > scores.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Texts = args
			if runF != nil {
				return runF(opts)
			}
			return scoreRun(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.AnalyzerName, "analyzer", "", "analyzer: auto, lexicon or llm (default auto)")
	return cmd
}

type scoreEntity struct {
	Name      string  `json:"name"`
	Kind      string  `json:"kind"`
	Ticker    string  `json:"ticker,omitempty"`
	Sentiment float64 `json:"sentiment"`
	Evidence  string  `json:"evidence"`
}

type scoreSector struct {
	Sector    string  `json:"sector"`
	Sentiment float64 `json:"sentiment"`
	Evidence  string  `json:"evidence"`
}

type scoreMove struct {
	Index        string   `json:"index"`
	ChangePct    *float64 `json:"change_pct"`
	Level        *float64 `json:"level"`
	ChangePoints *float64 `json:"change_points"`
	Period       string   `json:"period"`
}

type scoreJSON struct {
	Text       string        `json:"text"`
	Sentiment  float64       `json:"sentiment"`
	Label      string        `json:"label"`
	Confidence float64       `json:"confidence"`
	Entities   []scoreEntity `json:"entities"`
	Sectors    []scoreSector `json:"sectors"`
	IndexMoves []scoreMove   `json:"index_moves"`
}

func scoreRun(cmd *cobra.Command, opts *ScoreOptions) error {
	an, err := opts.Analyzer(opts.AnalyzerName)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(opts.IO.Out)
	enc.SetEscapeHTML(false)
	score := func(text string) error {
		a, err := an.Analyze(cmd.Context(), &sectorpulse.Article{Text: text})
		if err != nil {
			return fmt.Errorf("score %q: %w", abbreviate(text, 40), err)
		}
		out := scoreJSON{Text: text, Sentiment: round(a.Sentiment), Label: string(sectorpulse.LabelFor(a.Sentiment)),
			Confidence: round(a.Confidence), Entities: []scoreEntity{}, Sectors: []scoreSector{}, IndexMoves: []scoreMove{}}
		for _, m := range a.Mentions {
			out.Entities = append(out.Entities, scoreEntity{Name: m.Entity, Kind: string(m.Kind), Ticker: m.Ticker, Sentiment: round(m.Sentiment), Evidence: m.Evidence.Quote})
		}
		for _, s := range a.Sectors {
			out.Sectors = append(out.Sectors, scoreSector{Sector: s.Sector, Sentiment: round(s.Sentiment), Evidence: s.Evidence.Quote})
		}
		for _, m := range a.Moves {
			out.IndexMoves = append(out.IndexMoves, scoreMove{Index: m.Index, ChangePct: m.ChangePct, Level: m.Level, ChangePoints: m.ChangePoints, Period: m.Period})
		}
		return enc.Encode(out)
	}
	if len(opts.Texts) > 0 {
		for _, t := range opts.Texts {
			if err := score(t); err != nil {
				return err
			}
		}
		return nil
	}
	sc := bufio.NewScanner(opts.IO.In)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		if err := score(text); err != nil {
			return fmt.Errorf("stdin line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read stdin line %d: %w", line+1, err)
	}
	return nil
}

func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// abbreviate shortens s to n runes for messages.
func abbreviate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
