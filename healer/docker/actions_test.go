package docker_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/internal/fakeengine"
)

func TestRestartPassesTimeout(t *testing.T) {
	seven := 7
	tests := []struct {
		name    string
		timeout *int
		want    string
	}{
		{"engine default - nil timeout", nil, "POST /v1.41/containers/%s/restart"},
		{"grace period sent - 7 seconds", &seven, "POST /v1.41/containers/%s/restart?t=7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fakeengine.New(t)
			id := e.Add("app", fakeengine.Healthy)
			if err := connect(t, e).Restart(testContext(t), id, tt.timeout); err != nil {
				t.Fatal(err)
			}
			want := []string{"HEAD /_ping", fmt.Sprintf(tt.want, id)}
			if got := requestPaths(e); !slices.Equal(got, want) {
				t.Errorf("requests %q, want %q", got, want)
			}
		})
	}
}

// A stop may take the container's whole grace period: Restart must not cut it at the
// timeout meant for pings, lists and inspects, only at the caller's deadline.
func TestRestartBoundOnlyByCaller(t *testing.T) {
	e := fakeengine.New(t)
	id := e.Add("app", fakeengine.Healthy)
	e.DelayRestart(id, 300*time.Millisecond)
	c := connect(t, e) // Timeout 2s

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	if err := c.Restart(ctx, id, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("restart past the caller's deadline: %v, want DeadlineExceeded", err)
	}
	if err := c.Restart(testContext(t), id, nil); err != nil {
		t.Errorf("slow restart within the caller's deadline: %v", err)
	}
}

func TestStartStartsAndToleratesRunning(t *testing.T) {
	e := fakeengine.New(t)
	stopped := e.Add("done", fakeengine.Exited)
	running := e.Add("up", fakeengine.Healthy)
	c := connect(t, e)
	for _, id := range []string{stopped, running} {
		if err := c.Start(testContext(t), id); err != nil {
			t.Errorf("starting %s: %v", id[:12], err)
		}
	}
	got, err := c.Inspect(testContext(t), stopped)
	if err != nil || got.State != "running" {
		t.Errorf("after start: %q, %v; want running", got.State, err)
	}
	if e.Starts(stopped) != 1 || e.Starts(running) != 1 {
		t.Errorf("starts counted %d and %d, want 1 each", e.Starts(stopped), e.Starts(running))
	}
}
