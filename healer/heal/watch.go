package heal

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/healstack/healstack/healer/container"
)

// Stream opens the engine's container event stream from since (zero: from now).
type Stream interface {
	Events(ctx context.Context, since time.Time) (<-chan container.Event, <-chan error)
}

const (
	// StreamLostAfter is how long the healer runs without an event stream before it
	// exits, so that its restart policy starts it again with a fresh connection.
	StreamLostAfter = 10 * time.Minute
	// reopenMax caps the wait between attempts to reopen a broken stream.
	reopenMax   = 5 * time.Second
	reopenFirst = 100 * time.Millisecond
	// streamSettle is how long a new stream must stay open, if no event comes first,
	// before it counts as up: a refused connection fails faster than that.
	streamSettle = time.Second
)

// ErrStreamLost ends Run when the stream stayed down for StreamLostAfter.
var ErrStreamLost = errors.New("event stream lost")

// Run follows the event stream until ctx ends, reconciling at start, after every
// reconnect and every interval. A broken stream is reopened with backoff from the time
// of the last event seen.
func (h *Healer) Run(ctx context.Context, stream Stream, interval time.Duration) error {
	defer h.Stop()
	ticker := h.clock.NewTicker(interval)
	defer ticker.Stop()
	w := &watch{h: h, stream: stream, ticker: ticker.Chan(), since: h.clock.Now()}
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			h.countReconnect()
		}
		err := w.follow(ctx)
		if ctx.Err() != nil {
			return nil
		}
		h.streamState(false)
		h.log.Warn("event stream broken; reopening", "error", errText(err),
			"retry_in", w.backoff().String())
		if down := h.streamDownFor(); down >= StreamLostAfter {
			return fmt.Errorf("following events: %w after %s", ErrStreamLost, down)
		}
		if !w.pause(ctx) {
			return nil
		}
	}
}

// watch is the state of Run between reconnects.
type watch struct {
	h      *Healer
	stream Stream
	ticker <-chan time.Time
	since  time.Time // the last event's time, or when the first stream was opened
	last   container.Event
	wait   time.Duration
}

// follow opens one stream, reconciles, and handles events until the stream breaks.
func (w *watch) follow(ctx context.Context) error {
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events, errs := w.stream.Events(sctx, w.since)
	w.reconcile(ctx)
	settle := w.h.clock.NewTimer(streamSettle)
	defer settle.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-events:
			if !ok {
				return closedReason(errs)
			}
			w.up()
			w.handle(ctx, ev)
		case err := <-errs:
			return err
		case <-settle.Chan():
			w.up()
		case <-w.ticker:
			w.reconcile(ctx)
		}
	}
}

// handle passes an event on, except the one a reopened stream replays: the engine's
// since is inclusive, so the last event seen comes again first.
func (w *watch) handle(ctx context.Context, ev container.Event) {
	if sameEvent(ev, w.last) {
		return
	}
	w.h.log.Debug("event", "container", ev.Name, "id", container.Short(ev.ID),
		"action", ev.Action, "status", ev.Status)
	w.last, w.since = ev, ev.Time
	w.h.HandleEvent(ctx, ev)
}

// closedReason reads why a stream ended, if the source said so.
func closedReason(errs <-chan error) error {
	select {
	case err, ok := <-errs:
		if ok && err != nil {
			return err
		}
	default:
	}
	return errors.New("stream closed")
}

func (w *watch) up() {
	w.h.streamState(true)
	w.wait = 0
}

// pause waits before the next reopen, still reconciling on the ticker; it returns false
// when ctx ends.
func (w *watch) pause(ctx context.Context) bool {
	wait := w.backoff()
	w.wait = wait
	timer := w.h.clock.After(wait)
	for {
		select {
		case <-ctx.Done():
			return false
		case <-timer:
			return true
		case <-w.ticker:
			w.reconcile(ctx)
		}
	}
}

// backoff doubles from reopenFirst up to reopenMax.
func (w *watch) backoff() time.Duration {
	if w.wait == 0 {
		return reopenFirst
	}
	return min(2*w.wait, reopenMax)
}

func (w *watch) reconcile(ctx context.Context) {
	if err := w.h.Reconcile(ctx); err != nil && ctx.Err() == nil {
		w.h.log.Warn("reconcile failed", "error", err.Error())
	}
}

func errText(err error) string {
	if err == nil {
		return "closed"
	}
	return err.Error()
}

func sameEvent(a, b container.Event) bool {
	return a.ID == b.ID && a.Action == b.Action && a.Status == b.Status && a.Time.Equal(b.Time)
}
