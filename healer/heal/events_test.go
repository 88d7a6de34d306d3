package heal

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/container"
)

// TestUnpauseMakesTheStatusStale: right after an unpause the engine still shows the
// status from before the pause; only a probe run after the unpause counts.
func TestUnpauseMakesTheStatusStale(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.docker.probe("a1", container.Unhealthy)
	r.clock.Advance(time.Second)
	r.event(container.ActionPause, "", "a1")
	r.event(container.ActionUnpause, "", "a1")
	_ = r.healer.Reconcile(t.Context())
	r.healer.Wait()
	if got := r.docker.actions(); len(got) != 0 {
		t.Fatalf("actions = %v, want none on a status older than the unpause", got)
	}
	r.clock.Advance(time.Second)
	r.turnUnhealthy("a1")
	if got := r.docker.actions(); len(got) != 1 {
		t.Errorf("actions = %v, want a restart after a fresh failing probe", got)
	}
}

// TestUnpauseCountsFromTheEventsTime: an unpause event read late still dates the
// unpause, so a probe run after it, but before the event was read, counts.
func TestUnpauseCountsFromTheEventsTime(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	unpaused := r.clock.Now()
	r.clock.Advance(time.Second)
	r.docker.probe("a1", container.Unhealthy)
	r.clock.Advance(time.Second)
	r.healer.HandleEvent(t.Context(), container.Event{ID: "a1",
		Action: container.ActionUnpause, Time: unpaused})
	_ = r.healer.Reconcile(t.Context())
	r.healer.Wait()
	if got := r.docker.actions(); len(got) != 1 {
		t.Errorf("actions = %v, want a restart on the probe after the unpause", got)
	}
}

func TestDestroyForgets(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.turnUnhealthy("a1")
	r.event(container.ActionDestroy, "", "a1")
	r.healer.mu.Lock()
	defer r.healer.mu.Unlock()
	if _, ok := r.healer.tracks["a1"]; ok {
		t.Errorf("a destroyed container is still remembered")
	}
}

func TestReconcilePrunesVanished(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.turnUnhealthy("a1")
	r.docker.mu.Lock()
	delete(r.docker.containers, "a1")
	r.docker.mu.Unlock()
	_ = r.healer.Reconcile(t.Context())
	r.healer.mu.Lock()
	defer r.healer.mu.Unlock()
	if len(r.healer.tracks) != 0 {
		t.Errorf("tracks kept for vanished containers: %v", r.healer.tracks)
	}
}

func TestReconcileFailsWhenTheListFails(t *testing.T) {
	r := newRig(t)
	r.docker.listErr = errors.New("engine away")
	before := r.healer.Status().LastReconcile
	r.clock.Advance(time.Second)
	if err := r.healer.Reconcile(t.Context()); err == nil {
		t.Fatal("no error")
	}
	if after := r.healer.Status().LastReconcile; !after.Equal(before) {
		t.Errorf("a failed reconcile counted as done")
	}
}

func TestStopTimeoutFromLabelOrDefault(t *testing.T) {
	seven := 7
	r := newRig(t, func(p *Policy) { p.DefaultStopTimeout = &seven })
	labelled := unit("a1", "vpn", map[string]string{"autoheal.stop.timeout": "30"})
	if got := r.healer.stopTimeoutOf(labelled); got == nil || *got != 30 {
		t.Errorf("label - stop timeout = %v, want 30", got)
	}
	if got := r.healer.stopTimeoutOf(unit("a2", "b", nil)); got == nil || *got != 7 {
		t.Errorf("default - stop timeout = %v, want 7", got)
	}
	r = newRig(t)
	if got := r.healer.stopTimeoutOf(unit("a2", "b", nil)); got != nil {
		t.Errorf("unset - stop timeout = %v, want the container's own (nil)", *got)
	}
	if timeoutText(nil) != "container's own" || timeoutText(&seven) != "7s" {
		t.Errorf("timeout text wrong")
	}
}

