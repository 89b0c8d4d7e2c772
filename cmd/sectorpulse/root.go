package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Main runs the command line with args and returns the exit code.
func Main(ctx context.Context, args []string, io *IOStreams, getenv func(string) string) int {
	f := newFactory(io, getenv)
	return execute(ctx, f, args)
}

// execute runs a command tree over f and maps the outcome to an exit code.
func execute(ctx context.Context, f *Factory, args []string) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	err := root.ExecuteContext(ctx)
	if err != nil && strings.HasPrefix(err.Error(), "unknown command ") {
		err = asUsage(err) // cobra has no typed error for this
	}
	if cerr := f.closeStore(); cerr != nil && err == nil {
		err = fmt.Errorf("close database: %w", cerr)
	}
	if err != nil {
		fmt.Fprintf(f.IO.ErrOut, "sectorpulse: %v\n", err)
	}
	return exitCode(err)
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "sectorpulse",
		Short: "Financial news to sector and company sentiment, lined up against index moves",
		Long: `sectorpulse scrapes financial news, tags companies and sectors with sentiment
(offline lexicon analyzer, or an LLM behind any OpenAI-compatible API), keeps
every score with its evidence in SQLite, and correlates daily sector sentiment
with index returns.

Start with: sectorpulse demo`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			switch f.global.LogFormat {
			case "", "text", "json":
			default:
				return usageErr("--log-format %q: want text or json", f.global.LogFormat)
			}
			_, err := f.Config()
			return err
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&f.global.DB, "db", "", "SQLite database `PATH` (else $SECTORPULSE_DB, the config file, ./sectorpulse.db)")
	pf.StringVar(&f.global.ConfigPath, "config", "", "YAML config file `PATH` (else $SECTORPULSE_CONFIG, ~/.config/sectorpulse/config.yaml)")
	pf.StringVar(&f.global.LogFormat, "log-format", "", "log format on stderr: text or json")
	pf.BoolVarP(&f.global.Quiet, "quiet", "q", false, "log only warnings and errors")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return asUsage(fmt.Errorf("%w\nSee '%s --help'.", err, cmd.CommandPath()))
	})

	root.AddCommand(
		NewCmdDemo(f, nil),
		NewCmdExtract(f, nil),
		NewCmdScore(f, nil),
		NewCmdScrape(f, nil),
		NewCmdAnalyze(f, nil),
		NewCmdRun(f, nil),
		NewCmdPrices(f),
		NewCmdCorrelate(f, nil),
		NewCmdExport(f, nil),
		NewCmdEntities(f),
		NewCmdSectors(f),
		NewCmdStatus(f),
		NewCmdSources(f),
	)
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// groupCommand makes a command that only holds subcommands: run bare it
// prints its help, given an unknown subcommand it is a usage error.
func groupCommand(use, short string) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return usageErr("unknown command %q for %q\nSee '%s --help'.", args[0], cmd.CommandPath(), cmd.CommandPath())
		},
	}
}

// wrapArgs makes argument-count errors usage errors (exit 2).
func wrapArgs(c *cobra.Command) {
	if c.Args != nil {
		check := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return asUsage(fmt.Errorf("%s: %w", cmd.CommandPath(), err))
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}
