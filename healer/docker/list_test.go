package docker_test

import (
	"testing"

	"github.com/healstack/healstack/healer/container"
	"github.com/healstack/healstack/healer/internal/fakeengine"
)

func TestListReadsHealth(t *testing.T) {
	engines := []struct {
		name string
		opts []fakeengine.Option
	}{
		{"from status text - api 1.41", nil},
		{"from health field - docker 29", []fakeengine.Option{fakeengine.Docker29()}},
	}
	want := map[string]string{
		"healthy": container.Healthy, "unhealthy": container.Unhealthy,
		"starting": container.Starting, "plain": container.None, "done": container.None,
	}
	for _, engine := range engines {
		t.Run(engine.name, func(t *testing.T) {
			e := fakeengine.New(t, engine.opts...)
			e.Add("healthy", fakeengine.Healthy)
			e.Add("unhealthy", fakeengine.Unhealthy)
			starting := e.Add("starting", fakeengine.Healthy)
			e.Add("plain", fakeengine.NoHealthcheck)
			e.Add("done", fakeengine.Exited)
			c := connect(t, e)
			if err := c.Restart(testContext(t), starting, nil); err != nil {
				t.Fatal(err)
			}

			list, err := c.List(testContext(t))
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != len(want) {
				t.Fatalf("listed %d containers, want %d (all, stopped too)", len(list), len(want))
			}
			for _, got := range list {
				if got.Health != want[got.Name] || got.Inspected {
					t.Errorf("%s: health %q inspected %v, want %q from the list alone",
						got.Name, got.Health, got.Inspected, want[got.Name])
				}
			}
		})
	}
}

func TestListConvertsSummary(t *testing.T) {
	e := fakeengine.New(t)
	parent := e.Add("vpn", fakeengine.Healthy, fakeengine.Labels(map[string]string{
		container.LabelProject: "media", container.LabelService: "vpn",
	}))
	e.Add("app", fakeengine.Dependent, fakeengine.NetworkParent(parent))
	list, err := connect(t, e).List(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]container.Container{}
	for _, c := range list {
		byName[c.Name] = c
	}
	vpn, app := byName["vpn"], byName["app"]
	if vpn.ID != parent || vpn.State != container.Running || vpn.Project() != "media" ||
		vpn.Service() != "vpn" {
		t.Errorf("vpn listed as %+v", vpn)
	}
	if app.NetworkParent() != parent {
		t.Errorf("app's network mode %q, want container:%s", app.NetworkMode, parent)
	}
}
