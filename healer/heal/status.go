package heal

import (
	"fmt"
	"time"
)

// status is the healer's view of its own health, for /healthz and metrics.
type status struct {
	streamUp      bool
	downSince     time.Time
	reconnects    int
	lastReconcile time.Time
	reconcileTook time.Duration
	inScope       int
}

// Status is a copy of the healer's self-health figures.
type Status struct {
	StreamUp      bool
	DownSince     time.Time // when the stream went down; zero while up
	Reconnects    int
	LastReconcile time.Time
	ReconcileTook time.Duration
	Containers    int // containers the last reconcile found in scope, judged by labels
}

// Status returns the current self-health figures.
func (h *Healer) Status() Status {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.status
	st := Status{StreamUp: s.streamUp, Reconnects: s.reconnects,
		LastReconcile: s.lastReconcile, ReconcileTook: s.reconcileTook, Containers: s.inScope}
	if !s.streamUp {
		st.DownSince = s.downSince
	}
	return st
}

// Check fails when the event stream has been down, or the last reconcile is older, than
// three intervals: the healer could then miss an unhealthy container.
func (h *Healer) Check(interval time.Duration) error {
	st, now := h.Status(), h.clock.Now()
	limit := 3 * interval
	if !st.StreamUp && now.Sub(st.DownSince) > limit {
		return fmt.Errorf("event stream down for %s (limit %s)",
			now.Sub(st.DownSince).Round(time.Second), limit)
	}
	if age := now.Sub(st.LastReconcile); age > limit {
		return fmt.Errorf("last reconcile %s ago (limit %s)", age.Round(time.Second), limit)
	}
	return nil
}

func (h *Healer) reconciled(at time.Time, took time.Duration, seen int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.status.lastReconcile, h.status.reconcileTook, h.status.inScope = at, took, seen
}

func (h *Healer) streamState(up bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if up == h.status.streamUp {
		return
	}
	h.status.streamUp = up
	if !up {
		h.status.downSince = h.clock.Now()
		return
	}
	if h.status.reconnects > 0 { // the first stream of all is no news
		h.log.Info("event stream reopened",
			"down_for", h.clock.Since(h.status.downSince).String())
	}
}

func (h *Healer) countReconnect() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.status.reconnects++
}

// streamDownFor tells how long the stream has been down, zero while it is up.
func (h *Healer) streamDownFor() time.Duration {
	st := h.Status()
	if st.StreamUp {
		return 0
	}
	return h.clock.Since(st.DownSince)
}
