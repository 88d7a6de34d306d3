package heal

import "time"

// operatorGrace bounds how long a stop or kill by someone else holds the healer back
// when no die or start event follows (a kill with a signal that does not end it).
const operatorGrace = time.Minute

// track is what the healer remembers about one container between events.
type track struct {
	streak        int         // restarts for unhealthiness not followed by a healthy spell
	lastRestart   time.Time   // the last restart the healer made for unhealthiness
	restarts      []time.Time // those restarts within the budget window
	healthySince  time.Time   // zero unless healthy since the last health event
	unhealthyAt   time.Time   // when it was last seen turning unhealthy
	givenUp       bool
	lastGiveUpLog time.Time
	unpausedAt    time.Time
	operatorUntil time.Time
	retryAt       time.Time // when a look after the backoff is scheduled
}

// becameHealthy ends a give-up and starts the healthy spell that resets the backoff.
func (t *track) becameHealthy(now time.Time) {
	t.healthySince = now
	if t.givenUp {
		t.givenUp = false
		t.restarts = nil
	}
}

// becameUnhealthy closes the healthy spell; a long enough one forgives earlier restarts.
func (t *track) becameUnhealthy(now time.Time, reset time.Duration) {
	t.settle(now, reset)
	t.healthySince = time.Time{}
	t.unhealthyAt = now
}

// settle resets the backoff once the container has been healthy for reset.
func (t *track) settle(now time.Time, reset time.Duration) {
	if !t.healthySince.IsZero() && now.Sub(t.healthySince) >= reset {
		t.streak = 0
	}
}

// backoffUntil is the earliest time the next restart for unhealthiness may happen: at
// once for the first, then initial, doubling up to max.
func (t *track) backoffUntil(initial, max time.Duration) time.Time {
	if t.streak == 0 {
		return time.Time{}
	}
	wait := initial
	for i := 1; i < t.streak && wait < max; i++ {
		wait *= 2
	}
	return t.lastRestart.Add(min(wait, max))
}

// spent tells whether the restarts within the window have used up the budget.
func (t *track) spent(now time.Time, budget int, window time.Duration) bool {
	kept := t.restarts[:0]
	for _, at := range t.restarts {
		if now.Sub(at) < window {
			kept = append(kept, at)
		}
	}
	t.restarts = kept
	return len(t.restarts) >= budget
}

// restarted records a restart made because the container was unhealthy.
func (t *track) restarted(now time.Time) {
	t.streak++
	t.lastRestart = now
	t.restarts = append(t.restarts, now)
	t.healthySince = time.Time{}
}

// refused takes back the last restart counted: the engine refused it (a conflict), so
// it neither happened nor should delay the retry.
func (t *track) refused() {
	if t.streak == 0 || len(t.restarts) == 0 {
		return
	}
	t.streak--
	t.restarts = t.restarts[:len(t.restarts)-1]
	if t.streak == 0 {
		t.lastRestart = time.Time{}
	}
}

// operatorActing tells whether a stop or kill by someone else may still be under way.
func (t *track) operatorActing(now time.Time) bool {
	return now.Before(t.operatorUntil)
}
