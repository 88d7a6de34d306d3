package main

import (
	"context"
	"io"
	"log/slog"
	"os"

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
func daemon(ctx context.Context, cfg config.Config, stderr io.Writer) int {
	log := newLogger(cfg, stderr)
	client, apiVersion, err := connectWaiting(ctx, cfg, log, startupWait)
	if err != nil {
		if ctx.Err() != nil {
			return exitOK // stopped while waiting, as asked
		}
		log.Error("connecting to the engine", "engine", cfg.Docker.Host, "error", err.Error())
		return exitFailed
	}
	defer client.Close()
	listener, err := serve.Listen(cfg.Listen)
	if err != nil {
		log.Error("starting the http listener", "error", err.Error())
		return exitFailed
	}
	reg := prometheus.NewRegistry()
	notifier := notify.New(notifySettings(ctx, cfg, client), log)
	self := selfID(ctx, client)
	h := newHealer(cfg, client, log, heal.Observers{metrics.New(reg), notifier}, self)
	metrics.WatchStatus(reg, h)
	started(log, cfg, apiVersion, listener.Addr().String(), self)

	// The listener and the notifier outlive the first signal: they stop once the
	// actions in flight are done.
	background, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	served := make(chan error, 1)
	go func() {
		mux := serve.Mux(func() error { return h.Check(cfg.Interval) },
			promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
		served <- serve.Serve(background, listener, mux, log)
	}()
	go notifier.Run(background)

	err = h.Run(ctx, &reconnecting{client: client}, cfg.Interval)
	log.Info("stopping; waiting for actions in flight")
	h.Wait()
	stopBackground()
	if serr := <-served; serr != nil {
		log.Error("http listener failed", "error", serr.Error())
	}
	if err != nil {
		log.Error("healer stopped", "error", err.Error())
		return exitFailed
	}
	log.Info("healer stopped")
	return exitOK
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
