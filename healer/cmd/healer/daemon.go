package main

import (
	"context"
	"log/slog"
	"net"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/healstack/healstack/healer/config"
	"github.com/healstack/healstack/healer/container"
	"github.com/healstack/healstack/healer/docker"
	"github.com/healstack/healstack/healer/heal"
	"github.com/healstack/healstack/healer/metrics"
	"github.com/healstack/healstack/healer/notify"
	"github.com/healstack/healstack/healer/serve"
)

// daemon runs the healer until ctx ends or the event stream is lost for good.
func daemon(ctx context.Context, cfg config.Config, log *slog.Logger) int {
	slog.SetDefault(log)
	// The address is taken before the engine is asked, so that a port in use stops the
	// healer at once rather than after a wait for the engine.
	listener, err := serve.Listen(cfg.Listen)
	if err != nil {
		log.Error("starting the http listener", "error", err.Error())
		return exitFailed
	}
	client, apiVersion, err := connectWaiting(ctx, cfg, log, startupWait)
	if err != nil {
		_ = listener.Close()
		if ctx.Err() != nil {
			log.Info("healer stopped while waiting for the engine",
				"cause", context.Cause(ctx).Error())
			return exitOK
		}
		log.Error("connecting to the engine", "engine", cfg.Docker.Host, "error", err.Error())
		return exitFailed
	}
	defer client.Close()
	if err := runHealer(ctx, cfg, log, client, apiVersion, listener); err != nil {
		log.Error("healer stopped", "error", err.Error())
		return exitFailed
	}
	log.Info("healer stopped")
	return exitOK
}

// runHealer wires the decisions to the engine, the listener and the notifier, runs
// them, and on the way out lets the actions in flight finish and their notifications go.
func runHealer(ctx context.Context, cfg config.Config, log *slog.Logger,
	client *docker.Client, apiVersion string, listener net.Listener) error {
	reg := prometheus.NewRegistry()
	notifier := notify.New(notifySettings(ctx, cfg, client), log)
	self := selfID(ctx, client)
	h := newHealer(cfg, client, log, heal.Observers{metrics.New(reg), notifier}, self)
	metrics.WatchStatus(reg, h)
	started(log, cfg, apiVersion, listener.Addr().String(), self)

	// The listener and the notifier outlive the first signal: they stop once the
	// actions in flight are done.
	background, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBackground()
	mux := serve.Mux(func() error { return h.Check(cfg.Interval) },
		promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	served := make(chan error, 1)
	go func() { served <- serve.Serve(background, listener, mux, log) }()
	notified := make(chan struct{})
	go func() {
		defer close(notified)
		notifier.Run(background)
	}()

	err := h.Run(ctx, &reconnecting{client: client}, cfg.Interval)
	stopping(ctx, log, err)
	h.Wait()
	notifier.Close()
	flush(log, notified, notifyGrace)
	stopBackground()
	if serr := <-served; serr != nil {
		log.Error("http listener failed", "error", serr.Error())
	}
	return err
}

// stopping says why the healer stops, then that it waits for the actions in flight.
func stopping(ctx context.Context, log *slog.Logger, runErr error) {
	cause := "asked to"
	switch {
	case ctx.Err() != nil:
		cause = context.Cause(ctx).Error()
	case runErr != nil:
		cause = runErr.Error()
	}
	log.Info("stopping; waiting for actions in flight", "cause", cause)
}

// notifyGrace bounds how long stopping waits for the notifications of the last actions:
// well inside docker stop's default 10 s before it kills.
const notifyGrace = 5 * time.Second

// flush waits for the notifier to deliver what was queued, at most grace.
func flush(log *slog.Logger, notified <-chan struct{}, grace time.Duration) {
	select {
	case <-notified:
	case <-time.After(grace):
		log.Warn("stopping before every notification was delivered", "waited", grace.String())
	}
}

// started logs the start-up line: what is watched and how.
func started(log *slog.Logger, cfg config.Config, apiVersion, listen, self string) {
	scope := "containers labelled " + cfg.Label + "=true"
	if cfg.Label == config.AllContainers {
		scope = "every container with a healthcheck (opt out with autoheal=false)"
	}
	if cfg.Dependents {
		scope += ", and the containers in their network namespaces"
	}
	project := cfg.Project
	if project == "" {
		project = "any"
	}
	log.Info("healer started", "version", version, "watching", scope, "project", project,
		"interval", cfg.Interval.String(), "start_period", cfg.StartPeriod.String(),
		"engine", cfg.Docker.Host, "api_version", apiVersion, "listen", listen,
		"self", container.Short(self), "dry_run", cfg.DryRun,
		"paused", "never touched, whatever AUTOHEAL_ONLY_MONITOR_RUNNING says")
}

// notifySettings names the host in messages by the engine's own name for it: inside a
// container the healer's host name is only a container ID.
func notifySettings(ctx context.Context, cfg config.Config, client *docker.Client) notify.Settings {
	host, err := client.EngineName(ctx)
	if err != nil || host == "" {
		host, _ = os.Hostname()
	}
	n := cfg.Notify
	return notify.Settings{WebhookURL: n.WebhookURL, WebhookKey: n.WebhookKey,
		AppriseURL: n.AppriseURL, Script: n.PostRestartScript, Host: host}
}
