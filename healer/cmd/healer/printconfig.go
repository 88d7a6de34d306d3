package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"

	"github.com/healstack/healstack/healer/config"
)

// printConfig prints the effective settings and the containers in scope.
func printConfig(ctx context.Context, cfg config.Config, stdout, stderr io.Writer) int {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Effective settings:")
	for _, kv := range cfg.Effective() {
		fmt.Fprintf(tw, "  %s\t%s\n", kv[0], kv[1])
	}
	_ = tw.Flush()
	client, apiVersion, err := connect(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "healer: connecting to the engine:", err)
		return exitFailed
	}
	defer client.Close()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	watched, err := newHealer(cfg, client, log, nil, selfID(ctx, client)).Watched(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "healer:", err)
		return exitFailed
	}
	fmt.Fprintf(tw, "\nIn scope on %s (API %s): %d\n", cfg.Docker.Host, apiVersion, len(watched))
	for _, w := range watched {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", w.Container.Name, w.Container.ShortID(), w.Why)
	}
	_ = tw.Flush()
	return exitOK
}
