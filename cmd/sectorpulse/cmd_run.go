package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/gofrs/flock"
	"github.com/spf13/cobra"
)

// RunOptions are the options of `sectorpulse run`.
type RunOptions struct {
	F        *Factory
	Sources  sourceFlags
	Analyze  analyzeFlags
	LockPath string
}

// NewCmdRun builds `sectorpulse run`.
func NewCmdRun(f *Factory, runF func(*RunOptions) error) *cobra.Command {
	opts := &RunOptions{F: f}
	cmd := &cobra.Command{
		Use:   "run [--sources FILE] [--analyzer ...] [--lock PATH]",
		Short: "Scrape, then analyse what is new: one batch for cron",
		Long: `Run scrapes the sources and analyses the new articles, holding a lock file so
that overlapping cron runs cannot interleave: a second run while one holds the
lock exits at once with code 4. Every run is recorded in the runs table and
summarised in one final log line.`,
		Example: `  */30 * * * *  cd /srv/news && sectorpulse --log-format json run --sources sources.yaml >>run.log 2>&1`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := opts.Analyze.options(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runRun(cmd, opts)
		},
	}
	opts.Sources.register(cmd)
	opts.Analyze.register(cmd)
	cmd.Flags().StringVar(&opts.LockPath, "lock", "", "lock file `PATH` (default: the database path + .lock)")
	return cmd
}

func runRun(cmd *cobra.Command, opts *RunOptions) error {
	f := opts.F
	ctx := cmd.Context()
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	sources, err := opts.Sources.resolve(cfg)
	if err != nil {
		return err
	}
	aopts, err := opts.Analyze.options()
	if err != nil {
		return err
	}
	lockPath := opts.LockPath
	if lockPath == "" {
		dbPath, err := f.DBPath("sectorpulse.db")
		if err != nil {
			return err
		}
		lockPath = dbPath + ".lock"
	}
	lock := flock.New(lockPath)
	locked, err := lock.TryLock()
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return usageErr("lock file %s: directory %s does not exist", lockPath, filepath.Dir(lockPath))
		}
		return fmt.Errorf("lock %s: %w", lockPath, err)
	}
	if !locked {
		return &exitError{code: ExitLocked, err: fmt.Errorf("another run holds the lock %s; not starting", lockPath)}
	}
	defer lock.Unlock()

	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	an, err := opts.Analyze.analyzer(f, db)
	if err != nil {
		return err
	}
	rec, err := startRun(ctx, f, db, "run")
	if err != nil {
		return err
	}
	ctx, cancel := opts.Sources.withDeadline(ctx, cfg)
	defer cancel()
	if err := rec.scrape(ctx, sources, scrapeSettings{concurrency: opts.Sources.Concurrency, since: aopts.Since}); err != nil {
		rec.addAnalyze(an.Name(), nil)
		return rec.finish(err)
	}
	return rec.finish(rec.analyze(ctx, an, aopts))
}
