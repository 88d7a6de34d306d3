package checks

import (
	"testing"
	"time"

	"github.com/healstack/healstack/e2e/observe"
	"github.com/healstack/healstack/e2e/probe"
)

const rules = "*filter\n:INPUT DROP\n:FORWARD DROP\n:OUTPUT DROP\n" +
	"-A OUTPUT -o wg0 -j ACCEPT\nCOMMIT\n"

func TestKillSwitchIntact(t *testing.T) {
	intact := probe.Sample{Mark: true, RulesV4: rules, RulesV6: rules, ExpectedV4: rules,
		ExpectedV6: rules}
	noMark := intact
	noMark.Mark = false
	v4Open := intact
	v4Open.RulesV4 = "*filter\n:INPUT ACCEPT\n:FORWARD ACCEPT\n:OUTPUT ACCEPT\nCOMMIT\n"
	v6Gone := intact
	v6Gone.RulesV6 = ""
	notStored := intact
	notStored.ExpectedV6 = ""
	for name, tc := range map[string]struct {
		sample probe.Sample
		ok     bool
	}{
		"intact - mark and both rule sets as installed": {intact, true},
		"broken - mark missing":                         {noMark, false},
		"broken - IPv4 opened":                          {v4Open, false},
		"broken - IPv6 flushed":                         {v6Gone, false},
		"broken - nothing stored to compare with":       {notStored, false},
	} {
		t.Run(name, func(t *testing.T) {
			if err := KillSwitchIntact(tc.sample); (err == nil) != tc.ok {
				t.Errorf("KillSwitchIntact = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestDropsByDefault(t *testing.T) {
	if err := DropsByDefault(rules); err != nil {
		t.Errorf("drops by default - kill switch: %v", err)
	}
	open := "*filter\n:INPUT DROP\n:FORWARD DROP\n:OUTPUT ACCEPT\nCOMMIT\n"
	if DropsByDefault(open) == nil {
		t.Error("drops by default - OUTPUT accepting: want an error")
	}
}

func TestOutside(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(s int) observe.Connection {
		return observe.Connection{Time: t0.Add(time.Duration(s) * time.Second), Source: "10.77.1.2"}
	}
	windows := []Window{{From: t0.Add(10 * time.Second), To: t0.Add(20 * time.Second)}}
	got := Outside([]observe.Connection{at(5), at(10), at(15), at(20), at(25)}, windows)
	if len(got) != 2 || !got[0].Time.Equal(at(5).Time) || !got[1].Time.Equal(at(25).Time) {
		t.Errorf("leaks outside windows - edges inside: got %v", got)
	}
}

func TestFromAndTo(t *testing.T) {
	conns := []observe.Connection{
		{Source: "203.0.113.2", Local: "203.0.113.10", Port: 9001},
		{Source: "10.77.1.2", Local: "10.77.1.4", Port: 9001},
		{Source: "203.0.113.2", Local: "203.0.113.10", Port: 80},
	}
	if got := To(From(conns, "203.0.113.2"), "203.0.113.10", 9001); len(got) != 1 {
		t.Errorf("tunnelled to the target port - one of three: got %d", len(got))
	}
	if got := From(conns, "10.66.0.2"); len(got) != 0 {
		t.Errorf("no source - none: got %d", len(got))
	}
}

func TestHasLink(t *testing.T) {
	s := probe.Sample{Links: []probe.Link{{Name: "lo", Up: true}, {Name: "wg0", Up: false}}}
	if HasLink(s, "wg0") {
		t.Error("tunnel up - interface down: want false")
	}
	if !HasLink(s, "lo") {
		t.Error("loopback up - present and up: want true")
	}
}
