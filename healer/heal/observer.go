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
	State     string    // health (or run state, without a healthcheck) when acted on
	Unhealthy time.Time // when the container was seen turning unhealthy, if known
	Began     time.Time // when the action's request was sent
	Stop      int       // seconds the restart allowed the container to stop
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

// Observers hands every Action to each of its members in turn.
type Observers []Observer

// Observe passes a on.
func (os Observers) Observe(a Action) {
	for _, o := range os {
		o.Observe(a)
	}
}
