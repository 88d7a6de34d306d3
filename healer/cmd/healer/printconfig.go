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
func printConfig(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer) int {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Effective settings:")
	for _, kv := range cfg.Effective() {
		fmt.Fprintf(tw, "  %s\t%s\n", kv[0], kv[1])
	}
	_ = tw.Flush()
	client, apiVersion, err := connect(ctx, cfg)
	if err != nil {
		if derr := socketDenied(cfg.Docker.Host); derr != nil {
			err = withGroupHint(derr)
		}
		log.Error("connecting to the engine", "engine", cfg.Docker.Host, "error", err.Error())
		return exitFailed
	}
	defer client.Close()
	watched, err := newHealer(cfg, client, log, nil, selfID(ctx, client)).Watched(ctx)
	if err != nil {
		log.Error("listing the containers in scope", "error", err.Error())
		return exitFailed
	}
	fmt.Fprintf(tw, "\nIn scope on %s (API %s): %d\n", cfg.Docker.Host, apiVersion, len(watched))
	for _, w := range watched {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", w.Container.Name, w.Container.ShortID(), w.Why)
	}
	_ = tw.Flush()
	return exitOK
}
