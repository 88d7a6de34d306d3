package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/moby/moby/client"
)

// recordHealthy records a healthy container and the events of a first start.
func (r *recorder) recordHealthy(ctx context.Context) error {
	id, err := r.create(ctx, spec{fixture: "healthy", healthcheck: true})
	if err != nil {
		return err
	}
	lines, err := r.act(ctx, id, "start", func(ctx context.Context) error {
		return r.start(ctx, id)
	})
	if err != nil {
		return err
	}
	if err := r.writeEvents("events-start.jsonl", lines); err != nil {
		return err
	}
	if err := r.waitHealth(ctx, id, "healthy"); err != nil {
		return err
	}
	return r.writeInspect(ctx, "healthy")
}

// recordUnhealthy records a container going healthy, unhealthy and healthy again, with
// every event in between: the probes' exec_* events are part of what the healer must
// filter out.
func (r *recorder) recordUnhealthy(ctx context.Context) error {
	from := time.Now()
	id, err := r.createStarted(ctx, spec{fixture: "unhealthy", healthcheck: true})
	if err != nil {
		return err
	}
	if err := r.turnUnhealthy(ctx, id); err != nil {
		return err
	}
	if err := r.writeInspect(ctx, "unhealthy"); err != nil {
		return err
	}
	if err := r.exec(ctx, id, "heal"); err != nil {
		return err
	}
	if err := r.waitHealth(ctx, id, "healthy"); err != nil {
		return err
	}
	if err := r.all.waitAction(ctx, id, "health_status: healthy", from); err != nil {
		return err
	}
	lines := r.all.between(id, from, time.Now())
	if err := r.writeEvents("events-health.jsonl", lines); err != nil {
		return err
	}
	// Unhealthy again, so that the list shows the state.
	return r.turnUnhealthy(ctx, id)
}

func (r *recorder) turnUnhealthy(ctx context.Context, id string) error {
	if err := r.exec(ctx, id, "mark"); err != nil {
		return err
	}
	return r.waitHealth(ctx, id, "unhealthy")
}

func (r *recorder) recordNoHealthcheck(ctx context.Context) error {
	if _, err := r.createStarted(ctx, spec{fixture: "no-healthcheck"}); err != nil {
		return err
	}
	return r.writeInspect(ctx, "no-healthcheck")
}

// recordDependent records a container in the network namespace of "healthy".
func (r *recorder) recordDependent(ctx context.Context) error {
	mode := "container:" + r.ids["healthy"]
	if _, err := r.createStarted(ctx, spec{fixture: "dependent", networkMode: mode}); err != nil {
		return err
	}
	return r.writeInspect(ctx, "dependent")
}

// recordPaused records pause and unpause events and leaves the container paused.
func (r *recorder) recordPaused(ctx context.Context) error {
	id, err := r.createStarted(ctx, spec{fixture: "paused", healthcheck: true})
	if err != nil {
		return err
	}
	if err := r.recordAction(ctx, id, "pause", "events-pause.jsonl"); err != nil {
		return err
	}
	if err := r.writeInspect(ctx, "paused"); err != nil {
		return err
	}
	if err := r.recordAction(ctx, id, "unpause", "events-unpause.jsonl"); err != nil {
		return err
	}
	if _, err := r.cli.ContainerPause(ctx, id, client.ContainerPauseOptions{}); err != nil {
		return err
	}
	a, err := r.post(ctx, id, "start")
	if err != nil {
		return err
	}
	r.keepError("start-paused", http.MethodPost, "/containers/{id}/start", a)
	return nil
}

// recordExited records the events of `docker stop` and the stopped container.
func (r *recorder) recordExited(ctx context.Context) error {
	id, err := r.createStarted(ctx, spec{fixture: "exited"})
	if err != nil {
		return err
	}
	if err := r.recordAction(ctx, id, "stop", "events-stop.jsonl"); err != nil {
		return err
	}
	return r.writeInspect(ctx, "exited")
}

// recordFailedStart records a dependent started while its parent is not running: the
// engine refuses, and keeps the reason in State.Error.
func (r *recorder) recordFailedStart(ctx context.Context) error {
	mode := "container:" + r.ids["exited"]
	id, err := r.create(ctx, spec{fixture: "dependent-failed-start", networkMode: mode})
	if err != nil {
		return err
	}
	if err := r.recordFailure(ctx, id, "start", "start-parent-not-running"); err != nil {
		return err
	}
	return r.writeInspect(ctx, "dependent-failed-start")
}

func (r *recorder) recordList(ctx context.Context) error {
	filters, err := json.Marshal(labelFilter())
	if err != nil {
		return err
	}
	query := url.Values{"all": {"1"}, "filters": {string(filters)}}
	body, err := r.api.get(ctx, "/containers/json", query)
	if err != nil {
		return err
	}
	return r.writeRaw("list.json", body)
}
