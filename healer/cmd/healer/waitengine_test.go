package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

var quickWait = engineWait{limit: time.Second, first: time.Millisecond, max: 4 * time.Millisecond}

// negotiator fails its first calls, then answers.
type negotiator struct{ fails, calls int }

func (n *negotiator) negotiate(context.Context) (string, error) {
	n.calls++
	if n.calls <= n.fails {
		return "", errors.New("connect: no such file or directory")
	}
	return "1.41", nil
}

func noDenial() error { return nil }

func TestStartupWaitsForTheEngine(t *testing.T) {
	var logs bytes.Buffer
	n := &negotiator{fails: 3}
	version, err := retry(context.Background(), n.negotiate, noDenial,
		slog.New(slog.NewTextHandler(&logs, nil)), quickWait)
	if err != nil || version != "1.41" || n.calls != 4 {
		t.Fatalf("retry = %q, %v after %d calls; want 1.41 after 4", version, err, n.calls)
	}
	if got := strings.Count(logs.String(), "engine not answering; retrying"); got != 3 {
		t.Errorf("logged %d retries, want 3:\n%s", got, logs.String())
	}
}

func TestStartupGivesUpAfterTheLimit(t *testing.T) {
	n := &negotiator{fails: 1 << 30}
	w := engineWait{limit: 20 * time.Millisecond, first: time.Millisecond, max: 2 * time.Millisecond}
	_, err := retry(context.Background(), n.negotiate, noDenial, slog.New(slog.DiscardHandler), w)
	if err == nil || !strings.Contains(err.Error(), "engine still not answering after") ||
		!strings.Contains(err.Error(), "no such file") {
		t.Fatalf("retry = %v, want it to give up naming the last error", err)
	}
}

func TestStartupDoesNotRetryADeniedSocket(t *testing.T) {
	n := &negotiator{fails: 1 << 30}
	denied := func() error { return errors.New("opening /var/run/docker.sock: permission denied") }
	_, err := retry(context.Background(), n.negotiate, denied, slog.New(slog.DiscardHandler),
		quickWait)
	if err == nil || n.calls != 1 || !strings.Contains(err.Error(), "DOCKER_GID") {
		t.Fatalf("retry = %v after %d calls, want one call and a hint at DOCKER_GID", err, n.calls)
	}
}

func TestStartupWaitEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := &negotiator{fails: 1 << 30}
	w := engineWait{limit: 2 * time.Hour, first: time.Hour, max: time.Hour}
	var logs strings.Builder
	_, err := retry(ctx, n.negotiate, noDenial, slog.New(slog.NewTextHandler(&logs, nil)), w)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("retry = %v, want it to end with the context", err)
	}
	if logs.Len() != 0 {
		t.Errorf("a stop while waiting logged a retry:\n%s", logs.String())
	}
}

func TestSocketDeniedOnlyForUnixSockets(t *testing.T) {
	for _, host := range []string{"tcp://127.0.0.1:1", "unix:///nonexistent/docker.sock"} {
		if err := socketDenied(host); err != nil {
			t.Errorf("socketDenied(%s) = %v, want nil: retrying may mend it", host, err)
		}
	}
}
