package heal

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/container"
)

// TestScopeOfDependents: an unhealthy dependent whose parent is healthy is restarted
// only when it comes into scope through that parent; each case takes one rule away.
func TestScopeOfDependents(t *testing.T) {
	media := map[string]string{container.LabelProject: "media"}
	with := func(base map[string]string, kv ...string) map[string]string {
		l := maps.Clone(base)
		for i := 0; i < len(kv); i += 2 {
			l[kv[i]] = kv[i+1]
		}
		return l
	}
	cases := []struct {
		name          string
		parent, child map[string]string
		tune          func(p *Policy)
		restarted     bool
	}{
		{"dependent in scope - of a selected parent in its project",
			with(media, "autoheal", "true"), media, nil, true},
		{"dependent in scope - of a selected parent outside any project",
			selectedLabel, media, nil, true},
		{"opted out - dependent labelled false",
			with(media, "autoheal", "true"), with(media, "autoheal", "false"), nil, false},
		{"opted out - dependent with an invalid label value",
			with(media, "autoheal", "true"), with(media, "autoheal", "sometimes"), nil, false},
		{"same project - dependent in another project than its parent",
			with(media, "autoheal", "true"), map[string]string{container.LabelProject: "other"},
			nil, false},
		{"parent in scope - parent not selected", media, media, nil, false},
		{"dependents followed - HEALER_DEPENDENTS=false",
			with(media, "autoheal", "true"), media, func(p *Policy) { p.Dependents = false },
			false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tune := []func(p *Policy){}
			if tc.tune != nil {
				tune = append(tune, tc.tune)
			}
			r := newRig(t, tune...)
			r.docker.add(unit("vpn000000000001", "vpn", tc.parent))
			child := unit("dep000000000001", "qbittorrent", tc.child)
			child.NetworkMode = "container:vpn000000000001"
			r.docker.add(child)
			r.turnUnhealthy("dep000000000001")
			if got := len(r.docker.actions()) == 1; got != tc.restarted {
				t.Errorf("actions = %v, want restarted %v", r.docker.actions(), tc.restarted)
			}
		})
	}
}

// TestHealerItselfNeverInScope: healer config and the in-scope count leave the healer's
// own container out, though its label selects it.
func TestHealerItselfNeverInScope(t *testing.T) {
	r := newRig(t, func(p *Policy) { p.SelfID = "self12345678" })
	r.docker.add(unit("self12345678abcd", "autoheal", selectedLabel))
	r.docker.add(unit("a1", "vpn", selectedLabel))
	got, err := r.healer.Watched(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Container.Name != "vpn" {
		t.Errorf("watched = %v, want only vpn", got)
	}
}

// TestHealerInItsParentsNamespaceIsLeftAlone: a healer run inside the VPN's namespace is
// not restarted with the VPN's other dependents: it would end its own work.
func TestHealerInItsParentsNamespaceIsLeftAlone(t *testing.T) {
	r := newRig(t, func(p *Policy) { p.SelfID = "dep000000000002" })
	stack(r) // dep000000000002 is qbittorrent: here it stands for the healer
	r.turnUnhealthy("vpn000000000001")
	r.event(container.ActionStart, "", "vpn000000000001")
	r.clock.Advance(20 * time.Second)
	r.turnHealthy("vpn000000000001")
	want := []string{"restart vpn", "restart arr", "restart seeder"}
	if got := r.docker.actions(); !slices.Equal(got, want) {
		t.Errorf("actions = %v, want %v", got, want)
	}
}
