package fakeengine

import (
	"maps"
	"strings"
	"time"

	"github.com/moby/moby/api/types/container"
)

// event is one /events message in the shape the recorded engine sends, legacy
// status/id/from fields included.
type event struct {
	Status   string `json:"status,omitempty"`
	ID       string `json:"id,omitempty"`
	From     string `json:"from,omitempty"`
	Type     string `json:"Type"`
	Action   string `json:"Action"`
	Actor    actor  `json:"Actor"`
	Scope    string `json:"scope"`
	Time     int64  `json:"time"`
	TimeNano int64  `json:"timeNano"`
}

type actor struct {
	ID         string            `json:"ID"`
	Attributes map[string]string `json:"Attributes"`
}

// subscriber is one open /events stream.
type subscriber struct {
	events chan event
	gone   chan struct{} // closed by BreakEvents, or when the buffer overflowed
	filter filter
	until  time.Time
}

// subscriberBuffer bounds what a slow stream may lag behind before it is dropped.
const subscriberBuffer = 1024

// emitLocked logs an event of the container, with the container's attributes as the
// engine adds them (its labels, image and name), and hands it to every open stream.
func (e *Engine) emitLocked(c *container.InspectResponse, action string, own map[string]string) {
	now := time.Now()
	attrs := map[string]string{}
	if c.Config != nil {
		maps.Copy(attrs, c.Config.Labels)
		attrs["image"] = c.Config.Image
	}
	attrs["name"] = strings.TrimPrefix(c.Name, "/")
	maps.Copy(attrs, own)
	ev := event{
		Status: action, ID: c.ID, From: attrs["image"],
		Type: "container", Action: action,
		Actor: actor{ID: c.ID, Attributes: attrs},
		Scope: "local", Time: now.Unix(), TimeNano: now.UnixNano(),
	}
	e.log = append(e.log, ev)
	for s := range e.subs {
		if !s.filter.match(ev) {
			continue
		}
		select {
		case s.events <- ev:
		default:
			e.dropLocked(s)
		}
	}
}

func (e *Engine) dropLocked(s *subscriber) {
	if _, ok := e.subs[s]; ok {
		delete(e.subs, s)
		close(s.gone)
	}
}

// subscribe registers a stream and returns, in the same instant, the logged events it
// must replay first: nothing is lost or doubled between replay and live events. The
// since parameter is kept for EventsSince only once the stream is registered, so that
// a test seeing it knows that what it does next reaches the stream.
func (e *Engine) subscribe(f filter, sinceParam string, since, until time.Time) (
	*subscriber, []event,
) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.since = append(e.since, sinceParam)
	s := &subscriber{
		events: make(chan event, subscriberBuffer),
		gone:   make(chan struct{}),
		filter: f,
		until:  until,
	}
	e.subs[s] = struct{}{}
	if since.IsZero() {
		return s, nil
	}
	var replay []event
	for _, ev := range e.log {
		// since is inclusive on the recorded engine (testdata/meta.json).
		if ev.TimeNano >= since.UnixNano() && f.match(ev) &&
			(until.IsZero() || ev.TimeNano <= until.UnixNano()) {
			replay = append(replay, ev)
		}
	}
	return s, replay
}

func (e *Engine) unsubscribe(s *subscriber) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.dropLocked(s)
}

// BreakEvents ends every open event stream, as an engine restart or a proxy timeout
// would; the client sees the stream end and must reconnect.
func (e *Engine) BreakEvents() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for s := range e.subs {
		e.dropLocked(s)
	}
}

// EventsSince lists the since parameter of every events stream opened so far, "" for
// one opened without.
func (e *Engine) EventsSince() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.since...)
}
