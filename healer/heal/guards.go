package heal

import (
	"time"

	"github.com/healstack/healstack/healer/container"
)

// subject is everything a restart decision looks at, taken right before acting.
type subject struct {
	c       container.Container  // fresh inspect
	parent  *container.Container // fresh inspect of its network parent, if it has one
	inScope bool
	self    bool
	track   *track
	now     time.Time
	started time.Time // when the healer started
	policy  Policy
}

// guardBackoff is the guard a restart loop trips; the healer looks again when it ends.
const guardBackoff = "backoff over"

// guard names a condition a restart needs; check returns false when it is not met.
type guard struct {
	name  string
	check func(s *subject) bool
}

// guards are checked in order; the first that fails names the skip. Backoff and budget
// come last, so that only a restart that would otherwise happen counts against them.
var guards = []guard{
	{"in scope", func(s *subject) bool { return s.inScope }},
	{"not the healer itself", func(s *subject) bool { return !s.self }},
	{"not paused", func(s *subject) bool { return s.c.State != container.Paused }},
	{"not restarting", func(s *subject) bool { return s.c.State != container.Restarting }},
	{"running", func(s *subject) bool { return s.c.State == container.Running }},
	{"health is unhealthy", func(s *subject) bool { return s.c.Health == container.Unhealthy }},
	{"probe newer than start", probeAfterStart},
	{"probe newer than unpause", probeAfterUnpause},
	{"start period over", func(s *subject) bool {
		return !s.now.Before(s.started.Add(s.policy.StartPeriod))
	}},
	{"no stop or kill by someone else", func(s *subject) bool {
		return !s.track.operatorActing(s.now)
	}},
	{"parent healthy", parentHealthy},
	{"budget left", func(s *subject) bool {
		return !s.track.spent(s.now, s.policy.RestartBudget, s.policy.BudgetWindow)
	}},
	{guardBackoff, func(s *subject) bool {
		until := s.track.backoffUntil(s.policy.BackoffInitial, s.policy.BackoffMax)
		return !s.now.Before(until)
	}},
}

// blockedBy returns the name of the first guard that stops a restart, or "".
func blockedBy(s *subject) string {
	for _, g := range guards {
		if !g.check(s) {
			return g.name
		}
	}
	return ""
}

// probeAfterStart: an unhealthy status left from before the last start is stale.
func probeAfterStart(s *subject) bool {
	p := s.c.LastProbe
	return p != nil && p.Start.After(s.c.StartedAt)
}

// probeAfterUnpause: while paused no probe runs, so the status shown right after an
// unpause is the one from before the pause.
func probeAfterUnpause(s *subject) bool {
	p := s.c.LastProbe
	return s.track.unpausedAt.IsZero() || (p != nil && p.Start.After(s.track.unpausedAt))
}

// parentHealthy: a container in another one's namespace is never restarted while that
// namespace's owner is down or unhealthy; restarting it could not help.
func parentHealthy(s *subject) bool {
	if s.c.NetworkParent() == "" {
		return true
	}
	return s.parent != nil && ready(*s.parent)
}

// ready: running and healthy, or running with no healthcheck.
func ready(c container.Container) bool {
	if c.State != container.Running {
		return false
	}
	return c.Health == container.Healthy || (!c.HasHealthcheck && c.Health == container.None)
}
