package checks

import (
	"fmt"
	"time"

	"github.com/healstack/healstack/e2e/probe"
)

// NSSample is one look, through the namespace probe, at the VPN's and a dependent's
// namespaces during a restart.
type NSSample struct {
	At          time.Time     // when the probe looked (its own clock), else when asked
	Took        time.Duration // from asking to both answers
	VPNUp       bool          // the VPN had a running process to sample
	VPN         probe.Sample
	DependentUp bool
	Dependent   probe.Sample
}

// Reference is the kill switch as it stood before the restart: what every sample taken
// behind the mark must show again.
type Reference struct {
	NetNS  string
	V4, V6 string
}

// MaxGap is the longest stretch between two consecutive samples.
func MaxGap(samples []NSSample) time.Duration {
	var gap time.Duration
	for i := 1; i < len(samples); i++ {
		gap = max(gap, samples[i].At.Sub(samples[i-1].At))
	}
	return gap
}

// RestartIsolation lists every sample that broke isolation: the dependent in a
// namespace other than the VPN's live one that holds more than lo, unless it is the
// VPN's previous namespace with the full kill switch still in place (as it is between
// the VPN's last process ending and the engine taking its interfaces away); a VPN
// behind its mark whose rules differ from the reference kill switch; a dependent inside
// a VPN namespace that has no mark yet.
func RestartIsolation(samples []NSSample, ref Reference) []error {
	var errs []error
	for i, s := range samples {
		for _, err := range sampleIsolation(s, ref) {
			errs = append(errs, fmt.Errorf("sample %d at %s: %w", i,
				s.At.Format("15:04:05.000"), err))
		}
	}
	return errs
}

func sampleIsolation(s NSSample, ref Reference) []error {
	var errs []error
	inVPN := s.VPNUp && s.DependentUp && s.Dependent.NetNS == s.VPN.NetNS
	if s.DependentUp && !inVPN && !onlyLoopback(s.Dependent) && !behindOld(s.Dependent, ref) {
		errs = append(errs, fmt.Errorf("dependent in namespace %s with %v, outside the "+
			"VPN's live one", s.Dependent.NetNS, linkNames(s.Dependent)))
	}
	if !s.VPNUp {
		return errs
	}
	if s.VPN.Mark {
		if s.VPN.RulesV4 != ref.V4 || s.VPN.RulesV6 != ref.V6 {
			errs = append(errs, fmt.Errorf("rules behind the mark differ from the kill switch"))
		}
	} else if inVPN {
		errs = append(errs, fmt.Errorf("dependent inside the VPN's namespace %s before its "+
			"kill switch mark", s.VPN.NetNS))
	}
	return errs
}

// Rejoined fails unless the last sample shows the dependent inside the VPN's new
// namespace, behind the mark.
func Rejoined(samples []NSSample, ref Reference) error {
	if len(samples) == 0 {
		return fmt.Errorf("no samples")
	}
	last := samples[len(samples)-1]
	switch {
	case !last.VPNUp || !last.DependentUp:
		return fmt.Errorf("the VPN or the dependent is not running at the end")
	case last.VPN.NetNS == ref.NetNS:
		return fmt.Errorf("the VPN still has its old namespace %s", ref.NetNS)
	case last.Dependent.NetNS != last.VPN.NetNS:
		return fmt.Errorf("the dependent is in %s, not the VPN's new %s",
			last.Dependent.NetNS, last.VPN.NetNS)
	case !last.VPN.Mark:
		return fmt.Errorf("the VPN's new namespace has no kill switch mark")
	}
	return nil
}

// behindOld: the dependent is in the VPN's namespace from before the restart, and that
// namespace still holds the whole kill switch.
func behindOld(d probe.Sample, ref Reference) bool {
	return d.NetNS == ref.NetNS && d.RulesV4 == ref.V4 && d.RulesV6 == ref.V6
}

func onlyLoopback(s probe.Sample) bool {
	for _, l := range s.Links {
		if l.Name != "lo" {
			return false
		}
	}
	return true
}

func linkNames(s probe.Sample) []string {
	var names []string
	for _, l := range s.Links {
		names = append(names, l.Name)
	}
	return names
}
