package docker_test

import (
	"testing"
	"time"

	"github.com/healstack/healstack/healer/container"
	"github.com/healstack/healstack/healer/internal/fakeengine"
)

func TestInspectFillsContainer(t *testing.T) {
	e := fakeengine.New(t)
	parent := e.Add("vpn", fakeengine.Healthy,
		fakeengine.StopTimeout(7), fakeengine.Labels(map[string]string{"role": "vpn"}))
	tests := []struct {
		name  string
		id    string
		check func(t *testing.T, c container.Container)
	}{
		{"every field set - healthy with stop timeout", parent,
			func(t *testing.T, c container.Container) {
				if c.ID != parent || c.Name != "vpn" || !c.Inspected || c.Labels["role"] != "vpn" {
					t.Errorf("identity %q %q inspected %v labels %v",
						c.ID, c.Name, c.Inspected, c.Labels)
				}
				if c.State != container.Running || c.Health != container.Healthy ||
					!c.HasHealthcheck || c.FailingStreak != 0 {
					t.Errorf("state %q health %q has %v streak %d",
						c.State, c.Health, c.HasHealthcheck, c.FailingStreak)
				}
				if c.StopTimeout == nil || *c.StopTimeout != 7 {
					t.Errorf("stop timeout %v, want 7", c.StopTimeout)
				}
				if c.StartedAt.IsZero() || !c.FinishedAt.IsZero() {
					t.Errorf("started %v finished %v, want started only",
						c.StartedAt, c.FinishedAt)
				}
				if c.LastProbe == nil || c.LastProbe.ExitCode != 0 ||
					!c.LastProbe.End.After(c.StartedAt) {
					t.Errorf("last probe %+v, want a passing one after start", c.LastProbe)
				}
			}},
		{"last probe is the latest - unhealthy", e.Add("db", fakeengine.Unhealthy),
			func(t *testing.T, c container.Container) {
				if c.Health != container.Unhealthy || c.FailingStreak != 2 ||
					c.LastProbe == nil || c.LastProbe.ExitCode != 1 ||
					c.LastProbe.Output == "" {
					t.Errorf("health %q streak %d probe %+v",
						c.Health, c.FailingStreak, c.LastProbe)
				}
			}},
		{"no health - no healthcheck", e.Add("web", fakeengine.NoHealthcheck),
			func(t *testing.T, c container.Container) {
				if c.HasHealthcheck || c.Health != container.None || c.LastProbe != nil {
					t.Errorf("has %v health %q probe %v", c.HasHealthcheck, c.Health, c.LastProbe)
				}
			}},
		{"parent named by id - dependent",
			e.Add("app", fakeengine.Dependent, fakeengine.NetworkParent(parent)),
			func(t *testing.T, c container.Container) {
				if c.NetworkParent() != parent {
					t.Errorf("network mode %q, want container:%s", c.NetworkMode, parent)
				}
			}},
		{"zero times and the refusal kept - start refused",
			e.Add("late", fakeengine.DependentFailedStart),
			func(t *testing.T, c container.Container) {
				if c.State != container.Created || !c.StartedAt.IsZero() ||
					!c.FinishedAt.IsZero() || c.Error == "" {
					t.Errorf("state %q started %v finished %v error %q",
						c.State, c.StartedAt, c.FinishedAt, c.Error)
				}
			}},
		{"finish time set - exited", e.Add("done", fakeengine.Exited),
			func(t *testing.T, c container.Container) {
				if c.State != container.Exited || c.FinishedAt.Before(c.StartedAt) ||
					time.Since(c.FinishedAt) > time.Minute {
					t.Errorf("state %q started %v finished %v",
						c.State, c.StartedAt, c.FinishedAt)
				}
			}},
		{"health reads unhealthy - paused", e.Add("frozen", fakeengine.Paused),
			func(t *testing.T, c container.Container) {
				if c.State != container.Paused || c.Health != container.Unhealthy {
					t.Errorf("state %q health %q, want paused and unhealthy as recorded",
						c.State, c.Health)
				}
			}},
	}
	c := connect(t, e)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Inspect(testContext(t), tt.id)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
		})
	}
}
