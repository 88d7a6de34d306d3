// Package checks holds the suite's invariants as plain functions over what was
// observed, so that a spec's assertion names the rule it checks.
package checks

import (
	"fmt"
	"strings"
	"time"

	"github.com/healstack/healstack/e2e/observe"
	"github.com/healstack/healstack/e2e/probe"
)

// From keeps the connections whose source is addr.
func From(conns []observe.Connection, addr string) []observe.Connection {
	var out []observe.Connection
	for _, c := range conns {
		if c.Source == addr {
			out = append(out, c)
		}
	}
	return out
}

// To keeps the connections made to a local address and port.
func To(conns []observe.Connection, local string, port int) []observe.Connection {
	var out []observe.Connection
	for _, c := range conns {
		if c.Local == local && c.Port == port {
			out = append(out, c)
		}
	}
	return out
}

// KillSwitchIntact fails unless the mark exists and both live rule sets equal the
// ones the VPN's entrypoint installed.
func KillSwitchIntact(s probe.Sample) error {
	switch {
	case !s.Mark:
		return fmt.Errorf("the kill-switch mark is missing")
	case s.ExpectedV4 == "" || s.ExpectedV6 == "":
		return fmt.Errorf("the expected rule sets are missing")
	case s.RulesV4 != s.ExpectedV4:
		return fmt.Errorf("IPv4 rules differ:\n%s\nwant:\n%s", s.RulesV4, s.ExpectedV4)
	case s.RulesV6 != s.ExpectedV6:
		return fmt.Errorf("IPv6 rules differ:\n%s\nwant:\n%s", s.RulesV6, s.ExpectedV6)
	}
	return nil
}

// DropsByDefault fails unless every built-in chain of a rule set drops by default.
func DropsByDefault(rules string) error {
	for _, chain := range []string{"INPUT", "FORWARD", "OUTPUT"} {
		if !strings.Contains(rules, ":"+chain+" DROP\n") {
			return fmt.Errorf("chain %s does not drop by default:\n%s", chain, rules)
		}
	}
	return nil
}

// HasLink tells whether a namespace holds an interface that is up.
func HasLink(s probe.Sample, name string) bool {
	for _, l := range s.Links {
		if l.Name == name && l.Up {
			return true
		}
	}
	return false
}

// Window is a stretch of time in which a leak was provoked on purpose.
type Window struct {
	From, To time.Time
}

// Outside keeps the connections that fall in none of the windows.
func Outside(conns []observe.Connection, windows []Window) []observe.Connection {
	var out []observe.Connection
	for _, c := range conns {
		inside := false
		for _, w := range windows {
			if !c.Time.Before(w.From) && !c.Time.After(w.To) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, c)
		}
	}
	return out
}
