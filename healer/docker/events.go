package docker

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/moby/moby/api/types/events"
	"github.com/moby/moby/client"

	"github.com/healstack/healstack/healer/container"
)

// Events follows the engine's container events for the actions in container.Actions,
// replaying those since the given time first (zero: only new ones). Both channels
// close when the stream ends; the error channel then holds why, io.EOF when the engine
// closed it. Reopening with since set to the last event's time replays that event
// again: the engine's since is inclusive.
func (c *Client) Events(
	ctx context.Context, since time.Time,
) (<-chan container.Event, <-chan error) {
	opts := client.EventsListOptions{Filters: eventFilter()}
	if !since.IsZero() {
		opts.Since = sinceParam(since)
	}
	res := c.current().Events(ctx, opts)
	out := make(chan container.Event)
	errs := make(chan error, 1)
	go func() {
		defer close(errs)
		defer close(out)
		errs <- forward(ctx, res, out)
	}()
	return out, errs
}

// eventFilter asks for container events of the healer's actions. The engine matches
// "health_status" against "health_status: unhealthy" by prefix once it is among the
// values (checked on API 1.41; see testdata/meta.json of the fake engine).
func eventFilter() client.Filters {
	return make(client.Filters).
		Add("type", string(events.ContainerEventType)).
		Add("event", container.Actions...)
}

// sinceParam formats a time as the engine's seconds.nanoseconds, which the library
// passes through unchanged.
func sinceParam(t time.Time) string {
	return fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond())
}

// forward converts messages until the stream fails and returns the failure.
func forward(ctx context.Context, res client.EventsResult, out chan<- container.Event) error {
	for {
		select {
		case msg := <-res.Messages:
			ev, ok := fromMessage(msg)
			if !ok {
				continue
			}
			select {
			case out <- ev:
			case <-ctx.Done():
				return fmt.Errorf("reading events: %w", ctx.Err())
			}
		case err := <-res.Err:
			return fmt.Errorf("reading events: %w", err)
		}
	}
}

// fromMessage converts one message; it refuses what the healer did not ask for, in
// case an engine's filter lets more through (every probe emits exec_* events).
func fromMessage(msg events.Message) (container.Event, bool) {
	action, status, _ := strings.Cut(string(msg.Action), ":")
	if msg.Type != events.ContainerEventType || !slices.Contains(container.Actions, action) {
		return container.Event{}, false
	}
	ev := container.Event{
		ID:     msg.Actor.ID,
		Name:   msg.Actor.Attributes["name"],
		Action: action,
		Status: strings.TrimSpace(status),
		Labels: maps.Clone(msg.Actor.Attributes),
		Time:   time.Unix(0, msg.TimeNano),
	}
	if msg.TimeNano == 0 {
		ev.Time = time.Unix(msg.Time, 0)
	}
	return ev, true
}
