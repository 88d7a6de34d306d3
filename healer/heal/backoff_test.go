package heal

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/container"
)

var selectedLabel = map[string]string{"autoheal": "true"}

func TestFirstRestartIsImmediate(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.turnUnhealthy("a1")
	if got := r.docker.actions(); !slices.Equal(got, []string{"restart vpn"}) {
		t.Fatalf("actions = %v, want one restart of vpn", got)
	}
	logs := r.logs.String()
	for _, want := range []string{`msg="restarting container"`, `msg="restarted container"`,
		"reason=unhealthy", "failing_streak=1", `probe="probe says unhealthy"`, "took="} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s:\n%s", want, logs)
		}
	}
}

// TestBackoffSequence: a container that turns unhealthy again right after each restart
// is restarted at once, then after 10s, 20s, 40s, ... up to the 5m cap.
func TestBackoffSequence(t *testing.T) {
	r := newRig(t, func(p *Policy) { p.RestartBudget = 100 })
	r.docker.add(unit("a1", "vpn", selectedLabel))
	var waits []time.Duration
	last := r.clock.Now()
	for len(waits) < 8 {
		n := len(r.docker.actions())
		r.clock.Advance(time.Second)
		r.turnUnhealthy("a1")
		for tries := 0; len(r.docker.actions()) == n; tries++ {
			if tries > 600 {
				t.Fatalf("no restart within 10 minutes after %v", waits)
			}
			r.clock.Advance(time.Second)
			_ = r.healer.Reconcile(t.Context())
			r.healer.Wait()
		}
		waits = append(waits, r.clock.Since(last).Round(time.Second))
		last = r.clock.Now()
	}
	want := []time.Duration{2, 10, 20, 40, 80, 160, 300, 300}
	for i := range want {
		want[i] *= time.Second
	}
	// The first restart follows its probe at once; the wait counts from the previous one.
	want[0] = waits[0]
	if !slices.Equal(waits, want) {
		t.Errorf("waits between restarts = %v, want %v", waits, want)
	}
}

func TestBackoffResetsAfterAHealthySpell(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.turnUnhealthy("a1")
	r.clock.Advance(time.Minute)
	r.turnHealthy("a1")
	r.clock.Advance(10 * time.Minute)
	r.turnUnhealthy("a1")
	if got := len(r.docker.actions()); got != 2 {
		t.Errorf("restarts = %d, want 2: healthy for HEALER_BACKOFF_RESET forgives", got)
	}
	r.clock.Advance(2 * time.Second)
	r.turnHealthy("a1")
	r.clock.Advance(2 * time.Second)
	r.turnUnhealthy("a1")
	if got := len(r.docker.actions()); got != 2 {
		t.Errorf("restarts = %d, want 2: a short healthy spell keeps the 10s backoff", got)
	}
}

// TestRestartBudget: past HEALER_RESTART_BUDGET restarts within the window the healer
// gives up, logs at error level, and resumes once the container is healthy again.
func TestRestartBudget(t *testing.T) {
	r := newRig(t, func(p *Policy) {
		p.RestartBudget, p.BackoffInitial, p.BackoffMax = 3, time.Second, time.Second
	})
	r.docker.add(unit("a1", "vpn", selectedLabel))
	for range 5 {
		r.clock.Advance(2 * time.Second)
		r.turnUnhealthy("a1")
	}
	if got := len(r.docker.actions()); got != 3 {
		t.Fatalf("restarts = %d, want the budget of 3", got)
	}
	if !strings.Contains(r.logs.String(), "level=ERROR msg=\"giving up on container") {
		t.Errorf("no error line on giving up:\n%s", r.logs.String())
	}
	if n := countKind(r.observed(), KindGiveUp); n != 1 {
		t.Errorf("give-up reported %d times, want once", n)
	}
	r.turnHealthy("a1")
	r.clock.Advance(2 * time.Second)
	r.turnUnhealthy("a1")
	if got := len(r.docker.actions()); got != 4 {
		t.Errorf("restarts = %d, want 4: a healthy spell ends the give-up", got)
	}
}

func countKind(actions []Action, kind string) int {
	n := 0
	for _, a := range actions {
		if a.Kind == kind {
			n++
		}
	}
	return n
}

func TestOperatorStopHoldsTheHealerBack(t *testing.T) {
	for _, action := range []string{container.ActionKill, container.ActionStop} {
		r := newRig(t)
		r.docker.add(unit("a1", "vpn", selectedLabel))
		r.event(action, "", "a1")
		r.turnUnhealthy("a1")
		if got := r.docker.actions(); len(got) != 0 {
			t.Fatalf("%s: actions = %v, want none while someone else stops it", action, got)
		}
		r.event(container.ActionStart, "", "a1")
		r.clock.Advance(time.Second)
		r.turnUnhealthy("a1")
		if got := r.docker.actions(); len(got) != 1 {
			t.Errorf("%s: actions = %v, want a restart once the operator's start is seen",
				action, got)
		}
	}
}

// TestOwnRestartIsNotAnOperatorStop: the kill and stop events of the healer's own
// restart, read before the start that follows them, hold back only by the backoff.
func TestOwnRestartIsNotAnOperatorStop(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.docker.duringRestart = func(id string) {
		for _, action := range []string{container.ActionKill, container.ActionStop} {
			r.healer.HandleEvent(t.Context(), container.Event{ID: id, Action: action,
				Time: r.clock.Now()})
		}
	}
	r.turnUnhealthy("a1")
	r.clock.Advance(11 * time.Second) // past the first backoff, within the operator's hold
	r.turnUnhealthy("a1")
	if got := r.docker.actions(); len(got) != 2 {
		t.Errorf("actions = %v, want a second restart once the backoff is over", got)
	}
}

