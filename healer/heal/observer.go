package heal

import "time"

// Kinds of action the healer reports.
const (
	KindRestart          = "restart"
	KindDependentRestart = "dependent-restart"
	KindDependentStart   = "dependent-start"
	KindGiveUp           = "give-up"
	KindParentTimeout    = "parent-timeout"
)

// Action is one thing the healer did or gave up on, for logs' downstream consumers
// (metrics, notifications). Data flows one way: an Observer never changes a decision.
type Action struct {
	Kind      string
	Container string
	ID        string
	Reason    string
	Parent    string // for dependents: the parent's name
	Probe     string // last probe output, trimmed
	Streak    int
	Unhealthy time.Time // when the container was seen turning unhealthy, if known
	Took      time.Duration
	Err       error
	DryRun    bool
}

// Observer receives every Action after it happened.
type Observer interface {
	Observe(Action)
}

type nopObserver struct{}

func (nopObserver) Observe(Action) {}

// ObserverFunc adapts a function to an Observer.
type ObserverFunc func(Action)

// Observe calls f.
func (f ObserverFunc) Observe(a Action) { f(a) }
