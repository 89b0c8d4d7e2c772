// Command sectorpulse turns financial news into sector and company
// sentiment and lines it up against stock-index moves. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // market time zones work on machines without zoneinfo
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], SystemIO(), os.Getenv)
	stop()
	os.Exit(code)
}
