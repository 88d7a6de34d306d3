package heal

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/healstack/healstack/healer/container"
)

// fakeStream hands out one stream per open; the test feeds and breaks it.
type fakeStream struct {
	mu     sync.Mutex
	opens  []time.Time // the since of every open
	events chan container.Event
	errs   chan error
	refuse bool
}

func (s *fakeStream) Events(ctx context.Context, since time.Time) (<-chan container.Event,
	<-chan error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opens = append(s.opens, since)
	s.events, s.errs = make(chan container.Event), make(chan error, 1)
	if s.refuse {
		s.errs <- errors.New("connection refused")
	}
	return s.events, s.errs
}

func (s *fakeStream) current() (chan container.Event, chan error, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.events, s.errs, len(s.opens)
}

func (s *fakeStream) sinces() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.opens...)
}

func (r *rig) lists() int {
	r.docker.mu.Lock()
	defer r.docker.mu.Unlock()
	n := 0
	for _, c := range r.docker.calls {
		if c == "list" {
			n++
		}
	}
	return n
}

// runHealer runs the healer until the test ends; the returned channel gives Run's error.
func runHealer(t *testing.T, r *rig, s *fakeStream) <-chan error {
	ctx, cancel := context.WithCancel(t.Context())
	done, finished := make(chan error, 1), make(chan struct{})
	go func() {
		defer close(finished)
		done <- r.healer.Run(ctx, s, 5*time.Second)
	}()
	t.Cleanup(func() {
		cancel()
		<-finished
	})
	return done
}

// TestStreamReopenedFromLastEvent: a broken stream is reopened from the time of the last
// event it delivered, and every (re)open is followed by a full reconcile.
func TestStreamReopenedFromLastEvent(t *testing.T) {
	r := newRig(t)
	r.docker.add(unit("a1", "vpn", selectedLabel))
	s := &fakeStream{}
	runHealer(t, r, s)
	if !waitFor(func() bool { _, _, n := s.current(); return n == 1 && r.lists() == 1 }) {
		t.Fatalf("first open not followed by a reconcile")
	}
	events, errs, _ := s.current()
	last := epoch.Add(90 * time.Minute)
	events <- container.Event{ID: "a1", Action: container.ActionStart, Time: last}
	errs <- errors.New("unexpected EOF")
	if !waitFor(func() bool { return strings.Contains(r.logs.String(), "stream broken") }) {
		t.Fatalf("broken stream not noticed")
	}
	_ = r.clock.BlockUntilContext(t.Context(), 2) // the ticker and the reopen backoff
	r.clock.Advance(reopenFirst)
	if !waitFor(func() bool { _, _, n := s.current(); return n == 2 }) {
		t.Fatalf("stream not reopened")
	}
	if got := s.sinces(); !got[1].Equal(last) {
		t.Errorf("reopened since %v, want the last event's time %v", got[1], last)
	}
	if !waitFor(func() bool { return r.lists() >= 2 }) {
		t.Errorf("reopen not followed by a reconcile")
	}
	if st := r.healer.Status(); st.Reconnects != 1 {
		t.Errorf("reconnects = %d, want 1", st.Reconnects)
	}
	if strings.Contains(r.logs.String(), "event stream reopened") {
		t.Errorf("logged a reopen before the new stream delivered anything")
	}
	events, _, _ = s.current()
	events <- container.Event{ID: "a1", Action: container.ActionStart, Time: last.Add(time.Second)}
	if !waitFor(func() bool { return strings.Contains(r.logs.String(), "event stream reopened") }) {
		t.Errorf("the stream's return was not logged:\n%s", r.logs.String())
	}
}

// TestReopenBackoffIsCapped: attempts against a refusing engine wait 100ms, 200ms, ...
// never more than 5s.
func TestReopenBackoffIsCapped(t *testing.T) {
	w := &watch{}
	var got []time.Duration
	for range 9 {
		w.wait = w.backoff()
		got = append(got, w.wait)
	}
	want := []time.Duration{100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000}
	for i := range want {
		want[i] *= time.Millisecond
	}
	if !slices.Equal(got, want) {
		t.Errorf("reopen waits = %v, want %v", got, want)
	}
}

// TestExitAfterTenMinutesWithoutStream: against an engine that refuses every stream
// the healer gives up after StreamLostAfter, so that its restart policy starts it anew.
func TestExitAfterTenMinutesWithoutStream(t *testing.T) {
	r := newRig(t)
	s := &fakeStream{refuse: true}
	done := runHealer(t, r, s)
	deadline := r.clock.Now().Add(StreamLostAfter)
	give := time.After(20 * time.Second)
	for {
		select {
		case err := <-done:
			if !errors.Is(err, ErrStreamLost) {
				t.Fatalf("Run ended with %v, want ErrStreamLost", err)
			}
			if early := deadline.Sub(r.clock.Now()); early > 0 {
				t.Fatalf("gave up %s before StreamLostAfter", early)
			}
			return
		case <-give:
			t.Fatalf("still running at %s, %s after the stream was lost",
				r.clock.Now(), r.clock.Now().Sub(deadline.Add(-StreamLostAfter)))
		default:
		}
		blockBriefly(r, 2)
		r.clock.Advance(500 * time.Millisecond)
	}
}

// TestHealthzFailsAfterThreeIntervals: the self-check passes while stream and reconcile
// are fresh, and fails once the stream has been down for more than three intervals.
func TestHealthzFailsAfterThreeIntervals(t *testing.T) {
	r := newRig(t)
	interval := 5 * time.Second
	r.healer.streamState(true)
	_ = r.healer.Reconcile(t.Context())
	if err := r.healer.Check(interval); err != nil {
		t.Fatalf("fresh healer unhealthy: %v", err)
	}
	r.healer.streamState(false)
	r.clock.Advance(3 * interval)
	_ = r.healer.Reconcile(t.Context())
	if err := r.healer.Check(interval); err != nil {
		t.Errorf("unhealthy after exactly three intervals down: %v", err)
	}
	r.clock.Advance(time.Second)
	if err := r.healer.Check(interval); err == nil {
		t.Errorf("healthy with the stream down for more than three intervals")
	}
	r.healer.streamState(true)
	if err := r.healer.Check(interval); err != nil {
		t.Errorf("unhealthy with the stream back and a recent reconcile: %v", err)
	}
	r.clock.Advance(3*interval + time.Second)
	if err := r.healer.Check(interval); err == nil {
		t.Errorf("healthy with the last reconcile older than three intervals")
	}
}

// blockBriefly waits until n timers are armed, or a moment has passed (Run may be over).
func blockBriefly(r *rig, n int) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = r.clock.BlockUntilContext(ctx, n)
}
