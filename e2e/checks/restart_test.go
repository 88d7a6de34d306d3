package checks

import (
	"strings"
	"testing"
	"time"

	"github.com/healstack/healstack/e2e/probe"
)

var (
	t0  = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	ref = Reference{NetNS: "net:[1]", V4: "*filter\n:OUTPUT DROP\n", V6: "*filter\n:OUTPUT DROP\n"}
	lo  = []probe.Link{{Name: "lo", Up: true}}
	all = []probe.Link{{Name: "lo", Up: true}, {Name: "eth0", Up: true}}
)

func vpn(ns string, mark bool, v4 string) probe.Sample {
	return probe.Sample{NetNS: ns, Mark: mark, RulesV4: v4, RulesV6: ref.V6, Links: all}
}

func dep(ns string, links []probe.Link) probe.Sample {
	return probe.Sample{NetNS: ns, Links: links}
}

func at(ms int, s NSSample) NSSample {
	s.At = t0.Add(time.Duration(ms) * time.Millisecond)
	return s
}

// restart is a clean restart: in the old namespace, stranded with only lo, the new
// namespace before and after its mark, then rejoined.
func restart() []NSSample {
	return []NSSample{
		at(0, NSSample{VPNUp: true, VPN: vpn("net:[1]", true, ref.V4), DependentUp: true,
			Dependent: dep("net:[1]", all)}),
		at(50, NSSample{DependentUp: true, Dependent: dep("net:[1]", lo)}),
		at(100, NSSample{VPNUp: true, VPN: vpn("net:[2]", false, ""), DependentUp: true,
			Dependent: dep("net:[1]", lo)}),
		at(150, NSSample{VPNUp: true, VPN: vpn("net:[2]", true, ref.V4), DependentUp: true,
			Dependent: dep("net:[1]", lo)}),
		at(200, NSSample{VPNUp: true, VPN: vpn("net:[2]", true, ref.V4)}),
		at(250, NSSample{VPNUp: true, VPN: vpn("net:[2]", true, ref.V4), DependentUp: true,
			Dependent: dep("net:[2]", all)}),
	}
}

func TestRestartIsolation(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(s []NSSample)
		want  string
	}{
		{"isolated - a clean restart", func([]NSSample) {}, ""},
		{"isolated - old namespace keeps its interfaces behind the kill switch a moment",
			func(s []NSSample) {
				s[1].Dependent = dep("net:[1]", all)
				s[1].Dependent.RulesV4, s[1].Dependent.RulesV6 = ref.V4, ref.V6
			}, ""},
		{"dependent outside - old namespace holds eth0 without the kill switch",
			func(s []NSSample) {
				s[1].Dependent = dep("net:[1]", all)
				s[1].Dependent.RulesV4, s[1].Dependent.RulesV6 = "*filter\n:OUTPUT ACCEPT\n", ref.V6
			}, "outside the VPN's live one"},
		{"dependent outside - another namespace with interfaces", func(s []NSSample) {
			s[1].Dependent = dep("net:[9]", all)
		}, "outside the VPN's live one"},
		{"rules - kill switch changed behind the mark", func(s []NSSample) {
			s[3].VPN.RulesV4 = "*filter\n:OUTPUT ACCEPT\n"
		}, "differ from the kill switch"},
		{"mark - dependent joined before the kill switch", func(s []NSSample) {
			s[2].Dependent = dep("net:[2]", all)
		}, "before its kill switch mark"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := restart()
			tc.spoil(s)
			errs := RestartIsolation(s, ref)
			if tc.want == "" {
				if len(errs) != 0 {
					t.Errorf("violations in a clean restart: %v", errs)
				}
				return
			}
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want) {
				t.Errorf("violations = %v, want one saying %q", errs, tc.want)
			}
		})
	}
}

func TestRejoined(t *testing.T) {
	if err := Rejoined(restart(), ref); err != nil {
		t.Errorf("clean restart: %v", err)
	}
	stuck := restart()[:4]
	if err := Rejoined(stuck, ref); err == nil {
		t.Error("a dependent left in the old namespace passed")
	}
	if err := Rejoined(nil, ref); err == nil {
		t.Error("no samples passed")
	}
}

func TestMaxGap(t *testing.T) {
	s := restart()
	s[3].At = s[3].At.Add(70 * time.Millisecond)
	if got := MaxGap(s); got != 120*time.Millisecond {
		t.Errorf("max gap = %s", got)
	}
}
