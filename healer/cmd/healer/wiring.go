package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/healstack/healstack/healer/config"
	"github.com/healstack/healstack/healer/container"
	"github.com/healstack/healstack/healer/docker"
	"github.com/healstack/healstack/healer/heal"
)

// connect makes the Docker client and negotiates the API version, once.
func connect(ctx context.Context, cfg config.Config) (*docker.Client, string, error) {
	client, err := newClient(cfg)
	if err != nil {
		return nil, "", err
	}
	version, err := client.Negotiate(ctx)
	if err != nil {
		_ = client.Close()
		return nil, "", err
	}
	return client, version, nil
}

// newClient prepares the Docker client; it does not contact the engine.
func newClient(cfg config.Config) (*docker.Client, error) {
	d := cfg.Docker
	return docker.New(docker.Options{Host: d.Host, CAFile: d.CAFile, CertFile: d.CertFile,
		KeyFile: d.KeyFile, TLSVerify: d.TLSVerify, Timeout: cfg.APITimeout})
}

func newHealer(cfg config.Config, client heal.Docker, log *slog.Logger,
	obs heal.Observer, self string) *heal.Healer {
	return heal.New(heal.Params{
		Docker:   client,
		Clock:    clockwork.NewRealClock(),
		Logger:   log,
		Observer: obs,
		Policy:   policy(cfg, self),
	})
}

func policy(cfg config.Config, self string) heal.Policy {
	return heal.Policy{
		Label:              cfg.Label,
		Project:            cfg.Project,
		SelfID:             self,
		Dependents:         cfg.Dependents,
		StartPeriod:        cfg.StartPeriod,
		DefaultStopTimeout: cfg.DefaultStopTimeout,
		APITimeout:         cfg.APITimeout,
		ParentWait:         cfg.ParentWait,
		BackoffInitial:     cfg.BackoffInitial,
		BackoffMax:         cfg.BackoffMax,
		BackoffReset:       cfg.BackoffReset,
		RestartBudget:      cfg.RestartBudget,
		BudgetWindow:       cfg.BudgetWindow,
		DryRun:             cfg.DryRun,
	}
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// reconnecting negotiates the API version again before every stream it opens: the
// engine may have been upgraded while the stream was down.
type reconnecting struct {
	client *docker.Client
	opened bool
}

func (r *reconnecting) Events(ctx context.Context, since time.Time) (<-chan container.Event,
	<-chan error) {
	if r.opened {
		if _, err := r.client.Negotiate(ctx); err != nil {
			errs := make(chan error, 1)
			errs <- fmt.Errorf("reconnecting: %w", err)
			return nil, errs
		}
	}
	r.opened = true
	return r.client.Events(ctx, since)
}
