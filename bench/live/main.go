// Command live measures the healer on a real engine and writes bench/live.json: the
// time from the engine's health_status: unhealthy event to the restart's kill event,
// from the engine's own timestamps, over many trials at random phase; the healer's
// resident memory and Docker API requests per minute while idle (counted at a proxy in
// front of the socket); and the image size. Run it with make bench-live.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/healstack/healstack/internal/benchfile"
)

// benchLabel marks everything the benchmark creates, so a sweep can find it.
const benchLabel = "io.healstack.bench"

type options struct {
	trials      int
	idle        time.Duration
	image, base string
	out         string
	socket      string
}

func main() {
	var o options
	flag.IntVar(&o.trials, "trials", 60, "unhealthy-to-kill trials")
	flag.DurationVar(&o.idle, "idle", 10*time.Minute, "idle period before reading memory")
	flag.StringVar(&o.image, "image", "healstack/healer:dev", "healer image to measure")
	flag.StringVar(&o.base, "base", "healstack/base:bookworm", "image for the target container")
	flag.StringVar(&o.out, "out", "bench/live.json", "results file")
	flag.StringVar(&o.socket, "socket", "/var/run/docker.sock", "the engine's socket")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, log); err != nil {
		fmt.Fprintln(os.Stderr, "bench-live:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options, log *slog.Logger) error {
	b, err := newBench(ctx, o, log)
	if err != nil {
		return err
	}
	defer b.cleanup()
	latency, err := b.trials(ctx)
	if err != nil {
		return fmt.Errorf("measuring unhealthy to kill: %w", err)
	}
	idle, err := b.idleFor(ctx, o.idle)
	if err != nil {
		return fmt.Errorf("measuring the idle healer: %w", err)
	}
	size, err := b.imageSize(ctx)
	if err != nil {
		return err
	}
	results := append([]benchfile.Result{latency}, idle...)
	results = append(results, size)
	return benchfile.Write(o.out, fmt.Sprintf("make bench-live (trials %d, idle %s)",
		o.trials, o.idle), results)
}
