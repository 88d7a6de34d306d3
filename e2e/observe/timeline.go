// Package observe gathers what happens during a run into one timeline: the engine's
// events, the probe's samples, the faults applied and the specs' own steps.
package observe

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// Entry is one thing that happened.
type Entry struct {
	Time time.Time
	// Source says who saw it: engine, fault, probe, spec.
	Source string
	// Subject is the container (by name) or the fault it concerns.
	Subject string
	// What is the event's action ("die", "health_status: unhealthy") or a line of text.
	What string
}

// Timeline is safe for concurrent use.
type Timeline struct {
	mu      sync.Mutex
	entries []Entry
}

// Add appends an entry; a zero time means now.
func (t *Timeline) Add(e Entry) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.entries = append(t.entries, e)
}

// Note adds a line from a spec or a fault.
func (t *Timeline) Note(source, subject, format string, args ...any) {
	t.Add(Entry{Source: source, Subject: subject, What: fmt.Sprintf(format, args...)})
}

// Since returns the entries at or after from, oldest first.
func (t *Timeline) Since(from time.Time) []Entry {
	t.mu.Lock()
	out := make([]Entry, 0, len(t.entries))
	for _, e := range t.entries {
		if !e.Time.Before(from) {
			out = append(out, e)
		}
	}
	t.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out
}

// First returns the earliest entry at or after from that matches.
func (t *Timeline) First(from time.Time, match func(Entry) bool) (Entry, bool) {
	for _, e := range t.Since(from) {
		if match(e) {
			return e, true
		}
	}
	return Entry{}, false
}

// WriteTo prints the entries since from, one a line, with times relative to from.
func (t *Timeline) WriteTo(w io.Writer, from time.Time) error {
	for _, e := range t.Since(from) {
		_, err := fmt.Fprintf(w, "%s +%8.3fs %-6s %-28s %s\n", e.Time.UTC().Format(time.RFC3339Nano),
			e.Time.Sub(from).Seconds(), e.Source, e.Subject, e.What)
		if err != nil {
			return fmt.Errorf("writing timeline: %w", err)
		}
	}
	return nil
}

// Engine matches an engine event of a container whose action starts with action.
func Engine(container, action string) func(Entry) bool {
	return func(e Entry) bool {
		return e.Source == "engine" && e.Subject == container && strings.HasPrefix(e.What, action)
	}
}
