package fakeengine_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/internal/fakeengine"
)

const containerEvents = `filters={"type":["container"]}`

func TestRestartEmitsRecordedEvents(t *testing.T) {
	tests := []struct {
		name, fixture, recorded string
	}{
		{"recorded order - running container", fakeengine.Healthy, "events-restart.jsonl"},
		{"recorded order - paused container", fakeengine.Paused, "events-restart-paused.jsonl"},
		{"recorded order - exited container", fakeengine.Exited, "events-restart-exited.jsonl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fakeengine.New(t)
			id := e.Add("app", tt.fixture)
			before := inspectState(t, e, id)
			events := openEvents(t, e, containerEvents)

			status, body := call(t, e, http.MethodPost, "/v1.41/containers/"+id+"/restart")
			if status != http.StatusNoContent {
				t.Fatalf("restart: status %d: %s", status, body)
			}

			want := recordedActions(t, tt.recorded)
			if got := next(t, events, len(want)); !slices.Equal(got, want) {
				t.Errorf("events %q, recorded %q", got, want)
			}
			after := inspectState(t, e, id)
			if !after.Running || after.StartedAt == before.StartedAt {
				t.Errorf("after restart: running %v, started %s (before %s)",
					after.Running, after.StartedAt, before.StartedAt)
			}
			if after.Health != nil && after.Health.Status != "starting" {
				t.Errorf("health after restart %q, want starting", after.Health.Status)
			}
			if n := e.Restarts(id); n != 1 {
				t.Errorf("restarts counted %d, want 1", n)
			}
		})
	}
}

func TestControlsEmitRecordedEvents(t *testing.T) {
	tests := []struct {
		name, recorded string
		act            func(e *fakeengine.Engine, id string)
	}{
		{"recorded order - stop", "events-stop.jsonl", (*fakeengine.Engine).Stop},
		{"recorded order - pause", "events-pause.jsonl", (*fakeengine.Engine).Pause},
		{"recorded order - remove", "events-remove.jsonl", (*fakeengine.Engine).Remove},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fakeengine.New(t)
			id := e.Add("app", fakeengine.Healthy)
			events := openEvents(t, e, containerEvents)
			tt.act(e, id)
			want := recordedActions(t, tt.recorded)
			if got := next(t, events, len(want)); !slices.Equal(got, want) {
				t.Errorf("events %q, recorded %q", got, want)
			}
		})
	}
}

// A stopped or paused container reads unhealthy without an event, as recorded.
func TestStoppedHealthReadsUnhealthy(t *testing.T) {
	e := fakeengine.New(t)
	id := e.Add("app", fakeengine.Healthy)
	e.Stop(id)
	if st := inspectState(t, e, id); st.Health.Status != "unhealthy" || st.Running {
		t.Errorf("after stop: running %v, health %q, want stopped and unhealthy",
			st.Running, st.Health.Status)
	}
}

