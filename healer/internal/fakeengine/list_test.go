package fakeengine_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/healstack/healstack/healer/internal/fakeengine"
)

type listed struct {
	Names  []string
	State  string
	Status string
	Health *struct{ Status string }
}

func list(t *testing.T, e *fakeengine.Engine, path string) map[string]listed {
	t.Helper()
	status, body := call(t, e, http.MethodGet, path)
	if status != http.StatusOK {
		t.Fatalf("listing: status %d: %s", status, body)
	}
	var entries []listed
	if err := json.Unmarshal(body, &entries); err != nil {
		t.Fatal(err)
	}
	byName := map[string]listed{}
	for _, c := range entries {
		byName[strings.TrimPrefix(c.Names[0], "/")] = c
	}
	return byName
}

func TestListStatusText(t *testing.T) {
	e := fakeengine.New(t)
	for _, fixture := range []string{fakeengine.Healthy, fakeengine.Unhealthy,
		fakeengine.Paused, fakeengine.Exited, fakeengine.DependentFailedStart,
		fakeengine.NoHealthcheck} {
		e.Add(fixture, fixture)
	}
	restarted := e.Add("restarted", fakeengine.Healthy)
	call(t, e, http.MethodPost, "/v1.41/containers/"+restarted+"/restart")
	got := list(t, e, "/v1.41/containers/json?all=1")

	tests := []struct{ name, container, prefix, suffix string }{
		{"health in status - healthy", fakeengine.Healthy, "Up ", " (healthy)"},
		{"health in status - unhealthy", fakeengine.Unhealthy, "Up ", " (unhealthy)"},
		{"health in status - restarted", "restarted", "Up ", " (health: starting)"},
		{"paused hides health - paused", fakeengine.Paused, "Up ", " (Paused)"},
		{"exit code shown - exited", fakeengine.Exited, "Exited (0) ", " ago"},
		{"never started - refused start", fakeengine.DependentFailedStart, "Created", ""},
		{"no health suffix - no healthcheck", fakeengine.NoHealthcheck, "Up ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := got[tt.container].Status
			bare := tt.suffix == "" && strings.HasSuffix(s, ")")
			if !strings.HasPrefix(s, tt.prefix) || !strings.HasSuffix(s, tt.suffix) || bare {
				t.Errorf("status %q, want %q...%q", s, tt.prefix, tt.suffix)
			}
			if got[tt.container].Health != nil {
				t.Errorf("API 1.41 list has Health, the recorded engine sends none")
			}
		})
	}
}

func TestListRunningOnlyWithoutAll(t *testing.T) {
	e := fakeengine.New(t)
	e.Add("up", fakeengine.Healthy)
	e.Add("down", fakeengine.Exited)
	got := list(t, e, "/v1.41/containers/json")
	if _, ok := got["down"]; ok || len(got) != 1 {
		t.Errorf("listed %v, want only the running container", got)
	}
}

func TestListHealthFromAPI152(t *testing.T) {
	e := fakeengine.New(t, fakeengine.Docker29())
	e.Add("up", fakeengine.Unhealthy)
	e.Add("down", fakeengine.Exited)
	got := list(t, e, "/v1.52/containers/json?all=1")
	if h := got["up"].Health; h == nil || h.Status != "unhealthy" {
		t.Errorf("running container's Health %+v, want unhealthy", h)
	}
	if h := got["down"].Health; h == nil || h.Status != "none" {
		t.Errorf("exited container's Health %+v, want none", h)
	}
}
