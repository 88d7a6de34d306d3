package heal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/healstack/healstack/healer/container"
)

// Reasons the healer gives for an action.
const (
	ReasonUnhealthy     = "unhealthy"
	ReasonParentStarted = "network parent started again"
	ReasonParentBack    = "network parent running again after a failed start"
)

// consider restarts one container if, on a fresh inspect, every guard allows it.
func (h *Healer) consider(ctx context.Context, id string) {
	if !h.acquire(id) {
		h.log.Debug("skipping container", "id", container.Short(id), "why", "action in flight")
		return
	}
	defer h.release(id)
	s, err := h.subjectOf(ctx, id)
	if err != nil {
		h.lost(id, fmt.Errorf("inspecting before restart: %w", err))
		return
	}
	a, blocked := h.decide(s)
	switch blocked {
	case "":
		h.restart(ctx, s.c, a)
	case guardBackoff:
		h.retryAfterBackoff(ctx, s.c)
	}
}

// subjectOf gathers what the guards look at: the container, its parent and its scope.
func (h *Healer) subjectOf(ctx context.Context, id string) (*subject, error) {
	c, err := h.inspect(ctx, id)
	if err != nil {
		return nil, err
	}
	s := &subject{c: c, started: h.started, policy: h.policy, self: h.policy.isSelf(c.ID)}
	if ref := c.NetworkParent(); ref != "" {
		if p, err := h.inspect(ctx, ref); err == nil {
			s.parent = &p
		}
	}
	s.inScope = h.scoper().inScope(ctx, c)
	return s, nil
}

// decide runs the guards under the lock and, when they all pass, counts the restart
// against backoff and budget before it is made, so a racing caller sees it. It returns
// the guard that blocked the restart, or "".
func (h *Healer) decide(s *subject) (Action, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.trackOf(s.c.ID)
	s.track, s.now = t, h.clock.Now()
	t.settle(s.now, h.policy.BackoffReset)
	if blocked := blockedBy(s); blocked != "" {
		h.skipped(s, blocked)
		return Action{}, blocked
	}
	t.restarted(s.now)
	a := h.actionFor(s.c, KindRestart, ReasonUnhealthy)
	a.Unhealthy = t.unhealthyAt
	return a, ""
}

// retryAfterBackoff looks again the moment the backoff ends, rather than at the next
// reconcile, and says at info level that the restart is being held back.
func (h *Healer) retryAfterBackoff(ctx context.Context, c container.Container) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.trackOf(c.ID)
	until := t.backoffUntil(h.policy.BackoffInitial, h.policy.BackoffMax)
	if !t.retryAt.Before(until) {
		return // already scheduled for then
	}
	t.retryAt = until
	h.log.Info("holding restart back", "container", c.Name, "id", c.ShortID(),
		"restarts_in_a_row", t.streak, "until", until.Format(time.RFC3339))
	id := c.ID
	h.clock.AfterFunc(h.clock.Until(until), func() {
		h.spawn(ctx, func(ctx context.Context) { h.consider(ctx, id) })
	})
}

// skipped logs a skip at debug, except a spent budget, which is an error until the
// container is healthy again (logged at most once per interval of the backoff cap).
func (h *Healer) skipped(s *subject, blocked string) {
	if blocked != "budget left" {
		h.log.Debug("skipping container", "container", s.c.Name, "id", s.c.ShortID(),
			"unmet", blocked)
		return
	}
	t := s.track
	first := !t.givenUp
	if !first && s.now.Sub(t.lastGiveUpLog) < h.policy.BackoffMax {
		return
	}
	t.givenUp, t.lastGiveUpLog = true, s.now
	h.log.Error("giving up on container until it is healthy again", "container", s.c.Name,
		"id", s.c.ShortID(), "restarts", len(t.restarts), "window", h.policy.BudgetWindow.String())
	if first {
		a := h.actionFor(s.c, KindGiveUp, ReasonUnhealthy)
		a.Err = errors.New("restart budget spent")
		h.observer.Observe(a)
	}
}

func (h *Healer) actionFor(c container.Container, kind, reason string) Action {
	a := Action{Kind: kind, Container: c.Name, ID: c.ID, Reason: reason,
		Streak: c.FailingStreak, State: c.Health, DryRun: h.policy.DryRun}
	if a.State == container.None {
		a.State = c.State
	}
	if c.LastProbe != nil {
		a.Probe = trimProbe(c.LastProbe.Output)
	}
	return a
}

// lost handles a container that could not be inspected: one that is gone is forgotten.
func (h *Healer) lost(id string, err error) {
	if errors.Is(err, container.ErrNotFound) {
		h.log.Debug("forgetting container", "id", container.Short(id), "why", "gone")
		h.forget(id)
		return
	}
	h.log.Warn("skipping container", "id", container.Short(id), "error", err)
}

func (h *Healer) inspect(ctx context.Context, ref string) (container.Container, error) {
	ctx, cancel := context.WithTimeout(ctx, h.policy.APITimeout)
	defer cancel()
	return h.docker.Inspect(ctx, ref)
}

func (h *Healer) scoper() scoper {
	return scoper{
		policy: h.policy,
		lookup: h.inspect,
		warn:   h.warnOnce,
	}
}

// warnOnce logs a problem with a container's labels once per container and label.
func (h *Healer) warnOnce(err error) {
	h.mu.Lock()
	seen := h.warned[err.Error()]
	h.warned[err.Error()] = true
	h.mu.Unlock()
	if !seen {
		h.log.Warn("ignoring container", slog.String("error", err.Error()))
	}
}
