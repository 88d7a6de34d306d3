package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// eventLine is one line of the /events stream as the engine sent it, with the fields
// the recorder selects on.
type eventLine struct {
	raw      []byte
	id       string
	action   string
	timeNano int64
}

// collector keeps every line of one open /events stream.
type collector struct {
	mu     sync.Mutex
	lines  []eventLine
	notify chan struct{} // closed and replaced on each line
	done   chan struct{}
	err    error
}

// collect opens /events with the given query and reads it in the background until ctx
// ends.
func collect(ctx context.Context, api *rawAPI, query url.Values) (*collector, error) {
	//nolint:bodyclose // closed below, or by the reading goroutine
	resp, err := api.send(ctx, http.MethodGet, "/events", query)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("opening events: status %d", resp.StatusCode)
	}
	c := &collector{notify: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		defer resp.Body.Close()
		c.read(bufio.NewScanner(resp.Body))
	}()
	return c, nil
}

func (c *collector) read(sc *bufio.Scanner) {
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		raw := append([]byte(nil), sc.Bytes()...)
		var msg struct {
			Action   string
			Actor    struct{ ID string }
			TimeNano int64 `json:"timeNano"`
		}
		if err := json.Unmarshal(raw, &msg); err != nil {
			c.fail(fmt.Errorf("decoding event %q: %w", raw, err))
			return
		}
		c.add(eventLine{raw: raw, id: msg.Actor.ID, action: msg.Action, timeNano: msg.TimeNano})
	}
	c.fail(sc.Err())
}

func (c *collector) add(l eventLine) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lines = append(c.lines, l)
	close(c.notify)
	c.notify = make(chan struct{})
}

func (c *collector) fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.err = err
}

// between returns the lines of the container id (all ids when "") in [from, to].
func (c *collector) between(id string, from, to time.Time) []eventLine {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []eventLine
	for _, l := range c.lines {
		if (id == "" || l.id == id) && l.timeNano >= from.UnixNano() &&
			l.timeNano <= to.UnixNano() {
			out = append(out, l)
		}
	}
	return out
}

// waitAction blocks until the container id emitted action (a prefix match, so
// "health_status" matches "health_status: healthy") at or after from.
func (c *collector) waitAction(ctx context.Context, id, action string, from time.Time) error {
	for {
		c.mu.Lock()
		found := c.hasLocked(id, action, from)
		notify := c.notify
		c.mu.Unlock()
		if found {
			return nil
		}
		select {
		case <-notify:
		case <-c.done:
			return fmt.Errorf("waiting for %s of %s: event stream ended: %w", action, id, c.err)
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s of %s: %w", action, short(id), ctx.Err())
		}
	}
}

func (c *collector) hasLocked(id, action string, from time.Time) bool {
	for _, l := range c.lines {
		if l.id == id && strings.HasPrefix(l.action, action) && l.timeNano >= from.UnixNano() {
			return true
		}
	}
	return false
}

func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}
