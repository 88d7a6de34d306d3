package observe

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/moby/moby/api/types/events"
	"github.com/moby/moby/client"
)

// WatchEngine streams the container events of a compose project into the timeline
// until ctx ends. Every healthcheck also emits exec_* events; they are left out. A
// broken stream is reopened from the last event seen.
func WatchEngine(ctx context.Context, docker *client.Client, project string, t *Timeline) {
	since := time.Now()
	for ctx.Err() == nil {
		since = follow(ctx, docker, project, since, t)
		select {
		case <-ctx.Done():
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func follow(ctx context.Context, docker *client.Client, project string, since time.Time,
	t *Timeline) time.Time {
	filters := client.Filters{}.Add("type", "container").
		Add("label", "com.docker.compose.project="+project)
	res := docker.Events(ctx, client.EventsListOptions{
		Since:   sinceArg(since),
		Filters: filters,
	})
	for {
		select {
		case msg := <-res.Messages:
			since = record(msg, t, since)
		case err := <-res.Err:
			if ctx.Err() == nil {
				t.Note("engine", "-", "event stream broke: %v", err)
			}
			return since
		}
	}
}

// record adds one event; one the reopened stream replays (not after since) is skipped.
func record(msg events.Message, t *Timeline, since time.Time) time.Time {
	at := time.Unix(0, msg.TimeNano)
	if !at.After(since) {
		return since
	}
	if strings.HasPrefix(string(msg.Action), "exec_") {
		return at
	}
	what := string(msg.Action)
	if code, ok := msg.Actor.Attributes["exitCode"]; ok {
		what += " exitCode=" + code
	}
	t.Add(Entry{Time: at, Source: "engine", Subject: msg.Actor.Attributes["name"], What: what})
	return at
}

// sinceArg formats a time as the events API's since: seconds.nanoseconds.
func sinceArg(t time.Time) string {
	return fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond())
}
