package heal

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/container"
)

// stack adds a VPN with a healthcheck and, in its namespace, qbittorrent and two
// helpers; the compose labels make "seeder" depend on "qbittorrent".
func stack(r *rig) {
	project := func(service, dependsOn string) map[string]string {
		l := map[string]string{container.LabelProject: "media", container.LabelService: service}
		if dependsOn != "" {
			l[container.LabelDependsOn] = dependsOn
		}
		return l
	}
	vpn := unit("vpn000000000001", "vpn", project("vpn", ""))
	vpn.Labels["autoheal"] = "true"
	r.docker.add(vpn)
	for _, d := range []struct{ id, name, service, deps string }{
		{"dep000000000001", "seeder", "seeder",
			"vpn:service_healthy:false,qbittorrent:service_started:false"},
		{"dep000000000002", "qbittorrent", "qbittorrent", "vpn:service_healthy:false"},
		{"dep000000000003", "arr", "arr", "vpn:service_healthy:false"},
	} {
		c := container.Container{ID: d.id, Name: d.name, Labels: project(d.service, d.deps),
			NetworkMode: "container:vpn000000000001", State: container.Running,
			StartedAt: epoch.Add(time.Minute)}
		r.docker.add(c)
	}
}

// TestDependentsOrderAndParentWait: after the VPN is restarted, nothing happens to its
// dependents while it is starting; once healthy they are restarted in depends_on order,
// then by name, each exactly once.
func TestDependentsOrderAndParentWait(t *testing.T) {
	r := newRig(t)
	stack(r)
	r.turnUnhealthy("vpn000000000001")
	r.event(container.ActionStart, "", "vpn000000000001")
	if got := r.docker.actions(); !slices.Equal(got, []string{"restart vpn"}) {
		t.Fatalf("actions while the VPN starts = %v, want only its restart", got)
	}
	r.clock.Advance(20 * time.Second)
	r.turnHealthy("vpn000000000001")
	want := []string{"restart vpn", "restart arr", "restart qbittorrent", "restart seeder"}
	if got := r.docker.actions(); !slices.Equal(got, want) {
		t.Errorf("actions = %v, want %v", got, want)
	}
	_ = r.healer.Reconcile(t.Context())
	r.healer.Wait()
	if got := r.docker.actions(); len(got) != len(want) {
		t.Errorf("a reconcile after recovery acted again: %v", got)
	}
	if n := countKind(r.observed(), KindDependentRestart); n != 3 {
		t.Errorf("dependent restarts reported = %d, want 3", n)
	}
}

// TestParentWaitExpires: a parent still not healthy after HEALER_PARENT_WAIT gets a
// warning, nothing is started into it, and its later healthy event still brings the
// dependents back.
func TestParentWaitExpires(t *testing.T) {
	r := newRig(t)
	stack(r)
	r.turnUnhealthy("vpn000000000001")
	r.event(container.ActionStart, "", "vpn000000000001")
	r.clock.Advance(5*time.Minute - time.Second)
	if strings.Contains(r.logs.String(), "not healthy in time") {
		t.Fatalf("warned before HEALER_PARENT_WAIT passed")
	}
	r.clock.Advance(time.Second)
	r.healer.Wait()
	if !waitFor(func() bool { return strings.Contains(r.logs.String(), "not healthy in time") }) {
		t.Fatalf("no warning after HEALER_PARENT_WAIT:\n%s", r.logs.String())
	}
	if got := r.docker.actions(); len(got) != 1 {
		t.Fatalf("actions = %v, want only the VPN's restart while it is not healthy", got)
	}
	if n := countKind(r.observed(), KindParentTimeout); n != 1 {
		t.Errorf("parent timeouts reported = %d, want 1", n)
	}
	r.clock.Advance(time.Hour)
	r.turnHealthy("vpn000000000001")
	if got := len(r.docker.actions()); got != 4 {
		t.Errorf("actions after the late healthy event = %d, want 4", got)
	}
}

// TestDependentsOfAPersonsRestart: a parent restarted by someone else still brings its
// dependents back, and those restarts never count against the dependents' backoff.
func TestDependentsOfAPersonsRestart(t *testing.T) {
	r := newRig(t)
	stack(r)
	for range 3 {
		r.clock.Advance(time.Minute)
		_ = r.docker.act("restart", "vpn000000000001")
		r.event(container.ActionStart, "", "vpn000000000001")
		r.turnHealthy("vpn000000000001")
	}
	if got := len(r.docker.actions()); got != 3+9 {
		t.Errorf("actions = %d, want 3 VPN restarts and 3 dependents each time", got)
	}
	r.healer.mu.Lock()
	defer r.healer.mu.Unlock()
	if tr := r.healer.tracks["dep000000000002"]; tr != nil && tr.streak != 0 {
		t.Errorf("dependent restarts counted against its backoff: streak %d", tr.streak)
	}
}

