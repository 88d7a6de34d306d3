package heal

import (
	"context"
	"time"

	"github.com/healstack/healstack/healer/container"
)

// HandleEvent updates what the healer remembers and starts the action the event calls
// for. It never blocks on the engine: actions run beside the event loop.
func (h *Healer) HandleEvent(ctx context.Context, ev container.Event) {
	now := h.clock.Now()
	switch ev.Action {
	case container.ActionHealth:
		h.healthChanged(ctx, ev, now)
	case container.ActionStart:
		h.remember(ev.ID, func(t *track) { t.operatorUntil = now.Add(-1) })
		h.cascadeIfParent(ctx, ev.ID)
	case container.ActionKill, container.ActionStop:
		if !h.isBusy(ev.ID) {
			h.remember(ev.ID, func(t *track) { t.operatorUntil = now.Add(operatorGrace) })
		}
	case container.ActionUnpause:
		at := ev.Time
		if at.IsZero() {
			at = now
		}
		h.remember(ev.ID, func(t *track) { t.unpausedAt = at })
	case container.ActionDestroy:
		h.forget(ev.ID)
	}
}

func (h *Healer) healthChanged(ctx context.Context, ev container.Event, now time.Time) {
	switch ev.Status {
	case container.Unhealthy:
		h.remember(ev.ID, func(t *track) { t.becameUnhealthy(now, h.policy.BackoffReset) })
		h.spawn(ctx, func(ctx context.Context) { h.consider(ctx, ev.ID) })
	case container.Healthy:
		h.remember(ev.ID, func(t *track) { t.becameHealthy(now) })
		h.cascadeIfParent(ctx, ev.ID)
	}
}

func (h *Healer) remember(id string, change func(t *track)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	change(h.trackOf(id))
}

func (h *Healer) isBusy(id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.busy[id]
}

// cascadeIfParent checks the dependents of a container that started or turned healthy,
// if it has any; a container that became a parent since the last reconcile is caught
// by the next one.
func (h *Healer) cascadeIfParent(ctx context.Context, id string) {
	if h.policy.Dependents && h.mayBeParent(id) {
		h.spawn(ctx, func(ctx context.Context) { h.cascade(ctx, id, nil) })
	}
}