func TestSetHealthEmitsAsProbes(t *testing.T) {
	e := fakeengine.New(t)
	id := e.Add("app", fakeengine.Healthy)
	events := openEvents(t, e, containerEvents)

	e.SetHealth(id, "healthy") // no change: only the probe's events
	e.SetHealth(id, "unhealthy")
	want := []string{
		"exec_create: /fixture probe", "exec_start: /fixture probe", "exec_die",
		"exec_create: /fixture probe", "exec_start: /fixture probe", "exec_die",
		"health_status: unhealthy",
	}
	if got := next(t, events, len(want)); !slices.Equal(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
	st := inspectState(t, e, id)
	last := st.Health.Log[len(st.Health.Log)-1]
	if st.Health.Status != "unhealthy" || last.ExitCode != 1 || st.Health.FailingStreak < 1 {
		t.Errorf("health %+v, want unhealthy with a failed last probe", st.Health)
	}
}

func TestDependentRefusedWhileParentDown(t *testing.T) {
	e := fakeengine.New(t)
	parent := e.Add("vpn", fakeengine.Healthy)
	created := e.Add("app", fakeengine.DependentFailedStart, fakeengine.NetworkParent(parent))
	running := e.Add("web", fakeengine.Dependent, fakeengine.NetworkParent(parent))
	e.Stop(parent)

	status, body := call(t, e, http.MethodPost, "/v1.41/containers/"+created+"/start")
	want := "cannot join network of a non running container: " + parent
	if status != http.StatusConflict || message(t, body) != want {
		t.Errorf("start: status %d, %q; want 409, %q", status, message(t, body), want)
	}
	if st := inspectState(t, e, created); st.Error != want || st.ExitCode != 128 {
		t.Errorf("state after refused start: %+v", st)
	}

	status, body = call(t, e, http.MethodPost, "/v1.41/containers/"+running+"/restart")
	want = "Cannot restart container " + running + ": " + want
	if status != http.StatusInternalServerError || message(t, body) != want {
		t.Errorf("restart: status %d, %q; want 500, %q", status, message(t, body), want)
	}
	if st := inspectState(t, e, running); st.Running || st.Status != "exited" {
		t.Errorf("state after refused restart: %+v, want exited", st)
	}
}

func TestEventsReplaySince(t *testing.T) {
	e := fakeengine.New(t)
	id := e.Add("app", fakeengine.Healthy)
	e.SetHealth(id, "unhealthy")
	since := time.Now()
	e.SetHealth(id, "healthy")

	param := url.QueryEscape(unixNano(since))
	events := openEvents(t, e, `filters={"event":["health_status"]}&since=`+param)
	if got := next(t, events, 1); got[0] != "health_status: healthy" {
		t.Errorf("replayed %q, want only the event after since", got)
	}
	if got := e.EventsSince(); !slices.Equal(got, []string{unixNano(since)}) {
		t.Errorf("since seen %q", got)
	}
}

func TestBreakEventsEndsStreams(t *testing.T) {
	e := fakeengine.New(t)
	events := openEvents(t, e, containerEvents)
	e.BreakEvents()
	select {
	case _, ok := <-events:
		if ok {
			t.Fatal("got an event, want the stream to end")
		}
	case <-time.After(time.Second):
		t.Fatal("stream still open after BreakEvents")
	}
}

func TestFailNextAndDelay(t *testing.T) {
	e := fakeengine.New(t)
	id := e.Add("app", fakeengine.Healthy)

	e.FailNext(id, http.StatusConflict, "container is being removed")
	status, body := call(t, e, http.MethodPost, "/v1.41/containers/"+id+"/restart")
	if status != http.StatusConflict || message(t, body) != "container is being removed" {
		t.Errorf("failed restart: status %d, %s", status, body)
	}

	e.DelayRestart(id, 200*time.Millisecond)
	start := time.Now()
	status, _ = call(t, e, http.MethodPost, "/v1.41/containers/"+id+"/restart")
	if took := time.Since(start); status != http.StatusNoContent || took < 200*time.Millisecond {
		t.Errorf("delayed restart: status %d after %s, want 204 after 200ms", status, took)
	}
	if n := e.Restarts(id); n != 2 {
		t.Errorf("restarts counted %d, want 2", n)
	}
}

func TestRefusesVersionsOutsideRange(t *testing.T) {
	tests := []struct {
		name, path, want string
		opts             []fakeengine.Option
	}{
		{"too old refused - docker 29", "/v1.41/containers/json",
			"client version 1.41 is too old. Minimum supported API version is 1.44, " +
				"please upgrade your client to a newer version",
			[]fakeengine.Option{fakeengine.Docker29()}},
		{"too new refused - recorded engine", "/v1.52/containers/json",
			"client version 1.52 is too new. Maximum supported API version is 1.41", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fakeengine.New(t, tt.opts...)
			status, body := call(t, e, http.MethodGet, tt.path)
			if status != http.StatusBadRequest || message(t, body) != tt.want {
				t.Errorf("status %d, %q; want 400, %q", status, message(t, body), tt.want)
			}
		})
	}
}

// unixNano formats a time as the engine's since parameter.
func unixNano(t time.Time) string {
	return fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond())
}