func TestDependentsLeftAlone(t *testing.T) {
	cases := []struct {
		name   string
		change func(c *container.Container)
		want   []string
	}{
		{"stopped by a person - not started", func(c *container.Container) {
			c.State = container.Exited
		}, nil},
		{"failed start for its parent - started", func(c *container.Container) {
			c.State = container.Exited
			c.Error = "cannot join network of a non running container: vpn000000000001"
		}, []string{"start arr"}},
		{"opted out - left alone", func(c *container.Container) {
			c.Labels = map[string]string{"autoheal": "false"}
		}, nil},
		{"started after its parent - left alone", func(c *container.Container) {
			c.StartedAt = epoch.Add(3 * time.Hour)
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t)
			stack(r)
			for _, id := range []string{"dep000000000001", "dep000000000002"} {
				r.docker.update(id, func(c *container.Container) {
					c.NetworkMode = "bridge"
				})
			}
			r.docker.update("dep000000000003", tc.change)
			r.docker.update("vpn000000000001", func(c *container.Container) {
				c.StartedAt = epoch.Add(2 * time.Hour)
			})
			_ = r.healer.Reconcile(t.Context())
			r.healer.Wait()
			if got := r.docker.actions(); !slices.Equal(got, tc.want) {
				t.Errorf("actions = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDependentsDisabled(t *testing.T) {
	r := newRig(t, func(p *Policy) { p.Dependents = false })
	stack(r)
	r.turnUnhealthy("vpn000000000001")
	r.turnHealthy("vpn000000000001")
	_ = r.healer.Reconcile(t.Context())
	r.healer.Wait()
	if got := r.docker.actions(); !slices.Equal(got, []string{"restart vpn"}) {
		t.Errorf("actions = %v, want only the VPN's restart", got)
	}
	r.docker.probe("dep000000000002", container.Unhealthy)
	r.turnUnhealthy("dep000000000002")
	if got := len(r.docker.actions()); got != 1 {
		t.Errorf("a dependent came into scope through its parent with dependents off")
	}
}

// TestUnhealthyDependentWaitsForItsParent: a dependent with its own healthcheck is in
// scope through its parent, but never restarted while the parent is not healthy.
func TestUnhealthyDependentWaitsForItsParent(t *testing.T) {
	r := newRig(t)
	stack(r)
	r.docker.update("dep000000000002", func(c *container.Container) {
		c.HasHealthcheck = true
	})
	r.docker.probe("vpn000000000001", container.Unhealthy)
	r.turnUnhealthy("dep000000000002")
	if got := r.docker.actions(); len(got) != 0 {
		t.Fatalf("actions = %v, want none while the parent is unhealthy", got)
	}
	r.docker.probe("vpn000000000001", container.Healthy)
	r.clock.Advance(time.Second)
	r.turnUnhealthy("dep000000000002")
	if got := r.docker.actions(); !slices.Equal(got, []string{"restart qbittorrent"}) {
		t.Errorf("actions = %v, want the dependent restarted once its parent is healthy", got)
	}
}

// waitFor polls briefly for something a timer callback does on its own goroutine.
func waitFor(cond func() bool) bool {
	for range 200 {
		if cond() {
			return true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return false
}

// TestOnlyParentsCostACall: once a reconcile has seen who depends on whom, the start of
// a container nobody depends on makes no engine call, and a parent's still cascades.
func TestOnlyParentsCostACall(t *testing.T) {
	r := newRig(t)
	stack(r)
	r.docker.add(unit("z1", "unrelated", nil))
	_ = r.healer.Reconcile(t.Context())
	r.healer.Wait()
	before := len(r.docker.calls)
	r.event(container.ActionStart, "", "z1")
	r.event(container.ActionHealth, container.Healthy, "z1")
	if got := r.docker.calls[before:]; len(got) != 0 {
		t.Errorf("events of a container without dependents called the engine: %v", got)
	}
	r.docker.update("vpn000000000001", func(c *container.Container) {
		c.StartedAt = epoch.Add(2 * time.Hour)
	})
	r.event(container.ActionHealth, container.Healthy, "vpn000000000001")
	if got := len(r.docker.actions()); got != 3 {
		t.Errorf("a parent's healthy event restarted %d dependents, want 3", got)
	}
}
