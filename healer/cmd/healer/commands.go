package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
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
	if code, done := usageOnly(args, stdout, stderr); done {
		return code
	}
	cfg, log, ok := load(env, stderr)
	if !ok {
		return exitUsage
	}
	switch {
	case len(args) == 0:
		return daemon(ctx, cfg, log)
	case args[0] == "config":
		return printConfig(ctx, cfg, log, stdout)
	default:
		return healthcheck(ctx, cfg, log)
	}
}

// usageOnly answers --help and --version, and refuses what is not a command; done is
// false when a command that needs the settings is to run.
func usageOnly(args []string, stdout, stderr io.Writer) (code int, done bool) {
	if len(args) == 0 {
		return 0, false
	}
	cmd := args[0]
	if len(args) > 1 {
		fmt.Fprintf(stderr, "healer: unexpected arguments %q after %q; settings come from "+
			"the environment\n", args[1:], cmd)
		return exitUsage, true
	}
	switch cmd {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		_ = config.WriteHelp(stdout)
		return exitOK, true
	case "-v", "--version", "version":
		fmt.Fprintln(stdout, "healer", version)
		return exitOK, true
	case "config", "healthcheck":
		return 0, false
	}
	fmt.Fprintf(stderr, "healer: unknown command %q; accepted are config, healthcheck, "+
		"--version and --help\n", cmd)
	return exitUsage, true
}

// load reads the settings and makes the logger they ask for; it logs what was ignored
// and every unusable value at once, each with the variable, the value and what is
// accepted.
func load(env []string, stderr io.Writer) (config.Config, *slog.Logger, bool) {
	cfg, warnings, err := config.Load(env)
	log := newLogger(cfg, stderr)
	for _, w := range warnings {
		log.Warn(w)
	}
	if err == nil {
		return cfg, log, true
	}
	var joined interface{ Unwrap() []error }
	problems := []error{err}
	if errors.As(err, &joined) {
		problems = joined.Unwrap()
	}
	for _, p := range problems {
		var e *config.Error
		if !errors.As(p, &e) {
			log.Error("unusable setting", "error", p.Error())
			continue
		}
		attrs := []any{"variable", e.Name, "value", e.Value, "accepted", e.Accepts}
		if e.Why != "" {
			attrs = append(attrs, "why", e.Why)
		}
		log.Error("unusable setting", attrs...)
	}
	log.Error("exiting on unusable settings", "count", len(problems))
	return cfg, log, false
}

func healthcheck(ctx context.Context, cfg config.Config, log *slog.Logger) int {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := serve.Probe(ctx, cfg.Listen); err != nil {
		log.Error("healthcheck failed", "error", err.Error())
		return exitFailed
	}
	return exitOK
}
