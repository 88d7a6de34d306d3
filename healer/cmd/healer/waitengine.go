package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/healstack/healstack/healer/config"
	"github.com/healstack/healstack/healer/docker"
	"github.com/healstack/healstack/healer/heal"
)

// engineWait is how the healer waits for an engine that does not answer at start: as
// long as it tolerates a lost event stream, so that a socket proxy started after it,
// or an engine still starting, costs no crash loop.
type engineWait struct {
	limit, first, max time.Duration
}

var startupWait = engineWait{limit: heal.StreamLostAfter, first: time.Second, max: 5 * time.Second}

// connectWaiting makes the client, which fails at once on unusable TLS material, then
// negotiates with the engine, retrying within the wait's limit. A socket the healer may
// not open is not retried: only its group (DOCKER_GID) changes that.
func connectWaiting(ctx context.Context, cfg config.Config, log *slog.Logger,
	w engineWait) (*docker.Client, string, error) {
	client, err := newClient(cfg)
	if err != nil {
		return nil, "", err
	}
	denied := func() error { return socketDenied(cfg.Docker.Host) }
	version, err := retry(ctx, client.Negotiate, denied, log.With("engine", cfg.Docker.Host), w)
	if err != nil {
		_ = client.Close()
		return nil, "", err
	}
	return client, version, nil
}

// retry negotiates until the engine answers, the wait's limit passes, or denied
// reports an error no retry can mend.
func retry(ctx context.Context, negotiate func(context.Context) (string, error),
	denied func() error, log *slog.Logger, w engineWait) (string, error) {
	begin := time.Now()
	wait := w.first
	for {
		version, err := negotiate(ctx)
		if err == nil {
			return version, nil
		}
		if ctx.Err() != nil {
			return "", fmt.Errorf("waiting for the engine: %w", context.Cause(ctx))
		}
		if derr := denied(); derr != nil {
			return "", withGroupHint(derr)
		}
		waited := time.Since(begin)
		if waited+wait > w.limit {
			return "", fmt.Errorf("engine still not answering after %s: %w",
				waited.Round(time.Second), err)
		}
		log.Warn("engine not answering; retrying", "error", err.Error(),
			"retry_in", wait.String())
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("waiting for the engine: %w", context.Cause(ctx))
		case <-time.After(wait):
		}
		wait = min(2*wait, w.max)
	}
}

// socketDenied tells whether the healer's user may not open the engine's unix socket.
// It dials the socket itself because moby's client keeps only the text of that error
// (client/request.go: "permission denied while trying to connect to the docker API").
func socketDenied(host string) error {
	path, ok := strings.CutPrefix(host, "unix://")
	if !ok {
		return nil
	}
	conn, err := net.Dial("unix", path)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return fmt.Errorf("opening %s: %w", path, err)
		}
		return nil
	}
	_ = conn.Close()
	return nil
}

// withGroupHint says what mends a socket the healer may not open.
func withGroupHint(err error) error {
	return fmt.Errorf("%w (is the healer in the socket's group, DOCKER_GID?)", err)
}
