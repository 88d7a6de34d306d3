package docker_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/container"
	"github.com/healstack/healstack/healer/internal/fakeengine"
)

// collect reads n events, failing the test after a second without one.
func collect(t *testing.T, events <-chan container.Event, n int) []container.Event {
	t.Helper()
	var got []container.Event
	for range n {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("events closed after %d of %d", len(got), n)
			}
			got = append(got, ev)
		case <-time.After(time.Second):
			t.Fatalf("no event after %d of %d: %+v", len(got), n, got)
		}
	}
	return got
}

func actions(events []container.Event) []string {
	var out []string
	for _, ev := range events {
		out = append(out, ev.Action+" "+ev.Status)
	}
	return out
}

// awaitSubscribed waits until the fake saw n events requests, so that what the test does
// next is live for the stream.
func awaitSubscribed(t *testing.T, e *fakeengine.Engine, n int) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for len(e.EventsSince()) < n {
		if time.Now().After(deadline) {
			t.Fatalf("events stream %d not opened", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestEventsConverted(t *testing.T) {
	e := fakeengine.New(t)
	id := e.Add("vpn", fakeengine.Healthy,
		fakeengine.Labels(map[string]string{container.LabelService: "vpn"}))
	c := connect(t, e)
	events, _ := c.Events(testContext(t), time.Time{})
	awaitSubscribed(t, e, 1)

	before := time.Now()
	e.SetHealth(id, container.Unhealthy) // also emits exec_* events, which must not pass
	got := collect(t, events, 1)[0]
	if got.ID != id || got.Name != "vpn" || got.Action != container.ActionHealth ||
		got.Status != container.Unhealthy {
		t.Errorf("event %+v, want health_status unhealthy of vpn", got)
	}
	if got.Labels[container.LabelService] != "vpn" || got.Labels["name"] != "vpn" {
		t.Errorf("labels %v, want the actor's attributes", got.Labels)
	}
	if got.Time.Before(before) || time.Since(got.Time) > time.Second {
		t.Errorf("time %v, want the event's own time", got.Time)
	}
}

func TestEventsFiltered(t *testing.T) {
	tests := []struct {
		name string
		act  func(e *fakeengine.Engine, id string)
		want []string
	}{
		{"restart passes without its restart event - restart",
			func(e *fakeengine.Engine, id string) { e.Stop(id) },
			[]string{"kill ", "die ", "stop "}},
		{"probes' exec events dropped - health flapping",
			func(e *fakeengine.Engine, id string) {
				e.SetHealth(id, container.Healthy) // unchanged: only exec events
				e.SetHealth(id, container.Unhealthy)
				e.SetHealth(id, container.Healthy)
			},
			[]string{"health_status unhealthy", "health_status healthy"}},
		{"pause actions pass - pause and unpause",
			func(e *fakeengine.Engine, id string) { e.Pause(id); e.Unpause(id) },
			[]string{"pause ", "unpause "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fakeengine.New(t)
			id := e.Add("app", fakeengine.Healthy)
			c := connect(t, e)
			events, _ := c.Events(testContext(t), time.Time{})
			awaitSubscribed(t, e, 1)
			tt.act(e, id)
			e.Remove(id) // a last event marks the end: nothing else may come before it
			got := actions(collect(t, events, len(tt.want)+1))
			if want := slices.Concat(tt.want, []string{"destroy "}); !slices.Equal(got, want) {
				t.Errorf("events %q, want %q", got, want)
			}
		})
	}
}

func TestEventsRestartSequence(t *testing.T) {
	e := fakeengine.New(t)
	id := e.Add("app", fakeengine.Healthy)
	c := connect(t, e)
	events, _ := c.Events(testContext(t), time.Time{})
	awaitSubscribed(t, e, 1)
	if err := c.Restart(testContext(t), id, nil); err != nil {
		t.Fatal(err)
	}
	// The recorded engine sends kill, die, stop, start, restart; restart is not asked for.
	want := []string{"kill ", "die ", "stop ", "start "}
	if got := actions(collect(t, events, len(want))); !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
}

func TestEventsEndAndReopenFromSince(t *testing.T) {
	e := fakeengine.New(t)
	id := e.Add("app", fakeengine.Healthy)
	c := connect(t, e)
	ctx := testContext(t)
	events, errs := c.Events(ctx, time.Time{})
	awaitSubscribed(t, e, 1)
	e.SetHealth(id, container.Unhealthy)
	last := collect(t, events, 1)[0]

	e.BreakEvents()
	if err := <-errs; !errors.Is(err, io.EOF) {
		t.Errorf("stream end: %v, want io.EOF", err)
	}
	if _, open := <-events; open {
		t.Error("events still open after the stream ended")
	}

	e.SetHealth(id, container.Healthy) // while disconnected
	events, _ = c.Events(ctx, last.Time)
	got := actions(collect(t, events, 2))
	// The engine's since is inclusive: the last event seen comes again.
	want := []string{"health_status unhealthy", "health_status healthy"}
	if !slices.Equal(got, want) {
		t.Errorf("replayed %q, want %q", got, want)
	}
	wantSince := fmt.Sprintf("%d.%09d", last.Time.Unix(), last.Time.Nanosecond())
	if since := e.EventsSince(); !slices.Equal(since, []string{"", wantSince}) {
		t.Errorf("since parameters %q, want none then %q", since, wantSince)
	}
}

func TestEventsEndWithContext(t *testing.T) {
	e := fakeengine.New(t)
	ctx, cancel := context.WithCancel(t.Context())
	events, errs := connect(t, e).Events(ctx, time.Time{})
	awaitSubscribed(t, e, 1)
	cancel()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if _, open := <-events; open {
		t.Error("events still open after cancel")
	}
}
