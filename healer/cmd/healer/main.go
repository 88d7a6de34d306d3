// Command healer restarts unhealthy containers as soon as the engine reports them, and
// brings back the containers that share a restarted container's network namespace.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

func main() {
	ctx, stop := signalContext()
	code := run(ctx, os.Args[1:], os.Environ(), os.Stdout, os.Stderr)
	stop() // os.Exit would skip a deferred call
	os.Exit(code)
}

// signalContext ends on the first SIGTERM or SIGINT, with the signal as its cause, which
// lets a restart in flight finish; a second signal exits at once.
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		sig := <-signals
		cancel(fmt.Errorf("%s received", sig))
		sig = <-signals
		// The daemon makes its logger the default, so this line keeps its format.
		slog.Warn("exiting at once, without waiting for actions in flight",
			"cause", fmt.Sprintf("second signal (%s)", sig))
		os.Exit(exitFailed)
	}()
	return ctx, func() {
		signal.Stop(signals)
		cancel(nil)
	}
}
