package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/healstack/healstack/healer/config"
	"github.com/healstack/healstack/healer/serve"
)

const usage = `healer restarts unhealthy containers and the containers sharing their network.

Usage:
  healer              run the healer
  healer config       print the effective settings and the containers in scope, then exit
  healer healthcheck  probe a running healer's /healthz (for the image's HEALTHCHECK)
  healer --version    print the version
  healer --help       print this text

Settings are read from the environment; empty values and "" mean the default.
`

// run dispatches the sub-command and returns the exit status.
func run(ctx context.Context, args, env []string, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 {
		cmd = args[0]
	}
	if len(args) > 1 {
		fmt.Fprintf(stderr, "healer: unexpected arguments %q after %q; settings come from "+
			"the environment\n", args[1:], cmd)
		return exitUsage
	}
	switch cmd {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		_ = config.WriteHelp(stdout)
		return exitOK
	case "-v", "--version", "version":
		fmt.Fprintln(stdout, "healer", version)
		return exitOK
	case "", "config", "healthcheck":
	default:
		fmt.Fprintf(stderr, "healer: unknown command %q; accepted are config, healthcheck, "+
			"--version and --help\n", cmd)
		return exitUsage
	}
	cfg, ok := load(env, stderr)
	if !ok {
		return exitUsage
	}
	switch cmd {
	case "config":
		return printConfig(ctx, cfg, stdout, stderr)
	case "healthcheck":
		return healthcheck(ctx, cfg, stderr)
	}
	return daemon(ctx, cfg, stderr)
}

// load reads the settings and reports every unusable value at once.
func load(env []string, stderr io.Writer) (config.Config, bool) {
	cfg, warnings, err := config.Load(env)
	for _, w := range warnings {
		fmt.Fprintln(stderr, "healer: warning:", w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "healer: unusable settings:\n%s\n", indent(err.Error()))
		return cfg, false
	}
	return cfg, true
}

func healthcheck(ctx context.Context, cfg config.Config, stderr io.Writer) int {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := serve.Probe(ctx, cfg.Listen); err != nil {
		fmt.Fprintln(stderr, "healer: healthcheck failed:", err)
		return exitFailed
	}
	return exitOK
}