func TestRestartFailureIsLoggedWithTheEngineText(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	r.docker.failNext["vpn"] = errors.New("Cannot restart container a1: device busy")
	r.turnUnhealthy("a1")
	if !strings.Contains(r.logs.String(), "device busy") ||
		!strings.Contains(r.logs.String(), "level=ERROR") {
		t.Errorf("failure not logged with the engine's text:\n%s", r.logs.String())
	}
	a := r.observed()
	if len(a) != 1 || a[0].Err == nil {
		t.Errorf("failure not reported: %+v", a)
	}
}

func TestWatchedSaysWhy(t *testing.T) {
	r := newRig(t)
	stack(r)
	r.docker.add(unit("z1", "unrelated", nil))
	got, err := r.healer.Watched(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, w := range got {
		lines = append(lines, w.Container.Name+": "+w.Why)
	}
	want := []string{"arr: shares the network namespace of vpn",
		"qbittorrent: shares the network namespace of vpn",
		"seeder: shares the network namespace of vpn",
		"vpn: label autoheal=true"}
	if !slices.Equal(lines, want) {
		t.Errorf("watched = %q, want %q", lines, want)
	}
}

// TestReconcileWarnsAboutUnusableLabels: a container left out for an unusable label is
// warned about by the first reconcile, not only when it turns unhealthy.
func TestReconcileWarnsAboutUnusableLabels(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", map[string]string{"autoheal": "maybe"}))
	r.docker.add(unit("b1", "gw", map[string]string{"autoheal": "true",
		"autoheal.stop.timeout": "abc"}))
	for range 2 {
		if err := r.healer.Reconcile(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	logs := r.logs.String()
	for _, label := range []string{`autoheal=\"maybe\"`, `autoheal.stop.timeout=\"abc\"`} {
		if n := strings.Count(logs, label); n != 1 {
			t.Errorf("warned %d times about %s, want once:\n%s", n, label, logs)
		}
	}
}

func TestStartOrderSurvivesACycle(t *testing.T) {
	mk := func(name, deps string) container.Container {
		return container.Container{ID: name, Name: name, Labels: map[string]string{
			container.LabelService: name, container.LabelDependsOn: deps}}
	}
	got := inStartOrder([]container.Container{mk("b", "a:x:y"), mk("a", "b:x:y"),
		mk("c", "")})
	var names []string
	for _, c := range got {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{"c", "a", "b"}) {
		t.Errorf("order = %v, want c first, then the cycle by name", names)
	}
}

func TestTrimProbe(t *testing.T) {
	if got := trimProbe("  curl: (28)\n timed out \n"); got != "curl: (28) timed out" {
		t.Errorf("trimProbe = %q", got)
	}
	if got := trimProbe(strings.Repeat("x", 300)); len(got) != maxProbe+3 {
		t.Errorf("long output kept at %d characters", len(got))
	}
}

func TestClosedStreamGivesItsReason(t *testing.T) {
	errs := make(chan error, 1)
	errs <- errors.New("unexpected EOF")
	if got := closedReason(errs); got.Error() != "unexpected EOF" {
		t.Errorf("reason = %v", got)
	}
	if got := closedReason(make(chan error)); got.Error() != "stream closed" {
		t.Errorf("reason without one = %v", got)
	}
}

func TestInScopeCount(t *testing.T) {
	r := newRig(t)
	stack(r)
	r.docker.add(unit("z1", "unrelated", nil))
	stray := unit("z2", "stray", nil)
	stray.NetworkMode = "container:z1"
	r.docker.add(stray)
	if err := r.healer.Reconcile(t.Context()); err != nil {
		t.Fatal(err)
	}
	r.healer.Wait()
	if got := r.healer.Status().Containers; got != 4 {
		t.Errorf("in scope = %d, want the VPN and its 3 dependents", got)
	}
}
