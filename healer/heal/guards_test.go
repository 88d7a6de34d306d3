package heal

import (
	"testing"
	"time"

	"github.com/healstack/healstack/healer/container"
)

// restartable is a subject every guard lets through.
func restartable() *subject {
	now := epoch.Add(time.Hour)
	c := unit("aaaaaaaaaaaa1111", "vpn", map[string]string{"autoheal": "true"})
	c.Health = container.Unhealthy
	c.LastProbe = &container.Probe{Start: now.Add(-time.Second), End: now}
	return &subject{c: c, inScope: true, track: &track{}, now: now, started: epoch,
		policy: Policy{RestartBudget: 3, BudgetWindow: time.Hour,
			BackoffInitial: 10 * time.Second, BackoffMax: time.Minute}}
}

func healthyParent() *container.Container {
	p := unit("bbbbbbbbbbbb2222", "gw", nil)
	return &p
}

func TestGuards(t *testing.T) {
	cases := []struct {
		name  string
		guard string // the guard expected to stop the restart; "" for none
		tweak func(s *subject)
	}{
		{"restart allowed - every condition met", "", func(s *subject) {}},
		{"restart allowed - dependent of a healthy parent", "", func(s *subject) {
			s.c.NetworkMode, s.parent = "container:bbbbbbbbbbbb2222", healthyParent()
		}},
		{"in scope - container not selected", "in scope", func(s *subject) { s.inScope = false }},
		{"not the healer itself - own container", "not the healer itself",
			func(s *subject) { s.self = true }},
		{"running - container exited", "running",
			func(s *subject) { s.c.State = container.Exited }},
		{"not paused - container paused", "not paused",
			func(s *subject) { s.c.State = container.Paused }},
		{"not restarting - engine restarting it", "not restarting",
			func(s *subject) { s.c.State = container.Restarting }},
		{"health is unhealthy - healthy again", "health is unhealthy",
			func(s *subject) { s.c.Health = container.Healthy }},
		{"health is unhealthy - still starting", "health is unhealthy",
			func(s *subject) { s.c.Health = container.Starting }},
		{"probe newer than start - status predates the last start", "probe newer than start",
			func(s *subject) { s.c.StartedAt = s.now }},
		{"probe newer than start - no probe recorded", "probe newer than start",
			func(s *subject) { s.c.LastProbe = nil }},
		{"probe newer than unpause - status predates the unpause", "probe newer than unpause",
			func(s *subject) { s.track.unpausedAt = s.now }},
		{"start period over - healer just started", "start period over", func(s *subject) {
			s.policy.StartPeriod = time.Minute
			s.started = s.now.Add(-30 * time.Second)
		}},
		{"no stop or kill by someone else - operator stopping it",
			"no stop or kill by someone else",
			func(s *subject) { s.track.operatorUntil = s.now.Add(time.Second) }},
		{"parent healthy - parent unhealthy", "parent healthy", func(s *subject) {
			s.c.NetworkMode, s.parent = "container:bbbbbbbbbbbb2222", healthyParent()
			s.parent.Health = container.Unhealthy
		}},
		{"parent healthy - parent gone", "parent healthy",
			func(s *subject) { s.c.NetworkMode = "container:bbbbbbbbbbbb2222" }},
		{"budget left - three restarts within the hour", "budget left", func(s *subject) {
			s.track.restarts = []time.Time{s.now.Add(-50 * time.Minute),
				s.now.Add(-20 * time.Minute), s.now.Add(-time.Hour + time.Second)}
		}},
		{"backoff over - second restart too soon", "backoff over", func(s *subject) {
			s.track.streak, s.track.lastRestart = 1, s.now.Add(-9*time.Second)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := restartable()
			tc.tweak(s)
			if got := blockedBy(s); got != tc.guard {
				t.Errorf("blocked by %q, want %q", got, tc.guard)
			}
		})
	}
}

// TestEveryGuardHasACase keeps the table above complete: a guard added without a case
// fails here, and a guard deleted makes its case above fail.
func TestEveryGuardHasACase(t *testing.T) {
	covered := map[string]bool{"in scope": true, "not the healer itself": true,
		"running": true, "not paused": true, "not restarting": true,
		"health is unhealthy": true, "probe newer than start": true,
		"probe newer than unpause": true, "start period over": true,
		"no stop or kill by someone else": true, "parent healthy": true,
		"budget left": true, "backoff over": true}
	for _, g := range guards {
		if !covered[g.name] {
			t.Errorf("guard %q has no case in TestGuards", g.name)
		}
		delete(covered, g.name)
	}
	for name := range covered {
		t.Errorf("guard %q is tested but no longer exists", name)
	}
}

func TestBudgetWindow(t *testing.T) {
	s := restartable()
	s.track.restarts = []time.Time{s.now.Add(-2 * time.Hour), s.now.Add(-61 * time.Minute),
		s.now.Add(-time.Minute), s.now.Add(-time.Second)}
	if got := blockedBy(s); got != "" {
		t.Errorf("budget left - restarts older than the window are forgotten: blocked by %q", got)
	}
}
