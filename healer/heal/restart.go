package heal

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/healstack/healstack/healer/container"
)

// engineStopTimeout is what the engine waits when neither the call nor the container
// sets a stop timeout.
const engineStopTimeout = 10 * time.Second

// maxProbe bounds the probe output carried into logs and notifications.
const maxProbe = 200

// restart restarts one container and logs the pair of lines around it.
func (h *Healer) restart(ctx context.Context, c container.Container, a Action) {
	timeout := h.stopTimeoutOf(c)
	h.log.Info("restarting container", "container", c.Name, "id", c.ShortID(),
		"reason", a.Reason, "failing_streak", a.Streak, "probe", a.Probe,
		"stop_timeout", timeoutText(timeout), "dry_run", a.DryRun)
	stop := effectiveStop(c, timeout)
	begin := h.clock.Now()
	a.Began, a.Stop = begin, int(stop/time.Second)
	var err error
	if !a.DryRun {
		err = h.callRestart(ctx, c.ID, timeout, stop)
	}
	a.Took, a.Err = h.clock.Since(begin), err
	if a.Kind == KindRestart && errors.Is(err, container.ErrConflict) {
		h.remember(c.ID, func(t *track) { t.refused() })
	}
	h.finished(c, "restarted container", a)
}

// callRestart bounds the call by the stop timeout plus the API timeout, so a slow but
// successful stop is never reported as a failure.
func (h *Healer) callRestart(ctx context.Context, id string, timeout *int,
	stop time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, stop+h.policy.APITimeout)
	defer cancel()
	return h.docker.Restart(ctx, id, timeout)
}

// effectiveStop is how long the engine will wait for the container to stop: the
// timeout sent, else the container's own, else the engine's default.
func effectiveStop(c container.Container, timeout *int) time.Duration {
	switch {
	case timeout != nil:
		return time.Duration(*timeout) * time.Second
	case c.StopTimeout != nil:
		return time.Duration(*c.StopTimeout) * time.Second
	}
	return engineStopTimeout
}

// finished logs the outcome of an action and reports it.
func (h *Healer) finished(c container.Container, done string, a Action) {
	switch {
	case a.Err == nil:
		h.log.Info(done, "container", c.Name, "id", c.ShortID(), "reason", a.Reason,
			"took", a.Took.Round(time.Millisecond).String(), "dry_run", a.DryRun)
	case errors.Is(a.Err, container.ErrNotFound):
		h.log.Info("container gone before it could be acted on", "container", c.Name,
			"id", c.ShortID())
		h.forget(c.ID)
	case errors.Is(a.Err, container.ErrConflict):
		h.log.Warn("engine refused the action for now; retrying at the next reconcile",
			"container", c.Name, "id", c.ShortID(), "error", a.Err.Error())
	default:
		h.log.Error("action failed", "container", c.Name, "id", c.ShortID(),
			"kind", a.Kind, "reason", a.Reason, "took", a.Took.Round(time.Millisecond).String(),
			"error", a.Err.Error())
	}
	h.observer.Observe(a)
}

// stopTimeoutOf: the label, else the default setting, else nil (the container's own).
func (h *Healer) stopTimeoutOf(c container.Container) *int {
	if raw, ok := c.Labels[stopTimeoutLabel]; ok {
		if n, err := stopTimeout(raw); err == nil {
			return &n
		}
	}
	return h.policy.DefaultStopTimeout
}

func timeoutText(t *int) string {
	if t == nil {
		return "container's own"
	}
	return strconv.Itoa(*t) + "s"
}

// trimProbe makes a probe's output fit on one log line.
func trimProbe(out string) string {
	out = strings.Join(strings.Fields(out), " ")
	if len(out) > maxProbe {
		out = out[:maxProbe] + "..."
	}
	return out
}
