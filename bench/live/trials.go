package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/moby/moby/api/types/events"
	"github.com/moby/moby/client"

	"github.com/healstack/healstack/internal/benchfile"
)

// trials makes the target unhealthy again and again, each time at a random phase of
// its probe interval and of the healer's reconcile, and times the engine's kill event
// after its health_status: unhealthy event.
func (b *bench) trials(ctx context.Context) (benchfile.Result, error) {
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream := b.api.Events(sctx, client.EventsListOptions{Filters: make(client.Filters).
		Add("type", "container").Add("container", b.target).
		Add("event", "health_status", "kill")})
	var ms []float64
	for i := range b.o.trials {
		if err := b.waitHealthy(ctx, b.target, time.Minute); err != nil {
			return benchfile.Result{}, fmt.Errorf("trial %d: %w", i, err)
		}
		time.Sleep(time.Duration(rand.IntN(1000)) * time.Millisecond)
		if err := b.exec(ctx, b.target, "touch", "/run/bad"); err != nil {
			return benchfile.Result{}, fmt.Errorf("trial %d: %w", i, err)
		}
		d, err := unhealthyToKill(ctx, stream)
		if err != nil {
			return benchfile.Result{}, fmt.Errorf("trial %d: %w", i, err)
		}
		ms = append(ms, float64(d.Microseconds())/1000)
		b.log.Info("trial", "n", i+1, "unhealthy_to_kill", d)
	}
	return benchfile.NewResult("unhealthy-to-kill", "ms", "median < 90 ms, p95 < 150 ms",
		"real engine: target with a 1 s healthcheck made unhealthy at a random phase "+
			"(0-1000 ms after it was seen healthy); time from the engine's "+
			"health_status: unhealthy event to the restart's kill event, both from the "+
			"engine's timeNano; healer at AUTOHEAL_INTERVAL=5, backoff disabled", ms), nil
}

// unhealthyToKill reads the stream until an unhealthy event and the kill after it.
func unhealthyToKill(ctx context.Context, stream client.EventsResult) (time.Duration, error) {
	var unhealthy int64
	timeout := time.After(30 * time.Second)
	for {
		select {
		case m := <-stream.Messages:
			switch {
			case strings.HasPrefix(string(m.Action), "health_status: unhealthy"):
				unhealthy = m.TimeNano
			case m.Action == events.ActionKill && unhealthy != 0:
				return time.Duration(m.TimeNano - unhealthy), nil
			}
		case err := <-stream.Err:
			return 0, fmt.Errorf("reading events: %w", err)
		case <-timeout:
			return 0, errors.New("no unhealthy event followed by a kill within 30s")
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

func (b *bench) exec(ctx context.Context, id string, cmd ...string) error {
	res, err := b.api.ExecCreate(ctx, id, client.ExecCreateOptions{Cmd: cmd})
	if err != nil {
		return fmt.Errorf("exec %v: %w", cmd, err)
	}
	if _, err := b.api.ExecStart(ctx, res.ID, client.ExecStartOptions{Detach: true}); err != nil {
		return fmt.Errorf("exec %v: %w", cmd, err)
	}
	return nil
}
