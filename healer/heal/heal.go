// Package heal decides when and how to heal: which containers are in scope, when an
// unhealthy one is restarted, how restart loops are held back, and which containers
// sharing a restarted container's network namespace are brought back after it. It sees
// Docker only through the Docker interface declared here, and time only through a clock.
package heal

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
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

	inflight int         // actions running; guarded by mu, idle signalled when it drops to 0
	idle     *sync.Cond  // on mu
	stopped  atomic.Bool // set once Run has returned: no new action starts
}

// New makes a Healer; the start period counts from now.
func New(p Params) *Healer {
	if p.Observer == nil {
		p.Observer = nopObserver{}
	}
	now := p.Clock.Now()
	h := &Healer{
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
	h.idle = sync.NewCond(&h.mu)
	return h
}

// Wait blocks until no action is in flight; actions may start while it waits (a timer
// ending a backoff), and it waits for those too.
func (h *Healer) Wait() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for h.inflight > 0 {
		h.idle.Wait()
	}
}

// Stop refuses every action from now on; actions in flight go on (Wait for them).
func (h *Healer) Stop() { h.stopped.Store(true) }

// spawn runs an action beside the event loop. Actions outlive the cancellation of ctx,
// so that a restart in flight at shutdown finishes; no new action starts after it.
func (h *Healer) spawn(ctx context.Context, action func(ctx context.Context)) {
	if h.stopped.Load() || ctx.Err() != nil {
		return
	}
	h.mu.Lock()
	h.inflight++
	h.mu.Unlock()
	go func() {
		defer h.done()
		action(context.WithoutCancel(ctx))
	}()
}

func (h *Healer) done() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.inflight--
	if h.inflight == 0 {
		h.idle.Broadcast()
	}
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