func TestDryRunRestartsNothing(t *testing.T) {
	r := newRig(t, func(p *Policy) { p.DryRun = true })
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.turnUnhealthy("a1")
	if got := r.docker.actions(); len(got) != 0 {
		t.Errorf("actions = %v, want none in dry run", got)
	}
	if !strings.Contains(r.logs.String(), "dry_run=true") {
		t.Errorf("dry run not logged:\n%s", r.logs.String())
	}
}

func TestEngineErrors(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.docker.failNext["vpn"] = container.ErrConflict
	r.turnUnhealthy("a1")
	if !strings.Contains(r.logs.String(), "retrying at the next reconcile") {
		t.Errorf("conflict - not reported as retried later:\n%s", r.logs.String())
	}
	r.clock.Advance(time.Second)
	_ = r.healer.Reconcile(t.Context())
	r.healer.Wait()
	if got := r.docker.actions(); len(got) != 2 {
		t.Errorf("conflict - retry held back by a restart that never happened: %v", got)
	}
	r.docker.failNext["vpn"] = container.ErrNotFound
	r.clock.Advance(time.Minute)
	r.turnUnhealthy("a1")
	r.healer.mu.Lock()
	_, kept := r.healer.tracks["a1"]
	r.healer.mu.Unlock()
	if kept {
		t.Errorf("no such container - still remembered")
	}
}

func TestScopeFromLabels(t *testing.T) {
	cases := []struct {
		name   string
		label  string
		labels map[string]string
		health string
		want   bool
	}{
		{"selected - label true", "autoheal", map[string]string{"autoheal": "true"}, "", true},
		{"selected - label TRUE in capitals", "autoheal", map[string]string{"autoheal": "TRUE"},
			"", true},
		{"opted out - label false", "all", map[string]string{"autoheal": "False"},
			container.Unhealthy, false},
		{"out - no label", "autoheal", nil, container.Unhealthy, false},
		{"out - invalid label value", "autoheal", map[string]string{"autoheal": "yes please"},
			"", false},
		{"out - invalid stop timeout", "all", map[string]string{"autoheal.stop.timeout": "-3"},
			container.Unhealthy, false},
		{"out - selected but an invalid stop timeout", "autoheal",
			map[string]string{"autoheal": "true", "autoheal.stop.timeout": "abc"}, "", false},
		{"selected - all with a healthcheck", "all", nil, container.Unhealthy, true},
		{"out - all without a healthcheck", "all", nil, container.None, false},
		{"selected - custom label", "heal.me", map[string]string{"heal.me": "true"}, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, func(p *Policy) { p.Label = tc.label })
			c := unit("a1", "vpn", tc.labels)
			c.Health = tc.health
			if got := r.healer.scoper().inScope(t.Context(), c); got != tc.want {
				t.Errorf("in scope = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestInvalidLabelWarnsOnce(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", map[string]string{"autoheal": "maybe"}))
	r.turnUnhealthy("a1")
	r.clock.Advance(time.Minute)
	r.turnUnhealthy("a1")
	if n := strings.Count(r.logs.String(), `label autoheal=\"maybe\"`); n != 1 {
		t.Errorf("warned %d times, want once:\n%s", n, r.logs.String())
	}
}

func TestInvalidStopTimeoutOfASelectedContainer(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", map[string]string{"autoheal": "true",
		"autoheal.stop.timeout": "abc"}))
	r.turnUnhealthy("a1")
	if got := r.docker.actions(); len(got) != 0 {
		t.Errorf("actions = %v with an unusable stop timeout, want none", got)
	}
	if n := strings.Count(r.logs.String(), `label autoheal.stop.timeout=\"abc\"`); n != 1 {
		t.Errorf("warned %d times, want once:\n%s", n, r.logs.String())
	}
}

func TestProjectAndSelf(t *testing.T) {
	r := newRig(t, func(p *Policy) { p.Project, p.SelfID = "media", "self12345678" })
	other := unit("a1", "vpn", map[string]string{"autoheal": "true",
		container.LabelProject: "other"})
	self := unit("self12345678abcd", "healer", map[string]string{"autoheal": "true",
		container.LabelProject: "media"})
	r.docker.add(other)
	r.docker.add(self)
	r.turnUnhealthy("a1")
	r.turnUnhealthy("self12345678abcd")
	if got := r.docker.actions(); len(got) != 0 {
		t.Errorf("actions = %v, want none outside the project or on itself", got)
	}
}

// TestBackoffEndsWithALook: a restart held back by the backoff happens when the backoff
// ends, not at the next reconcile, and the hold is logged at info level once.
func TestBackoffEndsWithALook(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.turnUnhealthy("a1")
	r.clock.Advance(time.Second)
	r.turnUnhealthy("a1")
	r.turnUnhealthy("a1")
	if got := len(r.docker.actions()); got != 1 {
		t.Fatalf("restarts = %d, want 1 while the backoff holds", got)
	}
	if n := strings.Count(r.logs.String(), `level=INFO msg="holding restart back"`); n != 1 {
		t.Errorf("hold logged %d times, want once", n)
	}
	_ = r.clock.BlockUntilContext(t.Context(), 1)
	r.clock.Advance(9 * time.Second)
	if !waitFor(func() bool { return len(r.docker.actions()) == 2 }) {
		t.Errorf("no restart when the 10 s backoff ended: %v", r.docker.actions())
	}
	r.healer.Wait()
}
