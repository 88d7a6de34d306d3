package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// errorAnswer is one refusal of the engine as errors.json keeps it.
type errorAnswer struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	Status      int    `json:"status"`
	ContentType string `json:"contentType"`
	Body        string `json:"body"`
}

// recordAction posts action to the container and writes the events it caused.
func (r *recorder) recordAction(ctx context.Context, id, action, file string) error {
	lines, err := r.act(ctx, id, action, func(ctx context.Context) error {
		a, err := r.post(ctx, id, action)
		if err != nil {
			return err
		}
		if a.Status >= 300 {
			return fmt.Errorf("%s %s: status %d: %s", action, short(id), a.Status, a.Body)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return r.writeEvents(file, lines)
}

// recordFailure posts an action that must fail, keeps the answer under situation and
// writes the events the attempt caused.
func (r *recorder) recordFailure(ctx context.Context, id, action, situation string) error {
	lines, err := r.act(ctx, id, "", func(ctx context.Context) error {
		a, err := r.post(ctx, id, action)
		if err != nil {
			return err
		}
		if a.Status < 300 {
			return fmt.Errorf("%s %s: succeeded, want a failure", action, short(id))
		}
		r.keepError(situation, http.MethodPost, "/containers/{id}/"+action, a)
		return nil
	})
	if err != nil {
		return err
	}
	return r.writeEvents("events-"+action+"-failed.jsonl", lines)
}

func (r *recorder) keepError(situation, method, path string, a answer) {
	if r.errs == nil {
		r.errs = map[string]errorAnswer{}
	}
	r.errs[situation] = errorAnswer{
		Method: method, Path: path, Status: a.Status,
		ContentType: a.Header.Get("Content-Type"), Body: string(a.Body),
	}
}

// recordRestarts records a restart from each run state: running, paused and exited.
func (r *recorder) recordRestarts(ctx context.Context) error {
	cases := []struct{ fixture, file string }{
		{"healthy", "events-restart.jsonl"},
		{"paused", "events-restart-paused.jsonl"},
		{"exited", "events-restart-exited.jsonl"},
	}
	for _, c := range cases {
		if err := r.recordAction(ctx, r.ids[c.fixture], "restart", c.file); err != nil {
			return err
		}
	}
	return nil
}

// recordFailedRestart records a dependent restarted while its parent is stopped: the
// situation the healer meets when it restarts dependents before their parent is back.
func (r *recorder) recordFailedRestart(ctx context.Context) error {
	const fixture = "dependent-failed-restart"
	parent := r.ids["no-healthcheck"]
	id, err := r.createStarted(ctx, spec{fixture: fixture, networkMode: "container:" + parent})
	if err != nil {
		return err
	}
	if a, err := r.post(ctx, parent, "stop"); err != nil || a.Status >= 300 {
		return fmt.Errorf("stopping parent %s: status %d: %w", short(parent), a.Status, err)
	}
	if err := r.recordFailure(ctx, id, "restart", "restart-parent-not-running"); err != nil {
		return err
	}
	return r.writeInspect(ctx, fixture)
}

// recordErrors records the engine's not-found and conflict answers.
func (r *recorder) recordErrors(ctx context.Context) error {
	const missing = namePrefix + "missing"
	running := r.ids["healthy"]
	requests := []struct{ situation, method, path, pattern string }{
		{"inspect-missing", http.MethodGet, "/containers/" + missing + "/json",
			"/containers/{id}/json"},
		{"restart-missing", http.MethodPost, "/containers/" + missing + "/restart",
			"/containers/{id}/restart"},
		{"remove-running", http.MethodDelete, "/containers/" + running,
			"/containers/{id}"},
		{"start-running", http.MethodPost, "/containers/" + running + "/start",
			"/containers/{id}/start"},
	}
	for _, q := range requests {
		a, err := r.api.do(ctx, q.method, q.path, url.Values{})
		if err != nil {
			return err
		}
		r.keepError(q.situation, q.method, q.pattern, a)
	}
	return r.writeJSON("errors.json", r.errs)
}

// recordRemove records the events of removing a container that is not running.
func (r *recorder) recordRemove(ctx context.Context) error {
	id := r.ids["dependent-failed-start"]
	lines, err := r.act(ctx, id, "destroy", func(ctx context.Context) error {
		a, err := r.api.do(ctx, http.MethodDelete, "/containers/"+id, url.Values{})
		if err != nil {
			return err
		}
		if a.Status >= 300 {
			return fmt.Errorf("removing %s: status %d: %s", short(id), a.Status, a.Body)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return r.writeEvents("events-remove.jsonl", lines)
}
