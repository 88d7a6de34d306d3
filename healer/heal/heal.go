// Package heal decides when and how to heal: which containers are in scope, when an
// unhealthy one is restarted, how restart loops are held back, and which containers
// sharing a restarted container's network namespace are brought back after it. It sees
// Docker only through the Docker interface declared here, and time only through a clock.
package heal

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/healstack/healstack/healer/container"
)

// Docker is what the decisions need from the engine.
type Docker interface {
	List(ctx context.Context) ([]container.Container, error)
	Inspect(ctx context.Context, id string) (container.Container, error)
	Restart(ctx context.Context, id string, timeout *int) error
	Start(ctx context.Context, id string) error
}

// Policy holds the settings the decisions follow.
type Policy struct {
	Label              string // selecting label key, or "all"
	Project            string // compose project to act in; "" for any
	SelfID             string // the healer's own container ID, if it runs in one
	Dependents         bool
	StartPeriod        time.Duration
	DefaultStopTimeout *int
	APITimeout         time.Duration
	ParentWait         time.Duration
	BackoffInitial     time.Duration
	BackoffMax         time.Duration
	BackoffReset       time.Duration
	RestartBudget      int
	BudgetWindow       time.Duration
	DryRun             bool
}

// Params wires a Healer.
type Params struct {
	Docker   Docker
	Clock    clockwork.Clock
	Logger   *slog.Logger
	Policy   Policy
	Observer Observer // may be nil
}

// Healer holds what the decisions remember between events.
type Healer struct {
	docker   Docker
	clock    clockwork.Clock
	log      *slog.Logger
	policy   Policy
	observer Observer
	started  time.Time

	mu        sync.Mutex
	tracks    map[string]*track
	busy      map[string]bool
	cascading map[string]bool
	waits     map[string]parentWait
	warned    map[string]bool
	parents   map[string]bool // IDs the last reconcile found other containers depend on
	listed    bool            // whether parents is known yet
	status    status

	actions sync.WaitGroup
}

// New makes a Healer; the start period counts from now.
func New(p Params) *Healer {
	if p.Observer == nil {
		p.Observer = nopObserver{}
	}
	now := p.Clock.Now()
	return &Healer{
		status:    status{downSince: now, lastReconcile: now},
		docker:    p.Docker,
		clock:     p.Clock,
		log:       p.Logger,
		policy:    p.Policy,
		observer:  p.Observer,
		started:   now,
		tracks:    map[string]*track{},
		busy:      map[string]bool{},
		cascading: map[string]bool{},
		waits:     map[string]parentWait{},
		warned:    map[string]bool{},
		parents:   map[string]bool{},
	}
}

// Wait blocks until every action in flight has finished.
func (h *Healer) Wait() { h.actions.Wait() }

// spawn runs an action beside the event loop. Actions outlive the cancellation of ctx,
// so that a restart in flight at shutdown finishes; no new action starts after it.
func (h *Healer) spawn(ctx context.Context, action func(ctx context.Context)) {
	if ctx.Err() != nil {
		return
	}
	h.actions.Add(1)
	go func() {
		defer h.actions.Done()
		action(context.WithoutCancel(ctx))
	}()
}

// acquire marks a container busy; it fails when an action on it is already in flight.
func (h *Healer) acquire(id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.busy[id] {
		return false
	}
	h.busy[id] = true
	return true
}

func (h *Healer) release(id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.busy, id)
}

// trackOf returns the memory kept for a container; the caller holds h.mu.
func (h *Healer) trackOf(id string) *track {
	t, ok := h.tracks[id]
	if !ok {
		t = &track{}
		h.tracks[id] = t
	}
	return t
}

func (h *Healer) forget(id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.tracks, id)
	if w, ok := h.waits[id]; ok {
		w.timer.Stop()
		delete(h.waits, id)
	}
}
